// A stopgap for S11: the interpolant β = a ⊙ sinh(c + t·Aᵀλ) with Aβ = b, the gradient-flow limit
// of the diagonal networks (Woodworth: a = 2α², c = 0, t = 1; Azulay: a = |δ|/2,
// c = asinh(2β0/|δ|), t = 2). dln's woodworthSolution and productSolution compute it and are
// called first; this is used only when they throw. Known shortcoming of theirs (reported): on a
// few P0 draws their dual Newton stalls at a residual near 2e-9 relative, where the Armijo test
// on the dual's value can no longer see a decrease, and it then throws although β is accurate.
// Here the same Newton step is damped on the gradient norm ‖Aβ(λ) − b‖ instead, which keeps
// decreasing down to rounding, and the best β is returned. Products and the solve are linalg's.
import { Matrix } from '../../linalg/matrix.js';
import { matmul, matvec } from '../../linalg/products.js';
import { solve } from '../../linalg/solve.js';
import { distance } from './vectors.js';

const loose = { checkFinite: false } as const;

/**
 * β = a ⊙ sinh(c + t·Aᵀλ) with Aβ = b, by Newton on the dual damped on ‖Aβ − b‖.
 * @param a the scale vector (length d); c the offsets (length d); t the factor of Aᵀλ
 */
export function mirrorLimit(
  A: Matrix, b: Float64Array, scale: Float64Array, c: Float64Array, t: number,
): Float64Array {
  const d = A.cols;
  const z = (lam: Float64Array) => matvec(A, lam, { transpose: true, checkFinite: false });
  const betaOf = (lam: Float64Array) => z(lam).map((v, j) => scale[j]! * Math.sinh(c[j]! + t * v));
  const gradOf = (beta: Float64Array) => matvec(A, beta, loose).map((v, i) => v - b[i]!);
  let lambda = new Float64Array(A.rows);
  let beta = betaOf(lambda);
  let g = gradOf(beta);
  let gn = distance(g, new Float64Array(g.length));
  for (let it = 0; it < 200 && gn > 0; it++) {
    // Hessian of the dual: A diag(t·a·cosh(c + t·Aᵀλ)) Aᵀ.
    const w = z(lambda).map((v, j) => t * scale[j]! * Math.cosh(c[j]! + t * v));
    const aw = new Matrix(A.rows, d, A.data.map((v, k) => v * w[k % d]!));
    const dir = solve(matmul(aw, A, { transposeB: true, checkFinite: false }), g);
    let step = 1;
    let moved = false;
    for (let k = 0; k < 60 && !moved; k++, step /= 2) {
      const trial = lambda.map((v, i) => v - step * dir[i]!);
      const tb = betaOf(trial);
      const tg = gradOf(tb);
      const tn = distance(tg, new Float64Array(tg.length));
      if (tn < gn) [lambda, beta, g, gn, moved] = [trial, tb, tg, tn, true];
    }
    if (!moved) break;
  }
  return beta;
}
