import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The workbench is built to dist/ and served by the Sieve server next to the
 * API (same origin: the session cookie is SameSite=Strict and HttpOnly). In
 * development `npm run dev -w @sieve/web` forwards the API to a running
 * server (SIEVE_API, default http://127.0.0.1:8080).
 */
const api = process.env.SIEVE_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
    // Timing notes on a busy machine are noise in the demo's output.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    proxy: Object.fromEntries(['/api', '/docs', '/health', '/metrics'].map((p) => [p, api])),
  },
});
