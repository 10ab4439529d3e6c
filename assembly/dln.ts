// Gradient descent on a deep linear network θ = W1 W2 ⋯ Wh X, loss ½‖Aθ − B‖²_F, with every
// weight resident in this module's memory for the life of the network.
//
// Gradients (THEORY.md a3): with R = Aθ − B and G = AᵀR, the suffixes S_{i+1} = W_{i+1}⋯Wh X
// and the prefix-transposed U_i = (W1⋯W_{i−1})ᵀ G, ∇W_i = U_i S_{i+1}ᵀ and ∇X = U_{h+1}.
// One step reads each weight twice: a forward pass S_i = W_i S_{i+1} (i = h … 1), then a fused
// pass per layer (i = 1 … h) that forms U_{i+1} = W_iᵀ U_i from the old rows and writes the
// updated rows W_i − η U_i S_{i+1}ᵀ in the same sweep. Both passes must see the weights of the
// current step, so a forward pass cannot be folded into the update pass of the step before.
//
// The network is described by a block of f64 slots written by src/dln/network.ts (pointers are
// below 2^32, so f64 holds them exactly). The slot numbers are mirrored there.
import { dgemm } from './gemm';

const H = 0;
const N = 1;
const D = 2;
const K = 3;
const P_A = 4;
const P_B = 5;
const P_R = 6;
const P_THETA0 = 7;
const ALPHA = 8;
const P_THETA_EFF = 9;
const P_PARAMS = 10;
const P_VEL = 11;
const OUT_STEPS = 12;
const OUT_LOSS = 13;
const OUT_GRAD_SQ = 14;
const P_X = 15;
const FROZEN_X = 16;
const P_U_LAST = 17;
const P_THETA = 18;
const LAST_TRAINABLE = 19;
// The factored first layer (see dlnTrain): flag, K = A·W1 (n×m1), C (n×m1), G = AAᵀ (n×n),
// G·ρ (n), and A·θ0 (n, lazy scaling only).
const FACTORED = 20;
const P_K = 21;
const P_C = 22;
const P_G = 23;
const P_GR = 24;
const P_A_THETA0 = 25;
const LAYER0 = 28;
// Per layer i = 1 … h, at LAYER0 + 6(i − 1): W_i, its rows and columns, frozen flag,
// S_{i+1} (the input this layer multiplies) and U_i (the back-propagated G this layer sees).
const L_W = 0;
const L_ROWS = 1;
const L_COLS = 2;
const L_FROZEN = 3;
const L_S_NEXT = 4;
const L_U = 5;
const LAYER_SLOTS = 6;

/** Status codes returned by dlnTrain. */
export const DLN_BUDGET: i32 = 0;
export const DLN_LOSS_TOL: i32 = 1;
export const DLN_GRAD_TOL: i32 = 2;
export const DLN_DIVERGED: i32 = 3;

@inline function slot(pd: usize, i: i32): f64 {
  return load<f64>(pd + (<usize>i << 3));
}

@inline function ptr(pd: usize, i: i32): usize {
  return <usize>load<f64>(pd + (<usize>i << 3));
}

@inline function int(pd: usize, i: i32): i32 {
  return <i32>load<f64>(pd + (<usize>i << 3));
}

@inline function layer(pd: usize, i: i32, field: i32): i32 {
  return LAYER0 + LAYER_SLOTS * (i - 1) + field;
}

@inline function f64At(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

/** Sum of squares of n contiguous doubles. */
function sumSq(n: i32, p: usize): f64 {
  let acc0 = f64x2.splat(0);
  let acc1 = f64x2.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const a = v128.load(p + (<usize>i << 3));
    const b = v128.load(p + (<usize>i << 3), 16);
    acc0 = f64x2.add(acc0, f64x2.mul(a, a));
    acc1 = f64x2.add(acc1, f64x2.mul(b, b));
  }
  const acc = f64x2.add(acc0, acc1);
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  for (; i < n; i++) {
    const v = f64At(p, i);
    s += v * v;
  }
  return s;
}

/**
 * n doubles set to zero. A plain SIMD loop: for the short vectors of small networks it beats
 * memory.fill, which engines may lower to a call out of the compiled code.
 */
@inline function zero(p: usize, n: i32): void {
  const z = f64x2.splat(0);
  let i = 0;
  for (; i + 2 <= n; i += 2) v128.store(p + (<usize>i << 3), z);
  if (i < n) store<f64>(p + (<usize>i << 3), 0);
}

/**
 * y = M x for a row-major rows×cols M: four rows per sweep share each load of x.
 */
