// The only place that instantiates WebAssembly. `init()` compiles a module once and memoizes
// the promise; everything after it is synchronous. Two modules exist: the portable one (plain
// SIMD, mul then add, the same bits on every runtime) and, on request, the relaxed-SIMD one
// whose gemm tile uses fused multiply-adds. The choice is made once per thread: networks and
// scratch blocks live in one module's memory, so a module is never swapped under them.
import { instantiate } from './generated/kernels.js';
import { wasmBase64 } from './generated/kernels-base64.js';
import { InvalidArgument, NotInitialized, kindOf } from './errors.js';

export type Kernels = Awaited<ReturnType<typeof instantiate>>;

/** Where the module comes from: bytes, a compiled module, or a URL (file: in Node, else fetch). */
export type WasmSource = BufferSource | WebAssembly.Module | URL | string;

/** Options of `init`. */
export interface InitOptions {
  /**
   * Use the relaxed-SIMD module (fused multiply-add in gemm, faster, last bits may differ from
   * the portable module and between machines) where the runtime validates it; elsewhere the
   * portable module is used. Default false.
   */
  relaxedSimd?: boolean;
}

/** Which module runs: the bit-reproducible default or the relaxed-SIMD one. */
export type KernelVariant = 'portable' | 'relaxed';

let kernels: Kernels | undefined;
let variant: KernelVariant | undefined;
let pending: Promise<void> | undefined;
/** relaxedSimd as asked by the call that started loading (absent counts as false). */
let requestedRelaxed = false;

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  // atob exists in Node 20 and in every browser; Uint8Array.fromBase64 does not yet.
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function compile(source?: WasmSource): Promise<WebAssembly.Module> {
  if (source === undefined) return WebAssembly.compile(decodeBase64(wasmBase64));
  if (source instanceof WebAssembly.Module) return source;
  if (typeof source !== 'string' && !(source instanceof URL)) return WebAssembly.compile(source);
  let url: URL;
  try {
    url = new URL(source, globalThis.location?.href);
  } catch {
    throw new InvalidArgument(
      `init: argument 'source' must be a URL of kernels.wasm, its bytes or a compiled module; ` +
        `got the string '${String(source).slice(0, 80)}', which is no URL`,
    );
  }
  if (url.protocol === 'file:') {
    // No import statement for fs, so browser bundlers have nothing to resolve.
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } })
      .process;
    const fs = proc?.getBuiltinModule?.('fs/promises') as
      | { readFile(u: URL): Promise<Uint8Array<ArrayBuffer>> }
      | undefined;
    if (!fs) throw new TypeError(`init: cannot read ${url.href} outside Node`);
    return WebAssembly.compile(await fs.readFile(url));
  }
  return WebAssembly.compileStreaming(fetch(url));
}

/**
 * The relaxed-SIMD module, or undefined where the runtime does not validate it (Node 20
 * without --experimental-wasm-relaxed-simd, older browsers). Its bytes are a separate chunk,
 * imported only here, so a bundle that never asks for it does not carry them.
 */
async function compileRelaxed(): Promise<WebAssembly.Module | undefined> {
  const { wasmBase64: relaxedBase64 } = await import('./generated/kernels-relaxed-base64.js');
  const bytes = decodeBase64(relaxedBase64);
  return WebAssembly.validate(bytes) ? WebAssembly.compile(bytes) : undefined;
}

function isWasmSource(source: unknown): boolean {
  return typeof source === 'string' || source instanceof URL ||
    source instanceof WebAssembly.Module || source instanceof ArrayBuffer ||
    ArrayBuffer.isView(source) ||
    (typeof SharedArrayBuffer !== 'undefined' && source instanceof SharedArrayBuffer);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** relaxedSimd of an options object: true, false or undefined (not given). */
function relaxedOption(options: Record<string, unknown>): boolean | undefined {
  for (const key of Object.keys(options)) {
    if (key !== 'relaxedSimd') {
      throw new InvalidArgument(`init: unknown option '${key}'; the one option is 'relaxedSimd'`);
    }
  }
  const value = options.relaxedSimd;
  if (value !== undefined && typeof value !== 'boolean') {
    throw new InvalidArgument(
      `init: option 'relaxedSimd' must be true, false or absent; got ${kindOf(value)}`,
    );
  }
  return value;
}

/**
 * Load the kernels. Call once and await it before any other function; later calls return the
 * same promise. With no argument the portable module embedded in this package is used.
 *
 * The module is chosen by the first call and kept for the life of the thread (or worker): a
 * later call may repeat that choice or state none (no argument, or a source, which is then
 * ignored), but a later `{ relaxedSimd }` different from the first call's (absent = false)
 * rejects with InvalidArgument, since live networks hold pointers into the loaded module.
 * @param options `{ relaxedSimd: true }` to use the relaxed-SIMD module where
 *   `WebAssembly.validate` accepts it (see `kernelVariant()`); or the bytes, compiled module or
 *   URL of a `kernels.wasm` to load instead of the embedded one
 * @returns a promise that rejects with InvalidArgument when the argument is none of those, an
 *   option is unknown or not a boolean, or relaxedSimd differs from the first call's (checked on
 *   every call, also after loading, so a wrong call never passes unnoticed)
 */
export function init(options?: InitOptions | WasmSource): Promise<void> {
  let source: WasmSource | undefined;
  let relaxed: boolean | undefined;
  try {
    if (isWasmSource(options)) source = options as WasmSource;
    else if (isPlainObject(options)) relaxed = relaxedOption(options);
    else if (options !== undefined) {
      throw new InvalidArgument(
        'init: argument \'options\' must be absent, an options object { relaxedSimd }, bytes ' +
          '(an ArrayBuffer or typed array), a WebAssembly.Module, a URL or a URL string; got ' +
          kindOf(options),
      );
    }
    if (pending !== undefined && relaxed !== undefined && relaxed !== requestedRelaxed) {
      throw new InvalidArgument(
        `init: the kernels were already requested with relaxedSimd: ${requestedRelaxed}; ` +
          `relaxedSimd: ${relaxed} cannot replace them (the module is chosen once per thread)`,
      );
    }
  } catch (err) {
    return Promise.reject(err as Error);
  }
  if (pending !== undefined) return pending;

  requestedRelaxed = relaxed ?? false;
  pending = (async () => {
    const relaxedModule = requestedRelaxed ? await compileRelaxed() : undefined;
    const module = relaxedModule ?? await compile(source);
    kernels = await instantiate(module, {});
    variant = relaxedModule ? 'relaxed' : 'portable';
  })().catch((err: unknown) => {
    pending = undefined;
    requestedRelaxed = false;
    throw err;
  });
  return pending;
}

/** True once `init()` has finished. */
export function isInitialized(): boolean {
  return kernels !== undefined;
}

/**
 * Which module runs: 'relaxed' only after `init({ relaxedSimd: true })` on a runtime that
 * validates relaxed SIMD, else 'portable' (also for a module passed to `init` as a source,
 * which is not inspected).
 * @throws {NotInitialized} before `init()` has finished
 */
export function kernelVariant(): KernelVariant {
  wasm();
  return variant!;
}

/** The instantiated kernels; throws `NotInitialized` before `init()` has finished. */
export function wasm(): Kernels {
  if (kernels === undefined) {
    throw new NotInitialized('deeplin: the Wasm kernels are not loaded; await init() first');
  }
  return kernels;
}
