// Turn outcomes (of a sweep or a merge) into the written report and the stdout summary.
import { scenarioReport } from '../experiments/report/model.js';
import { machine, versions } from '../experiments/report/environment.js';
import { writeReport } from '../experiments/report/write.js';
import type { ScenarioOutcome } from '../experiments/runner.js';

export interface ReportRequest {
  outDir: string;
  command: string;
  jobs: number | null;
  totalWallMs: number;
  strict: boolean;
}

/**
 * Summarize, write out/report.md, results.json and plots, and print the summary on stdout:
 * `key: value` lines (report, results, scenarios, checks), then one `failed:` line per failed
 * check.
 * @returns the exit code: 0, or 1 with `strict` when a check failed
 */
export function reportOutcomes(outcomes: readonly ScenarioOutcome[], req: ReportRequest): number {
  const scenarios = outcomes.map(scenarioReport);
  const written = writeReport(req.outDir, {
    command: req.command, generatedAt: new Date().toISOString(), jobs: req.jobs,
    totalWallMs: req.totalWallMs, versions: versions(), machine: machine(), scenarios,
  });
  const configs = scenarios.reduce((n, s) => n + s.configs.length, 0);
  const lines = [
    `report: ${written.report}`,
    `results: ${written.results}`,
    `scenarios: ${scenarios.length} (${configs} configs)`,
    `checks: ${written.passed} passed, ${written.failed} failed`,
    ...written.failures.map((f) => `failed: ${f}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return req.strict && written.failed > 0 ? 1 : 0;
}
