// Wasm memory from the TypeScript side. Views are re-taken from `memory.buffer` on every use,
// because any allocation may grow memory and detach every older view.
import { wasm } from './wasm.js';

/** A fresh Float64Array view of `length` doubles at `ptr`. Do not keep it across a call. */
export function f64View(ptr: number, length: number): Float64Array {
  return new Float64Array(wasm().memory.buffer, ptr, length);
}

/** Bytes of Wasm linear memory currently reserved (grows, never shrinks). */
export function wasmMemoryBytes(): number {
  return wasm().memory.buffer.byteLength;
}

/** Bytes one 32-bit Wasm memory can hold: no block, let alone a call's scratch, is larger. */
const WASM_MAX_BYTES = 2 ** 32;

/**
 * A block of `bytes` in Wasm memory, or a RangeError naming the size when it cannot exist.
 * The kernels take 32-bit sizes, so a request of 4 GiB or more would wrap to a small block
 * that the kernel then overruns; and a failed memory.grow traps with a bare RuntimeError.
 */
export function allocBytes(bytes: number): number {
  const gib = (bytes / 2 ** 30).toFixed(2);
  if (!(bytes < WASM_MAX_BYTES)) {
    throw new RangeError(
      `deeplin: a block of ${bytes} bytes (${gib} GiB) is needed, but Wasm memory holds at ` +
        'most 4 GiB; use smaller operands',
    );
  }
  try {
    return wasm().allocBytes(bytes);
  } catch (err) {
    if (!(err instanceof WebAssembly.RuntimeError)) throw err;
    throw new RangeError(
      `deeplin: out of Wasm memory: a block of ${bytes} bytes (${gib} GiB) could not be ` +
        `allocated (one block holds at most 1 GiB, all of memory 4 GiB; ${wasmMemoryBytes()} ` +
        'bytes are reserved now); use smaller operands or dispose() networks no longer needed',
    );
  }
}

/**
 * @internal Blocks allocated in Wasm memory and not yet freed (scratch of a call in flight and
 * the state of live networks). Tests use it to show that no call leaks and that a dropped
 * network's finalizer frees its blocks.
 */
export function wasmLiveBlocks(): number {
  return wasm().liveBlocks();
}

/**
 * Scratch space for one call. Every block taken from it is freed by `release()`, which
 * `withScratch` calls on the way out, also when the call throws: no one-shot call can leak.
 */
export class Scratch {
  private readonly blocks: number[] = [];

  /** Room for `length` doubles, contents undefined. */
  alloc(length: number): number {
    const ptr = allocBytes(length * 8);
    this.blocks.push(ptr);
    return ptr;
  }

  /** Room for `length` doubles, zero-filled. */
  zeros(length: number): number {
    const ptr = this.alloc(length);
    f64View(ptr, length).fill(0);
    return ptr;
  }

  /** Copy `data` into Wasm memory and return its pointer. */
  copyIn(data: ArrayLike<number>): number {
    const ptr = this.alloc(data.length);
    f64View(ptr, data.length).set(data);
    return ptr;
  }

  /** Copy `length` doubles at `ptr` out into a new JS-owned Float64Array. */
  copyOut(ptr: number, length: number): Float64Array {
    return f64View(ptr, length).slice();
  }

  release(): void {
    const k = wasm();
    for (const ptr of this.blocks) k.freeBytes(ptr);
    this.blocks.length = 0;
  }
}

/** Run `body` with a scratch arena that is released however `body` ends. */
export function withScratch<T>(body: (scratch: Scratch) => T): T {
  const scratch = new Scratch();
  try {
    return body(scratch);
  } finally {
    scratch.release();
  }
}
