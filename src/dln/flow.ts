// T4 (Arora, Cohen and Hazan 2018, single-output case): from an exactly balanced start, gradient
// flow on the factors moves θ by the end-to-end ODE
//   θ' = −‖θ‖^{2h/(h+1)} (g + h θ̂(θ̂ᵀg)),  g = Aᵀ(Aθ − b),  θ̂ = θ/‖θ‖,
// and a balanced rank-one start of scale s ends at distance e from θ* solving
//   e = s‖(I − A⁺A)u0‖ (‖θ*‖² + e²)^{h/(2(h+1))}.
import { Diverged, InvalidArgument, Overflow, shown } from '../core/errors.js';
import { Matrix } from '../linalg/matrix.js';
import { matmul } from '../linalg/products.js';
import { checkFinite, checkOperand, checkOptions, checkVector } from '../linalg/validate.js';
import { checkDepth } from './arguments.js';
import { norm } from './metrics.js';
import { pinv } from '../linalg/pinv.js';

export interface FlowOptions {
  /** h, the number of matrices of the network whose end-to-end flow this is. */
  depth: number;
  /** Integration step (use the GD step η to compare with GD step by step). */
  step: number;
  /** Time horizon T; the integrator takes round(T / step) steps. */
  horizon: number;
  /** 'euler' (explicit, matches GD to O(η)) or 'rk4'. Default 'euler'. */
  method?: 'euler' | 'rk4';
}

function velocity(a: Matrix, b: Float64Array, h: number, theta: Float64Array): Float64Array {
  const r = matmul(a, new Matrix(theta.length, 1, theta), { checkFinite: false }).data
    .map((v, i) => v - b[i]!);
  const g = matmul(a, new Matrix(r.length, 1, r), { transposeA: true, checkFinite: false }).data;
  const t = norm(theta);
  if (t === 0) return new Float64Array(theta.length);
  let along = 0;
  for (let i = 0; i < theta.length; i++) along += (theta[i]! / t) * g[i]!;
  const pre = t ** ((2 * h) / (h + 1));
  return theta.map((v, i) => -pre * (g[i]! + h * (v / t) * along));
}

/**
 * Integrate the end-to-end ODE of T4 from θ0 up to the horizon.
 * @param a the n×d matrix A
 * @param b the targets (length n)
 * @param theta0 the start θ(0) = W1(0)⋯Wh(0)x(0) of a balanced network
 * @param opts depth, step, horizon, method
 * @returns θ(T)
 */
/** Steps endToEndFlow takes at most (horizon/step), so that a tiny step fails at once. */
const MAX_FLOW_STEPS = 1e7;

export function endToEndFlow(
  a: Matrix, b: Float64Array, theta0: Float64Array, opts: FlowOptions,
): Float64Array {
  checkOperand('endToEndFlow', 'A', a);
  const bv = checkVector('endToEndFlow', 'b', b, a.rows);
  let y = checkVector('endToEndFlow', 'theta0', theta0, a.cols).slice();
  checkFinite('endToEndFlow', 'b', bv);
  checkFinite('endToEndFlow', 'theta0', y);
  const o = checkOptions('endToEndFlow', opts, ['depth', 'step', 'horizon', 'method']);
  const h = checkDepth('endToEndFlow', o.depth, 'option');
  const { step, horizon } = o;
  // A finite horizon and step, or round(T / step) is Infinity and the loop never ends.
  const count = Math.round(Number(horizon) / Number(step));
  if (typeof step !== 'number' || typeof horizon !== 'number' || !(step > 0) ||
    !(horizon >= 0) || !Number.isSafeInteger(count)) {
    throw new RangeError(
      `endToEndFlow: options 'step' > 0 and 'horizon' ≥ 0 (finite numbers, horizon/step a ` +
        `safe integer) required; got ${shown(step)}, ${shown(horizon)}`,
    );
  }
  // Each step is a few products of A; 1e7 of them already take minutes, synchronously.
  if (count > MAX_FLOW_STEPS) {
    throw new RangeError(
      `endToEndFlow: horizon/step = ${count} steps is more than ${MAX_FLOW_STEPS}; ` +
        'take a larger step or a shorter horizon',
    );
  }
  const method = o.method ?? 'euler';
  if (method !== 'euler' && method !== 'rk4') {
    throw new InvalidArgument(
      `endToEndFlow: option 'method' must be 'euler' or 'rk4'; got ${shown(method)}`,
    );
  }
  const steps = count;
  const f = (t: Float64Array) => velocity(a, bv, h, t);
  const add = (u: Float64Array, v: Float64Array, c: number) => u.map((x, i) => x + c * v[i]!);
  for (let s = 0; s < steps; s++) {
    if (method === 'euler') {
      y = add(y, f(y), step);
    } else {
      const k1 = f(y);
      const k2 = f(add(y, k1, step / 2));
      const k3 = f(add(y, k2, step / 2));
      const k4 = f(add(y, k3, step));
      y = y.map((x, i) => x + (step / 6) * (k1[i]! + 2 * k2[i]! + 2 * k3[i]! + k4[i]!));
    }
    if (!y.every(Number.isFinite)) {
      throw new Diverged(
        `endToEndFlow: the ${method} integration left the f64 range at step ${s + 1} of ` +
          `${steps} with step ${step}; use a smaller 'step'`,
      );
    }
  }
  return y;
}

