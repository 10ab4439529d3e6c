// The only place that instantiates WebAssembly. `init()` compiles the module once and memoizes
// the promise; everything after it is synchronous.
import { instantiate } from './generated/kernels.js';
import { wasmBase64 } from './generated/kernels-base64.js';
import { InvalidArgument, NotInitialized, kindOf } from './errors.js';

export type Kernels = Awaited<ReturnType<typeof instantiate>>;

/** Where the module comes from: bytes, a compiled module, or a URL (file: in Node, else fetch). */
export type WasmSource = BufferSource | WebAssembly.Module | URL | string;

let kernels: Kernels | undefined;
let pending: Promise<void> | undefined;

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
  const url = new URL(source, globalThis.location?.href);
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

function isWasmSource(source: unknown): boolean {
  return typeof source === 'string' || source instanceof URL ||
    source instanceof WebAssembly.Module || source instanceof ArrayBuffer ||
    ArrayBuffer.isView(source) ||
    (typeof SharedArrayBuffer !== 'undefined' && source instanceof SharedArrayBuffer);
}

/**
 * Load the kernels. Call once and await it before any other function; later calls return the
 * same promise. With no argument the module embedded in this package is used.
 * @param source optional bytes, compiled module or URL of `kernels.wasm`
 * @returns a promise that rejects with InvalidArgument when source is none of those (checked
 *   on every call, also after the kernels are loaded, so a wrong call never passes unnoticed)
 */
export function init(source?: WasmSource): Promise<void> {
  if (source !== undefined && !isWasmSource(source)) {
    return Promise.reject(new InvalidArgument(
      'init: argument \'source\' must be absent, bytes (an ArrayBuffer or typed array), a ' +
        `WebAssembly.Module, a URL or a URL string; got ${kindOf(source)}`,
    ));
  }
  pending ??= (async () => {
    const module = await compile(source);
    kernels = await instantiate(module, {});
  })().catch((err: unknown) => {
    pending = undefined;
    throw err;
  });
  return pending;
}

/** True once `init()` has finished. */
export function isInitialized(): boolean {
  return kernels !== undefined;
}

/** The instantiated kernels; throws `NotInitialized` before `init()` has finished. */
export function wasm(): Kernels {
  if (kernels === undefined) {
    throw new NotInitialized('deeplin: the Wasm kernels are not loaded; await init() first');
  }
  return kernels;
}
