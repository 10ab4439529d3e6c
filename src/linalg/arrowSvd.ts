// The SVD of one merge's broken arrow matrix (bidiagDivide.ts), with LAPACK dlasd2's deflation:
// a weight z_j below tol leaves d_j as a singular value with a unit vector, and two poles
// closer than tol are rotated so that one weight vanishes. Each changes M by at most tol =
// 8·eps·max(|d|, |z|), the absolute accuracy the bidiagonal divide and conquer promises. What
// is left has distinct poles and non-zero weights, as the secular solver (secular.ts) requires.
import { ConvergenceFailure } from '../core/errors.js';
import { f64View, type Scratch } from '../core/memory.js';
import { wasm } from '../core/wasm.js';

const EPS = 2 ** -52;

/**
 * The rotation [c s; −s c] that takes (a, b) to (r, 0), r = √(a² + b²). c and s come from a
 * and b divided by the larger magnitude, so they are orthonormal to eps even when r is tiny or
 * subnormal (r itself may then round; c = a/r would not be accurate).
 */
export function givens(a: number, b: number): { c: number; s: number; r: number } {
  const big = Math.max(Math.abs(a), Math.abs(b));
  if (big === 0) return { c: 1, s: 0, r: 0 };
  const x = a / big;
  const y = b / big;
  const h = Math.sqrt(x * x + y * y);
  return { c: x / h, s: y / h, r: big * h };
}

/** Wasm buffers for the secular solver (assembly/secular.ts), sized for arrows up to n. */
export interface SecularWork {
  pd: number;
  pz: number;
  porigin: number;
  pmu: number;
  pomega: number;
  pzhat: number;
  pwork: number;
  pvk: number;
  puk: number;
  pkept: number;
  psource: number;
}

export function secularWork(s: Scratch, n: number): SecularWork {
  return {
    pd: s.alloc(n), pz: s.alloc(n), porigin: s.alloc(n), pmu: s.alloc(n), pomega: s.alloc(n),
    pzhat: s.alloc(n), pwork: s.alloc(2 * n), pvk: s.alloc(n * n), puk: s.alloc(n * n),
    pkept: s.alloc(n), psource: s.alloc(n),
  };
}

/**
 * Singular values (non-increasing) of M (m×m), which has z in row `zrow` and d_j on the
 * diagonal of every other row j (d_zrow is taken as 0): M[zrow][j] = z_j, M[j][j] = d_j. The
 * vectors go to Wasm memory transposed, as m×m row-major V_Mᵀ at pvm and U_Mᵀ at pum (unless
 * pum = 0): row c is the vector of σ_c; its entry j is the coordinate of column j of M in V_M,
 * of row j of M in U_M. (Rows, so that each vector is written to adjacent memory.)
 */
export function arrowSvd(
  w: SecularWork, dval: Float64Array, zval: Float64Array, zrow: number, pvm: number,
  pum: number,
): Float64Array {
  const m = dval.length;
  const sigma = new Float64Array(m);
  let scale = 0;
  for (let j = 0; j < m; j++) scale = Math.max(scale, Math.abs(dval[j]!), Math.abs(zval[j]!));
  if (scale === 0) {
    for (const p of pum ? [pvm, pum] : [pvm]) {
      const x = f64View(p, m * m).fill(0);
      for (let j = 0; j < m; j++) x[j * m + j] = 1;
    }
    return sigma;
  }
  const d = dval.map((v) => v / scale);
  const z = zval.map((v) => v / scale);
  d[zrow] = 0;

  // Deflation, visiting the poles in increasing order; z_zrow is kept (raised to tol if tiny).
  const tol = 8 * EPS;
  if (Math.abs(z[zrow]!) <= tol) z[zrow] = tol;
  const order = increasingOrder(d, zrow);
  const kept = [zrow];
  const deflated: number[] = [];
  const rotations: number[] = [];
  for (const g of order) {
    if (Math.abs(z[g]!) <= tol) {
      deflated.push(g);
      continue;
    }
    const p = kept[kept.length - 1]!;
    if (p !== zrow && d[g]! - d[p]! <= tol) {
      const { c, s, r } = givens(z[g]!, z[p]!);
      rotations.push(p, g, c, s);
      z[g] = r;
      z[p] = 0;
      kept.pop();
      deflated.push(p);
    }
    kept.push(g);
  }
  const K = kept.length;
  const dk = Float64Array.from(kept, (g) => d[g]!);
  const zk = Float64Array.from(kept, (g) => z[g]!);
  // LAPACK's guard: the smallest pole kept stays tol/2 clear of d = 0.
  if (K > 1 && dk[1]! < tol / 2) dk[1] = tol / 2;

  const kern = wasm();
  f64View(w.pd, K).set(dk);
  f64View(w.pz, K).set(zk);
  const failed = kern.dsecularRoots(K, w.pd, w.pz, w.porigin, w.pmu, w.pwork);
  if (failed < 0) {
    throw new ConvergenceFailure(
      `svd: the secular equation of a divide-and-conquer merge (root ${-failed - 1} of ${K}) ` +
        'did not converge',
    );
  }
  kern.dsecularVectors(K, w.pd, w.pz, w.porigin, w.pmu, w.pomega, w.pvk, w.puk, w.pzhat);
  const omega = f64View(w.pomega, K);
  const withU = pum !== 0;

  // Columns in order of decreasing σ: the roots (increasing with their index) from the largest
  // down, merged with the deflated poles (−1 − g for pole g).
  deflated.sort((a, b) => d[b]! - d[a]! || a - b);
  const source: number[] = [];
  for (let i = K - 1, j = 0; i >= 0 || j < deflated.length;) {
    if (j >= deflated.length || (i >= 0 && omega[i]! >= d[deflated[j]!]!)) source.push(i--);
    else source.push(-1 - deflated[j++]!);
  }
  for (let c = 0; c < m; c++) {
    const s = source[c]!;
    sigma[c] = (s >= 0 ? omega[s]! : d[-1 - s]!) * scale;
  }
  f64View(w.pkept, K).set(kept);
  f64View(w.psource, m).set(source);
  kern.darrowVectors(m, K, w.pvk, w.puk, w.pkept, w.psource, pvm, pum);
  const vm = f64View(pvm, m * m);
  const um = withU ? f64View(pum, m * m) : vm;

  // Undo the deflating rotations, last first, on the coordinates of both sides.
  for (let t = rotations.length - 4; t >= 0; t -= 4) {
    const [p, q, c, s] = [rotations[t]!, rotations[t + 1]!, rotations[t + 2]!, rotations[t + 3]!];
    for (const x of withU ? [vm, um] : [vm]) {
      for (let row = 0; row < m * m; row += m) {
        const xp = x[row + p]!;
        const xq = x[row + q]!;
        x[row + p] = c * xp + s * xq;
        x[row + q] = c * xq - s * xp;
      }
    }
  }
  return sigma;
}

/**
 * The indices j ≠ zrow by increasing d_j. Each side of zrow holds one child's singular values,
 * non-increasing, so this is a merge of the two runs read backwards (LAPACK's dlamrg).
 */
function increasingOrder(d: Float64Array, zrow: number): number[] {
  const order: number[] = [];
  let a = zrow - 1;
  let b = d.length - 1;
  while (a >= 0 || b > zrow) {
    if (b <= zrow || (a >= 0 && d[a]! <= d[b]!)) order.push(a--);
    else order.push(b--);
  }
  return order;
}
