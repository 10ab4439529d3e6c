// What the page's suites share: the baselines loaded as classic scripts (ml-matrix's UMD build
// from index.html; tfjs-core and tfjs-backend-wasm on demand), and a suite's result shape.

/** ml-matrix's exports (index.html loads its UMD build before any suite runs). */
export function mlMatrix() {
  const ml = globalThis.mlMatrix;
  if (!ml) throw new Error('bench page: ml-matrix was not loaded (index.html loads it)');
  return ml;
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`bench page: could not load ${src}`));
    document.head.append(s);
  });
}

const TFJS = '/node_modules/@tensorflow/';

/**
 * TensorFlow.js on its Wasm backend, one thread as in Node (the threaded build would need its
 * own worker script; one thread also keeps the comparison with one-threaded deeplin fair).
 * The .wasm files come from node_modules through the local server.
 */
export async function tfjsWasm() {
  if (!globalThis.tf?.wasm) {
    await loadScript(`${TFJS}tfjs-core/dist/tf-core.min.js`);
    await loadScript(`${TFJS}tfjs-backend-wasm/dist/tf-backend-wasm.min.js`);
  }
  const tf = globalThis.tf;
  tf.wasm.setWasmPaths(`${TFJS}tfjs-backend-wasm/dist/`);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (!(await tf.setBackend('wasm'))) throw new Error('bench page: tfjs wasm backend failed');
  await tf.ready();
  return tf;
}

/** One table of a suite's result: rows of measureBatched, the baselines to take ratios to. */
export const table = (key, title, baselines, rows = []) => ({ key, title, baselines, rows });
