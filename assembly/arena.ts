// Raw byte allocation for the TypeScript side. Kernels never allocate: callers hand them
// pointers into blocks obtained here, and free them when the call (or the object) is done.

export function allocBytes(bytes: usize): usize {
  // TLSF returns 16-byte aligned blocks, so v128 loads on them are aligned.
  return heap.alloc(bytes > 0 ? bytes : 16);
}

export function freeBytes(ptr: usize): void {
  heap.free(ptr);
}

export function memoryPages(): i32 {
  return memory.size();
}
