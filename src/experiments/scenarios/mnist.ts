// mnist: underdetermined regression on real handwritten digits. n training images of two digits
// (±1 targets, 3 against 8 by default), d = 784 pixels (pool = 1; n < d), fitted exactly
// by deep linear networks from several starts; test error on held-out digits against the
// minimum-norm interpolant θ* = A⁺b. A zero first layer must give θ*'s predictions (T2); large
// and lazy starts keep a null-space part of θ0 that the training data never see.
import type { FactorInit } from '../../dln/types.js';
import { Matrix } from '../../linalg/matrix.js';
import { Random } from '../../linalg/random.js';
import type { Config, Row, Scenario, Summary } from '../types.js';
import { matvec } from '../../linalg/products.js';
import { endRow, fit } from './fitting.js';
import { makeGrid, num, str } from './grid.js';
import { loadDigit, PIXELS } from './mnist-data.js';
import { problemFromData } from './problem.js';
import { checkAbove, checkBelow, col, fmt, groupBy, maxOf, mean, meanStd } from './stats.js';
import { distance, norm, sub } from './vectors.js';
import { shown } from '../../core/errors.js';

/** Average-pool a 28×28 image by `pool` × `pool` blocks (pool divides 28). */
function pooled(images: Float64Array, index: number, pool: number): Float64Array {
  const side = 28 / pool;
  const out = new Float64Array(side * side);
  const base = index * PIXELS;
  for (let r = 0; r < 28; r++) {
    for (let c = 0; c < 28; c++) {
      const k = Math.floor(r / pool) * side + Math.floor(c / pool);
      out[k] = out[k]! + images[base + r * 28 + c]! / (pool * pool);
    }
  }
  return out;
}

interface PreparedPool {
  /** (digit slot 0 or 1, image index) of every image of both digits. */
  all: [number, number][];
  vectors: Float64Array[];
  mu: Float64Array;
  rms: number;
  dim: number;
}

const prepared = new Map<string, PreparedPool>();

/** Pooled images of both digits with their mean and RMS centered norm, cached per process. */
function preparedPool(positive: number, negative: number, pool: number): PreparedPool {
  const key = `${positive},${negative},${pool}`;
  const hit = prepared.get(key);
  if (hit) return hit;
  const sets = [positive, negative].map(loadDigit);
  const all: [number, number][] = [];
  sets.forEach((set, di) => { for (let i = 0; i < set.length / PIXELS; i++) all.push([di, i]); });
  const dim = (28 / pool) ** 2;
  const vectors = all.map(([di, i]) => pooled(sets[di]!, i, pool));
  const mu = new Float64Array(dim);
  for (const v of vectors) for (let k = 0; k < dim; k++) mu[k] = mu[k]! + v[k]! / vectors.length;
  let rms = 0;
  for (const v of vectors) rms += norm(sub(v, mu)) ** 2 / vectors.length;
  const entry = { all, vectors, mu, rms: Math.sqrt(rms), dim };
  prepared.set(key, entry);
  return entry;
}

interface DigitData {
  A: Matrix;
  b: Float64Array;
  testA: Matrix;
  testB: Float64Array;
}

/**
 * Sample n training and nTest test images of the two digits with our seeded generator, pool
 * them, center by the mean of all images of both digits (a fixed, sample-free mean: centering by
 * the training mean would make A rank-deficient) and scale rows to unit RMS norm.
 */
