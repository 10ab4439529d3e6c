// Gradient descent on a deep linear network θ = W1 W2 ⋯ Wh X, loss ½‖Aθ − B‖²_F, with every
// weight resident in this module's memory for the life of the network.
//
// Gradients (THEORY.md a3): with R = Aθ − B and G = AᵀR, the suffixes S_{i+1} = W_{i+1}⋯Wh X
// and the prefix-transposed U_i = (W1⋯W_{i−1})ᵀ G, ∇W_i = U_i S_{i+1}ᵀ and ∇X = U_{h+1}.
// One step reads each weight twice: a forward pass S_i = W_i S_{i+1} (i = h … 1), then a fused
// pass per layer (i = 1 … h) that forms U_{i+1} = W_iᵀ U_i from the old rows and writes the
// updated rows W_i − η U_i S_{i+1}ᵀ in the same sweep. Both passes must see the weights of the
// current step, so a forward pass cannot be folded into the update pass of the step before.
// The training step carries Ũ_i = −η U_i instead of U_i (Ũ_1 = −(η/α) AᵀR, Ũ_{i+1} = W_iᵀ Ũ_i):
// the update is then W_i + Ũ_i S_{i+1}ᵀ, and one coefficient a row serves both products of
// the fused sweep (dln_update.ts). dlnGradients runs the same chain unscaled.
// At n = 64, d = 256 both passes are mostly compute-bound: over an L2-resident 128×128 layer
// they run only 10–15% faster per element than over a 256×256 one (512 KiB, one core's L2),
// and sweeping the forward pass bottom-up, so that it starts on the rows the update pass left
// in L2 and ends on those the next update pass starts with, did not change the steps per second.
//
// The network is described by a block of f64 slots written by src/dln/network.ts (pointers are
// below 2^32, so f64 holds them exactly). The slot numbers are mirrored there.

import { dgemm } from './gemm';
import {
  H, N, D, K, P_A, P_B, P_R, P_THETA0, ALPHA, P_THETA_EFF, P_PARAMS, P_VEL, OUT_STEPS, OUT_LOSS,
  OUT_GRAD_SQ, P_X, FROZEN_X, P_U_LAST, P_THETA, LAST_TRAINABLE, FACTORED, P_K, P_C, P_G, P_GR,
  P_A_THETA0, L_W, L_ROWS, L_COLS, L_FROZEN, L_S_NEXT, L_U, slot, ptr, int, layer, f64At,
} from './dln_layout';
import {
  sumSq, sumSqScaled, zero, matvecRows, matvecTransposed, outerFrobSq, addInto,
} from './dln_blas';
import { fusedLayer, rankOneUpdate, fusedLayerMomentum } from './dln_update';

/** Status codes returned by dlnTrain. */
export const DLN_BUDGET: i32 = 0;
export const DLN_LOSS_TOL: i32 = 1;
export const DLN_GRAD_TOL: i32 = 2;
export const DLN_DIVERGED: i32 = 3;

export function dlnForward(pd: usize): f64 {
  const h = int(pd, H), n = int(pd, N), d = int(pd, D), k = int(pd, K);
  for (let i = h; i >= 1; i--) {
    const rows = int(pd, layer(pd, i, L_ROWS)), cols = int(pd, layer(pd, i, L_COLS));
    const pw = ptr(pd, layer(pd, i, L_W));
    const pin = ptr(pd, layer(pd, i, L_S_NEXT));
    const pout = i == 1 ? ptr(pd, P_THETA) : ptr(pd, layer(pd, i - 1, L_S_NEXT));
    if (k == 1) matvecRows(rows, cols, pw, pin, pout);
    else dgemm(0, 0, rows, k, cols, 1, pw, cols, pin, k, 0, pout, k);
  }

  const dk = d * k;
  const alpha = slot(pd, ALPHA);
  const pTheta = ptr(pd, P_THETA);
  const pEff = ptr(pd, P_THETA_EFF);
  const pTheta0 = ptr(pd, P_THETA0);
  if (pTheta0 != 0) {
    for (let i = 0; i < dk; i++) {
      store<f64>(pEff + (<usize>i << 3), alpha * (f64At(pTheta, i) - f64At(pTheta0, i)));
    }
  }

  const pr = ptr(pd, P_R), pb = ptr(pd, P_B), pa = ptr(pd, P_A);
  if (k == 1) matvecRows(n, d, pa, pEff, pr);
  else dgemm(0, 0, n, k, d, 1, pa, d, pEff, k, 0, pr, k);
  const nk = n * k;
  for (let i = 0; i < nk; i++) {
    store<f64>(pr + (<usize>i << 3), f64At(pr, i) - f64At(pb, i));
  }
  return (0.5 * sumSq(nk, pr)) / (alpha * alpha);
}

