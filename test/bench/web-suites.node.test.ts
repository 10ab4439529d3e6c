// The Chromium benchmark page (bench/web/) must keep covering what the Node suites measure:
// every operation of the benchmark issue, each case named with all its parameters, and suite
// names that are those of bench/*.bench.mjs. The page's batched timer is checked on a tiny
// case: it refuses a result that fails its check and reports per-call times of batches.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JS modules of the benchmark page, without type declarations
import { SUITES } from '../../bench/web/catalog.mjs';
// @ts-expect-error: as above
import { measureBatched } from '../../bench/lib/batch.mjs';

interface Suite {
  name: string;
  operations: string[];
  plan(quick: boolean): { name: string }[];
}
const suites = Object.values(SUITES) as Suite[];
const caseNames = (quick: boolean) => suites.flatMap((s) => s.plan(quick).map((c) => c.name));

/** Each case name's shape: the operation, then every parameter of the Node suite's name. */
const SHAPES: Record<string, RegExp> = {
  gemm: /^gemm:n=\d+,tA=[01],tB=[01]$/,
  gemv: /^gemv:m=\d+,n=\d+,tA=[01]$/,
  qr: /^qr:m=\d+,n=\d+,reduced$/,
  pinv: /^pinv:m=\d+,n=\d+$/,
  minnorm: /^minnorm:m=\d+,n=\d+,k=1$/,
  svd: /^svd:m=\d+,n=\d+,thin$/,
  dln: /^dln:step,n=\d+,d=\d+,m=\d+,h=\d+$/,
  sweep: /^sweep:S\d+,grid=(quick|default),configs=\d+$/,
};

describe('bench/web suites', () => {
  it('are named as the Node suites', () => {
    const node = readdirSync(new URL('../../bench/', import.meta.url))
      .filter((f) => f.endsWith('.bench.mjs')).map((f) => f.slice(0, -'.bench.mjs'.length));
    for (const s of suites) expect(node).toContain(s.name);
    for (const name of ['gemm', 'gemm-tfjs', 'gemv', 'qr', 'svd', 'dln', 'sweep']) {
      expect(suites.map((s) => s.name)).toContain(name);
    }
  });

  it('cover every operation of the issue, every case named with its parameters', () => {
    for (const quick of [true, false]) {
      const names = caseNames(quick);
      expect(new Set(names).size).toBe(names.length - countRepeatedUntransposed(names));
      for (const name of names) {
        const op = name.slice(0, name.indexOf(':'));
        expect(SHAPES[op], `${name}: unknown operation`).toBeDefined();
        expect(name).toMatch(SHAPES[op]!);
      }
      for (const op of Object.keys(SHAPES)) {
        expect(names.some((n) => n.startsWith(`${op}:`)), `${op} (quick ${quick})`).toBe(true);
      }
      for (const variant of ['tA=0,tB=0', 'tA=0,tB=1', 'tA=1,tB=0', 'tA=1,tB=1']) {
        expect(names.some((n) => n.startsWith('gemm:') && n.endsWith(variant))).toBe(true);
      }
      for (const size of ['n=64,d=256,m=256,h=3', 'n=64,d=1024,m=1024,h=3', 'n=5,d=20,m=10,h=3']) {
        expect(names).toContain(`dln:step,${size}`);
      }
    }
    expect(caseNames(false)).toContain('sweep:S3,grid=default,configs=323');
  });

  it('run on the quick sizes a subset of the full cases', () => {
    const full = new Set(caseNames(false));
    for (const s of suites) {
      expect(s.plan(true).length).toBeGreaterThan(0);
      for (const c of s.plan(true)) {
        if (!c.name.startsWith('sweep:')) expect(full).toContain(c.name);
      }
    }
  });
});

/** The untransposed product is a case of both gemm and gemm-tfjs (as in Node). */
function countRepeatedUntransposed(names: string[]): number {
  const seen = new Set<string>();
  let repeated = 0;
  for (const n of names) {
    if (seen.has(n) && /^gemm:.*tA=0,tB=0$/.test(n)) repeated++;
    seen.add(n);
  }
  return repeated;
}

describe('measureBatched', () => {
  const sum = (n: number) => () => {
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = i;
    return x;
  };

  it('times batches of a fast call and reports the time of one call', () => {
    const rows = measureBatched('sum:n=1000', [
      { impl: 'loop', fn: sum(1000), check: (x: Float64Array) => x[999] === 999 || 'wrong' },
      { impl: 'never', skip: true, why: 'not here', fn: sum(1) },
    ], { budgetMs: 60 });
    expect(rows).toHaveLength(2);
    const [r, skipped] = rows;
    // A batch lasts ≥ 20 ms, so a call of a few µs needs many calls a batch.
    expect(r.batch).toBeGreaterThan(10);
    expect(r.batch * r.medianMs).toBeGreaterThanOrEqual(20 * 0.5);
    expect(r.samples).toBeGreaterThanOrEqual(3);
    expect(r.rate).toBeCloseTo(1000 / r.medianMs, 6);
    expect(skipped).toMatchObject({ impl: 'never', skipped: 'not here', firstMs: null });
  });

  it('refuses a result that fails its check, before any timing', () => {
    let calls = 0;
    expect(() => measureBatched('sum:n=10', [{
      impl: 'bad', fn: () => { calls++; return sum(10)(); }, check: () => 'off by one',
    }])).toThrow(/sum:n=10 bad: check failed: off by one/);
    expect(calls).toBe(1);
  });
});
