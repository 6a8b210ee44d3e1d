import { defineConfig } from 'vite';

/** One build for every page of the product, served by the API under /app (apps/api/src/web-console). */
export default defineConfig({
  root: __dirname,
  base: '/app/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    target: 'es2020',
    reportCompressedSize: false,
  },
  server: { proxy: { '^/(?!app)': 'http://127.0.0.1:3000' } },
});
