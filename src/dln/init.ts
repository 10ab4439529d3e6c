// Starting values of the factors W1 … Wh, X. Each factor draws from its own stream, seeded from
// the config seed and the factor's index, so changing one factor's kind or size leaves the
// draws of every other factor unchanged.
import { Matrix } from '../linalg/matrix.js';
import { qr } from '../linalg/qr.js';
import { Random } from '../linalg/random.js';
import type { NetworkShape } from './config.js';
import { norm } from './metrics.js';
import type { FactorInit } from './types.js';

/** Seeds of the streams: one per factor, then one for the balanced rank-one directions. */
function streamSeeds(seed: number, count: number): number[] {
  const u = new Random(seed).uniform(count);
  return Array.from(u, (v) => Math.floor(v * 2 ** 52));
}

/**
 * v/‖v‖ for a nonzero finite v. The plain sum of squares is kept where it is safe (same bits as
 * before for every ordinary draw); entries near 1e±154 would overflow or underflow it, and then
 * v is first divided by its largest entry.
 */
function unit(v: Float64Array): Float64Array {
  let s = 0;
  for (const x of v) s += x * x;
  const r = Math.sqrt(s);
  if (Number.isFinite(r) && r >= 1e-290) return v.map((x) => x / r);
  let scale = 0;
  for (const x of v) scale = Math.max(scale, Math.abs(x));
  const w = v.map((x) => x / scale);
  const rw = norm(w);
  return w.map((x) => x / rw);
}

/**
 * A rows×cols matrix with orthonormal columns (rows ≥ cols) or orthonormal rows (rows < cols):
 * the Q factor of a Householder QR of a Gaussian draw, with columns signed so that diag(R) > 0,
 * which makes Q Haar-distributed (Mezzadri 2007).
 */
export function orthogonalDraw(rows: number, cols: number, rng: Random): Matrix {
  const tall = rows >= cols;
  const [m, n] = tall ? [rows, cols] : [cols, rows];
  const { Q, R } = qr(new Matrix(m, n, rng.normal(rows * cols)));
  for (let j = 0; j < n; j++) {
    if (R.data[j * R.cols + j]! < 0) for (let i = 0; i < m; i++) Q.data[i * n + j]! *= -1;
  }
  return tall ? Q : Q.transpose();
}

function draw(f: FactorInit, rows: number, cols: number, isX: boolean, rng: Random): Matrix {
  const s = f.scale ?? 1;
  switch (f.kind) {
    case 'gaussian': {
      const m = isX ? rows : cols;
      const std = (f.variance ?? 'width') === 'width' ? s / Math.sqrt(m) : s;
      return new Matrix(rows, cols, rng.normal(rows * cols, std));
    }
    case 'orthogonal': {
      const q = orthogonalDraw(rows, cols, rng);
      return new Matrix(rows, cols, q.data.map((v) => s * v));
    }
    case 'identity':
      return new Matrix(rows, cols, Matrix.eye(rows, cols).data.map((v) => s * v));
    case 'zero':
      return Matrix.zeros(rows, cols);
    case 'custom':
      return new Matrix(rows, cols, f.value!.data.map((v) => s * v));
    default:
      throw new Error(`initialFactors: kind ${f.kind} is drawn elsewhere`);
  }
}

/**
 * The starting factors W1 … Wh, X of a network.
 *
 * balancedRankOne (T4): W_i = s u_{i−1} u_iᵀ and X = s u_h vᵀ with unit vectors u0 ∈ R^d,
 * u_i ∈ R^{m_i} and v ∈ R^k (v = 1 for a vector target), shared by every factor of that kind,
 * so that all imbalances D_i vanish when every factor has the same s.
 * @param shape the validated shape (see checkConfig)
 * @param seed the config seed
 */
export function initialFactors(shape: NetworkShape, seed: number): Matrix[] {
  const { depth, shapes, inits, d, k } = shape;
  const seeds = streamSeeds(seed, depth + 2);

  let dirs: Float64Array[] | undefined;
  const directions = (): Float64Array[] => {
    if (dirs) return dirs;
    const rng = new Random(seeds[depth + 1]!);
    const dims = [d, ...shape.widths, k];
    dirs = dims.map((m) => unit(rng.normal(m)));
    dirs[dirs.length - 1] = k === 1 ? new Float64Array([1]) : dirs[dirs.length - 1]!;
    const given = inits.find((f) => f.kind === 'balancedRankOne' && f.u0 !== undefined);
    if (given) dirs[0] = unit(given.u0!.slice());
    return dirs;
  };

  return shapes.map(([rows, cols], i) => {
    const f = inits[i]!;
    if (f.kind !== 'balancedRankOne') {
      return draw(f, rows, cols, i === depth, new Random(seeds[i]!));
    }
    const u = directions();
    const s = f.scale ?? 1;
    const left = u[i]!;
    const right = u[i + 1]!;
    const out = new Matrix(rows, cols);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) out.data[r * cols + c] = s * left[r]! * right[c]!;
    }
    return out;
  });
}
