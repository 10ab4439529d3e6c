// The files a report writes: report.md linking plots that exist, SVGs that an independent XML
// parser (Python's) accepts, results.json with every row, config and seed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { machine, versions } from '../../src/experiments/report/environment.js';
import { scenarioReport } from '../../src/experiments/report/model.js';
import { writeReport } from '../../src/experiments/report/write.js';
import { wasmSha256 } from '../../src/core/generated/kernels-base64.js';
import type { ScenarioOutcome } from '../../src/experiments/runner.js';
import type { Scenario } from '../../src/experiments/types.js';
// @ts-expect-error: a plain JavaScript module without types
import { scaleSweep } from './fake-scenarios.mjs';

const root = mkdtempSync(join(tmpdir(), 'deeplin-report-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Rows written by hand (no run needed): value = scale · seed-dependent number.
const fa = scaleSweep as Scenario;
const configs = fa.grid({ quick: true, overrides: {} });
const outcome: ScenarioOutcome = {
  scenario: fa, quick: true, overrides: {}, configs,
  rows: configs.map((c, i) => [{
    scale: c.scale as number, seed: c.seed, value: (c.scale as number) * (1 + i / 10),
    first: 0.5, nan: null,
  }]),
  wallMs: 1200, computeMs: 2000, resumed: 0,
};

describe('writeReport', () => {
  const dir = join(root, 'out');
  const report = scenarioReport(outcome);
  const written = writeReport(dir, {
    command: 'deeplin reproduce --quick', generatedAt: '2026-12-04T12:00:00.000Z', jobs: 2,
    totalWallMs: 1500, versions: versions(), machine: machine(), scenarios: [report],
  });

  it('writes report.md whose plot links point at files', () => {
    const md = readFileSync(written.report, 'utf8');
    const links = [...md.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(links).toEqual(['plots/FA-value.svg']);
    for (const link of links) expect(existsSync(join(dir, link))).toBe(true);
    expect(written.plots).toEqual([join(dir, 'plots', 'FA-value.svg')]);
    expect(md).toContain(`kernels.wasm sha256 \`${wasmSha256}\``);
    expect(md).toMatch(/- Machine: .+, \d+ cores, \d+ GiB, \w+ /);
  });

  it('writes SVG that parses as XML, with 10ⁿ tick labels and labelled lines', () => {
    const script = [
      'import sys, xml.etree.ElementTree as ET',
      'root = ET.parse(sys.argv[1]).getroot()',
      'print(root.tag)',
      'print("|".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")))',
    ].join('\n');
    const [tag, texts] = execFileSync('python3', ['-c', script, written.plots[0]!],
      { encoding: 'utf8' })
      .trim().split('\n');
    expect(tag).toBe('{http://www.w3.org/2000/svg}svg');
    const labels = texts!.split('|');
    for (const t of ['10⁻²', '10⁰', '10²', 'measured', 'slope 1']) expect(labels).toContain(t);
  });

  it('writes results.json with the rows by config, the configs, the seeds and the checks', () => {
    const json = JSON.parse(readFileSync(written.results, 'utf8'));
    expect(json.versions).toEqual({ deeplin: '0.1.0', node: process.version, wasmSha256 });
    expect(json.machine.cores).toBeGreaterThan(0);
    const [s] = json.scenarios;
    expect(s.id).toBe('FA');
    expect(s.configs).toEqual(configs);
    expect(s.rows).toEqual(outcome.rows);
    expect(s.seeds).toEqual([0, 1, 2]);
    expect(s.checks.map((c: { name: string; pass: boolean }) => [c.name, c.pass]))
      .toEqual([['rows', true], ['impossible', false]]);
    expect(s.summary.plots[0].id).toBe('value');
    expect(s.summary.plots[0].series[1]).toEqual(report.summary.plots[0]!.series[1]);
    expect([written.passed, written.failed]).toEqual([1, 1]);
  });
});
