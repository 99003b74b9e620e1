/** One jest run for every workspace: TypeScript through SWC (with decorator metadata). */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

module.exports = {
  testEnvironment: 'node',
  // jose, oidc-provider and oauth4webapi ship only ES modules; Node 20 requires them natively, jest's loader does not.
  transform: { '^.+\\.ts$': swc, '/node_modules/(jose|oidc-provider|oauth4webapi)/.+\\.js$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(jose|oidc-provider|oauth4webapi)/)'],
  moduleNameMapper: {
    '^@tongxin/common$': '<rootDir>/packages/common/src',
    '^@tongxin/platform$': '<rootDir>/packages/platform/src',
    '^@tongxin/identity$': '<rootDir>/packages/identity/src',
    '^@tongxin/gateway$': '<rootDir>/gateway/src',
    '^@tongxin/(persons|organizations|activities|evaluation)$': '<rootDir>/subgraphs/$1/src',
  },
  testMatch: ['<rootDir>/{packages,subgraphs,gateway,test,bench}/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  setupFiles: ['<rootDir>/test/setup-env.js'],
  testTimeout: 120000,
  maxWorkers: 2,
};