/**
 * U_1 = scale·AᵀR (the prefix of layer 1 is the identity): scale = 1/α gives G, −η/α gives the
 * Ũ_1 = −ηG a training step carries.
 */
function backpropResidual(pd: usize, scale: f64): void {
  const h = int(pd, H), n = int(pd, N), d = int(pd, D), k = int(pd, K);
  const pu1 = h >= 1 ? ptr(pd, layer(pd, 1, L_U)) : ptr(pd, P_U_LAST);
  const pa = ptr(pd, P_A), pr = ptr(pd, P_R);
  if (k == 1) matvecTransposed(n, d, pa, pr, pu1);
  else dgemm(1, 0, d, k, n, 1, pa, d, pr, k, 0, pu1, k);
  if (scale != 1) {
    const dk = d * k;
    for (let i = 0; i < dk; i++) store<f64>(pu1 + (<usize>i << 3), scale * f64At(pu1, i));
  }
}


/** One update of every trainable factor from the gradients at the current weights. */
function step(pd: usize, eta: f64, beta: f64, wantGrad: bool): f64 {
  backpropResidual(pd, -eta / slot(pd, ALPHA));
  return layersFrom(pd, 1, eta, beta, wantGrad);
}

/** Updates of layers first … h and of X, given Ũ_first; returns their squared gradient norm. */
function layersFrom(pd: usize, first: i32, eta: f64, beta: f64, wantGrad: bool): f64 {
  const h = int(pd, H), k = int(pd, K);
  const last = int(pd, LAST_TRAINABLE);
  const pParams = ptr(pd, P_PARAMS), pVel = ptr(pd, P_VEL);
  const invEta = 1 / eta;
  let gradSq: f64 = 0;

  for (let i = first; i <= h; i++) {
    const rows = int(pd, layer(pd, i, L_ROWS)), cols = int(pd, layer(pd, i, L_COLS));
    const pw = ptr(pd, layer(pd, i, L_W));
    const pu = ptr(pd, layer(pd, i, L_U));
    const ps = ptr(pd, layer(pd, i, L_S_NEXT));
    const puOut = i < h ? ptr(pd, layer(pd, i + 1, L_U)) : ptr(pd, P_U_LAST);
    const update = int(pd, layer(pd, i, L_FROZEN)) == 0;
    const wantOut = last > i;
    if (update && wantGrad) gradSq += outerFrobSq(rows, cols, k, pu, ps, invEta);
    if (k == 1) {
      if (beta != 0 && update) {
        const pv = pVel + (pw - pParams);
        fusedLayerMomentum(rows, cols, pw, pv, pu, ps, puOut, beta, wantOut);
      } else {
        if (!update) {
          if (wantOut) matvecTransposed(rows, cols, pw, pu, puOut);
        } else if (wantOut) fusedLayer(rows, cols, pw, pu, ps, puOut);
        else rankOneUpdate(rows, cols, pw, pu, ps);
      }
    } else {
      if (wantOut) dgemm(1, 0, cols, k, rows, 1, pw, cols, pu, k, 0, puOut, k);
      if (update) {
        if (beta != 0) {
          const pv = pVel + (pw - pParams);
          dgemm(0, 1, rows, cols, k, 1, pu, k, ps, k, beta, pv, cols);
          addInto(rows * cols, pv, pw);
        } else {
          dgemm(0, 1, rows, cols, k, 1, pu, k, ps, k, 1, pw, cols);
        }
      }
    }
  }

  if (int(pd, FROZEN_X) == 0) {
    const px = ptr(pd, P_X), pu = ptr(pd, P_U_LAST);
    const mk = h >= 1 ? int(pd, layer(pd, h, L_COLS)) * k : int(pd, D) * k;
    if (wantGrad) gradSq += sumSqScaled(mk, pu, invEta);
    if (beta != 0) {
      const pv = pVel + (px - pParams);
      for (let i = 0; i < mk; i++) {
        const v = beta * f64At(pv, i) + f64At(pu, i);
        store<f64>(pv + (<usize>i << 3), v);
        store<f64>(px + (<usize>i << 3), f64At(px, i) + v);
      }
    } else {
      addInto(mk, pu, px);
    }
  }
  return gradSq;
}


