// Web Worker body for web-workers.test.ts: init the library from source, run the workload for
// each seed it is sent, post the results back.
import * as lib from '../../src/index.js';
import { workload } from './workload.mjs';

await lib.init();
self.onmessage = (e: MessageEvent<number>) => {
  self.postMessage({ seed: e.data, out: workload(lib, e.data) });
};
self.postMessage({ ready: true });
