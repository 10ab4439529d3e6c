// Worker thread body for workers.node.test.ts: init the built library, run the workload for
// each seed it is sent, post the results back.
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { workload } from './workload.mjs';

const lib = await import(pathToFileURL(`${workerData.dist}/index.js`).href);
await lib.init();
parentPort.on('message', (seed) => parentPort.postMessage({ seed, out: workload(lib, seed) }));
parentPort.postMessage({ ready: true });
