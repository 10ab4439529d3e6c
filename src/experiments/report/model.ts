// What a report is made of: per scenario its rows by config, its summary and its timing, and
// the versions and machine of the run. Built the same way from a sweep and from a merge.
import type { ScenarioOutcome } from '../runner.js';
import type { Check, Config, Row, Summary } from '../types.js';
import type { Machine, Versions } from './environment.js';

export interface ScenarioReport {
  id: string;
  name: string;
  title: string;
  description: string;
  quick: boolean;
  overrides: Record<string, string>;
  configs: Config[];
  /** rows[i]: the rows of config i. */
  rows: Row[][];
  /** Distinct seeds of the grid, ascending. */
  seeds: number[];
  summary: Summary;
  wallMs: number;
  computeMs: number;
  /** Configs whose rows came from an earlier, resumed run. */
  resumedConfigs: number;
}

export interface ReportInput {
  /** The command line that made the report, e.g. `deeplin reproduce --quick`. */
  command: string;
  generatedAt: string;
  jobs: number | null;
  totalWallMs: number;
  versions: Versions;
  machine: Machine;
  scenarios: ScenarioReport[];
}

/**
 * Summarize a complete outcome: `summarize` gets every row, ordered by config index.
 * @throws Error when some config has no rows (an unmerged shard) or `summarize` throws; the
 *   message names the scenario
 */
export function scenarioReport(outcome: ScenarioOutcome): ScenarioReport {
  const { scenario } = outcome;
  const missing = outcome.rows.filter((r) => r === undefined).length;
  if (missing > 0) {
    throw new Error(`${scenario.id}: ${missing} configs have no rows; cannot summarize a shard`);
  }
  const rows = outcome.rows as Row[][];
  let summary: Summary;
  try {
    summary = scenario.summarize(rows.flat());
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    throw new Error(`${scenario.id}.summarize failed: ${e.name}: ${e.message}`, { cause: e });
  }
  return {
    id: scenario.id, name: scenario.name, title: scenario.title,
    description: scenario.description, quick: outcome.quick, overrides: outcome.overrides,
    configs: outcome.configs, rows,
    seeds: [...new Set(outcome.configs.map((c) => c.seed))].sort((a, b) => a - b),
    summary, wallMs: outcome.wallMs, computeMs: outcome.computeMs,
    resumedConfigs: outcome.resumed,
  };
}

/** Checks passed and failed over all scenarios, with the failures named. */
export function checkCounts(scenarios: readonly ScenarioReport[]): {
  passed: number; failed: number; failures: string[];
} {
  let passed = 0;
  const failures: string[] = [];
  for (const s of scenarios) {
    for (const c of s.summary.checks) {
      if (c.pass) passed += 1;
      else failures.push(`${s.id} ${c.name}: measured ${measuredText(c)}, expected ${c.expected}`);
    }
  }
  return { passed, failed: failures.length, failures };
}

/**
 * A check's measured value as the report prints it: NaN (a mean over no rows, e.g. when no run
 * converged) is said in words, not printed as NaN.
 */
export function measuredText(c: Check): string | number {
  return Number.isNaN(c.measured) || c.measured === null ? 'none (no run to measure)' : c.measured;
}
