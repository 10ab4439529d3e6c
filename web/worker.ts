// The demo's training worker: loads its own copy of the kernels, then runs one session per
// request. The page stops a run by terminating this worker and starting a fresh one.
import { init } from '../src/index.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { runSession } from './session.ts';

const scope = self as unknown as {
  postMessage(m: FromWorker): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
};

await init();
scope.onmessage = (e) => {
  const post = (m: FromWorker): void => scope.postMessage(m);
  if (e.data.type === 'train') runSession(e.data.runId, e.data.settings, post);
};
scope.postMessage({ type: 'ready' });
