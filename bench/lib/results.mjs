// bench/results/<date>.json: one file per day, one entry per suite and size set (the latest run
// of it replaces the earlier one; a quick run is kept under '<suite>:quick', so it never replaces
// the rows of a full run that BENCHMARKS.md may cite), each with the machine it ran on. The
// browser page's runs go to bench/results/chromium-<date>.json (prefix 'chromium-') alike.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { machine } from '../machine.mjs';

/** Merge `rows` of `suite` into today's results file; returns its path. */
export function saveResults(suite, rows, extra = {}, { prefix = '' } = {}) {
  const date = new Date().toISOString();
  const dir = new URL('../results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL(`${prefix}${date.slice(0, 10)}.json`, dir);
  const all = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { suites: {} };
  const quick = extra.quick ?? process.argv.includes('--quick');
  const key = quick ? `${suite}:quick` : suite;
  all.suites[key] = { date, machine: machine(), ...extra, quick, rows };
  writeFileSync(file, `${JSON.stringify(all, null, 1)}\n`);
  return file.pathname;
}
