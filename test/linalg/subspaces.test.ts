// Null space basis and the row- and null-space projectors of wide A (the paper's setting).
import { describe, expect, it } from 'vitest';
import {
  Matrix, nullSpaceBasis, rowSpaceProjector, nullSpaceProjector, pinv, EmptyInput,
} from '../../src/index.js';
import { maxAbs, mul, orthogonality, sub } from './measures.js';

describe('subspaces', () => {
  it('wide full-rank and rank-deficient A: dimensions, A·N = 0, projector identities', () => {
    const full = Matrix.randn(4, 10, { seed: 1 });
    const low = mul(Matrix.randn(5, 2, { seed: 2 }), Matrix.randn(2, 8, { seed: 3 }));
    for (const [a, r] of [[full, 4], [low, 2]] as const) {
      const d = a.cols;
      const N = nullSpaceBasis(a);
      expect(N.shape).toEqual([d, d - r]);
      expect(orthogonality(N)).toBeLessThan(1e-14);
      expect(maxAbs(mul(a, N).data)).toBeLessThan(1e-13 * maxAbs(a.data) * d);
      const P = rowSpaceProjector(a);
      const P0 = nullSpaceProjector(a);
      const sum = P.data.map((x, i) => x + P0.data[i]!);
      expect(maxAbs(sub(new Matrix(d, d, sum), Matrix.eye(d)).data)).toBeLessThan(1e-14);
      expect(maxAbs(sub(mul(P, P), P).data)).toBeLessThan(1e-14);
      expect(maxAbs(sub(P.transpose(), P).data)).toBeLessThan(1e-15);
      expect(maxAbs(sub(P, mul(pinv(a), a)).data)).toBeLessThan(1e-13);
      expect(maxAbs(mul(a, P0).data)).toBeLessThan(1e-13 * maxAbs(a.data) * d);
    }
  });

  it('full column rank: empty null space, zero null projector', () => {
    const a = Matrix.randn(6, 3, { seed: 4 });
    expect(nullSpaceBasis(a).shape).toEqual([3, 0]);
    expect(maxAbs(nullSpaceProjector(a).data)).toBe(0);
    expect(() => nullSpaceBasis(new Matrix(3, 0))).toThrow(EmptyInput);
  });
});
