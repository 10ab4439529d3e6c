// The Jacobi phase of svd (svd.ts): one-sided Jacobi (assembly/jacobi.ts) on the rows of the
// triangular factor R of A·P = Q·R, with the rotations' product V_x either accumulated or, when
// R is well conditioned, solved for afterwards (Drmač & Veselić 2008, as in LAPACK's dgejsv).
import { f64View, type Scratch } from '../core/memory.js';
import { wasm } from '../core/wasm.js';

/**
 * Fast scaled rotations keep each row's cosines in a factor; below this it is multiplied into
 * the row, so stored rows stay within 2^32 of their true size (svd scales A to leave room).
 */
const FOLD = 2 ** -32;

/** Largest ‖V_xᵀV_x − I‖_max accepted from the triangular solve, in units of n·eps. */
const SOLVED_ORTHOGONALITY = 4;

/**
 * Jacobi on the rows of X = R, for the n×n upper-triangular R at pr (column-contiguous, leading
 * dimension ldr; column i of Rᵀ is row i of R). With pv ≠ 0 the rotations' product J (X_final =
 * J·R) lands in pv, row by row. J is first not accumulated but solved for afterwards from
 * Rᵀ·Jᵀ = X_finalᵀ (Drmač & Veselić's shortcut: one triangular solve in place of a third of the
 * rotation work); its orthogonality is then checked, and on failure Jacobi is run again with
 * accumulation. svd hands over R only where that check is expected to pass (a well-conditioned
 * R, or R₂ of its second preconditioning), since a failure costs a second Jacobi run.
 * pd is workspace for 3n doubles (its first n then hold the squared row norms). Returns the
 * sweeps (negative past the cap) and whether J was solved for rather than accumulated.
 */
export function jacobiOnR(
  s: Scratch, n: number, pr: number, ldr: number, px: number, pv: number, pd: number,
  maxSweeps: number,
): { sweeps: number; solved: boolean } {
  const k = wasm();
  const loadX = () => {
    const x = f64View(px, n * n);
    const r = f64View(pr, ldr * n);
    x.fill(0);
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) x[i * n + j] = r[j * ldr + i]!;
  };
  const tol = Math.sqrt(n) * Number.EPSILON;
  const rotate = (pvx: number) => k.djacobiRows(
    n, n, px, n, pvx, n, n, pd, tol, maxSweeps, jacobiBlock(n, pvx !== 0), FOLD);
  loadX();
  if (!pv) return { sweeps: rotate(0), solved: false };

  const sweeps = rotate(0);
  if (sweeps < 0) return { sweeps, solved: false };
  f64View(pv, n * n).set(f64View(px, n * n));
  for (let i = 0; i < n; i++) k.dtrsvUpper(1, n, pr, ldr, pv + 8 * i * n);
  if (orthogonalRows(s, n, pv)) return { sweeps, solved: true };
  loadX();
  const v = f64View(pv, n * n);
  v.fill(0);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  return { sweeps: rotate(pv), solved: false };
}

/** Whether the n×n rows at pv are orthonormal to SOLVED_ORTHOGONALITY·n·eps (max entry). */
function orthogonalRows(s: Scratch, n: number, pv: number): boolean {
  const pw = s.alloc(n * n);
  wasm().dgemm(0, 1, n, n, n, 1, pv, n, pv, n, 0, pw, n);
  const g = f64View(pw, n * n);
  let worst = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      worst = Math.max(worst, Math.abs(g[i * n + j]! - (i === j ? 1 : 0)));
    }
  }
  // A NaN (a zero pivot in the solve) fails the test, as it must.
  return worst <= SOLVED_ORTHOGONALITY * n * Number.EPSILON;
}

/** Rows per block of the Jacobi ordering: two blocks of X (and V) rows fit in ~128 KiB. */
function jacobiBlock(n: number, withVectors: boolean): number {
  const rowBytes = 8 * n * (withVectors ? 2 : 1);
  return Math.max(4, Math.min(64, Math.floor((128 * 1024) / (2 * rowBytes))));
}
