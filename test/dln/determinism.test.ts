// Same seed, same bits: the trained θ and factors hash to the same value in Node and in
// Chromium (this file runs in both projects against one constant).
import { describe, expect, it } from 'vitest';
import { DeepLinearNetwork, Matrix } from '../../src/index.js';
import { problemP0 } from './helpers.js';

/** FNV-1a over the bytes of the doubles, as 8 hex digits. */
function hash(arrays: Float64Array[]): string {
  let h = 0x811c9dc5;
  for (const a of arrays) {
    const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    for (const byte of bytes) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

function trainedBits(k: number, momentum: number): string {
  const { A, b } = problemP0(7);
  const B = k === 1 ? b : Matrix.randn(5, k, { seed: 70 });
  const net = new DeepLinearNetwork({
    A, b: B, widths: [10, 9, 8], seed: 42,
    init: [{ kind: 'orthogonal' }, { kind: 'gaussian' }, { kind: 'balancedRankOne', scale: 0.5 },
      { kind: 'gaussian', variance: 'unit', scale: 0.3 }],
  });
  // The first layer's K = A·W1 and its fold go through dgemm: regenerate after dgemm changes.
  net.train({ step: k === 1 ? 0.02 : 'auto', maxSteps: 700, momentum, lossTol: 0 });
  const out = hash([net.theta(), ...net.factors().map((f) => f.data)]);
  net.dispose();
  return out;
}

describe('determinism across runtimes', () => {
  it('hashes the trained vector-target network to the committed value', () => {
    expect(trainedBits(1, 0)).toBe(EXPECTED.vector);
  });

  it('hashes a matrix-target network trained with momentum to the committed value', () => {
    expect(trainedBits(3, 0.5)).toBe(EXPECTED.matrix);
  });
});

// Regenerate (print trainedBits in Node) whenever a kernel's summation order changes; the test's
// point is that Chromium then agrees with Node bit for bit.
const EXPECTED = { vector: '5f260eff', matrix: '3044fda9' };
