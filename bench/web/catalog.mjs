// The suites of the browser page, named as the Node suites (bench/<name>.bench.mjs). Each
// module exports name, operations (what it measures, for the coverage test), plan(quick) (its
// case names, every parameter in each, without running anything) and run(quick, log).
import * as dln from './dln.mjs';
import * as gemm from './gemm.mjs';
import * as gemmTfjs from './gemm-tfjs.mjs';
import * as gemv from './gemv.mjs';
import * as qr from './qr.mjs';
import * as svd from './svd.mjs';
import * as sweep from './sweep.mjs';

export const SUITES = Object.fromEntries(
  [dln, gemm, gemmTfjs, gemv, qr, svd, sweep].map((s) => [s.name, s]),
);
