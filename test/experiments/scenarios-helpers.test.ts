// The scenarios' shared helpers against closed forms: the grid and its overrides, the
// statistics, the step rule's kernel, and the two trainers (Wasm and TypeScript reference) on
// the same start.
import { describe, expect, it } from 'vitest';
import { InvalidArgument } from '../../src/core/errors.js';
import { Matrix } from '../../src/linalg/matrix.js';
import { makeGrid, logGrid } from '../../src/experiments/scenarios/grid.js';
import { logLogSlope, mean, meanStd, std, fmt } from '../../src/experiments/scenarios/stats.js';
import { makeProblem, P0 } from '../../src/experiments/scenarios/problem.js';
import {
  fit, kernelLimit, tangentKernel, productOf,
} from '../../src/experiments/scenarios/fitting.js';
import { useEngine } from '../../src/experiments/scenarios/network.js';
import {
  matvecTs, norm, sub, orthonormalRows, gram,
} from '../../src/experiments/scenarios/dense.js';
import { rankOneRoot } from '../../src/experiments/scenarios/s05-balanced-vs-random.js';
import { mirrorLimit } from '../../src/experiments/scenarios/diagonal.js';

describe('grid', () => {
  const spec = { full: { axes: { h: [1, 2], s: [0.1, 1] }, seeds: 3, params: { maxSteps: 10 } },
    quick: { axes: { h: [1], s: [1] }, seeds: 1 } };

  it('is the product of the axes times the seeds, with overrides', () => {
    expect(makeGrid('T', spec, { quick: false, overrides: {} })).toHaveLength(12);
    const overrides = { s: '0.5', seeds: '2', maxSteps: '7' };
    const g = makeGrid('T', spec, { quick: false, overrides });
    expect(g).toHaveLength(4);
    expect(g.every((c) => c.s === 0.5 && c.maxSteps === 7)).toBe(true);
  });

  it('names an unknown override and the keys it accepts', () => {
    expect(() => makeGrid('T', spec, { quick: false, overrides: { depth: '3' } }))
      .toThrow(InvalidArgument);
    expect(() => makeGrid('T', spec, { quick: false, overrides: { depth: '3' } }))
      .toThrow(/T.grid: unknown override 'depth'; expected one of seeds, h, s, maxSteps/);
  });

  it('spaces a log grid evenly in the exponent', () => {
    expect(logGrid(-3, 1, 5)).toEqual([0.001, 0.01, 0.1, 1, 10]);
  });
});

describe('stats', () => {
  it('fits the exponent of a power law', () => {
    const pts: [number, number][] = [1, 2, 4, 8].map((x) => [x, 3 * x ** 1.5]);
    expect(logLogSlope(pts)).toBeCloseTo(1.5, 12);
  });

  it('gives the sample mean and standard deviation', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(std([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(5 / 3), 14);
    expect(meanStd([2, 2])).toBe('2 ± 0');
    expect(fmt(1000)).toBe('1000');
    expect(fmt(0.5)).toBe('0.5');
  });
});

describe('problem and kernels', () => {
  it('θ* solves Aθ = b and has no null-space part', () => {
    const p = makeProblem({ ...P0, seed: 4 });
    expect(norm(sub(matvecTs(p.A, p.thetaStar), p.b))).toBeLessThan(1e-13);
    expect(norm(p.nullPart(p.thetaStar))).toBeLessThan(1e-13);
  });

  it('tangent kernel of a depth-1 net is ‖x‖² I + W1W1ᵀ', () => {
    const w1 = Matrix.randn(4, 3, { seed: 1 });
    const x = Matrix.randn(3, 1, { seed: 2 });
    const m = tangentKernel([w1, x]);
    const g = gram(w1);
    const xx = norm(x.data) ** 2;
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        expect(m.get(i, j)).toBeCloseTo(g.get(i, j) + (i === j ? xx : 0), 13);
      }
    }
  });

  it('the kernel limit with G = I is the projection of θ0 (T0)', () => {
    const p = makeProblem({ ...P0, seed: 5 });
    const theta0 = Matrix.randn(20, 1, { seed: 9 }).data;
    const y = kernelLimit(p, Matrix.eye(20), theta0);
    const expected = p.thetaStar.map((v, i) => v + p.nullPart(theta0)[i]!);
    expect(norm(sub(y, expected))).toBeLessThan(1e-12);
  });

  it('orthonormalRows leaves W Wᵀ = I', () => {
    const q = orthonormalRows(Matrix.randn(5, 9, { seed: 3 }));
    const g = gram(q);
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 5; j++) expect(g.get(i, j)).toBeCloseTo(+(i === j), 14);
    }
  });
});

describe('closed forms', () => {
  it('the rank-one root satisfies its equation', () => {
    const e = rankOneRoot(0.3, 2, 3);
    expect(e - 0.3 * (4 + e * e) ** (3 / 8)).toBeCloseTo(0, 12);
  });

  it('the Woodworth limit at large α is the minimum-norm solution', () => {
    const p = makeProblem({ ...P0, seed: 6 });
    const a = 1e4;
    const beta = mirrorLimit(p, new Float64Array(20).fill(2 * a * a), 1, new Float64Array(20));
    expect(norm(sub(beta, p.thetaStar)) / p.thetaStarNorm).toBeLessThan(1e-6);
    expect(norm(sub(matvecTs(p.A, beta), p.b))).toBeLessThan(1e-10);
  });
});

describe('trainers', () => {
  it('Wasm and TypeScript reference GD agree from the same start', () => {
    const p = makeProblem({ ...P0, seed: 7 });
    const start = [[20, 6], [6, 6], [6, 1]]
      .map(([r, c], i) => Matrix.randn(r!, c!, { seed: i + 1, scale: 0.3 }));
    const spec = { problem: p, widths: [6, 6], seed: 0,
      init: start.map((v) => ({ kind: 'custom' as const, value: v })) };
    const runs = (['wasm', 'reference'] as const).map((engine) => {
      const prev = useEngine(engine);
      try {
        return fit(spec, { maxSteps: 20000, step: 0.02 });
      } finally {
        useEngine(prev);
      }
    });
    expect(runs[0]!.result.converged).toBe(true);
    expect(runs[1]!.result.converged).toBe(true);
    expect(Math.abs(runs[0]!.result.steps - runs[1]!.result.steps)).toBeLessThanOrEqual(2);
    expect(norm(sub(runs[0]!.theta, runs[1]!.theta))).toBeLessThan(1e-11);
    expect(norm(sub(productOf(runs[0]!.factors), runs[0]!.theta))).toBeLessThan(1e-13);
  });
});
