import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The backend serves dist/ at /taskpane/, so the add-in and the API share one origin:
// no CORS, and the manifests need only one domain.
const backend = process.env.KOLLEGA_API_URL ?? 'http://127.0.0.1:8000';
const root = import.meta.dirname;

export default defineConfig({
  base: '/taskpane/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      input: {
        taskpane: resolve(root, 'taskpane.html'),
        playground: resolve(root, 'playground.html'),
        'auth-dialog': resolve(root, 'auth-dialog.html'),
        commands: resolve(root, 'commands.html'),
      },
      output: {
        // Named vendor chunks change rarely, so Office's webview keeps them cached across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'msal', test: /node_modules[\\/]@azure[\\/]msal-/ },
          ],
        },
      },
    },
    // Fluent UI and React together are larger than Vite's default warning; the budget that matters
    // (250 KB gzipped before first render) is checked by scripts/bundle-size.mjs.
    chunkSizeWarningLimit: 700,
  },
  server: {
    port: 5173,
    // `npm run dev` against a backend on :8000 (make demo): the same paths as in production.
    proxy: Object.fromEntries(['/api', '/healthz', '/readyz', '/metrics'].map((p) => [p, backend])),
  },
});
