// Slot layout of the block of f64 that describes a network (written by src/dln/network.ts,
// which mirrors these numbers), and the accessors the dln kernels read it with.

export const H = 0;
export const N = 1;
export const D = 2;
export const K = 3;
export const P_A = 4;
export const P_B = 5;
export const P_R = 6;
export const P_THETA0 = 7;
export const ALPHA = 8;
export const P_THETA_EFF = 9;
export const P_PARAMS = 10;
export const P_VEL = 11;
export const OUT_STEPS = 12;
export const OUT_LOSS = 13;
export const OUT_GRAD_SQ = 14;
export const P_X = 15;
export const FROZEN_X = 16;
export const P_U_LAST = 17;
export const P_THETA = 18;
export const LAST_TRAINABLE = 19;
// The factored first layer (see dlnTrain): flag, K = A·W1 (n×m1), C (n×m1), G = AAᵀ (n×n),
// G·ρ (n), and A·θ0 (n, lazy scaling only).
export const FACTORED = 20;
export const P_K = 21;
export const P_C = 22;
export const P_G = 23;
export const P_GR = 24;
export const P_A_THETA0 = 25;
export const LAYER0 = 28;
// Per layer i = 1 … h, at LAYER0 + 6(i − 1): W_i, its rows and columns, frozen flag,
// S_{i+1} (the input this layer multiplies) and U_i (the back-propagated G this layer sees).
export const L_W = 0;
export const L_ROWS = 1;
export const L_COLS = 2;
export const L_FROZEN = 3;
export const L_S_NEXT = 4;
export const L_U = 5;
export const LAYER_SLOTS = 6;

@inline export function slot(pd: usize, i: i32): f64 {
  return load<f64>(pd + (<usize>i << 3));
}

@inline export function ptr(pd: usize, i: i32): usize {
  return <usize>load<f64>(pd + (<usize>i << 3));
}

@inline export function int(pd: usize, i: i32): i32 {
  return <i32>load<f64>(pd + (<usize>i << 3));
}

@inline export function layer(pd: usize, i: i32, field: i32): i32 {
  return LAYER0 + LAYER_SLOTS * (i - 1) + field;
}

@inline export function f64At(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}
