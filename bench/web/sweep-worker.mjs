// A Web Worker of the page's sweep (as web/worker.ts for the demo): loads its own copy of the
// kernels and the scenario list, then runs each config it is sent and posts its rows back.
import { init } from '../../dist/index.js';
import { scenarios } from '../../dist/experiments/scenarios/index.js';

const byId = new Map(scenarios.map((s) => [s.id, s]));

await init();
self.onmessage = (e) => {
  const { scenario, index, config } = e.data;
  try {
    const rows = byId.get(scenario).run(config);
    self.postMessage({ type: 'result', index, rows });
  } catch (err) {
    self.postMessage({ type: 'error', index, message: String(err?.stack ?? err) });
  }
};
self.postMessage({ type: 'ready' });