export function digitData(c: Config): DigitData {
  const pool = num(c, 'pool');
  const { all, vectors, mu, rms, dim } = preparedPool(num(c, 'positive'), num(c, 'negative'), pool);

  const u = new Random(c.seed).uniform(all.length);
  const order = all.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(u[i]! * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const take = (from: number, count: number) => {
    const m = new Matrix(count, dim);
    const y = new Float64Array(count);
    for (let r = 0; r < count; r++) {
      const idx = order[from + r]!;
      m.data.set(sub(vectors[idx]!, mu).map((x) => x / rms), r * dim);
      y[r] = all[idx]![0] === 0 ? 1 : -1;
    }
    return { m, y };
  };
  const n = num(c, 'n');
  const train = take(0, n);
  const test = take(n, num(c, 'nTest'));
  return { A: train.m, b: train.y, testA: test.m, testB: test.y };
}

function initsOf(kind: string, h: number, large: number): { init: FactorInit[]; alpha?: number } {
  const g = (scale: number): FactorInit => ({ kind: 'gaussian', scale });
  const all = (f: FactorInit) => Array.from({ length: h + 1 }, () => f);
  if (kind === 'zeroW1') return { init: [{ kind: 'zero' }, ...all(g(1)).slice(1)] };
  if (kind === 'small') return { init: all(g(0.05)) };
  if (kind === 'large') return { init: all(g(large)) };
  if (kind === 'lazy') return { init: all(g(1)), alpha: 100 };
  throw new RangeError(`mnist: init must be zeroW1, small, large or lazy; got ${shown(kind)}`);
}

function testScores(data: DigitData, theta: Float64Array): { errorRate: number; mse: number } {
  const pred = matvec(data.testA, theta);
  let wrong = 0;
  let se = 0;
  pred.forEach((p, i) => {
    if (Math.sign(p) !== data.testB[i]) wrong++;
    se += (p - data.testB[i]!) ** 2;
  });
  return { errorRate: wrong / pred.length, mse: se / pred.length };
}

function run(c: Config): Row[] {
  const data = digitData(c);
  const problem = problemFromData(data.A, data.b);
  const h = num(c, 'h');
  const kind = str(c, 'init');
  const { init, alpha } = initsOf(kind, h, num(c, 'largeScale'));
  const fr = fit({ problem, widths: Array(h).fill(num(c, 'm')), init, seed: c.seed + 1,
    ...(alpha !== undefined ? { lazyAlpha: alpha } : {}) },
  { maxSteps: num(c, 'maxSteps'), lossTol: num(c, 'lossTol') });
  const net = testScores(data, fr.theta);
  const minNorm = testScores(data, problem.thetaStar);
  const row = endRow(problem, fr);
  return [{
    init: kind, n: num(c, 'n'), d: problem.d, seed: c.seed, ...row,
    testErrorRate: net.errorRate, testMse: net.mse,
    minNormTestErrorRate: minNorm.errorRate, minNormTestMse: minNorm.mse,
    predictionGap: norm(sub(matvec(data.testA, fr.theta),
      matvec(data.testA, problem.thetaStar))) / Math.sqrt(data.testB.length),
    condition: problem.sigmaMax2 / problem.sigmaMin2,
  }];
}

const KINDS = ['zeroW1', 'small', 'large', 'lazy'];

function summarize(rows: Row[]): Summary {
  const ok = rows.filter((r) => r.converged === true);
  const zero = rows.filter((r) => r.init === 'zeroW1');
  const large = ok.filter((r) => r.init === 'large');
  return {
    tables: [{
      title: 'Headline: held-out error of deep linear interpolants of MNIST digits ' +
        '(mean ± std over samples)',
      columns: ['n', 'init', 'test error rate', 'min-norm θ* test error rate', 'test MSE',
        'θ* test MSE', '‖θ∞ − θ*‖/‖θ*‖', 'converged'],
      rows: groupBy(rows, ['n', 'init']).map(({ key, rows: g }) => [
        key.n as number, key.init as string,
        meanStd(col(g, 'testErrorRate')), meanStd(col(g, 'minNormTestErrorRate')),
        meanStd(col(g, 'testMse')), meanStd(col(g, 'minNormTestMse')), meanStd(col(g, 'relErr')),
        `${g.filter((r) => r.converged).length}/${g.length}`]),
    }],
    plots: [{
      id: 'test-mse', title: 'Held-out MSE against the distance to the minimum-norm interpolant',
      x: { label: '‖θ∞ − θ*‖/‖θ*‖', log: true }, y: { label: 'test MSE', log: true },
      series: [
        ...KINDS.map((k) => ({
          name: k, kind: 'dots' as const,
          points: rows.filter((r) => r.init === k).map((r) =>
            [Math.max(1e-16, r.relErr as number), r.testMse as number] as [number, number]),
        })),
        { name: 'min-norm θ* (mean test MSE)', kind: 'guide' as const, points: (() => {
          const m = mean(col(rows, 'minNormTestMse'));
          return [[1e-16, m], [1e3, m]] as [number, number][];
        })() },
      ],
    }],
    checks: [
      checkBelow('zero W1 = θ*',
        'max ‖θ∞ − θ*‖/‖θ*‖ with W1(0) = 0 (T2 on real data; all converged)',
        zero.every((r) => r.converged) ? maxOf(col(zero, 'relErr')) : NaN, 1e-6),
      checkBelow('same predictions', 'max RMS gap of held-out predictions, zero W1 against θ*',
        maxOf(col(zero, 'predictionGap')), 1e-6),
      checkAbove('large init hurts', 'mean test MSE of the large start over θ*\'s',
        large.length ? mean(col(large, 'testMse')) / mean(col(large, 'minNormTestMse')) : NaN, 1.5),
    ],
    notes: [`Converged ${ok.length}/${rows.length} runs ` +
      '(loss < lossTol = 1e-20: ill-conditioned real data). ' +
      `Condition number σ_max²/σ_min² of A: ${fmt(mean(col(rows, 'condition')))} on average.`],
  };
}

export const mnistDigits: Scenario = {
  id: 'mnist',
  name: 'mnist-digits',
  title: 'Real data: MNIST digits fitted exactly, and what the initialization does to test error',
  description: 'n digits (3 vs 8, ±1), 784 pixels; zero-W1, small, large and lazy starts.',
  grid: (opts) => makeGrid('mnist', {
    full: { axes: { n: [25, 50], init: KINDS }, seeds: 3,
      params: { positive: 3, negative: 8, pool: 1, nTest: 500, h: 2, m: 16, largeScale: 2,
        maxSteps: 20000, lossTol: 1e-20 } },
    quick: { axes: { n: [25], init: KINDS }, seeds: 1,
      params: { positive: 3, negative: 8, pool: 1, nTest: 300, h: 2, m: 16, largeScale: 2,
        maxSteps: 20000, lossTol: 1e-20 } },
  }, opts),
  run,
  summarize,
};
