// Plain gradient descent on ½‖A W1⋯Wh x − b‖² in TypeScript loops, for vector targets: an
// independent cross-check of the library's fused Wasm trainer that the scenarios run on (the
// tests train both from the same start). A step follows THEORY.md a3: with g = Aᵀr, the
// gradient of W_i is (P_iᵀ g)(S_{i+1})ᵀ and that of x is (W1⋯Wh)ᵀ g; all factors update from
// the same state. Its vector helpers are plain loops on purpose: nothing here calls the Wasm.
import type { FactorInit, TrainOptions, TrainResult, MetricsRow } from '../../src/dln/types.js';
import { Matrix } from '../../src/linalg/matrix.js';
import { Random } from '../../src/linalg/random.js';
import type { NetSpec } from '../../src/experiments/scenarios/fitting.js';

export function matvecTs(a: Matrix, x: Float64Array): Float64Array {
  const out = new Float64Array(a.rows);
  for (let i = 0; i < a.rows; i++) {
    let v = 0;
    for (let j = 0; j < a.cols; j++) v += a.data[i * a.cols + j]! * x[j]!;
    out[i] = v;
  }
  return out;
}

export function matTvecTs(a: Matrix, x: Float64Array): Float64Array {
  const out = new Float64Array(a.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.cols; j++) out[j] = out[j]! + a.data[i * a.cols + j]! * x[i]!;
  }
  return out;
}

export function norm(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * x[i]!;
  return Math.sqrt(s);
}

export function sub(x: Float64Array, y: Float64Array): Float64Array {
  return x.map((v, i) => v - y[i]!);
}

/** The factor shapes [rows, cols] of W1 … Wh, x. */
export function factorShapes(d: number, widths: number[]): [number, number][] {
  const dims = [d, ...widths];
  const shapes: [number, number][] = [];
  for (let i = 0; i + 1 < dims.length; i++) shapes.push([dims[i]!, dims[i + 1]!]);
  shapes.push([dims[dims.length - 1]!, 1]);
  return shapes;
}

/** Draw the factors as FactorInit describes, all from one seeded stream, W1 first. */
export function drawFactors(spec: Pick<NetSpec, 'problem' | 'widths' | 'init' | 'seed'>) {
  const shapes = factorShapes(spec.problem.d, spec.widths);
  const inits = Array.isArray(spec.init) ? spec.init : shapes.map(() => spec.init as FactorInit);
  const rng = new Random(spec.seed);
  return shapes.map(([r, c], i) => {
    const init = inits[i]!;
    const s = init.scale ?? 1;
    if (init.kind === 'zero') return new Matrix(r, c);
    if (init.kind === 'custom') return init.value!.clone();
    if (init.kind === 'gaussian') {
      const m = i === shapes.length - 1 ? r : c;
      const sd = init.variance === 'unit' ? s : s / Math.sqrt(m);
      return new Matrix(r, c, rng.normal(r * c, sd));
    }
    throw new RangeError(`drawFactors: init kind '${init.kind}' is not drawn here; use 'custom'`);
  });
}

/** θ = W1 ⋯ Wh x and the suffixes S_i = W_i ⋯ W_h x (S_{h+1} = x). */
function suffixes(f: Matrix[]): Float64Array[] {
  const h = f.length - 1;
  const s: Float64Array[] = new Array(h + 2);
  s[h + 1] = new Float64Array(f[h]!.data);
  for (let i = h; i >= 1; i--) s[i] = matvecTs(f[i - 1]!, s[i + 1]!);
  return s;
}

export class ReferenceNetwork {
  private f: Matrix[];
  private readonly f0: Matrix[];
  private readonly theta0: Float64Array;
  private readonly alpha: number | undefined;
  private readonly frozen: boolean[];

  constructor(private readonly spec: NetSpec) {
    this.f = drawFactors(spec);
    this.f0 = this.f.map((m) => m.clone());
    this.alpha = spec.lazyAlpha;
    this.frozen = spec.frozen ?? this.f.map(() => false);
    this.theta0 = suffixes(this.f)[1]!;
  }

  /** The end-to-end predictor: θ, or α(θ − θ0) under lazy scaling. */
  theta(): Float64Array {
    const t = suffixes(this.f)[1]!;
    if (this.alpha === undefined) return t;
    return sub(t, this.theta0).map((v) => v * this.alpha!);
  }

  factors(): Matrix[] {
    return this.f.map((m) => m.clone());
  }

  initialFactors(): Matrix[] {
    return this.f0.map((m) => m.clone());
  }

  /** ½‖Aθ − b‖² (divided by α² under lazy scaling). */
  loss(): number {
    const { A, b } = this.spec.problem;
    const r = sub(matvecTs(A, this.theta()), b);
    const l = 0.5 * norm(r) ** 2;
    return this.alpha === undefined ? l : l / this.alpha ** 2;
  }

  train(opts: TrainOptions): TrainResult {
    const { A, b, thetaStar } = this.spec.problem;
    if (opts.step === 'auto') throw new RangeError('ReferenceNetwork.train: give a numeric step');
    const eta = opts.step;
    const tol = opts.lossTol ?? 1e-25;
    const every = opts.every ?? 0;
    const alpha = this.alpha;
    const history: MetricsRow[] = [];
    const h = this.f.length - 1;
    let steps = 0;
    let loss = Infinity;
    let converged = false;

    for (;;) {
      const s = suffixes(this.f);
      const theta = alpha === undefined ? s[1]! : sub(s[1]!, this.theta0).map((v) => v * alpha);
      const r = sub(matvecTs(A, theta), b);
      loss = 0.5 * norm(r) ** 2 / (alpha === undefined ? 1 : alpha ** 2);
      const record = (every > 0 && steps % every === 0) || steps === 0;
      const last = loss < tol || steps >= opts.maxSteps || !Number.isFinite(loss);
      if ((opts.record ?? true) && (record || last)) {
        history.push({
          step: steps, loss, thetaNorm: norm(theta), residual: norm(r),
          distanceToMinNorm: norm(sub(theta, thetaStar)),
          nullComponent: norm(this.spec.problem.nullPart(theta)), paramNorm: this.paramNorm(),
          imbalance: [],
        });
      }
      if (loss < tol) { converged = true; break; }
      if (steps >= opts.maxSteps || !Number.isFinite(loss)) break;

      const g = matTvecTs(A, r);
      if (alpha !== undefined) for (let i = 0; i < g.length; i++) g[i] = g[i]! / alpha;
      const next = this.f.map((m) => m.clone());
      let p = g;
      for (let i = 0; i <= h; i++) {
        const w = this.f[i]!;
        const suffix = i < h ? s[i + 2]! : new Float64Array([1]);
        if (!this.frozen[i]) {
          const nd = next[i]!.data;
          for (let row = 0; row < w.rows; row++) {
            const pr = eta * p[row]!;
            for (let c = 0; c < w.cols; c++) {
              nd[row * w.cols + c] = nd[row * w.cols + c]! - pr * suffix[c]!;
            }
          }
        }
        if (i < h) p = matTvecTs(w, p);
      }
      this.f = next;
      steps++;
    }
    const last = history[history.length - 1];
    if (last && last.step !== steps) history.push({ ...last, step: steps, loss });
    return {
      converged, reason: converged ? 'loss' : 'budget', steps, stepSize: eta, loss, history,
    };
  }

  paramNorm(): number {
    let s = 0;
    for (const m of this.f) for (const v of m.data) s += v * v;
    return s;
  }

  dispose(): void {}
}
