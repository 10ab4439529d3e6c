// The real-data scenario in quick mode (Node only: it reads the digit files with fs).
import { describe, expect, it } from 'vitest';
import { mnistDigits } from '../../src/experiments/scenarios/mnist.js';
import { loadDigit, PIXELS } from '../../src/experiments/scenarios/mnist-data.js';

describe('mnist digits', () => {
  it('loads whole 28×28 images with pixels in [0, 1]', () => {
    const threes = loadDigit(3);
    expect(threes.length % PIXELS).toBe(0);
    expect(threes.length / PIXELS).toBeGreaterThan(900);
    expect(Math.min(...threes.subarray(0, 5 * PIXELS))).toBe(0);
    expect(Math.max(...threes.subarray(0, 5 * PIXELS))).toBeLessThanOrEqual(1);
    expect(() => loadDigit(10)).toThrow(/digit must be an integer in 0 … 9; got 10/);
  });

  it('a zero first layer predicts like the min-norm interpolant; a large start does worse', () => {
    const configs = mnistDigits.grid({ quick: true, overrides: {} });
    const rows = configs.flatMap((c) => mnistDigits.run(c));
    const checks = new Map(mnistDigits.summarize(rows).checks.map((c) => [c.name, c]));
    expect(checks.get('zero W1 = θ*')!.measured).toBeLessThan(1e-6);
    expect(checks.get('same predictions')!.measured).toBeLessThan(1e-6);
    expect(checks.get('large init hurts')!.measured).toBeGreaterThan(1.5);
    const zero = rows.find((r) => r.init === 'zeroW1')!;
    expect(zero.testErrorRate).toBe(zero.minNormTestErrorRate);
    expect(zero.testErrorRate as number).toBeLessThan(0.25);
  });
});
