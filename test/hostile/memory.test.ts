// Memory: a million tiny calls and ten thousand large ones leave Wasm memory and the count of
// live Wasm blocks where they were; training runs freed by dispose() return every block; and a
// call that grows memory corrupts neither its own result nor a network's resident state.
import { describe, expect, it } from 'vitest';
import {
  DeepLinearNetwork, Matrix, dot, matmul, pinv, svd, wasmMemoryBytes,
} from '../../src/index.js';
import { wasmLiveBlocks } from '../../src/core/memory.js';
import { fro, mul, sub } from './hostile.js';

/** The figures the report quotes; printed once per file. */
const figures: Record<string, string> = {};

describe('no call leaks', () => {
  it('10⁶ dot calls on length-4 vectors: memory and live blocks flat', () => {
    const x = Float64Array.of(1, 2, 3, 4);
    const y = Float64Array.of(4, 3, 2, 1);
    for (let i = 0; i < 1000; i++) dot(x, y); // warm-up: the allocator settles
    const bytes = wasmMemoryBytes();
    const live = wasmLiveBlocks();
    const t0 = performance.now();
    let sum = 0;
    for (let i = 0; i < 1_000_000; i++) sum += dot(x, y);
    figures['1e6 dot(4)'] = `${(performance.now() - t0).toFixed(0)} ms`;
    expect(sum).toBe(20_000_000);
    expect(wasmLiveBlocks()).toBe(live);
    expect(wasmMemoryBytes()).toBe(bytes);
  });

  it('10⁴ matmul calls of 48×48 (and failing calls between them): memory flat', () => {
    const a = Matrix.randn(48, 48, { seed: 1 });
    const b = Matrix.randn(48, 48, { seed: 2 });
    const bad = Matrix.fromRows([[NaN]]);
    const want = matmul(a, b);
    const bytes = wasmMemoryBytes();
    const live = wasmLiveBlocks();
    const t0 = performance.now();
    for (let i = 0; i < 10_000; i++) {
      const c = matmul(a, b);
      if (i % 1000 === 0) {
        expect(c.data).toEqual(want.data);
        expect(() => matmul(a, new Matrix(47, 2))).toThrow(/inner dimensions/);
        expect(() => matmul(bad, bad)).toThrow(/must be finite/);
      }
    }
    figures['1e4 matmul(48)'] = `${(performance.now() - t0).toFixed(0)} ms`;
    expect(wasmLiveBlocks()).toBe(live);
    expect(wasmMemoryBytes()).toBe(bytes);
  });

  it('10³ svd and pinv calls of 24×16, and errors thrown mid-call: memory flat', () => {
    const a = Matrix.randn(24, 16, { seed: 3 });
    svd(a);
    pinv(a);
    const bytes = wasmMemoryBytes();
    const live = wasmLiveBlocks();
    for (let i = 0; i < 1000; i++) {
      svd(a, { vectors: i % 2 ? 'full' : 'thin' });
      pinv(a);
      // A sweep cap of 1 fails inside the Jacobi loop, with scratch blocks held.
      if (i % 100 === 0) expect(() => svd(a, { maxSweeps: 1 })).toThrow(/did not converge/);
    }
    expect(wasmLiveBlocks()).toBe(live);
    expect(wasmMemoryBytes()).toBe(bytes);
  });

  it('500 create/train/dispose cycles (and Diverged runs) return every block', () => {
    const A = Matrix.randn(4, 9, { seed: 4 });
    const b = Matrix.randn(4, 1, { seed: 5 }).data;
    const cycle = (i: number) => {
      const net = new DeepLinearNetwork({
        A, b, widths: [6, 5], init: { kind: 'gaussian', scale: 0.5 }, seed: i,
      });
      try {
        net.train({ step: i % 10 === 0 ? 50 : 'auto', maxSteps: 40, momentum: i % 3 ? 0 : 0.5 });
      } catch (e) {
        expect((e as Error).name).toBe('Diverged');
      }
      net.dispose();
    };
    for (let i = 0; i < 20; i++) cycle(i);
    const bytes = wasmMemoryBytes();
    const live = wasmLiveBlocks();
    for (let i = 0; i < 500; i++) cycle(i);
    expect(wasmLiveBlocks()).toBe(live);
    expect(wasmMemoryBytes()).toBe(bytes);
  });
});

describe('memory growth', () => {
  it('a call that grows memory keeps its result and a resident network intact', () => {
    const A = Matrix.randn(3, 7, { seed: 6 });
    const b = Matrix.randn(3, 1, { seed: 7 }).data;
    const config = { A, b, widths: [5], init: { kind: 'gaussian' as const }, seed: 8 };
    const net = new DeepLinearNetwork(config);
    const twin = new DeepLinearNetwork(config);
    net.train({ step: 'auto', maxSteps: 30 });
    twin.train({ step: 'auto', maxSteps: 30 });
    const before = { theta: net.theta(), loss: net.loss(), factors: net.factors() };

    // An SVD whose scratch exceeds all memory now held must grow it inside the call.
    const bytes = wasmMemoryBytes();
    const rows = Math.ceil(bytes / 8 / 64) + 64;
    const big = Matrix.randn(rows, 64, { seed: 9 });
    const f = svd(big);
    expect(wasmMemoryBytes()).toBeGreaterThan(bytes);
    figures['grown by'] = `${((wasmMemoryBytes() - bytes) / 2 ** 20).toFixed(1)} MiB`;
    const US = new Matrix(rows, 64, f.U!.data.map((u, i) => u * f.s[i % 64]!));
    const err = fro(sub(mul(US, f.V!.transpose()), big)) / fro(big);
    expect(err).toBeLessThan(100 * rows * Number.EPSILON);

    // The network's state lives at the same addresses in the grown memory.
    expect(net.theta()).toEqual(before.theta);
    expect(net.loss()).toBe(before.loss);
    net.factors().forEach((w, i) => expect(w.data).toEqual(before.factors[i]!.data));
    net.train({ step: 'auto', maxSteps: 30 });
    twin.train({ step: 'auto', maxSteps: 30 });
    expect(net.theta()).toEqual(twin.theta());
    net.dispose();
    twin.dispose();
    console.log(`hostile memory figures: ${JSON.stringify(figures)}`);
  });
});
