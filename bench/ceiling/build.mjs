// Compiles ceiling.ts (bench only; never part of the package) with asc, a devDependency present
// wherever the benchmarks run, into the system's temporary directory. Node suites instantiate
// it directly; the Chromium page fetches the same bytes from bench/web/server.mjs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The bytes of a freshly compiled ceiling module. */
export function ceilingBytes() {
  const dir = mkdtempSync(join(tmpdir(), 'deeplin-ceiling-'));
  try {
    const out = join(dir, 'ceiling.wasm');
    const source = fileURLToPath(new URL('./ceiling.ts', import.meta.url));
    execFileSync(process.execPath, [
      `${root}node_modules/assemblyscript/bin/asc.js`, source,
      '-O3', '--enable', 'simd', '--runtime', 'stub', '--use', 'abort=', '--noAssert',
      '--bindings', 'raw', '-o', out,
    ], { stdio: 'inherit' });
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** { mulAddCeiling(steps, x, y) → address, memory } of a freshly compiled ceiling module. */
export async function loadCeiling() {
  const { instance } = await WebAssembly.instantiate(ceilingBytes(), {});
  return instance.exports;
}
