// Validation of a NetworkConfig and of TrainOptions at the TypeScript boundary: every rule
// throws a named error that names the field, the rule and the value that came.
import { InvalidArgument, NonFiniteInput, ShapeMismatch, shapeOf, shown } from '../core/errors.js';
import { Matrix } from '../linalg/matrix.js';
import { checkFinite, checkFlag, checkKnownKeys, checkNonEmpty } from '../linalg/validate.js';
import type { FactorInit, NetworkConfig, TrainOptions } from './types.js';

const FN = 'DeepLinearNetwork';
/** The range of lazy scaling α accepted (see checkConfig). */
export const LAZY_ALPHA_MIN = 1e-8;
export const LAZY_ALPHA_MAX = 1e8;
const KINDS = ['gaussian', 'orthogonal', 'identity', 'zero', 'balancedRankOne', 'custom'];

/** The validated shape of a network: θ is d×k, factor i is shapes[i] (W1 … Wh, then X). */
export interface NetworkShape {
  n: number;
  d: number;
  k: number;
  depth: number;
  widths: number[];
  /** [rows, cols] of W1 … Wh and X. */
  shapes: [number, number][];
  /** b as an n×k row-major array. */
  targets: Float64Array;
  inits: FactorInit[];
  frozen: boolean[];
  /** 0 when lazy scaling is off. */
  lazyAlpha: number;
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Matrix) return `Matrix ${shapeOf(v.rows, v.cols)}`;
  return typeof v === 'number' ? String(v) : typeof v;
}

function checkInit(
  init: unknown, where: string, rows: number, cols: number, d: number,
): FactorInit {
  if (typeof init !== 'object' || init === null || Array.isArray(init)) {
    throw new InvalidArgument(`${FN}: ${where} must be a FactorInit object; got ${kindOf(init)}`);
  }
  const f = init as FactorInit;
  // A misspelt key (scael, varience) would leave its default in force without a word.
  checkKnownKeys(FN, f, ['kind', 'scale', 'variance', 'value', 'u0'], `${where} key`);
  if (!KINDS.includes(f.kind)) {
    throw new InvalidArgument(
      `${FN}: ${where}.kind must be one of ${KINDS.join(', ')}; got ${shown(f.kind)}`,
    );
  }
  if (f.scale !== undefined && !(typeof f.scale === 'number' && Number.isFinite(f.scale))) {
    throw new RangeError(`${FN}: ${where}.scale must be a finite number; got ${shown(f.scale)}`);
  }
  if (f.variance !== undefined && f.variance !== 'width' && f.variance !== 'unit') {
    throw new InvalidArgument(
      `${FN}: ${where}.variance must be 'width' or 'unit'; got ${shown(f.variance)}`,
    );
  }
  if (f.kind === 'custom') {
    if (!(f.value instanceof Matrix)) {
      throw new InvalidArgument(
        `${FN}: ${where}.value must be a Matrix for kind 'custom'; got ${kindOf(f.value)}`,
      );
    }
    if (f.value.rows !== rows || f.value.cols !== cols) {
      throw new ShapeMismatch(
        `${FN}: ${where}.value must be ${shapeOf(rows, cols)}; got ` +
          shapeOf(f.value.rows, f.value.cols),
      );
    }
    checkFinite(FN, `${where}.value`, f.value.data, cols);
  }
  if (f.u0 !== undefined) {
    const u0 = f.u0;
    if (!(u0 instanceof Float64Array) || u0.length !== d) {
      throw new ShapeMismatch(
        `${FN}: ${where}.u0 must be a Float64Array of length d = ${d}; got ${kindOf(u0)}` +
          (u0 instanceof Float64Array ? ` of length ${u0.length}` : ''),
      );
    }
    checkFinite(FN, `${where}.u0`, u0);
    if (u0.every((v) => v === 0)) {
      throw new RangeError(
        `${FN}: ${where}.u0 must be a nonzero vector (θ starts along u0/‖u0‖); got all zeros`,
      );
    }
  }
  return f;
}

