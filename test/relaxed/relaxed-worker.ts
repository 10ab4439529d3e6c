// Web Worker body for relaxed.test.ts: a fresh thread, so init can choose the relaxed module
// (the page's own thread already runs the portable one); posts the variant and the products.
import * as lib from '../../src/index.js';
import { products } from './cases.mjs';

await lib.init({ relaxedSimd: true });
self.postMessage({ variant: lib.kernelVariant(), out: products(lib) });
