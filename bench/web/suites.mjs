// The page's entry: loads the kernels and offers the suites to bench/web/run.mjs as
// window.bench. run(name, quick) runs one suite and resolves to its tables (rows of
// bench/lib/batch.mjs); the page logs its progress to the console and to the page itself.
import { init } from '../../dist/index.js';
import { checksum } from '../lib/first.mjs';
import { SUITES } from './catalog.mjs';

const log = (s) => {
  console.log(s);
  document.getElementById('log').textContent += `${s}\n`;
};

async function run(name, quick) {
  const suite = SUITES[name];
  if (!suite) throw new Error(`bench page: no suite ${name}`);
  log(`## ${name} (${quick ? 'quick' : 'full'})`);
  const result = await suite.run(quick, log);
  if (!Number.isFinite(checksum())) throw new Error(`${name}: checksum is not finite`);
  return { ...result, checksum: checksum() };
}

window.bench = init().then(() => ({
  names: Object.keys(SUITES),
  plan: (name, quick) => SUITES[name].plan(quick).map((c) => c.name),
  run,
  environment: () => ({
    userAgent: navigator.userAgent, isolated: crossOriginIsolated,
    cores: navigator.hardwareConcurrency,
  }),
}));
