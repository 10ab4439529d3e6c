// The markdown report and its number formats, on a hand-made report input.
import { describe, expect, it } from 'vitest';
import {
  formatCell, formatDuration, formatNumber, markdownTable, prettyMath,
} from '../../src/experiments/report/format.js';
import { renderMarkdown } from '../../src/experiments/report/markdown.js';
import type { ReportInput, ScenarioReport } from '../../src/experiments/report/model.js';
import { measuredText } from '../../src/experiments/report/model.js';

const scenario: ScenarioReport = {
  id: 'S3', name: 'init-scale-sweep', title: 'Initialization scale sweep',
  description: 'Relative distance to the min-norm solution against the scale.',
  quick: true, overrides: { depth: '2' },
  configs: [{ seed: 0, s: 1 }, { seed: 1, s: 1 }, { seed: 2, s: 1 }],
  rows: [[{ e: 1 }], [{ e: 2 }], [{ e: 3 }]], seeds: [0, 1, 2],
  summary: {
    tables: [
      { title: 'Error by depth', headline: true, columns: ['depth', 'error'],
        rows: [[1, { mean: 0.0123456, std: 0.00012, n: 5 }], [2, 'n/a | x']] },
      { title: 'Raw', columns: ['a'], rows: [[1.5e-12]] },
      { title: 'Headline: by title', columns: ['b'], rows: [[7]] },
    ],
    plots: [{ id: 'err', title: 'Error vs scale', x: { label: 's', log: true },
      y: { label: 'e', log: true }, series: [] }],
    checks: [
      { name: 'slope', statement: 'slope 1 at small s', measured: 1.0004, expected: 'in [0.9, 1.1]',
        pass: true },
      { name: 'zero-init', statement: 'W1 = 0 gives A⁺b', measured: 3e-7, expected: '< 1e-9',
        pass: false },
    ],
    notes: ['Quick grid: 3 seeds.'],
  },
  wallMs: 1530, computeMs: 2900, resumedConfigs: 0,
};

const input: ReportInput = {
  command: 'deeplin reproduce --quick', generatedAt: '2026-12-04T12:00:00.000Z', jobs: 2,
  totalWallMs: 61_000,
  versions: { deeplin: '0.1.0', node: 'v20.20.2', wasmSha256: 'ab'.repeat(32) },
  machine: { cpu: 'Test CPU', cores: 2, memoryGiB: 8, os: 'linux 6 x64' },
  scenarios: [scenario],
};

describe('report formats', () => {
  it('prints numbers in 4 significant digits, exponents for extreme magnitudes', () => {
    expect(formatNumber(3)).toBe('3');
    expect(formatNumber(0.123456)).toBe('0.1235');
    expect(formatNumber(1.5e-12)).toBe('1.50e-12');
    expect(formatNumber(123456.7)).toBe('1.23e+5');
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatNumber(-Infinity)).toBe('−∞');
    expect(formatCell({ mean: 0.0123456, std: 0.00012, n: 5 })).toBe('0.01235 ± 1.20e-4');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_340)).toBe('12.3 s');
    expect(formatDuration(245_000)).toBe('4 min 05 s');
  });

  it('prints TeX-style exponents and indices as Unicode, else in parentheses', () => {
    expect(prettyMath('error ∝ s^{h+1}, loss ≤ (1 − ησ_min²)^{2t}L0')).toBe(
      'error ∝ sʰ⁺¹, loss ≤ (1 − ησ_min²)²ᵗL0');
    expect(prettyMath('Σ‖S_{i+1}‖², s^{−(h−1)}')).toBe('Σ‖Sᵢ₊₁‖², s⁻⁽ʰ⁻¹⁾');
    expect(prettyMath('(h+1)‖θ*‖^{2/(h+1)} and m^{−1/2}')).toBe(
      '(h+1)‖θ*‖^(2/(h+1)) and m^(−1/2)');
    expect(prettyMath('a^{} b^{x} c^2 d_i')).toBe('a^() b^(x) c^2 d_i');
  });

  it('escapes pipes inside table cells', () => {
    expect(markdownTable(['a', 'b'], [['x|y', 2]])).toBe('| a | b |\n| --- | --- |\n| x\\|y | 2 |');
  });
});

