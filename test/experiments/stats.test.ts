import { describe, expect, it } from 'vitest';
import { isMeanStd, meanStd, meanStdBy } from '../../src/experiments/stats.js';

describe('meanStd', () => {
  it('gives the mean and the n − 1 standard deviation (closed forms)', () => {
    // 1, 2, 3, 4: mean 5/2, squared deviations sum to 5, so std = √(5/3).
    const s = meanStd([1, 2, 3, 4]);
    expect(s.mean).toBe(2.5);
    expect(s.std).toBeCloseTo(Math.sqrt(5 / 3), 15);
    expect(s.n).toBe(4);
    expect(meanStd([7])).toEqual({ mean: 7, std: 0, n: 1 });
  });

  it('keeps digits when the values sit far from zero (two-pass variance)', () => {
    const s = meanStd([1e9 + 1, 1e9 + 2, 1e9 + 3]);
    expect(s.std).toBe(1);
  });

  it('rejects an empty sample and non-finite values, naming the position', () => {
    expect(() => meanStd([])).toThrow('meanStd: values must hold at least one number; got []');
    expect(() => meanStd([1, NaN])).toThrow('meanStd: values must be finite; values[1] is NaN');
  });

  it('groups rows by keys in first-seen order', () => {
    const rows = [
      { h: 1, v: 1 }, { h: 2, v: 10 }, { h: 1, v: 3 }, { h: 2, v: 30 },
    ];
    const groups = meanStdBy(rows, ['h'], 'v');
    expect(groups.map((g) => g.key)).toEqual([[1], [2]]);
    expect(groups.map((g) => g.stat.mean)).toEqual([2, 20]);
    expect(isMeanStd(groups[0]!.stat)).toBe(true);
    expect(isMeanStd(3)).toBe(false);
    expect(() => meanStdBy([{ h: 1, v: 'x' }], ['h'], 'v'))
      .toThrow("meanStdBy: field 'v' must be a number; got x");
  });
});
