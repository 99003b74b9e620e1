import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The gateway serves dist/ at / (same origin as /graphql and /oidc); `npm run dev` proxies them to a running gateway.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, assetsDir: 'assets', sourcemap: false, chunkSizeWarningLimit: 2000 },
  server: {
    proxy: Object.fromEntries(['/graphql', '/oidc', '/console-config.json'].map((p) => [p, process.env.TONGXIN_GATEWAY ?? 'http://127.0.0.1:4000'])),
  },
});