/**
 * Forward pass of the factored first layer: S_h … S_2 as usual, then R = K S_2 (− Aθ0, ×α) − B
 * without touching W1. Returns the loss.
 */
function forwardFactored(pd: usize): f64 {
  const h = int(pd, H), n = int(pd, N);
  for (let i = h; i >= 2; i--) {
    const rows = int(pd, layer(pd, i, L_ROWS)), cols = int(pd, layer(pd, i, L_COLS));
    matvecRows(rows, cols, ptr(pd, layer(pd, i, L_W)), ptr(pd, layer(pd, i, L_S_NEXT)),
      ptr(pd, layer(pd, i - 1, L_S_NEXT)));
  }
  const m1 = int(pd, layer(pd, 1, L_COLS));
  const pr = ptr(pd, P_R), pb = ptr(pd, P_B);
  matvecRows(n, m1, ptr(pd, P_K), ptr(pd, layer(pd, 1, L_S_NEXT)), pr);
  const alpha = slot(pd, ALPHA);
  const pa0 = ptr(pd, P_A_THETA0);
  for (let i = 0; i < n; i++) {
    let v = f64At(pr, i);
    if (pa0 != 0) v = alpha * (v - f64At(pa0, i));
    store<f64>(pr + (<usize>i << 3), v - f64At(pb, i));
  }
  return (0.5 * sumSq(n, pr)) / (alpha * alpha);
}

/**
 * One GD step with the first layer kept as K = A·W1. Every update of W1 is Aᵀρ̃ s_2ᵀ
 * (ρ̃ = −ηR/α), so K moves by (AAᵀρ̃) s_2ᵀ, Ũ_2 = W1ᵀAᵀρ̃ = Kᵀρ̃, and the updates of W1 itself
 * add up in C = Σ ρ̃ s_2ᵀ (n×m1) until dlnTrain folds them in. Per step this costs O(n·m1)
 * for the first layer instead of O(d·m1).
 */
function stepFactored(pd: usize, eta: f64, wantGrad: bool): f64 {
  const h = int(pd, H), n = int(pd, N);
  const m1 = int(pd, layer(pd, 1, L_COLS));
  const pr = ptr(pd, P_R), pk = ptr(pd, P_K), pgr = ptr(pd, P_GR);
  const ps2 = ptr(pd, layer(pd, 1, L_S_NEXT));
  const pu2 = h >= 2 ? ptr(pd, layer(pd, 2, L_U)) : ptr(pd, P_U_LAST);
  const scale = -eta / slot(pd, ALPHA);
  for (let i = 0; i < n; i++) store<f64>(pr + (<usize>i << 3), scale * f64At(pr, i));
  const invEta = 1 / eta;
  const update = int(pd, layer(pd, 1, L_FROZEN)) == 0;
  const wantOut = int(pd, LAST_TRAINABLE) > 1;
  let gradSq: f64 = 0;

  if (update) {
    matvecRows(n, n, ptr(pd, P_G), pr, pgr);
    if (wantGrad) {
      let rgr: f64 = 0;
      for (let i = 0; i < n; i++) rgr += (invEta * f64At(pr, i)) * (invEta * f64At(pgr, i));
      gradSq += rgr * sumSq(m1, ps2);
    }
    if (wantOut) fusedLayer(n, m1, pk, pr, ps2, pu2, pgr);
    else rankOneUpdate(n, m1, pk, pgr, ps2);
    rankOneUpdate(n, m1, ptr(pd, P_C), pr, ps2);
  } else if (wantOut) {
    matvecTransposed(n, m1, pk, pr, pu2);
  }
  return gradSq + layersFrom(pd, 2, eta, 0, wantGrad);
}

/**
 * Up to maxSteps updates. The loss of every state is tested, the last one included: below
 * lossTol stops (converged), not finite or above lossCeiling stops (diverged; the caller
 * restores the last good state). With gradTol > 0 the run stops after an update whose
 * gradient norm was below gradTol.
 * Writes the updates applied, the last loss tested and the last squared gradient norm to the
 * descriptor, and returns a DLN_* status.
 */