/**
 * Check a NetworkConfig and derive the shapes of every factor.
 * @throws {InvalidArgument} for a field of the wrong kind
 * @throws {RangeError} for widths, seed or lazyAlpha out of range, or a zero init u0
 * @throws {ShapeMismatch} for b, init list, frozen list or custom values of the wrong size
 * @throws {NonFiniteInput} for NaN or ±Infinity in A, b or a custom value
 */
export function checkConfig(config: NetworkConfig): NetworkShape {
  if (typeof config !== 'object' || config === null) {
    throw new InvalidArgument(`${FN}: config must be an object; got ${kindOf(config)}`);
  }
  checkKnownKeys(FN, config, ['A', 'b', 'widths', 'init', 'seed', 'frozen', 'lazyAlpha'],
    'config key');
  const { A, b } = config;
  if (!(A instanceof Matrix)) {
    throw new InvalidArgument(`${FN}: config.A must be a Matrix; got ${kindOf(A)}`);
  }
  checkNonEmpty(FN, 'config.A', A.rows, A.cols);
  checkFinite(FN, 'config.A', A.data, A.cols);
  const n = A.rows;
  const d = A.cols;

  let k: number;
  let targets: Float64Array;
  if (b instanceof Float64Array) {
    if (b.length !== n) {
      throw new ShapeMismatch(
        `${FN}: config.b must have length n = ${n} (A is ${shapeOf(n, d)}); got ${b.length}`,
      );
    }
    k = 1;
    targets = b.slice();
  } else if (b instanceof Matrix) {
    if (b.rows !== n || b.cols < 1) {
      throw new ShapeMismatch(
        `${FN}: config.b must be ${n}×k with k ≥ 1 (A is ${shapeOf(n, d)}); got ` +
          shapeOf(b.rows, b.cols),
      );
    }
    k = b.cols;
    targets = b.data.slice();
  } else {
    throw new InvalidArgument(
      `${FN}: config.b must be a Float64Array or a Matrix; got ${kindOf(b)}`,
    );
  }
  if (targets.some((v) => !Number.isFinite(v))) {
    const i = targets.findIndex((v) => !Number.isFinite(v));
    throw new NonFiniteInput(`${FN}: config.b must be finite; found ${targets[i]} at [${i}]`);
  }

  if (!Array.isArray(config.widths)) {
    throw new InvalidArgument(
      `${FN}: config.widths must be an array; got ${kindOf(config.widths)}`,
    );
  }
  // A loop, not forEach, which would skip a hole in [4, , 4].
  for (let i = 0; i < config.widths.length; i++) {
    const m = config.widths[i];
    if (!Number.isInteger(m) || m! < 1) {
      throw new RangeError(
        `${FN}: config.widths[${i}] must be a positive integer; got ${shown(m)}`,
      );
    }
  }
  const widths = config.widths.slice();
  const depth = widths.length;
  const dims = [d, ...widths];
  const shapes: [number, number][] = [];
  for (let i = 0; i < depth; i++) shapes.push([dims[i]!, dims[i + 1]!]);
  shapes.push([dims[depth]!, k]);

  if (!Number.isSafeInteger(config.seed) || config.seed < 0) {
    throw new RangeError(
      `${FN}: config.seed must be a non-negative safe integer; got ${shown(config.seed)}`,
    );
  }

  const list = Array.isArray(config.init) ? config.init : undefined;
  if (list !== undefined && list.length !== depth + 1) {
    throw new ShapeMismatch(
      `${FN}: config.init must be one FactorInit or a list of depth + 1 = ${depth + 1} ` +
        `(W1 … W${depth}, X); got a list of ${list.length}`,
    );
  }
  const inits = shapes.map(([r, c], i) =>
    checkInit(list ? list[i] : config.init, list ? `config.init[${i}]` : 'config.init', r, c, d),
  );

  const frozen = config.frozen ?? new Array<boolean>(depth + 1).fill(false);
  if (!Array.isArray(frozen) || frozen.length !== depth + 1) {
    throw new ShapeMismatch(
      `${FN}: config.frozen must list depth + 1 = ${depth + 1} booleans (W1 … W${depth}, X); ` +
        `got ${Array.isArray(frozen) ? `a list of ${frozen.length}` : kindOf(frozen)}`,
    );
  }
  // 'false' would freeze W1 through Boolean('false'), and a hole would be read both ways.
  for (let i = 0; i <= depth; i++) {
    if (typeof frozen[i] !== 'boolean') {
      throw new InvalidArgument(
        `${FN}: config.frozen[${i}] must be true or false; got ${shown(frozen[i])}`,
      );
    }
  }

  let lazyAlpha = 0;
  if (config.lazyAlpha !== undefined) {
    const a = config.lazyAlpha;
    if (!(typeof a === 'number' && Number.isFinite(a) && a > 0)) {
      throw new RangeError(`${FN}: config.lazyAlpha must be a finite number > 0; got ${shown(a)}`);
    }
    // The predictor α(θ − θ0) loses log10(α) digits to the cancellation in θ − θ0, and the
    // loss ½‖Aθ − b‖²/α² that the stopping test reads shrinks by α²: past 1e8 the loss test
    // passes (or underflows to 0) while the predictor's residual is still O(‖b‖).
    if (a < LAZY_ALPHA_MIN || a > LAZY_ALPHA_MAX) {
      throw new RangeError(
        `${FN}: config.lazyAlpha must be in [1e-8, 1e8] (beyond ` +
          'it the scaled loss ½‖Aθ − b‖²/α² misleads the stopping test); got ' + a,
      );
    }
    lazyAlpha = a;
  }
  return { n, d, k, depth, widths, shapes, targets, inits, frozen: frozen.slice(), lazyAlpha };
}

