// Hostile inputs for the property tests: random shapes (0 and 1 included, wide and tall),
// rank-deficient products, scales from 1e-300 to 1e300 and NaN or ±Infinity at a random
// position; and scale-free checkers written in plain JS, independent of the kernels under test.
import fc from 'fast-check';
import { expect } from 'vitest';
import { Matrix, Random } from '../../src/index.js';
import { fro, maxAbs, mul, orthogonality, sub } from '../linalg/measures.js';

// The factorization measures are shared with the decomposition tests.
export { fro, maxAbs, mul, orthogonality, sub };

export const EPS = Number.EPSILON;

/** One fixed seed per file, so a failure reproduces; fast-check prints it and the path. */
export const SEED = 20261204;

/** Errors a call may throw instead of returning: every one is a named class. */
export const NAMED = [
  'ShapeMismatch', 'EmptyInput', 'NonFiniteInput', 'SingularMatrix', 'ConvergenceFailure',
  'Diverged', 'InvalidArgument', 'RaggedInput', 'Overflow', 'RangeError',
];

export interface Spec {
  rows: number;
  cols: number;
  /** 0: full rank Gaussian; r ≥ 1: a product of rank ≤ r; -1: all zeros. */
  rank: number;
  /** Decimal exponent of the scale. */
  exp: number;
  seed: number;
  /** NaN or ±Infinity at entry `at mod size`, or none. */
  poison: { at: number; value: number } | null;
}

const exponent = fc.oneof(
  fc.integer({ min: -300, max: 300 }),
  fc.constantFrom(-300, -200, -160, -100, 0, 100, 150, 200, 300),
  fc.constant(0),
);

/** A NaN or ±Infinity at a random entry in about one input of six. */
export const poisonArb: fc.Arbitrary<Spec['poison']> = fc.oneof(
  { weight: 5, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.record({
    at: fc.nat(), value: fc.constantFrom(NaN, Infinity, -Infinity),
  }) },
);

export function spec(rows: fc.Arbitrary<number>, cols: fc.Arbitrary<number>): fc.Arbitrary<Spec> {
  return fc.record({
    rows, cols,
    rank: fc.oneof(fc.constant(0), fc.integer({ min: -1, max: 3 })),
    exp: exponent,
    seed: fc.integer({ min: 0, max: 2 ** 31 }),
    poison: poisonArb,
  });
}

export const dim = fc.oneof(fc.integer({ min: 0, max: 7 }), fc.constantFrom(0, 1));

/** The matrix a Spec describes (the generator is the project's seeded one). */
export function build(s: Spec): Matrix {
  const { rows: m, cols: n } = s;
  const rnd = new Random(s.seed);
  const scale = 10 ** s.exp;
  let data: Float64Array;
  if (s.rank === -1) data = new Float64Array(m * n);
  else if (s.rank === 0) data = rnd.normal(m * n).map((x) => x * scale);
  else {
    const r = s.rank;
    const left = rnd.normal(m * r);
    const right = rnd.normal(r * n);
    data = new Float64Array(m * n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
      let t = 0;
      for (let p = 0; p < r; p++) t += left[i * r + p]! * right[p * n + j]!;
      data[i * n + j] = t * scale;
    }
  }
  if (s.poison && m * n > 0) data[s.poison.at % (m * n)] = s.poison.value;
  return new Matrix(m, n, data);
}

/** A vector of length n at 10^exp, with an optional poisoned entry. */
export function vector(n: number, exp: number, seed: number, poison: Spec['poison']) {
  const v = new Random(seed).normal(n).map((x) => x * 10 ** exp);
  if (poison && n > 0) v[poison.at % n] = poison.value;
  return v;
}

/** The power of two nearest below max|x|, so x / pow2Scale(x) is exact and of unit size. */
export function pow2Scale(d: ArrayLike<number>): number {
  const t = maxAbs(d);
  return t === 0 ? 1 : 2 ** Math.floor(Math.log2(t));
}

/** M / σ (or M·σ with `times`), σ a power of two, in two steps so no factor overflows. */
export function scaled(M: Matrix, sigma: number, times = false): Matrix {
  const e = Math.log2(sigma) * (times ? 1 : -1);
  const h = Math.trunc(e / 2);
  return new Matrix(M.rows, M.cols, M.data.map((x) => x * 2 ** h * 2 ** (e - h)));
}

export function allFinite(...xs: (Matrix | Float64Array | number | null)[]): boolean {
  return xs.every((x) => {
    if (x === null) return true;
    if (typeof x === 'number') return Number.isFinite(x);
    const d = x instanceof Matrix ? x.data : x;
    return d.every(Number.isFinite);
  });
}

/** Largest ratio of error to its allowance seen per property, for the report. */
export const worst: Record<string, number> = {};
export function within(label: string, err: number, allowance: number): void {
  const ratio = allowance > 0 ? err / allowance : err === 0 ? 0 : Infinity;
  worst[label] = Math.max(worst[label] ?? 0, ratio);
  expect(ratio, `${label}: error ${err} vs allowance ${allowance}`).toBeLessThanOrEqual(1);
}

/**
 * Run `call` under a time bound. It must return, or throw one of `allowed` (named error
 * classes that apply to this input). When `required` is non-empty the call must throw one of
 * them. The message must name the function.
 */
export function outcome<T>(
  fn: string, call: () => T, allowed: string[], required: string[] = [], ms = 2000,
): T | undefined {
  const t0 = performance.now();
  let result: T | undefined;
  let error: Error | undefined;
  try {
    result = call();
  } catch (e) {
    error = e as Error;
  }
  expect(performance.now() - t0, `${fn} took too long`).toBeLessThan(ms);
  if (required.length > 0) {
    expect(error?.name, `${fn} must throw one of ${required}`).toBeOneOf(required);
  }
  if (error) {
    expect([...allowed, ...required], `${fn} threw ${error.name}: ${error.message}`)
      .toContain(error.name);
    expect(NAMED).toContain(error.name);
    expect(error.message).toContain(fn);
    return undefined;
  }
  return result;
}

/** The named errors that an operand check applies, given the spec's matrix. */
export function operandErrors(M: Matrix): string[] {
  if (M.rows === 0 || M.cols === 0) return ['EmptyInput'];
  if (!M.data.every(Number.isFinite)) return ['NonFiniteInput'];
  return [];
}
