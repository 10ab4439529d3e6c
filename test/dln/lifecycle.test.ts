// Networks own Wasm memory from create to dispose: disposal frees it (memory stays flat over
// many cycles and blocks are reused), and a disposed network refuses every call.
import { describe, expect, it } from 'vitest';
import { DeepLinearNetwork, Disposed, wasmMemoryBytes } from '../../src/index.js';
import { problemP0 } from './helpers.js';

describe('network lifecycle', () => {
  const { A, b } = problemP0();
  const config = { A, b, widths: [64, 64, 64], init: { kind: 'gaussian' as const }, seed: 1 };

  it('keeps Wasm memory flat over 300 create/train/dispose cycles', () => {
    const warm = new DeepLinearNetwork(config);
    warm.train({ step: 0.01, maxSteps: 3, momentum: 0.5 });
    warm.dispose();
    const before = wasmMemoryBytes();
    for (let i = 0; i < 300; i++) {
      const net = new DeepLinearNetwork({ ...config, seed: i });
      net.train({ step: 0.01, maxSteps: 3, momentum: 0.5, record: false });
      net.dispose();
    }
    expect(wasmMemoryBytes()).toBe(before);
  });

  it('frees blocks for reuse: a network created after dispose lands where the old one was', () => {
    const first = new DeepLinearNetwork(config);
    const p1 = (first as unknown as { blocks: number[] }).blocks[0];
    first.dispose();
    const second = new DeepLinearNetwork(config);
    expect((second as unknown as { blocks: number[] }).blocks[0]).toBe(p1);
    second.dispose();
  });

  it('throws Disposed on use after dispose, and a second dispose is harmless', () => {
    const net = new DeepLinearNetwork(config);
    net.dispose();
    net.dispose();
    expect(() => net.theta()).toThrow(Disposed);
    expect(() => net.train({ step: 0.1, maxSteps: 1 }))
      .toThrow(/DeepLinearNetwork\.train: the network was disposed/);
    expect(() => net.factors()).toThrow(Disposed);
  });

  it('disposes at the end of a using-block via Symbol.dispose', () => {
    let escaped: DeepLinearNetwork;
    {
      const net = new DeepLinearNetwork(config);
      escaped = net;
      net[Symbol.dispose]();
    }
    expect(() => escaped.loss()).toThrow(Disposed);
  });
});
