// The scenarios' shared helpers against closed forms: the grid and its overrides, the
// statistics, the problem's θ* and null-space part, and the library's Wasm
// trainer against the TypeScript reference GD (reference-gd.ts) on the same start.
import { describe, expect, it } from 'vitest';
import { InvalidArgument } from '../../src/core/errors.js';
import { productSolution, woodworthSolution } from '../../src/dln/diagonal.js';
import { spectralNormSq } from '../../src/dln/geometry.js';
import { Matrix } from '../../src/linalg/matrix.js';
import { makeGrid, logGrid } from '../../src/experiments/scenarios/grid.js';
import { logLogSlope, mean, meanStd, std, fmt } from '../../src/experiments/scenarios/stats.js';
import { makeProblem, P0, seedsOf } from '../../src/experiments/scenarios/problem.js';
import { Random } from '../../src/linalg/random.js';
import { fit, productOf } from '../../src/experiments/scenarios/fitting.js';
import { ReferenceNetwork, matvecTs, norm, sub } from './reference-gd.js';

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

  it('takes no key of Object.prototype for an axis or parameter', () => {
    for (const key of ['__proto__', 'constructor', 'toString']) {
      expect(() => makeGrid('T', spec, { quick: false, overrides: { [key]: '1' } }))
        .toThrow(new RegExp(`T.grid: unknown override '${key}'; expected one of seeds, h, s`));
    }
  });

  it('refuses override values of the wrong kind before any run starts', () => {
    const words = { full: { axes: { part: ['woodworth', 'azulay'] }, seeds: 1 },
      quick: { axes: { part: ['woodworth'] }, seeds: 1 } };
    expect(() => makeGrid('T', spec, { quick: false, overrides: { h: '1,abc' } }))
      .toThrow(/T.grid: override 'h' takes finite numbers; got 'abc'/);
    expect(() => makeGrid('T', spec, { quick: false, overrides: { maxSteps: 'Infinity' } }))
      .toThrow(/override 'maxSteps' takes finite numbers; got 'Infinity'/);
    expect(() => makeGrid('T', spec, { quick: false, overrides: { h: '0' } }))
      .toThrow(/T.grid: override 'h' takes positive numbers, as its grid does; got '0'/);
    expect(() => makeGrid('T', spec, { quick: false, overrides: { s: '-1' } }))
      .toThrow(/override 's' takes positive numbers, as its grid does; got '-1'/);
    expect(() => makeGrid('T', words, { quick: true, overrides: { part: 'diag' } }))
      .toThrow(/override 'part' takes one of woodworth, azulay; got 'diag'/);
    expect(() => makeGrid('T', spec, { quick: false, overrides: { seeds: '1000000' } }))
      .toThrow(/override 'seeds' must be a whole number from 1 to 1000; got 1000000/);
    expect(makeGrid('T', words, { quick: true, overrides: { part: 'azulay' } })[0]!.part)
      .toBe('azulay');
    // Counts (depth, width, steps) take whole numbers; other numbers stay free; hex is a word.
    expect(() => makeGrid('T', spec, { quick: false, overrides: { h: '1.5' } }))
      .toThrow(/T.grid: override 'h' takes whole numbers .*; got '1.5'/);
    expect(() => makeGrid('T', spec, { quick: false, overrides: { maxSteps: '1e20' } }))
      .toThrow(/override 'maxSteps' takes whole numbers/);
    expect(() => makeGrid('T', spec, { quick: false, overrides: { h: '0x2' } }))
      .toThrow(/override 'h' takes finite numbers; got '0x2'/);
    expect(makeGrid('T', spec, { quick: false, overrides: { s: '0.5', h: '2' } })[0])
      .toMatchObject({ s: 0.5, h: 2 });
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

describe('problem', () => {
  it('θ* solves Aθ = b, has no null-space part, and P_N removes AᵀA-components', () => {
    const p = makeProblem({ ...P0, seed: 4 });
    expect(norm(sub(matvecTs(p.A, p.thetaStar), p.b))).toBeLessThan(1e-13);
    expect(norm(p.nullPart(p.thetaStar))).toBeLessThan(1e-13);
    const y = Matrix.randn(20, 1, { seed: 8 }).data;
    expect(norm(matvecTs(p.A, p.nullPart(y)))).toBeLessThan(1e-13);
    // σ_max² against the library's independent power iteration.
    expect(Math.abs(p.sigmaMax2 / spectralNormSq(p.A) - 1)).toBeLessThan(1e-10);
  });

});

describe('trainers', () => {
  it('the library and the TypeScript reference GD agree from the same start', () => {
    const p = makeProblem({ ...P0, seed: 7 });
    const start = [[20, 6], [6, 6], [6, 1]]
      .map(([r, c], i) => Matrix.randn(r!, c!, { seed: i + 1, scale: 0.3 }));
    const spec = { problem: p, widths: [6, 6], seed: 0,
      init: start.map((v) => ({ kind: 'custom' as const, value: v })) };
    const lib = fit(spec, { maxSteps: 20000, step: 0.02 });
    const refNet = new ReferenceNetwork(spec);
    const ref = refNet.train({ step: 0.02, maxSteps: 20000, record: false });
    expect(lib.result.converged).toBe(true);
    expect(ref.converged).toBe(true);
    expect(Math.abs(lib.result.steps - ref.steps)).toBeLessThanOrEqual(2);
    expect(norm(sub(lib.theta, refNet.theta()))).toBeLessThan(1e-11);
    expect(norm(sub(productOf(lib.factors), lib.theta))).toBeLessThan(1e-13);
  });
});

describe('S11 closed-form limits on the draws where dual Newton once stalled', () => {
  // Woodworth α = 10^-1.5 with seed 4 and u⊙v with |δ| = 10^0.5 and seed 0 made the dual
  // Newton of dln throw at a residual near 2e-9: its Armijo test on the dual's value could no
  // longer see a decrease. Both limits must interpolate and satisfy their optimality condition.
  const offRange = (p: ReturnType<typeof makeProblem>, z: Float64Array) =>
    norm(p.nullPart(z)) / norm(z);

  it('Woodworth: asinh(β/(2α²)) lies in range(Aᵀ) and Aβ = b', () => {
    const p = makeProblem({ ...P0, seed: seedsOf(4).problem });
    const a = 10 ** -1.5;
    const beta = woodworthSolution(p.A, p.b, a);
    expect(norm(sub(matvecTs(p.A, beta), p.b)) / norm(p.b)).toBeLessThan(1e-8);
    expect(offRange(p, beta.map((v) => Math.asinh(v / (2 * a * a))))).toBeLessThan(1e-8);
  });

  it('u⊙v: ½asinh(2β/|δ|) − ½asinh(2β0/|δ|) lies in range(Aᵀ) and Aβ = b', () => {
    const seeds = seedsOf(0);
    const p = makeProblem({ ...P0, seed: seeds.problem });
    const delta = 10 ** 0.5;
    const v = new Random(seeds.extra).uniform(p.d).map((z) => z - 0.5);
    const u = v.map((z) => Math.sqrt(delta + z * z));
    const beta = productSolution(p.A, p.b, u, v);
    const z = beta.map((b, i) =>
      0.5 * Math.asinh((2 * b) / delta) - 0.5 * Math.asinh((2 * u[i]! * v[i]!) / delta));
    expect(norm(sub(matvecTs(p.A, beta), p.b)) / norm(p.b)).toBeLessThan(1e-8);
    expect(offRange(p, z)).toBeLessThan(1e-8);
  });
});