describe('renderMarkdown', () => {
  const md = renderMarkdown(input);

  it('heads the report with versions, machine and timing', () => {
    expect(md).toContain('Made by `deeplin reproduce --quick` on 2026-12-04T12:00:00.000Z.');
    expect(md).toContain('deeplin 0.1.0, Node v20.20.2, kernels.wasm sha256 '
      + `\`${'ab'.repeat(32)}\``);
    expect(md).toContain('- Machine: Test CPU, 2 cores, 8 GiB, linux 6 x64');
    expect(md).toContain('- Worker threads: 2; total wall time 1 min 01 s\n');
  });

  it('prints exponents in titles and check statements as superscripts', () => {
    const withMath = renderMarkdown({
      ...input,
      scenarios: [{
        ...scenario, title: 'Error grows like s^{h+1}',
        summary: {
          ...scenario.summary,
          checks: [{ name: 'env', statement: 'loss under (1 − η)^{2t}', measured: 0.5,
            expected: '< 1', pass: true }],
        },
      }],
    });
    expect(withMath).toContain('## S3: Error grows like sʰ⁺¹');
    expect(withMath).toContain('| env | loss under (1 − η)²ᵗ |');
    expect(withMath).not.toContain('^{');
  });

  it('says when the wall time covers only the last session of a resumed run', () => {
    const resumed = renderMarkdown({
      ...input, scenarios: [{ ...scenario, resumedConfigs: 2 }],
    });
    expect(resumed).toContain('- Worker threads: 2; total wall time 1 min 01 s in the last '
      + 'session, which resumed 2 of 3 configs from earlier runs (the scenarios\' wall times '
      + 'below add up every session)\n');
  });

  it('builds the headline from check counts and the tables marked headline', () => {
    const head = md.slice(md.indexOf('## Headline'), md.indexOf('\n## S3:'));
    expect(head).toContain('Checks: **1 passed, 1 failed**.');
    expect(head).toContain('| [S3](#s3) | Initialization scale sweep | 1/2 | 3 | 1.5 s |');
    expect(head).toContain('### S3: Error by depth');
    expect(head).toContain('| 1 | 0.01235 ± 1.20e-4 |');
    expect(head).not.toContain('### S3: Raw');
    expect(head).toContain('### S3: by title\n\n| b |\n| --- |\n| 7 |');
    expect(head).toContain('- S3 zero-init: measured 3e-7, expected < 1e-9');
  });

  it('gives each scenario its description, notes, tables, plot links, checks and timing', () => {
    const section = md.slice(md.indexOf('\n## S3:'));
    expect(section).toContain('`init-scale-sweep` · 3 configs (quick grid, depth=2) · seeds 0–2 · '
      + 'wall time 1.5 s (compute 2.9 s)');
    expect(section).toContain('Relative distance to the min-norm solution against the scale.');
    expect(section).toContain('> Quick grid: 3 seeds.');
    expect(section).toContain('| 2 | n/a \\| x |');
    expect(section).toContain('| 1.50e-12 |');
    expect(section).toContain('![Error vs scale](plots/S3-err.svg)');
    expect(section).toContain('| ✅ pass | slope | slope 1 at small s | 1 | in [0.9, 1.1] |');
    expect(section).toContain('| ❌ fail | zero-init | W1 = 0 gives A⁺b | 3.00e-7 | < 1e-9 |');
  });

  it('says so when nothing ran', () => {
    expect(renderMarkdown({ ...input, scenarios: [] }))
      .toContain('No scenarios were run: the registry is empty or none was selected.');
  });

  it('says "none" for a check measured over no rows instead of printing NaN', () => {
    const check = { name: 'c9', statement: 's', expected: '< 1', pass: false };
    expect(measuredText({ ...check, measured: NaN })).toBe('none (no run to measure)');
    expect(measuredText({ ...check, measured: null as unknown as number }))
      .toBe('none (no run to measure)');
    expect(measuredText({ ...check, measured: 0.25 })).toBe(0.25);
  });
});

