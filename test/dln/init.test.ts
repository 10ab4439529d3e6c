// Initializations: each kind's defining property, per-factor seeding, and balance.
import { describe, expect, it } from 'vitest';
import { DeepLinearNetwork, Matrix, imbalanceNorms, type FactorInit } from '../../src/index.js';
import { mul, norm, problemP0, sub } from './helpers.js';

const { A, b } = problemP0();
const factorsOf = (init: FactorInit | FactorInit[], widths = [30, 40], seed = 1) => {
  const net = new DeepLinearNetwork({ A, b, widths, init, seed });
  const f = net.initialFactors();
  expect(norm(sub(f[0]!.data, net.factors()[0]!.data))).toBe(0);
  net.dispose();
  return f;
};

function variance(m: Matrix): number {
  let s = 0;
  for (const v of m.data) s += v * v;
  return s / m.size;
}

describe('initializations', () => {
  it("gaussian: variance s²/m ('width', m = columns, rows for X) or s² ('unit')", () => {
    const f = factorsOf({ kind: 'gaussian', scale: 2 }, [400, 300]);
    expect(variance(f[0]!) * 400 / 4).toBeCloseTo(1, 1);
    expect(variance(f[1]!) * 300 / 4).toBeCloseTo(1, 1);
    expect(variance(f[2]!) * 300 / 4).toBeGreaterThan(0.7);
    expect(variance(f[2]!) * 300 / 4).toBeLessThan(1.3);
    const u = factorsOf({ kind: 'gaussian', variance: 'unit', scale: 0.5 }, [400, 300]);
    expect(variance(u[1]!) / 0.25).toBeCloseTo(1, 1);
  });

  it('orthogonal: s·(orthonormal rows or columns), whichever the shape allows', () => {
    const f = factorsOf({ kind: 'orthogonal', scale: 3 }, [50, 7]);
    const wide = f[0]!; // 20×50: orthonormal rows
    const tall = f[1]!; // 50×7: orthonormal columns
    expect(norm(sub(mul(wide, wide.transpose()).data, Matrix.eye(20).data.map((v) => 9 * v))))
      .toBeLessThan(1e-12);
    expect(norm(sub(mul(tall.transpose(), tall).data, Matrix.eye(7).data.map((v) => 9 * v))))
      .toBeLessThan(1e-12);
  });

  it('identity, zero and custom give exactly what they say', () => {
    const f = factorsOf([
      { kind: 'identity', scale: 2 }, { kind: 'zero' },
      { kind: 'custom', value: Matrix.fromArray(40, 1, new Array(40).fill(0.5)), scale: 2 },
    ]);
    expect(f[0]!.data).toEqual(Matrix.eye(20, 30).data.map((v) => 2 * v));
    expect(f[1]!.data.every((v) => v === 0)).toBe(true);
    expect(f[2]!.data.every((v) => v === 1)).toBe(true);
  });

  it('balancedRankOne: W_i = s u_{i−1}u_iᵀ, x = s u_h, all imbalances zero, u0 honoured', () => {
    const u0 = Float64Array.from({ length: 20 }, (_, i) => i + 1);
    const f = factorsOf({ kind: 'balancedRankOne', scale: 0.7, u0 }, [6, 5, 4]);
    for (const d of imbalanceNorms(f)) expect(d).toBeLessThan(1e-15);
    // W1's column space is spanned by u0; ‖W_i‖_F = s for unit directions.
    const w1 = f[0]!;
    const col = w1.column(0);
    const c = col[0]! / u0[0]!;
    for (let i = 0; i < 20; i++) expect(col[i]).toBeCloseTo(c * u0[i]!, 15);
    for (const w of f) expect(norm(w.data)).toBeCloseTo(0.7, 14);
  });

  it('seeds each factor from its own stream: changing one leaves the others as they were', () => {
    const a = factorsOf({ kind: 'gaussian' });
    const b2 = factorsOf([{ kind: 'gaussian' }, { kind: 'orthogonal' }, { kind: 'gaussian' }]);
    expect(b2[0]!.data).toEqual(a[0]!.data);
    expect(b2[2]!.data).toEqual(a[2]!.data);
    expect(b2[1]!.data).not.toEqual(a[1]!.data);
    const other = factorsOf({ kind: 'gaussian' }, [30, 40], 2);
    expect(other[0]!.data).not.toEqual(a[0]!.data);
    // Two factors of one network never share a stream.
    const same = factorsOf({ kind: 'gaussian', variance: 'unit' }, [20, 20]);
    expect(same[1]!.data.slice(0, 20)).not.toEqual(same[0]!.data.slice(0, 20));
  });
});