function matvecRows(rows: i32, cols: i32, pm: usize, px: usize, py: usize): void {
  const ld = <usize>cols << 3;
  let j = 0;
  for (; j + 4 <= rows; j += 4) {
    const r0 = pm + <usize>j * ld;
    const r1 = r0 + ld;
    const r2 = r1 + ld;
    const r3 = r2 + ld;
    let a0 = f64x2.splat(0);
    let a1 = f64x2.splat(0);
    let a2 = f64x2.splat(0);
    let a3 = f64x2.splat(0);
    let l = 0;
    for (; l + 2 <= cols; l += 2) {
      const off = <usize>l << 3;
      const xv = v128.load(px + off);
      a0 = f64x2.add(a0, f64x2.mul(v128.load(r0 + off), xv));
      a1 = f64x2.add(a1, f64x2.mul(v128.load(r1 + off), xv));
      a2 = f64x2.add(a2, f64x2.mul(v128.load(r2 + off), xv));
      a3 = f64x2.add(a3, f64x2.mul(v128.load(r3 + off), xv));
    }
    let s0 = f64x2.extract_lane(a0, 0) + f64x2.extract_lane(a0, 1);
    let s1 = f64x2.extract_lane(a1, 0) + f64x2.extract_lane(a1, 1);
    let s2 = f64x2.extract_lane(a2, 0) + f64x2.extract_lane(a2, 1);
    let s3 = f64x2.extract_lane(a3, 0) + f64x2.extract_lane(a3, 1);
    if (l < cols) {
      const off = <usize>l << 3;
      const xl = load<f64>(px + off);
      s0 += load<f64>(r0 + off) * xl;
      s1 += load<f64>(r1 + off) * xl;
      s2 += load<f64>(r2 + off) * xl;
      s3 += load<f64>(r3 + off) * xl;
    }
    const o = py + (<usize>j << 3);
    store<f64>(o, s0);
    store<f64>(o, s1, 8);
    store<f64>(o, s2, 16);
    store<f64>(o, s3, 24);
  }
  for (; j < rows; j++) {
    const r0 = pm + <usize>j * ld;
    let a0 = f64x2.splat(0);
    let l = 0;
    for (; l + 2 <= cols; l += 2) {
      const off = <usize>l << 3;
      a0 = f64x2.add(a0, f64x2.mul(v128.load(r0 + off), v128.load(px + off)));
    }
    let s0 = f64x2.extract_lane(a0, 0) + f64x2.extract_lane(a0, 1);
    if (l < cols) s0 += load<f64>(r0 + (<usize>l << 3)) * load<f64>(px + (<usize>l << 3));
    store<f64>(py + (<usize>j << 3), s0);
  }
}

/** y = Mᵀ x for a row-major rows×cols M (y has cols entries), two rows per sweep. */
function matvecTransposed(rows: i32, cols: i32, pm: usize, px: usize, py: usize): void {
  zero(py, cols);
  const ld = <usize>cols << 3;
  let j = 0;
  for (; j + 2 <= rows; j += 2) {
    const r0 = pm + <usize>j * ld;
    const r1 = r0 + ld;
    const x0 = f64At(px, j);
    const x1 = f64At(px, j + 1);
    const c0 = f64x2.splat(x0);
    const c1 = f64x2.splat(x1);
    let l = 0;
    for (; l + 2 <= cols; l += 2) {
      const off = <usize>l << 3;
      const acc = f64x2.add(f64x2.mul(c0, v128.load(r0 + off)), f64x2.mul(c1, v128.load(r1 + off)));
      v128.store(py + off, f64x2.add(v128.load(py + off), acc));
    }
    if (l < cols) {
      const off = <usize>l << 3;
      const sum = x0 * load<f64>(r0 + off) + x1 * load<f64>(r1 + off);
      store<f64>(py + off, load<f64>(py + off) + sum);
    }
  }
  if (j < rows) {
    const r0 = pm + <usize>j * ld;
    const x0 = f64At(px, j);
    for (let l = 0; l < cols; l++) {
      const off = <usize>l << 3;
      store<f64>(py + off, load<f64>(py + off) + x0 * load<f64>(r0 + off));
    }
  }
}

/**
 * The fused backward-and-update sweep of one layer (vector case):
 *   uOut = Wᵀ u  from the old rows, then  W −= η v sᵀ  (v = u for an ordinary layer).
 * Four rows per sweep share each load and store of uOut and of s.
 */
