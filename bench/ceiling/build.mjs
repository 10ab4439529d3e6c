// Compiles ceiling.ts (bench only; never part of the package) into the system's temporary
// directory and returns its exports. asc is a devDependency, present wherever the benchmarks run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** { mulAddCeiling(steps, x, y) → address, memory } of a freshly compiled ceiling module. */
export async function loadCeiling() {
  const dir = mkdtempSync(join(tmpdir(), 'deeplin-ceiling-'));
  try {
    const out = join(dir, 'ceiling.wasm');
    const source = fileURLToPath(new URL('./ceiling.ts', import.meta.url));
    execFileSync(process.execPath, [
      `${root}node_modules/assemblyscript/bin/asc.js`, source,
      '-O3', '--enable', 'simd', '--runtime', 'stub', '--use', 'abort=', '--noAssert',
      '--bindings', 'raw', '-o', out,
    ], { stdio: 'inherit' });
    const { instance } = await WebAssembly.instantiate(readFileSync(out), {});
    return instance.exports;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
