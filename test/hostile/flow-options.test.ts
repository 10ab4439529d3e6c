// Regression for faults found by hostile options to the T4 helpers: endToEndFlow with
// horizon: Infinity looped forever (round(T/step) steps), and an integration that blew up
// returned NaN; balancedRankOneError returned NaN or Infinity for a NaN, infinite or huge scale
// and a meaningless number for depth −1 or 1.5 or a negative scale. Now: RangeError for bad
// options, Diverged for a blown-up flow, Overflow for a root beyond the f64 range.
import { describe, expect, it } from 'vitest';
import {
  InvalidArgument, Matrix, balancedRankOneError, endToEndFlow, trainProduct, trainWoodworth,
} from '../../src/index.js';

const A = Matrix.randn(3, 6, { seed: 1 });
const b = Matrix.randn(3, 1, { seed: 2 }).data;
const u0 = Matrix.randn(6, 1, { seed: 3 }).data;
const theta0 = u0.map((x) => 0.1 * x);

describe('misspelt and mistyped options of the flow and diagonal helpers', () => {
  it('are refused, not replaced by their defaults or read as numbers', () => {
    const flow = (opts: unknown) => () => endToEndFlow(A, b, theta0, opts as never);
    expect(flow({ depth: 2, step: 0.01, horizon: 0.02, methd: 'rk4' })).toThrow(
      "endToEndFlow: unknown option 'methd'; expected one of depth, step, horizon, method");
    expect(flow({ depth: 2, step: '0.01', horizon: 0.02 })).toThrow(/got string "0.01"/);
    expect(flow(undefined)).toThrow(/option 'depth' must be a non-negative integer/);
    // 1e10 synchronous steps (hours) are refused at once.
    expect(flow({ depth: 2, step: 1e-300, horizon: 1e-290 })).toThrow(/more than 10000000/);
    expect(() => balancedRankOneError(A, b, { depth: 2, scale: 1, u0, extra: 1 } as never))
      .toThrow(InvalidArgument);

    const x = Matrix.randn(3, 6, { seed: 4 });
    const y = Matrix.randn(3, 1, { seed: 5 }).data;
    expect(() => trainWoodworth(x, y, 0.5, { step: 0.01, maxSteps: 10, losTol: 1 } as never))
      .toThrow("trainWoodworth: unknown option 'losTol'; expected one of step, maxSteps, lossTol");
    expect(() => trainWoodworth(x, y, 0.5, { step: '0.01', maxSteps: 10 } as never))
      .toThrow(/got string "0.01", 10/);
    expect(() => trainProduct(x, y, u0, u0, { step: 0.01, maxSteps: 10, lossTol: NaN }))
      .toThrow("trainProduct: option 'lossTol' must be a number ≥ 0; got NaN");
    expect(() => trainProduct(x, y, u0, u0, { step: Infinity, maxSteps: 10 }))
      .toThrow(RangeError);
  });
});

describe('endToEndFlow options', () => {
  it('refuses an infinite horizon (it used to hang) and bad depths at once', () => {
    const t0 = performance.now();
    expect(() => endToEndFlow(A, b, theta0, { depth: 2, step: 0.01, horizon: Infinity }))
      .toThrow(/^endToEndFlow: options 'step' > 0 and 'horizon' ≥ 0 \(finite/);
    expect(performance.now() - t0).toBeLessThan(100);
    for (const depth of [-1, 1.5, NaN]) {
      expect(() => endToEndFlow(A, b, theta0, { depth, step: 0.01, horizon: 1 }))
        .toThrow(/option 'depth' must be a non-negative integer/);
    }
    expect(() => endToEndFlow(A, b, Float64Array.from(theta0, (x, i) => (i ? x : NaN)),
      { depth: 2, step: 0.01, horizon: 1 })).toThrow(/'theta0' must be finite; found NaN at \[0\]/);
  });

  it('throws Diverged when the integration blows up instead of returning NaN', () => {
    expect(() => endToEndFlow(A, b, theta0.map((x) => 30 * x),
      { depth: 2, step: 5, horizon: 500 })).toThrow(expect.objectContaining({
      name: 'Diverged', message: expect.stringContaining('use a smaller \'step\''),
    }));
    const ok = endToEndFlow(A, b, theta0, { depth: 2, step: 0.01, horizon: 1 });
    expect(ok.every(Number.isFinite)).toBe(true);
  });
});

describe('balancedRankOneError options', () => {
  it('answers a finite error for good options, and named errors for the rest', () => {
    const e = balancedRankOneError(A, b, { depth: 2, scale: 0.5, u0 });
    expect(e).toBeGreaterThan(0);
    expect(Number.isFinite(e)).toBe(true);
    for (const scale of [NaN, Infinity, -1]) {
      expect(() => balancedRankOneError(A, b, { depth: 2, scale, u0 }))
        .toThrow(/option 'scale' must be a finite number ≥ 0/);
    }
    for (const depth of [-1, 1.5]) {
      expect(() => balancedRankOneError(A, b, { depth, scale: 1, u0 })).toThrow(/'depth'/);
    }
    expect(() => balancedRankOneError(A, b, { depth: 2, scale: 1, u0: new Float64Array(6) }))
      .toThrow(/must not be the zero vector/);
    expect(() => balancedRankOneError(A, b, { depth: 2, scale: 1e300, u0 })).toThrow(
      expect.objectContaining({ name: 'Overflow' }),
    );
    expect(() => balancedRankOneError(A, b, { depth: 1e6, scale: 2, u0 })).toThrow(
      expect.objectContaining({ name: 'Overflow' }),
    );
  });
});