function fusedLayer(
  rows: i32, cols: i32, pw: usize, pu: usize, ps: usize, puOut: usize, eta: f64,
  pv: usize = 0,
): void {
  if (pv == 0) pv = pu;
  zero(puOut, cols);
  const ld = <usize>cols << 3;
  let j = 0;
  for (; j + 4 <= rows; j += 4) {
    const r0 = pw + <usize>j * ld;
    const r1 = r0 + ld;
    const r2 = r1 + ld;
    const r3 = r2 + ld;
    const a0 = f64At(pu, j), a1 = f64At(pu, j + 1), a2 = f64At(pu, j + 2), a3 = f64At(pu, j + 3);
    const c0 = -eta * f64At(pv, j), c1 = -eta * f64At(pv, j + 1);
    const c2 = -eta * f64At(pv, j + 2), c3 = -eta * f64At(pv, j + 3);
    const va0 = f64x2.splat(a0), va1 = f64x2.splat(a1);
    const va2 = f64x2.splat(a2), va3 = f64x2.splat(a3);
    const vc0 = f64x2.splat(c0), vc1 = f64x2.splat(c1);
    const vc2 = f64x2.splat(c2), vc3 = f64x2.splat(c3);
    let l = 0;
    for (; l + 2 <= cols; l += 2) {
      const off = <usize>l << 3;
      const w0 = v128.load(r0 + off);
      const w1 = v128.load(r1 + off);
      const w2 = v128.load(r2 + off);
      const w3 = v128.load(r3 + off);
      const sv = v128.load(ps + off);
      const acc = f64x2.add(
        f64x2.add(f64x2.mul(va0, w0), f64x2.mul(va1, w1)),
        f64x2.add(f64x2.mul(va2, w2), f64x2.mul(va3, w3)),
      );
      v128.store(puOut + off, f64x2.add(v128.load(puOut + off), acc));
      v128.store(r0 + off, f64x2.add(w0, f64x2.mul(vc0, sv)));
      v128.store(r1 + off, f64x2.add(w1, f64x2.mul(vc1, sv)));
      v128.store(r2 + off, f64x2.add(w2, f64x2.mul(vc2, sv)));
      v128.store(r3 + off, f64x2.add(w3, f64x2.mul(vc3, sv)));
    }
    if (l < cols) {
      const off = <usize>l << 3;
      const w0 = load<f64>(r0 + off), w1 = load<f64>(r1 + off);
      const w2 = load<f64>(r2 + off), w3 = load<f64>(r3 + off);
      const sl = load<f64>(ps + off);
      store<f64>(puOut + off, load<f64>(puOut + off) + ((a0 * w0 + a1 * w1) + (a2 * w2 + a3 * w3)));
      store<f64>(r0 + off, w0 + c0 * sl);
      store<f64>(r1 + off, w1 + c1 * sl);
      store<f64>(r2 + off, w2 + c2 * sl);
      store<f64>(r3 + off, w3 + c3 * sl);
    }
  }
  for (; j < rows; j++) {
    const r0 = pw + <usize>j * ld;
    const a0 = f64At(pu, j);
    const c0 = -eta * f64At(pv, j);
    for (let l = 0; l < cols; l++) {
      const off = <usize>l << 3;
      const w0 = load<f64>(r0 + off);
      store<f64>(puOut + off, load<f64>(puOut + off) + a0 * w0);
      store<f64>(r0 + off, w0 + c0 * load<f64>(ps + off));
    }
  }
}

/** W −= η uIn sᵀ alone: the last trainable layer needs no back-propagated vector. */
function rankOneUpdate(rows: i32, cols: i32, pw: usize, pu: usize, ps: usize, eta: f64): void {
  const ld = <usize>cols << 3;
  for (let j = 0; j < rows; j++) {
    const r0 = pw + <usize>j * ld;
    const c0 = -eta * f64At(pu, j);
    const vc0 = f64x2.splat(c0);
    let l = 0;
    for (; l + 2 <= cols; l += 2) {
      const off = <usize>l << 3;
      v128.store(r0 + off, f64x2.add(v128.load(r0 + off), f64x2.mul(vc0, v128.load(ps + off))));
    }
    if (l < cols) {
      const off = <usize>l << 3;
      store<f64>(r0 + off, load<f64>(r0 + off) + c0 * load<f64>(ps + off));
    }
  }
}

