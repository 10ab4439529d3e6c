// qr and lq: numpy's |diag R|, the identities QR = A, QᵀQ = I, exact triangularity, and scaling.
import { describe, expect, it } from 'vitest';
import { Matrix, qr, lq, EmptyInput, NonFiniteInput, InvalidArgument } from '../../src/index.js';
import fx from '../fixtures/decomp/decomp.json';
import { fro, maxAbs, mul, orthogonality, sub } from './measures.js';

const eps = Number.EPSILON;

function checkQr(a: Matrix, mode: 'reduced' | 'complete') {
  const { Q, R } = qr(a, { mode });
  const [m, n] = a.shape;
  const k = mode === 'complete' ? m : Math.min(m, n);
  expect(Q.shape).toEqual([m, k]);
  expect(R.shape).toEqual([k, n]);
  for (let i = 0; i < R.rows; i++) for (let j = 0; j < Math.min(i, n); j++) {
    expect(R.get(i, j)).toBe(0);
  }
  expect(fro(sub(mul(Q, R), a)) / fro(a)).toBeLessThanOrEqual(10 * m * eps);
  expect(orthogonality(Q)).toBeLessThanOrEqual(10 * m * eps);
  return { Q, R };
}

describe('qr', () => {
  for (const [i, d] of fx.dense.entries()) {
    it(`dense #${i}: |diag R| as numpy, reduced and complete`, () => {
      const a = Matrix.fromRows(d.A);
      const { R } = checkQr(a, 'reduced');
      checkQr(a, 'complete');
      d.abs_diag_R.forEach((v, k) => {
        expect(Math.abs(Math.abs(R.get(k, k)) - v)).toBeLessThanOrEqual(1e-14 * d.abs_diag_R[0]!);
      });
    });
  }

  it('neither overflows at 1e300 nor underflows at 1e-160', () => {
    const a = Matrix.randn(7, 4, { seed: 2 });
    const base = qr(a).R;
    for (const t of [1e300, 1e-160, 1e-300]) {
      const { Q, R } = checkQr(new Matrix(7, 4, a.data.map((x) => x * t)), 'reduced');
      expect(Q.data.every(Number.isFinite)).toBe(true);
      for (let i = 0; i < 4; i++) {
        expect(Math.abs(R.get(i, i) / t - base.get(i, i))).toBeLessThan(1e-13);
      }
    }
  });

  it('entries spanning more than the f64 range: subnormal reflectors stay orthogonal', () => {
    // After scaling the largest entry to about 1, the rest of these columns is subnormal; the
    // reflector is then formed from them scaled up (as dlarfg does), else QᵀQ − I was ~1e-4.
    for (const rows of [
      [[1e300, 0], [0, 7e-21], [0, 1.1e-20]],
      [[1, 0], [0, 7e-321], [0, 1.1e-320]],
      [[1e300, 0, 0], [0, 7e-140, 2e-140], [0, 1.1e-139, 5e-140]],
    ]) {
      const a = Matrix.fromRows(rows);
      for (const mode of ['reduced', 'complete'] as const) {
        expect(orthogonality(qr(a, { mode }).Q)).toBeLessThanOrEqual(4 * a.rows * eps);
      }
      expect(orthogonality(lq(a.transpose()).Q.transpose())).toBeLessThanOrEqual(4 * a.rows * eps);
    }
  });

  it('zero columns and zero pivots give finite factors', () => {
    checkQr(Matrix.fromRows([[0, 0, 1], [0, 0, 2], [0, 0, 0]]), 'complete');
    checkQr(Matrix.fromRows([[0, 1], [0, 0], [1, 0]]), 'reduced');
  });

  it('rejects empty, non-finite and bad options', () => {
    expect(() => qr(new Matrix(0, 2))).toThrow(EmptyInput);
    expect(() => qr(Matrix.fromRows([[NaN]]))).toThrow(NonFiniteInput);
    expect(() => qr(Matrix.eye(2), { mode: 'r' as 'reduced' })).toThrow(InvalidArgument);
  });
});

describe('lq', () => {
  it('wide A = L·Q with L lower triangular and orthonormal rows of Q', () => {
    const a = Matrix.randn(5, 12, { seed: 9 });
    const { L, Q } = lq(a);
    expect(L.shape).toEqual([5, 5]);
    expect(Q.shape).toEqual([5, 12]);
    for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) expect(L.get(i, j)).toBe(0);
    expect(maxAbs(sub(mul(L, Q), a).data)).toBeLessThan(1e-14 * 12);
    expect(orthogonality(Q.transpose())).toBeLessThan(1e-14);
  });
});
