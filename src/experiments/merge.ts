// Join the run logs of shards (from one or several output directories) into the outcomes an
// unsharded run gives: the same grid, every config's rows by index.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgument } from '../core/errors.js';
import { configKey, overridesKey, readLog, type LogContents } from './jsonl.js';
import { scenarioGrid, type ScenarioOutcome } from './runner.js';
import type { Row, Scenario } from './types.js';

/** The shard logs cannot be joined: they disagree, or configs are missing. */
export class MergeFailed extends Error {
  override name = 'MergeFailed';
}

/** Every run log under `<dir>/rows/`, with the file it came from. */
function readLogs(dirs: readonly string[]): { path: string; log: LogContents }[] {
  const logs: { path: string; log: LogContents }[] = [];
  for (const dir of dirs) {
    const rowsDir = join(dir, 'rows');
    if (!existsSync(rowsDir)) {
      throw new InvalidArgument(`merge: ${dir} has no rows/ directory (not a deeplin output)`);
    }
    for (const name of readdirSync(rowsDir).filter((n) => n.endsWith('.jsonl')).sort()) {
      const log = readLog(join(rowsDir, name));
      if (log) logs.push({ path: join(rowsDir, name), log });
    }
  }
  return logs;
}

/**
 * Join shard outputs. Each scenario's logs must come from the same grid (same options, same
 * grid hash); together they must hold every config; a config found twice must have the same
 * rows. Wall time is that of the slowest shard (shards run side by side).
 * @param dirs output directories of `deeplin reproduce --shard …` (or of unsharded runs)
 * @param registry scenarios to summarize with, found by id
 * @throws MergeFailed naming the scenario and what disagrees or is missing
 */
export function mergeRuns(
  dirs: readonly string[], registry: readonly Scenario[],
): ScenarioOutcome[] {
  const byScenario = new Map<string, { path: string; log: LogContents }[]>();
  for (const item of readLogs(dirs)) {
    const id = item.log.header.scenario;
    byScenario.set(id, [...(byScenario.get(id) ?? []), item]);
  }
  const outcomes: ScenarioOutcome[] = [];
  const order = [...byScenario.keys()].sort((a, b) => {
    const ia = registry.findIndex((s) => s.id === a);
    const ib = registry.findIndex((s) => s.id === b);
    return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib) || a.localeCompare(b);
  });
  for (const id of order) {
    const scenario = registry.find((s) => s.id === id);
    if (!scenario) {
      const known = registry.map((s) => s.id).join(', ') || '(none)';
      throw new MergeFailed(`merge: the logs hold scenario '${id}', unknown here; known: ${known}`);
    }
    outcomes.push(mergeScenario(scenario, byScenario.get(id)!));
  }
  return outcomes;
}

function mergeScenario(
  scenario: Scenario, logs: { path: string; log: LogContents }[],
): ScenarioOutcome {
  const first = logs[0]!.log.header;
  const rows: (Row[] | undefined)[] = new Array(first.configs).fill(undefined);
  const configs: ScenarioOutcome['configs'] = new Array(first.configs);
  const keys: string[] = new Array(first.configs);
  const expectedKeys = scenarioGrid(scenario, first.quick, first.overrides).map(configKey);
  let computeMs = 0;
  let wallMs = 0;
  for (const { path, log } of logs) {
    const h = log.header;
    if (h.gridHash !== first.gridHash || h.quick !== first.quick || h.configs !== first.configs
      || overridesKey(h.overrides) !== overridesKey(first.overrides)) {
      const options = (x: typeof h) => `quick ${x.quick}, grid ${x.gridHash}, ${x.configs} ` +
        `configs, --set ${overridesKey(x.overrides)}`;
      throw new MergeFailed(`merge: ${scenario.id}: ${path} comes from another grid or other `
        + `options (${options(h)}) than ${logs[0]!.path} (${options(first)})`);
    }
    if (h.code !== first.code) {
      throw new MergeFailed(`merge: ${scenario.id}: ${path} was computed by other code `
        + `(fingerprint ${h.code}) than ${logs[0]!.path} (${first.code}); rerun the shards `
        + 'with one build');
    }
    for (const entry of log.entries.values()) {
      // A hand-edited or foreign line must not slip in: its index, key and rows are checked
      // against the grid the header describes.
      if (!Number.isSafeInteger(entry.index) || entry.index < 0 || entry.index >= first.configs
        || entry.key !== expectedKeys[entry.index] || !Array.isArray(entry.rows)) {
        throw new MergeFailed(`merge: ${scenario.id}: ${path} holds a config line that does `
          + `not fit its grid (index ${entry.index}, key ${entry.key}); rerun that shard`);
      }
      if (rows[entry.index] !== undefined) {
        if (keys[entry.index] !== entry.key
          || JSON.stringify(rows[entry.index]) !== JSON.stringify(entry.rows)) {
          throw new MergeFailed(`merge: ${scenario.id}: config #${entry.index} appears twice with `
            + `different rows (one is in ${path})`);
        }
        continue;
      }
      rows[entry.index] = entry.rows;
      configs[entry.index] = entry.config;
      keys[entry.index] = entry.key;
      computeMs += entry.ms;
    }
    wallMs = Math.max(wallMs, log.sessions.reduce((t, s) => t + s.wallMs, 0));
  }
  const missing = rows.flatMap((r, i) => (r === undefined ? [i] : []));
  if (missing.length > 0) {
    const list = missing.slice(0, 10).join(', ') + (missing.length > 10 ? ', …' : '');
    throw new MergeFailed(`merge: ${scenario.id}: ${missing.length} of ${rows.length} configs have `
      + `no rows (indices ${list}); run the missing shards (or resume them) and merge again`);
  }
  return {
    scenario, quick: first.quick, overrides: first.overrides, configs, rows, wallMs, computeMs,
    resumed: 0,
  };
}
