// Raw byte allocation for the TypeScript side. Kernels never allocate: callers hand them
// pointers into blocks obtained here, and free them when the call (or the object) is done.

// Blocks handed out and not yet freed: the observable that lets tests prove no call leaks and
// that the finalizer backstop of a dropped network really returns its memory.
let live: i32 = 0;

export function allocBytes(bytes: usize): usize {
  // TLSF returns 16-byte aligned blocks, so v128 loads on them are aligned. When memory cannot
  // grow it traps before touching its free lists, so the heap stays usable after the trap.
  const ptr = heap.alloc(bytes > 0 ? bytes : 16);
  live++;
  return ptr;
}

export function freeBytes(ptr: usize): void {
  live--;
  heap.free(ptr);
}

export function memoryPages(): i32 {
  return memory.size();
}

export function liveBlocks(): i32 {
  return live;
}
