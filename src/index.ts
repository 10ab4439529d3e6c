// deeplin: exact linear algebra and deep linear networks on one SIMD Wasm build.
export { init, isInitialized, kernelVariant } from './core/wasm.js';
export type { InitOptions, KernelVariant, WasmSource } from './core/wasm.js';
export { wasmMemoryBytes } from './core/memory.js';
export {
  ShapeMismatch, RaggedInput, EmptyInput, NonFiniteInput, InvalidArgument, SingularMatrix,
  Overflow, ConvergenceFailure, Diverged, NotInitialized, Disposed,
} from './core/errors.js';
export * from './linalg/index.js';
export * from './dln/index.js';
