// Write a report to disk: report.md, plots/*.svg and results.json (every row, config and seed,
// each scenario's summary with its plot data, the versions and the machine). Node-only.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeDocument } from './dom.js';
import { plotFile, renderMarkdown } from './markdown.js';
import { checkCounts, type ReportInput } from './model.js';
import { renderLinePlot } from './plot.js';

export interface WrittenReport {
  report: string;
  results: string;
  plots: string[];
  passed: number;
  failed: number;
  failures: string[];
}

/**
 * Write the report files into `outDir`.
 * @param outDir output directory (created if missing)
 * @param input the summarized scenarios and the run's environment
 * @returns the paths written and the check counts
 */
export function writeReport(outDir: string, input: ReportInput): WrittenReport {
  mkdirSync(join(outDir, 'plots'), { recursive: true });
  const plots: string[] = [];
  for (const s of input.scenarios) {
    for (const spec of s.summary.plots) {
      const path = join(outDir, plotFile(s.id, spec.id));
      const svg = renderLinePlot(spec, { document: nodeDocument() });
      writeFileSync(path, `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`);
      plots.push(path);
    }
  }

  const report = join(outDir, 'report.md');
  writeFileSync(report, renderMarkdown(input));
  const results = join(outDir, 'results.json');
  writeFileSync(results, `${JSON.stringify({
    command: input.command, generatedAt: input.generatedAt, versions: input.versions,
    machine: input.machine, jobs: input.jobs, totalWallMs: input.totalWallMs,
    scenarios: input.scenarios.map((s) => ({
      id: s.id, name: s.name, title: s.title, quick: s.quick, overrides: s.overrides,
      seeds: s.seeds, wallMs: s.wallMs, computeMs: s.computeMs,
      checks: s.summary.checks, summary: s.summary, configs: s.configs, rows: s.rows,
    })),
  }, null, 1)}\n`);
  return { report, results, plots, ...checkCounts(input.scenarios) };
}
