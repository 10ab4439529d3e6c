// Vite for the demo page (root: web/). The page imports the library from ../src, so the dev
// server may read the repository root; workers are ES modules because they use top-level await.
// Observable Plot (for dropped reports) is pre-bundled at start, so the first drop does not make
// the dev server re-optimize and reload the page.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  base: './',
  server: { fs: { allow: [repoRoot] } },
  worker: { format: 'es' },
  optimizeDeps: { include: ['@observablehq/plot'] },
  build: { target: 'es2022' },
});