/** Heavy-ball variant of fusedLayer: V = βV − η uIn sᵀ, W += V. */
function fusedLayerMomentum(
  rows: i32, cols: i32, pw: usize, pv: usize, pu: usize, ps: usize, puOut: usize,
  eta: f64, beta: f64, wantOut: bool,
): void {
  if (wantOut) zero(puOut, cols);
  const ld = <usize>cols << 3;
  const vb = f64x2.splat(beta);
  for (let j = 0; j < rows; j++) {
    const rw = pw + <usize>j * ld;
    const rv = pv + <usize>j * ld;
    const a = f64At(pu, j);
    const va = f64x2.splat(a);
    const vc = f64x2.splat(-eta * a);
    let l = 0;
    for (; l + 2 <= cols; l += 2) {
      const off = <usize>l << 3;
      const w = v128.load(rw + off);
      if (wantOut) v128.store(puOut + off, f64x2.add(v128.load(puOut + off), f64x2.mul(va, w)));
      const v = f64x2.add(f64x2.mul(vb, v128.load(rv + off)), f64x2.mul(vc, v128.load(ps + off)));
      v128.store(rv + off, v);
      v128.store(rw + off, f64x2.add(w, v));
    }
    for (; l < cols; l++) {
      const off = <usize>l << 3;
      const w = load<f64>(rw + off);
      if (wantOut) store<f64>(puOut + off, load<f64>(puOut + off) + a * w);
      const v = beta * load<f64>(rv + off) + (-eta * a) * load<f64>(ps + off);
      store<f64>(rv + off, v);
      store<f64>(rw + off, w + v);
    }
  }
}

/**
 * Forward products, residual and loss at the current weights; fills every S_i, θ, R.
 * With lazy scaling α (Chizat et al.), the predictor is α(θ − θ0) and the loss is divided by α².
 */
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

/** G = AᵀR / α into U_1 (the prefix of layer 1 is the identity). */
function backpropResidual(pd: usize): void {
  const h = int(pd, H), n = int(pd, N), d = int(pd, D), k = int(pd, K);
  const pu1 = h >= 1 ? ptr(pd, layer(pd, 1, L_U)) : ptr(pd, P_U_LAST);
  const pa = ptr(pd, P_A), pr = ptr(pd, P_R);
  const inv = 1 / slot(pd, ALPHA);
  if (k == 1) matvecTransposed(n, d, pa, pr, pu1);
  else dgemm(1, 0, d, k, n, 1, pa, d, pr, k, 0, pu1, k);
  if (inv != 1) {
    const dk = d * k;
    for (let i = 0; i < dk; i++) store<f64>(pu1 + (<usize>i << 3), inv * f64At(pu1, i));
  }
}

/** ‖U Sᵀ‖²_F for U rows×k and S cols×k: trace((UᵀU)(SᵀS)). */
function outerFrobSq(rows: i32, cols: i32, k: i32, pu: usize, ps: usize): f64 {
  if (k == 1) return sumSq(rows, pu) * sumSq(cols, ps);
  let total: f64 = 0;
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let gu: f64 = 0, gs: f64 = 0;
      for (let j = 0; j < rows; j++) gu += f64At(pu, j * k + a) * f64At(pu, j * k + b);
      for (let j = 0; j < cols; j++) gs += f64At(ps, j * k + a) * f64At(ps, j * k + b);
      total += gu * gs;
    }
  }
  return total;
}

/** One update of every trainable factor from the gradients at the current weights. */
function step(pd: usize, eta: f64, beta: f64, wantGrad: bool): f64 {
  backpropResidual(pd);
  return layersFrom(pd, 1, eta, beta, wantGrad);
}

