// init({ relaxedSimd: true }) in Node, in fresh processes of the built package: plain Node 20
// does not validate relaxed SIMD, so the portable module runs; with
// --experimental-wasm-relaxed-simd the relaxed module runs and its products agree with the
// portable ones (this process) within the rounding bound of cases.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as lib from '../../src/index.js';
import { CASES, compare, products } from './cases.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const FLAG = '--experimental-wasm-relaxed-simd';

/** Run an ES module snippet in a fresh Node with `flags`; its stdout is one JSON value. */
function runChild(flags: string[], body: string): unknown {
  expect(existsSync(join(root, 'dist/index.js')), 'dist/ is missing: run npm run build').toBe(true);
  const code = `
    import * as lib from ${JSON.stringify(join(root, 'dist/index.js'))};
    import { products } from ${JSON.stringify(join(root, 'test/relaxed/cases.mjs'))};
    import { wasmBase64 } from
      ${JSON.stringify(join(root, 'dist/core/generated/kernels-relaxed-base64.js'))};
    const validates = WebAssembly.validate(Buffer.from(wasmBase64, 'base64'));
    ${body}`;
  const r = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', code], {
    encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 2 ** 20,
  });
  expect(r.stderr).not.toMatch(/Error/);
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
}

describe('init({ relaxedSimd: true }) in Node', () => {
  it('falls back to the portable module where the runtime does not validate relaxed SIMD', () => {
    const out = runChild([], `
      await lib.init({ relaxedSimd: true });
      console.log(JSON.stringify({ validates, variant: lib.kernelVariant() }));`) as
      { validates: boolean; variant: string };
    expect(out.variant).toBe(out.validates ? 'relaxed' : 'portable');
    if (process.versions.node.startsWith('20.')) expect(out).toEqual(
      { validates: false, variant: 'portable' });
  });

  it(`runs the relaxed module under ${FLAG}, within 2γ_(k+1)|A||B| of the portable one`, () => {
    const out = runChild([FLAG], `
      await lib.init({ relaxedSimd: true });
      const bytes = products(lib).map((x) => Buffer.from(x.buffer).toString('base64'));
      console.log(JSON.stringify({ validates, variant: lib.kernelVariant(), bytes }));`) as
      { validates: boolean; variant: string; bytes: string[] };
    expect(out.validates).toBe(true);
    expect(out.variant).toBe('relaxed');

    const portable = products(lib);
    let differing = 0;
    CASES.forEach((c, i) => {
      const raw = Buffer.from(out.bytes[i]!, 'base64');
      const relaxed = new Float64Array(raw.buffer, raw.byteOffset, raw.length / 8);
      expect(relaxed.length).toBe(c.m * c.n);
      const r = compare(lib, c, relaxed, portable[i]!);
      expect(r.worst, JSON.stringify(c)).toBeLessThanOrEqual(1);
      differing += r.differing;
    });
    // Fused rounding shows in some last bits (on hardware with FMA, as here): the relaxed tile
    // really ran. Cases with one row or column go to dgemv, the same code in both modules.
    expect(differing).toBeGreaterThan(0);
  });
});
