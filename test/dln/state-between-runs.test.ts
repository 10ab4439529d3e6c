// What one train() call leaves to the next, and what a failed construction leaves behind: the
// heavy-ball velocity starts from rest after plain steps, the internal entry points refuse a
// disposed network, and a start beyond the f64 range frees every block it allocated.
import { describe, expect, it } from 'vitest';
import { wasm } from '../../src/core/wasm.js';
import { DeepLinearNetwork, Disposed, InvalidArgument, Overflow } from '../../src/index.js';
import { problemP0 } from './helpers.js';

const { A, b } = problemP0(1, 4, 10);
const config = { A, b, widths: [5, 5], seed: 3, init: { kind: 'gaussian' as const } };

describe('state between runs', () => {
  it('a momentum run after plain steps starts from rest, as on a fresh network', () => {
    const a = new DeepLinearNetwork(config);
    a.train({ step: 0.01, maxSteps: 50, momentum: 0.9 });
    a.train({ step: 0.01, maxSteps: 50 });
    const start = a.factors();
    a.train({ step: 0.01, maxSteps: 1, momentum: 0.5 });

    const c = new DeepLinearNetwork({
      ...config, init: start.map((value) => ({ kind: 'custom' as const, value })),
    });
    c.train({ step: 0.01, maxSteps: 1, momentum: 0.5 });
    // Before the fix the stale velocity of the first run made this step about 50× too long.
    expect(Array.from(a.theta())).toEqual(Array.from(c.theta()));
    a.dispose();
    c.dispose();
  });

  it('the internal entry points throw Disposed after dispose()', () => {
    const net = new DeepLinearNetwork(config);
    net.dispose();
    const before = wasm().liveBlocks();
    expect(() => net.runKernel(5, 0.05, 0, 0, 0, 1e300)).toThrow(Disposed);
    expect(() => net.snapshot()).toThrow(Disposed);
    expect(() => net.ensureVelocity()).toThrow(Disposed);
    expect(wasm().liveBlocks()).toBe(before);
  });

  it('lazyAlpha with a start beyond the f64 range: Overflow naming θ0, no block kept', () => {
    const before = wasm().liveBlocks();
    const huge = { ...config, init: { kind: 'gaussian' as const, scale: 1e120 }, lazyAlpha: 2 };
    expect(() => new DeepLinearNetwork(huge)).toThrow(Overflow);
    expect(() => new DeepLinearNetwork(huge)).toThrow(/the initial θ0 = W1⋯WhX .* leaves the/);
    expect(wasm().liveBlocks()).toBe(before);
  });

  it('config.frozen must hold h + 1 booleans: no strings, numbers or holes', () => {
    for (const frozen of [['false', false, false], [0, false, false], [, false, false]]) {
      expect(() => new DeepLinearNetwork({ ...config, frozen: frozen as boolean[] }))
        .toThrow(InvalidArgument);
    }
    expect(() => new DeepLinearNetwork({ ...config, frozen: ['false', false, false] as never }))
      .toThrow("config.frozen[0] must be true or false; got string \"false\"");
  });
});
