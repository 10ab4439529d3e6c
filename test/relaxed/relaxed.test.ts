// init({ relaxedSimd: true }) in Chromium, which validates relaxed SIMD by default: a Web
// Worker loads the relaxed module and its products agree with the page's portable ones within
// the rounding bound of cases.mjs (Chromium only; Node runs the same cases in a child process,
// see relaxed.node.test.ts).
import { describe, expect, it } from 'vitest';
import * as lib from '../../src/index.js';
import { wasmBase64 } from '../../src/core/generated/kernels-relaxed-base64.js';
import { CASES, compare, products } from './cases.mjs';

function relaxedBytes(): Uint8Array<ArrayBuffer> {
  const binary = atob(wasmBase64);
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

function runWorker(): Promise<{ variant: string; out: Float64Array[] }> {
  const w = new Worker(new URL('./relaxed-worker.ts', import.meta.url), { type: 'module' });
  return new Promise<{ variant: string; out: Float64Array[] }>((resolve, reject) => {
    w.onmessage = (e) => resolve(e.data);
    w.onerror = (e) => reject(new Error(e.message));
  }).finally(() => w.terminate());
}

describe.skipIf(typeof Worker === 'undefined')('the relaxed-SIMD module in the browser', () => {
  it('is validated, chosen by init({ relaxedSimd: true }), and agrees within 2γ_(k+1)|A||B|',
    async () => {
      expect(WebAssembly.validate(relaxedBytes())).toBe(true);
      expect(lib.kernelVariant()).toBe('portable');
      const { variant, out } = await runWorker();
      expect(variant).toBe('relaxed');

      const portable = products(lib);
      let differing = 0;
      CASES.forEach((c, i) => {
        expect(out[i]!.length).toBe(c.m * c.n);
        const r = compare(lib, c, out[i]!, portable[i]!);
        expect(r.worst, JSON.stringify(c)).toBeLessThanOrEqual(1);
        differing += r.differing;
      });
      // Fused rounding shows in some last bits (on hardware with FMA, as here).
      expect(differing).toBeGreaterThan(0);
    });
});