/**
 * T4's scalar equation for the final error e = ‖θ∞ − θ*‖ of a balanced rank-one start
 * W_i = s u_{i−1}u_iᵀ, x = s u_h: the root of f(e) = e − s c (‖θ*‖² + e²)^p with
 * c = ‖(I − A⁺A)u0‖ and p = h/(2(h+1)) < ½. f(0) ≤ 0 and f grows like e for large e, so a
 * bracket is found by doubling; Newton steps are kept inside it, bisection otherwise.
 * @param a the n×d matrix A
 * @param b the targets (length n)
 * @param opts depth h, scale s, and u0 (the direction of W1's column space; normalized here)
 */
export function balancedRankOneError(
  a: Matrix, b: Float64Array, opts: { depth: number; scale: number; u0: Float64Array },
): number {
  checkOperand('balancedRankOneError', 'A', a);
  checkOptions('balancedRankOneError', opts, ['depth', 'scale', 'u0']);
  const bv = checkVector('balancedRankOneError', 'b', b, a.rows);
  const u = checkVector('balancedRankOneError', 'u0', opts.u0, a.cols);
  checkFinite('balancedRankOneError', 'b', bv);
  checkFinite('balancedRankOneError', 'u0', u);
  const h = checkDepth('balancedRankOneError', opts.depth, 'option');
  if (!(Number.isFinite(opts.scale) && opts.scale >= 0)) {
    throw new RangeError(
      "balancedRankOneError: option 'scale' must be a finite number ≥ 0; got " +
        shown(opts.scale),
    );
  }
  const p = pinv(a);
  const star = matmul(p, new Matrix(a.rows, 1, bv)).data;
  const un = norm(u);
  if (un === 0) {
    throw new RangeError("balancedRankOneError: option 'u0' must not be the zero vector");
  }
  const unit = u.map((x) => x / un);
  const back = matmul(p, matmul(a, new Matrix(a.cols, 1, unit))).data;
  const c = norm(unit.map((x, i) => x - back[i]!));
  const pw = h / (2 * (h + 1));
  const t2 = norm(star) ** 2;
  const sc = opts.scale * c;
  const f = (e: number) => e - sc * (t2 + e * e) ** pw;
  const df = (e: number) => 1 - sc * pw * 2 * e * (t2 + e * e) ** (pw - 1);
  if (sc === 0) return 0;

  let lo = 0;
  let hi = Math.max(1, sc);
  while (f(hi) <= 0 && hi < Infinity) hi *= 2;
  // The root grows like (s·c)^(h+1): for a large scale it lies beyond the f64 range.
  if (!(f(hi) > 0)) {
    throw new Overflow(
      `balancedRankOneError: the error e for scale ${opts.scale} and depth ${h} is beyond the ` +
        'f64 range (it grows like (s·c)^(h+1)); use a smaller scale',
    );
  }
  let e = hi / 2;
  for (let it = 0; it < 200; it++) {
    const fe = f(e);
    if (fe === 0) return e;
    if (fe < 0) lo = e;
    else hi = e;
    const newton = e - fe / df(e);
    e = newton > lo && newton < hi ? newton : (lo + hi) / 2;
    if (hi - lo <= 4 * Number.EPSILON * hi || Math.abs(fe) <= Number.EPSILON * (e + sc)) break;
  }
  return e;
}
