// bench/results/<date>.json: one file per day, one entry per suite (the latest run of it
// replaces the earlier one), each with the machine it ran on. The browser page's runs go to
// bench/results/chromium-<date>.json (prefix 'chromium-') in the same shape.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { machine } from '../machine.mjs';

/** Merge `rows` of `suite` into today's results file; returns its path. */
export function saveResults(suite, rows, extra = {}, { prefix = '' } = {}) {
  const date = new Date().toISOString();
  const dir = new URL('../results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL(`${prefix}${date.slice(0, 10)}.json`, dir);
  const all = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { suites: {} };
  all.suites[suite] = { date, machine: machine(), ...extra, rows };
  writeFileSync(file, `${JSON.stringify(all, null, 1)}\n`);
  return file.pathname;
}
