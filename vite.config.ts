import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

export default defineConfig({
  root: 'src/web',
  // Brotli and gzip copies beside each asset: the server sends the one the phone accepts (preCompressed).
  plugins: [react(), compression({ algorithms: ['gzip', 'brotliCompress'] })],
  build: { outDir: '../../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 800 },
  server: { proxy: { '/api': 'http://localhost:8080', '/healthz': 'http://localhost:8080' } },
});
