require('reflect-metadata');
process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'silent';
// A fixed key for personal data in tests (the embedded default would write a key file).
process.env.TONGXIN_DATA_KEY = process.env.TONGXIN_DATA_KEY || 'dGVzdC1vbmx5LWRhdGEta2V5LTMyLWJ5dGVzLWxvbmc=';
// And for service calls (the embedded default would write data/service-secret).
process.env.TONGXIN_SERVICE_SECRET = process.env.TONGXIN_SERVICE_SECRET || 'tongxin-test-service-secret-only-for-tests-9876543210';