/** Updates of layers first … h and of X, given U_first; returns their squared gradient norm. */
function layersFrom(pd: usize, first: i32, eta: f64, beta: f64, wantGrad: bool): f64 {
  const h = int(pd, H), k = int(pd, K);
  const last = int(pd, LAST_TRAINABLE);
  const pParams = ptr(pd, P_PARAMS), pVel = ptr(pd, P_VEL);
  let gradSq: f64 = 0;

  for (let i = first; i <= h; i++) {
    const rows = int(pd, layer(pd, i, L_ROWS)), cols = int(pd, layer(pd, i, L_COLS));
    const pw = ptr(pd, layer(pd, i, L_W));
    const pu = ptr(pd, layer(pd, i, L_U));
    const ps = ptr(pd, layer(pd, i, L_S_NEXT));
    const puOut = i < h ? ptr(pd, layer(pd, i + 1, L_U)) : ptr(pd, P_U_LAST);
    const update = int(pd, layer(pd, i, L_FROZEN)) == 0;
    const wantOut = last > i;
    if (update && wantGrad) gradSq += outerFrobSq(rows, cols, k, pu, ps);
    if (k == 1) {
      if (beta != 0 && update) {
        const pv = pVel + (pw - pParams);
        fusedLayerMomentum(rows, cols, pw, pv, pu, ps, puOut, eta, beta, wantOut);
      } else {
        if (!update) {
          if (wantOut) matvecTransposed(rows, cols, pw, pu, puOut);
        } else if (wantOut) fusedLayer(rows, cols, pw, pu, ps, puOut, eta);
        else rankOneUpdate(rows, cols, pw, pu, ps, eta);
      }
    } else {
      if (wantOut) dgemm(1, 0, cols, k, rows, 1, pw, cols, pu, k, 0, puOut, k);
      if (update) {
        if (beta != 0) {
          const pv = pVel + (pw - pParams);
          dgemm(0, 1, rows, cols, k, -eta, pu, k, ps, k, beta, pv, cols);
          addInto(rows * cols, pv, pw);
        } else {
          dgemm(0, 1, rows, cols, k, -eta, pu, k, ps, k, 1, pw, cols);
        }
      }
    }
  }

  if (int(pd, FROZEN_X) == 0) {
    const px = ptr(pd, P_X), pu = ptr(pd, P_U_LAST);
    const mk = h >= 1 ? int(pd, layer(pd, h, L_COLS)) * k : int(pd, D) * k;
    if (wantGrad) gradSq += sumSq(mk, pu);
    if (beta != 0) {
      const pv = pVel + (px - pParams);
      for (let i = 0; i < mk; i++) {
        const v = beta * f64At(pv, i) - eta * f64At(pu, i);
        store<f64>(pv + (<usize>i << 3), v);
        store<f64>(px + (<usize>i << 3), f64At(px, i) + v);
      }
    } else {
      for (let i = 0; i < mk; i++) {
        store<f64>(px + (<usize>i << 3), f64At(px, i) - eta * f64At(pu, i));
      }
    }
  }
  return gradSq;
}

function addInto(len: i32, px: usize, py: usize): void {
  for (let i = 0; i < len; i++) store<f64>(py + (<usize>i << 3), f64At(py, i) + f64At(px, i));
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
 * One GD step with the first layer kept as K = A·W1. Every update of W1 is −η Aᵀρ s_2ᵀ
 * (ρ = R/α), so K moves by −η (AAᵀρ) s_2ᵀ, U_2 = W1ᵀAᵀρ = Kᵀρ, and the updates of W1 itself
 * add up in C = Σ ρ s_2ᵀ (n×m1) until dlnTrain folds them in. Per step this costs O(n·m1)
 * for the first layer instead of O(d·m1).
 */
function stepFactored(pd: usize, eta: f64, wantGrad: bool): f64 {
  const h = int(pd, H), n = int(pd, N);
  const m1 = int(pd, layer(pd, 1, L_COLS));
  const pr = ptr(pd, P_R), pk = ptr(pd, P_K), pgr = ptr(pd, P_GR);
  const ps2 = ptr(pd, layer(pd, 1, L_S_NEXT));
  const pu2 = h >= 2 ? ptr(pd, layer(pd, 2, L_U)) : ptr(pd, P_U_LAST);
  const inv = 1 / slot(pd, ALPHA);
  if (inv != 1) for (let i = 0; i < n; i++) store<f64>(pr + (<usize>i << 3), inv * f64At(pr, i));
  const update = int(pd, layer(pd, 1, L_FROZEN)) == 0;
  const wantOut = int(pd, LAST_TRAINABLE) > 1;
  let gradSq: f64 = 0;

  if (update) {
    matvecRows(n, n, ptr(pd, P_G), pr, pgr);
    if (wantGrad) {
      let rgr: f64 = 0;
      for (let i = 0; i < n; i++) rgr += f64At(pr, i) * f64At(pgr, i);
      gradSq += rgr * sumSq(m1, ps2);
    }
    if (wantOut) fusedLayer(n, m1, pk, pr, ps2, pu2, eta, pgr);
    else rankOneUpdate(n, m1, pk, pgr, ps2, eta);
    rankOneUpdate(n, m1, ptr(pd, P_C), pr, ps2, -1);
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
  // Fold the first layer's accumulated updates in: W1 −= η Aᵀ C.
  if (factored && int(pd, layer(pd, 1, L_FROZEN)) == 0) {
    dgemm(1, 0, d, m1, n, -eta, ptr(pd, P_A), d, ptr(pd, P_C), m1, 1, pw1, m1);
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
  backpropResidual(pd);
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
