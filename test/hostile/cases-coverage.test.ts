// Every acceptance case file under test/fixtures/ is claimed by a test file, so a case copied in
// later fails here until something runs it; and every `must_return_within_ms` bound holds for
// the case's variants and extra inputs too, not only for its main input.
import { describe, expect, it } from 'vitest';
import { Matrix, matmul, pinv, svd } from '../../src/index.js';
import { type Case, toMatrix } from '../fixtures/cases/load.js';

const files = {
  ...import.meta.glob('../fixtures/cases/*.json', { eager: true, import: 'default' }),
  ...import.meta.glob('../fixtures/dln/25-*.json', { eager: true, import: 'default' }),
} as Record<string, Case & { expect: { must_return_within_ms?: number } }>;

/** Which test file runs each case (with all its variants). */
const coveredBy: Record<string, string> = {
  '01-svd-wide-nullspace': 'test/linalg/cases.test.ts',
  '02-svd-sign-pairing': 'test/linalg/cases.test.ts',
  '03-svd-nan-input': 'test/linalg/cases.test.ts',
  '05-svd-wide-zero-column-loop': 'test/linalg/cases.test.ts',
  '07-svd-unsorted': 'test/linalg/cases.test.ts',
  '09-svd-clustered-orthogonality': 'test/linalg/cases.test.ts',
  '10-svd-empty-shapes': 'test/linalg/cases.test.ts',
  '13-pinv-rounding-level-singular-value': 'test/linalg/cases.test.ts',
  '14-pinv-tiny-scale': 'test/linalg/cases.test.ts',
  '16-minnorm-wide-basic-vs-minnorm': 'test/linalg/cases.test.ts',
  '17-minnorm-1x2-zero-pivot': 'test/linalg/cases.test.ts',
  '19-solve-singular-error': 'test/linalg/cases.test.ts',
  '20-qr-zero-pivot': 'test/linalg/cases.test.ts',
  '22-matmul-large-magnitude-f64': 'test/hostile/cases-matmul.test.ts',
  '23-matmul-shape-mismatch': 'test/hostile/cases-matmul.test.ts',
  '24-wasm-memory-grow-stale-view': 'test/hostile/cases-matmul.test.ts',
  '25-train-step-above-2-over-L': 'test/dln/divergence.test.ts',
};

function elapsed(body: () => unknown): { ms: number; error?: Error } {
  const t0 = performance.now();
  try {
    body();
    return { ms: performance.now() - t0 };
  } catch (e) {
    return { ms: performance.now() - t0, error: e as Error };
  }
}

describe('acceptance case coverage', () => {
  it('every case file has a test that runs it, and the file name matches the case name', () => {
    const names = Object.entries(files).map(([path, c]) => {
      expect(path.endsWith(`/${c.name}.json`)).toBe(true);
      return c.name;
    });
    expect(names.sort()).toEqual(Object.keys(coveredBy).sort());
  });

  it('the time bound of each svd case holds for every input and both vector modes', () => {
    const bounded = Object.values(files).filter((c) => c.expect.must_return_within_ms);
    expect(bounded.length).toBeGreaterThanOrEqual(3);
    for (const c of bounded) {
      expect(c.op).toBe('svd');
      const ms = c.expect.must_return_within_ms!;
      const inputs = [c.input.A, ...(c.variants ?? []).map((v) => v.A), ...(c.input.also ?? [])];
      for (const spec of inputs) {
        const a = toMatrix(spec);
        for (const vectors of ['thin', 'full', 'none'] as const) {
          const run = elapsed(() => svd(a, { vectors }));
          expect(run.ms, `${c.name} ${a} ${vectors}`).toBeLessThan(ms);
          if (run.error) {
            expect(['NonFiniteInput', 'EmptyInput']).toContain(run.error.name);
          }
        }
      }
    }
  });

  it("case 10's related ops reject empty operands by name", () => {
    expect(() => matmul(new Matrix(3, 0), new Matrix(0, 2))).toThrow(
      expect.objectContaining({ name: 'EmptyInput', message: expect.stringContaining('3×0') }),
    );
    expect(() => pinv(new Matrix(0, 3))).toThrow(
      expect.objectContaining({ name: 'EmptyInput', message: expect.stringContaining('0×3') }),
    );
  });
});
