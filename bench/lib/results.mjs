// bench/results/<date>.json: one file per day, one entry per suite (the latest run of it
// replaces the earlier one), each with the machine it ran on.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { machine } from '../machine.mjs';

/** Merge `rows` of `suite` into today's results file; returns its path. */
export function saveResults(suite, rows, extra = {}) {
  const date = new Date().toISOString();
  const dir = new URL('../results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL(`${date.slice(0, 10)}.json`, dir);
  const all = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { suites: {} };
  all.suites[suite] = { date, machine: machine(), ...extra, rows };
  writeFileSync(file, `${JSON.stringify(all, null, 1)}\n`);
  return file.pathname;
}