export function dlnTrain(
  pd: usize, maxSteps: i32, eta: f64, momentum: f64,
  lossTol: f64, gradTol: f64, lossCeiling: f64,
): i32 {
  const wantGrad = gradTol > 0;
  const gradTolSq = gradTol * gradTol;
  let status = DLN_BUDGET;
  let steps = 0;
  let loss: f64 = NaN;
  let gradSq: f64 = NaN;
  const factored = int(pd, FACTORED) != 0 && momentum == 0 && maxSteps > 0;
  const n = int(pd, N), d = int(pd, D);
  let m1 = 0;
  let pw1: usize = 0;
  if (factored) {
    m1 = int(pd, layer(pd, 1, L_COLS));
    pw1 = ptr(pd, layer(pd, 1, L_W));
    dgemm(0, 0, n, m1, d, 1, ptr(pd, P_A), d, pw1, m1, 0, ptr(pd, P_K), m1);
    zero(ptr(pd, P_C), n * m1);
  }
  while (steps < maxSteps) {
    loss = factored ? forwardFactored(pd) : dlnForward(pd);
    if (loss < lossTol) {
      status = DLN_LOSS_TOL;
      break;
    }
    if (!(loss <= lossCeiling)) {
      status = DLN_DIVERGED;
      break;
    }
    gradSq = factored ? stepFactored(pd, eta, wantGrad) : step(pd, eta, momentum, wantGrad);
    steps++;
    if (wantGrad && gradSq < gradTolSq) {
      status = DLN_GRAD_TOL;
      break;
    }
  }
  // Fold the first layer's accumulated updates in: W1 += Aᵀ C.
  if (factored && int(pd, layer(pd, 1, L_FROZEN)) == 0) {
    dgemm(1, 0, d, m1, n, 1, ptr(pd, P_A), d, ptr(pd, P_C), m1, 1, pw1, m1);
  }
  // Test the state the last update produced too, so that a caller resuming from it (or
  // keeping it) knows its loss was finite.
  if (status == DLN_BUDGET && steps > 0) {
    loss = dlnForward(pd);
    if (loss < lossTol) status = DLN_LOSS_TOL;
    else if (!(loss <= lossCeiling)) status = DLN_DIVERGED;
  } else if (factored && status != DLN_DIVERGED) {
    // Report the loss of the folded weights, not the one carried through K.
    loss = dlnForward(pd);
  }
  store<f64>(pd + (<usize>OUT_STEPS << 3), <f64>steps);
  store<f64>(pd + (<usize>OUT_LOSS << 3), loss);
  store<f64>(pd + (<usize>OUT_GRAD_SQ << 3), gradSq);
  return status;
}

/**
 * Every factor's gradient at the current weights, written at pOut in the layout of the
 * parameters (W1 … Wh, X); frozen factors get their gradient too. Returns the loss.
 */
export function dlnGradients(pd: usize, pOut: usize): f64 {
  const loss = dlnForward(pd);
  backpropResidual(pd, 1 / slot(pd, ALPHA));
  const h = int(pd, H), k = int(pd, K);
  const pParams = ptr(pd, P_PARAMS);
  for (let i = 1; i <= h; i++) {
    const rows = int(pd, layer(pd, i, L_ROWS)), cols = int(pd, layer(pd, i, L_COLS));
    const pw = ptr(pd, layer(pd, i, L_W));
    const pu = ptr(pd, layer(pd, i, L_U));
    const ps = ptr(pd, layer(pd, i, L_S_NEXT));
    const puOut = i < h ? ptr(pd, layer(pd, i + 1, L_U)) : ptr(pd, P_U_LAST);
    dgemm(1, 0, cols, k, rows, 1, pw, cols, pu, k, 0, puOut, k);
    dgemm(0, 1, rows, cols, k, 1, pu, k, ps, k, 0, pOut + (pw - pParams), cols);
  }
  const px = ptr(pd, P_X);
  const mk = h >= 1 ? int(pd, layer(pd, h, L_COLS)) * k : int(pd, D) * k;
  memory.copy(pOut + (px - pParams), ptr(pd, P_U_LAST), <usize>mk << 3);
  return loss;
}
