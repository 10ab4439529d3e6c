// The one Wasm module: every kernel family re-exported from its own file.
export * from './arena';
export * from './blas1';
export * from './gemm';
export * from './rng';
export * from './qr';
export * from './bidiag';
export * from './secular';
export * from './reflectorBlock';
export * from './blocks';
export * from './jacobi';
export * from './lu';
export * from './triangular';
export * from './dln';