/**
 * Check TrainOptions.
 * @throws {RangeError} naming the option, the rule and the value
 */
export function checkTrainOptions(opts: TrainOptions): void {
  const fn = 'DeepLinearNetwork.train';
  if (typeof opts !== 'object' || opts === null) {
    throw new InvalidArgument(`${fn}: options must be an object; got ${kindOf(opts)}`);
  }
  const known: (keyof TrainOptions)[] =
    ['step', 'maxSteps', 'lossTol', 'gradTol', 'every', 'momentum', 'record'];
  checkKnownKeys(fn, opts, known);
  const { step, maxSteps } = opts;
  if (step !== 'auto' && !(typeof step === 'number' && Number.isFinite(step) && step > 0)) {
    throw new RangeError(
      `${fn}: option 'step' must be a finite number > 0 or 'auto'; got ${shown(step)}`,
    );
  }
  if (!Number.isSafeInteger(maxSteps) || maxSteps < 0) {
    throw new RangeError(
      `${fn}: option 'maxSteps' must be a non-negative integer; got ${shown(maxSteps)}`,
    );
  }
  const nonNegative = (name: keyof TrainOptions, v: unknown) => {
    if (v !== undefined && !(typeof v === 'number' && v >= 0 && !Number.isNaN(v))) {
      throw new RangeError(`${fn}: option '${name}' must be a number ≥ 0; got ${shown(v)}`);
    }
  };
  nonNegative('lossTol', opts.lossTol);
  nonNegative('gradTol', opts.gradTol);
  if (opts.every !== undefined && (!Number.isSafeInteger(opts.every) || opts.every < 0)) {
    throw new RangeError(
      `${fn}: option 'every' must be a non-negative integer; got ${shown(opts.every)}`,
    );
  }
  const m = opts.momentum;
  if (m !== undefined && !(typeof m === 'number' && m >= 0 && m < 1)) {
    throw new RangeError(`${fn}: option 'momentum' must be in [0, 1); got ${shown(m)}`);
  }
  checkFlag(fn, 'record', opts.record, true);
}
