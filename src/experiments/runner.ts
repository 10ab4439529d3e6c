// The sweep: every config of every chosen scenario (or of one shard of each grid), run on a
// pool of worker threads, each finished config appended to its scenario's run log at once.
// A config is a pure function of itself, so the rows do not depend on the number of workers
// or on the order configs finish in; the outcome lists them by config index.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { InvalidArgument, shown } from '../core/errors.js';
import { codeFingerprint } from './fingerprint.js';
import { configKey, gridHash, LOG_FORMAT, RunLog, type LogHeader } from './jsonl.js';
import { WorkerPool, type Task } from './pool.js';
import { lockRows } from './outlock.js';
import { inShard, type Shard } from './shard.js';
import type { Config, Row, Scenario } from './types.js';

export interface SweepOptions {
  /** The small grids. */
  quick: boolean;
  /** `--set key=value` pairs, handed to `grid()`. */
  overrides?: Record<string, string>;
  /** Worker threads (≥ 1). */
  jobs: number;
  shard?: Shard;
  /** Run logs go to `<outDir>/rows/`. */
  outDir: string;
  /** The module the workers load the scenarios from (registry.ts). */
  moduleUrl: string;
  /** Ignore the run logs of earlier runs (they are moved aside to `*.jsonl.old`). */
  fresh?: boolean;
  onProgress?: (progress: ScenarioProgress) => void;
  /** Notes for a person (resumed rows, a stale log moved aside). */
  onNotice?: (message: string) => void;
  /** Stops the sweep (SweepAborted); the logs keep every finished config and the session. */
  signal?: AbortSignal;
}

export interface ScenarioProgress {
  scenario: string;
  /** Configs of this shard done, including those resumed from the log. */
  done: number;
  total: number;
  resumed: number;
  /** Configs run in this session, and the time since the first of them started. */
  ran: number;
  elapsedMs: number;
}

/** What a sweep (or a merge of shards) knows of one scenario. */
export interface ScenarioOutcome {
  scenario: Scenario;
  quick: boolean;
  overrides: Record<string, string>;
  /** The whole grid, in order. */
  configs: Config[];
  /** Rows by config index; undefined for configs outside the shard. */
  rows: (Row[] | undefined)[];
  /** Wall time on this scenario, summed over the sessions of its log. */
  wallMs: number;
  /** Time inside `run`, summed over configs. */
  computeMs: number;
  resumed: number;
}

/** The log file of a scenario (one per shard, so shards may share a directory). */
export function logPath(outDir: string, scenarioId: string, shard?: Shard): string {
  const suffix = shard ? `.shard-${shard.index}-of-${shard.count}` : '';
  return join(outDir, 'rows', `${scenarioId}${suffix}.jsonl`);
}

/**
 * The grid of a scenario, checked and passed through JSON so that it equals what a log
 * stores and reads back.
 * @throws InvalidArgument when a config has no finite seed or two configs are equal
 */
export function scenarioGrid(
  scenario: Scenario, quick: boolean, overrides: Record<string, string>,
): Config[] {
  let grid: Config[];
  try {
    grid = scenario.grid({ quick, overrides });
  } catch (err) {
    // The user's only input to a grid is --set, so a grid that throws is a usage error.
    const e = err instanceof Error ? err : new Error(String(err));
    throw new InvalidArgument(`${scenario.id}: ${e.message}`, { cause: e });
  }
  if (!Array.isArray(grid)) {
    throw new InvalidArgument(`${scenario.id}.grid: expected an array of configs`);
  }
  const configs = JSON.parse(JSON.stringify(grid)) as Config[];
  const keys = new Set<string>();
  configs.forEach((c, i) => {
    if (typeof c?.seed !== 'number' || !Number.isFinite(c.seed)) {
      throw new InvalidArgument(`${scenario.id}.grid: config #${i} needs a finite numeric seed`);
    }
    const key = configKey(c);
    if (keys.has(key)) {
      throw new InvalidArgument(`${scenario.id}.grid: config #${i} repeats ${key}`);
    }
    keys.add(key);
  });
  return configs;
}

interface Open {
  outcome: ScenarioOutcome;
  log: RunLog;
  keys: string[];
  total: number;
  done: number;
  ran: number;
  firstStart: number;
  lastFinish: number;
}

