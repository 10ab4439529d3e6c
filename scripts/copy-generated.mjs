// tsc does not copy the asc-generated JS bindings (allowJs is off); put them beside dist's code.
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
mkdirSync(`${root}dist/core/generated`, { recursive: true });
for (const file of ['kernels.js', 'kernels.d.ts', 'kernels.wasm']) {
  copyFileSync(`${root}src/core/generated/${file}`, `${root}dist/core/generated/${file}`);
}
