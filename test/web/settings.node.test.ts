// The demo's form checks: each bad field gets its own message, good forms become settings, and
// nothing throws. Also the mapping from settings to the library's NetworkConfig.
import { describe, expect, it } from 'vitest';
import { factorInits, networkConfig, trainOptions } from '../../web/config.ts';
import { DEFAULT_FORM, PRESETS } from '../../web/presets.ts';
import { makeProblem } from '../../web/problem.ts';
import { nodeSnippet } from '../../web/snippet.ts';
import { parseSettings, type FormValues, type RunSettings } from '../../web/settings.ts';
import { Matrix, Random } from '../../src/index.ts';

function errorsOf(changes: Partial<FormValues>): Record<string, string> {
  const parsed = parseSettings({ ...DEFAULT_FORM, ...changes });
  if (parsed.ok) throw new Error(`expected errors for ${JSON.stringify(changes)}`);
  return parsed.errors as Record<string, string>;
}

function settingsOf(changes: Partial<FormValues>): RunSettings {
  const parsed = parseSettings({ ...DEFAULT_FORM, ...changes });
  if (!parsed.ok) throw new Error(`unexpected errors ${JSON.stringify(parsed.errors)}`);
  return parsed.settings;
}

describe('parseSettings', () => {
  it('reads the default form and every preset', () => {
    expect(settingsOf({})).toEqual({
      n: 5, d: 20, widths: [10, 10], initKind: 'gaussian', initScale: 1, firstLayer: 'same',
      lazyAlpha: undefined, step: 0.05, maxSteps: 20000, every: 100, seed: 1,
    });
    for (const p of PRESETS) expect(parseSettings(p.form).ok, p.id).toBe(true);
  });

  it('repeats one width over the depth, takes a list, and accepts e-notation and auto', () => {
    expect(settingsOf({ depth: '3', widths: '4' }).widths).toEqual([4, 4, 4]);
    expect(settingsOf({ depth: '3', widths: '4, 5 6' }).widths).toEqual([4, 5, 6]);
    expect(settingsOf({ depth: '0', widths: '' }).widths).toEqual([]);
    expect(settingsOf({ step: '5e-2' }).step).toBe(0.05);
    expect(settingsOf({ step: ' auto ' }).step).toBe('auto');
    expect(settingsOf({ lazyAlpha: '1e2' }).lazyAlpha).toBe(100);
  });

  it('wants d > n', () => {
    expect(errorsOf({ n: '5', d: '5' }).d).toBe(
      'must exceed n (the system must be underdetermined); got d = 5 ≤ n = 5');
    expect(errorsOf({ n: '8', d: '3' }).d).toMatch(/got d = 3 ≤ n = 8/);
  });

  it('refuses non-integers where counts are expected', () => {
    expect(errorsOf({ n: '2.5' }).n).toBe('must be an integer; got 2.5');
    expect(errorsOf({ depth: '1.5' }).depth).toBe('must be an integer; got 1.5');
    expect(errorsOf({ maxSteps: '1e3.5' }).maxSteps).toBe('is not a number: "1e3.5"');
    expect(errorsOf({ widths: '10, 2.5' }).widths).toBe('each width must be an integer; got 2.5');
    expect(errorsOf({ seed: '-1' }).seed).toBe('must be in [0, 4294967294]; got -1');
  });

  it('wants widths when depth > 0 and none at depth 0', () => {
    expect(errorsOf({ depth: '2', widths: ' ' }).widths).toBe(
      'must list 2 width(s) (or one for all) when depth > 0');
    expect(errorsOf({ depth: '2', widths: '3,4,5' }).widths).toMatch(/one per hidden layer.*got 3/);
    expect(errorsOf({ depth: '0', widths: '3' }).widths).toBe('must be empty when depth is 0');
  });

  it('wants a finite positive step or auto', () => {
    expect(errorsOf({ step: 'Infinity' }).step).toBe('is not a number: "Infinity"');
    expect(errorsOf({ step: 'NaN' }).step).toBe('is not a number: "NaN"');
    expect(errorsOf({ step: '1e400' }).step).toBe('is not finite: "1e400"');
    expect(errorsOf({ step: '0' }).step).toBe('must be > 0 or "auto"; got 0');
    expect(errorsOf({ step: '' }).step).toBe('is empty');
  });

  it('checks scale, α, the init kind and the number of recorded rows', () => {
    expect(errorsOf({ initScale: '-1' }).initScale).toBe('must be ≥ 0; got -1');
    expect(errorsOf({ lazyAlpha: '0' }).lazyAlpha).toMatch(/must be > 0/);
    expect(errorsOf({ initKind: 'custom' }).initKind).toMatch(/must be one of gaussian/);
    expect(errorsOf({ maxSteps: '1000000', every: '1' }).every).toBe(
      'must be ≥ max steps / 100000 = 10 (at most 100000 recorded rows); got 1');
  });

  it('collects every bad field at once', () => {
    const errors = errorsOf({ n: 'x', step: '-1', every: '0' });
    expect(Object.keys(errors).sort()).toEqual(['every', 'n', 'step']);
  });
});

describe('networkConfig', () => {
  it('draws A and b from the seed with the public API', () => {
    const { A, b } = makeProblem({ n: 3, d: 7, seed: 11 });
    expect(A.data).toEqual(Matrix.randn(3, 7, { seed: 11, scale: 1 / Math.sqrt(7) }).data);
    expect(b).toEqual(new Random(12).normal(3));
  });

  it('maps the form onto factors W1 … Wh, X and seeds them apart from A', () => {
    const s = settingsOf({ depth: '2', widths: '4', initScale: '0.3', firstLayer: 'zero' });
    expect(factorInits(s)).toEqual([
      { kind: 'zero' }, { kind: 'gaussian', scale: 0.3 }, { kind: 'gaussian', scale: 0.3 },
    ]);
    const config = networkConfig(s, makeProblem(s));
    expect(config.seed).toBe(s.seed + 2);
    expect(config.widths).toEqual([4, 4]);
    expect(config.lazyAlpha).toBeUndefined();
    expect(networkConfig(settingsOf({ lazyAlpha: '10' }), makeProblem(s)).lazyAlpha).toBe(10);
    expect(factorInits(settingsOf({ depth: '0', widths: '', firstLayer: 'zero' })))
      .toEqual([{ kind: 'zero' }]);
    expect(trainOptions(s)).toEqual({ step: 0.05, maxSteps: 20000, every: 100 });
  });
});

describe('nodeSnippet', () => {
  it('writes the factor inits, lazy α and step of the form into the script', () => {
    const zero = nodeSnippet(settingsOf({ firstLayer: 'zero', depth: '1', widths: '3' }));
    expect(zero).toContain(
      "widths: [3], init: [{kind: 'zero'}, {kind: 'gaussian', scale: 1}], seed: seed + 2,");
    expect(zero).toContain('net.train({ step: 0.05, maxSteps: 20000, every: 100 })');
    const lazy = nodeSnippet(settingsOf({ lazyAlpha: '100', step: 'auto' }));
    expect(lazy).toContain('seed: seed + 2, lazyAlpha: 100,');
    expect(lazy).toContain("step: 'auto'");
  });
});