/** Open (or resume) the log of one scenario and list the configs still to run. */
function openScenario(
  scenario: Scenario, opts: SweepOptions, code: string, pending: Task[],
): Open {
  const overrides = opts.overrides ?? {};
  const configs = scenarioGrid(scenario, opts.quick, overrides);
  const keys = configs.map(configKey);
  const header: LogHeader = {
    type: 'header', format: LOG_FORMAT, scenario: scenario.id, quick: opts.quick, overrides,
    shard: opts.shard ?? null, configs: configs.length, gridHash: gridHash(configs),
    code,
  };
  const path = logPath(opts.outDir, scenario.id, opts.shard);
  const log = RunLog.open(path, header, opts.fresh);
  const outcome: ScenarioOutcome = {
    scenario, quick: opts.quick, overrides, configs, rows: configs.map(() => undefined),
    wallMs: 0, computeMs: 0, resumed: 0,
  };
  let total = 0;
  for (const [index, config] of configs.entries()) {
    if (!inShard(index, opts.shard)) continue;
    total += 1;
    const entry = log.resumed?.entries.get(index);
    if (entry && entry.key === keys[index]) {
      outcome.rows[index] = entry.rows;
      outcome.computeMs += entry.ms;
      outcome.resumed += 1;
    } else {
      pending.push({ scenario: scenario.id, index, config });
    }
  }
  for (const s of log.resumed?.sessions ?? []) outcome.wallMs += s.wallMs;
  if (outcome.resumed > 0) {
    opts.onNotice?.(`${scenario.id}: resumed ${outcome.resumed} of ${total} configs from ${path}`);
  }
  if (log.movedAside !== undefined) {
    // A rerun with other options, shard or code must not lose the earlier rows unannounced.
    const why = opts.fresh ? 'a fresh start was asked for' :
      'it holds a run with other options, shard or code';
    const replaced = log.replacedOld ? ', replacing the one there' : '';
    opts.onNotice?.(
      `${scenario.id}: moved ${path} to ${log.movedAside}${replaced} (${why}); started anew`);
  }
  return {
    outcome, log, keys, total, done: outcome.resumed, ran: 0,
    firstStart: Infinity, lastFinish: -Infinity,
  };
}

/**
 * Run the grids of `scenarios` (or the shard `opts.shard` of each) on `opts.jobs` workers,
 * resuming from the run logs in `opts.outDir/rows/`.
 * @param scenarios the scenarios, in report order; the workers find them by id in
 *   `opts.moduleUrl`
 * @returns one outcome per scenario, rows ordered by config index
 * @throws InvalidArgument for a bad grid; ScenarioRunFailed when a config's run throws;
 *   SweepAborted when `opts.signal` aborts
 */
export async function runSweep(
  scenarios: readonly Scenario[], opts: SweepOptions,
): Promise<ScenarioOutcome[]> {
  if (!Number.isInteger(opts.jobs) || opts.jobs < 1) {
    throw new InvalidArgument(`runSweep: jobs must be a positive integer; got ${shown(opts.jobs)}`);
  }
  const code = codeFingerprint(opts.moduleUrl);
  mkdirSync(join(opts.outDir, 'rows'), { recursive: true });
  const unlock = lockRows(join(opts.outDir, 'rows'));
  const pending: Task[] = [];
  const open = new Map<string, Open>();
  try {
    for (const s of scenarios) open.set(s.id, openScenario(s, opts, code, pending));
    for (const o of open.values()) {
      opts.onProgress?.({
        scenario: o.outcome.scenario.id, done: o.done, total: o.total, resumed: o.outcome.resumed,
        ran: 0, elapsedMs: 0,
      });
    }

    if (pending.length > 0) {
      const pool = await WorkerPool.start(Math.min(opts.jobs, pending.length), opts.moduleUrl);
      try {
        await pool.run(pending, (id, index, rows, ms) => {
          const o = open.get(id)!;
          const now = performance.now();
          const entry = o.log.append({
            type: 'config', index, key: o.keys[index]!, config: o.outcome.configs[index]!, rows, ms,
          });
          o.outcome.rows[index] = entry.rows;
          o.outcome.computeMs += ms;
          o.done += 1;
          o.ran += 1;
          o.firstStart = Math.min(o.firstStart, now - ms);
          o.lastFinish = now;
          opts.onProgress?.({
            scenario: id, done: o.done, total: o.total, resumed: o.outcome.resumed, ran: o.ran,
            elapsedMs: o.lastFinish - o.firstStart,
          });
        }, opts.signal);
      } finally {
        await pool.close();
      }
    }
  } finally {
    for (const o of open.values()) {
      if (o.ran > 0) {
        const wallMs = o.lastFinish - o.firstStart;
        o.outcome.wallMs += wallMs;
        o.log.append({ type: 'session', wallMs, jobs: opts.jobs, ran: o.ran });
      }
      o.log.close();
    }
    unlock();
  }
  return [...open.values()].map((o) => o.outcome);
}
