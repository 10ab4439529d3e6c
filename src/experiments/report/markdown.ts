// The report as markdown: a headline section, then one section per scenario with its
// description, tables, plots (as links to SVG files), checks and timing.
import type { Check, Table } from '../types.js';
import { formatDuration, markdownTable, prettyMath } from './format.js';
import { checkCounts, measuredText, type ReportInput, type ScenarioReport } from './model.js';

/** Where the SVG of a plot goes, relative to the report. */
export function plotFile(scenarioId: string, plotId: string): string {
  return `plots/${scenarioId}-${plotId}.svg`;
}

function seedList(seeds: readonly number[]): string {
  const contiguous = seeds.every((s, i) => i === 0 || s === seeds[i - 1]! + 1);
  if (seeds.length > 2 && contiguous) return `${seeds[0]}–${seeds[seeds.length - 1]}`;
  return seeds.join(', ');
}

function checksTable(checks: readonly Check[]): string {
  return markdownTable(
    ['', 'check', 'what should hold', 'measured', 'expected'],
    checks.map((c) => [c.pass ? '✅ pass' : '❌ fail', c.name, c.statement, measuredText(c),
      c.expected]),
  );
}

/** A title that starts so also marks a headline table (the convention before the flag). */
const HEADLINE_PREFIX = /^Headline:\s*/i;

function isHeadline(t: Table): boolean {
  return t.headline === true || HEADLINE_PREFIX.test(t.title);
}

function headline(input: ReportInput): string[] {
  const out = ['## Headline', ''];
  if (input.scenarios.length === 0) {
    out.push('No scenarios were run: the registry is empty or none was selected.', '');
    return out;
  }
  const counts = checkCounts(input.scenarios);
  out.push(`Checks: **${counts.passed} passed, ${counts.failed} failed**.`, '');
  out.push(markdownTable(
    ['scenario', 'title', 'checks passed', 'configs', 'wall time'],
    input.scenarios.map((s) => [
      `[${s.id}](#${s.id.toLowerCase()})`, s.title,
      `${s.summary.checks.filter((c) => c.pass).length}/${s.summary.checks.length}`,
      s.configs.length, formatDuration(s.wallMs),
    ]),
  ), '');
  for (const s of input.scenarios) {
    for (const t of s.summary.tables.filter(isHeadline)) {
      const title = t.title.replace(HEADLINE_PREFIX, '');
      out.push(`### ${s.id}: ${title}`, '', markdownTable(t.columns, t.rows), '');
    }
  }
  if (counts.failures.length > 0) {
    out.push('Failed checks:', '', ...counts.failures.map((f) => `- ${f}`), '');
  }
  return out;
}

function scenarioSection(s: ScenarioReport): string[] {
  const options = [s.quick ? 'quick grid' : 'full grid',
    ...Object.entries(s.overrides).map(([k, v]) => `${k}=${v}`)].join(', ');
  const out = [
    `<a id="${s.id.toLowerCase()}"></a>`, '',
    `## ${s.id}: ${s.title}`, '',
    `\`${s.name}\` · ${s.configs.length} configs (${options}) · seeds ${seedList(s.seeds)} · `
      + `wall time ${formatDuration(s.wallMs)} (compute ${formatDuration(s.computeMs)})`, '',
    s.description, '',
  ];
  for (const note of s.summary.notes ?? []) out.push(`> ${note}`, '');
  for (const t of s.summary.tables) {
    out.push(`### ${t.title}`, '', markdownTable(t.columns, t.rows), '');
  }
  for (const p of s.summary.plots) {
    out.push(`### ${p.title}`, '', `![${p.title}](${plotFile(s.id, p.id)})`, '');
  }
  if (s.summary.checks.length > 0) out.push('### Checks', '', checksTable(s.summary.checks), '');
  return out;
}

/** A resumed run's wall time covers only its last session; say how much came from before. */
function resumedNote(input: ReportInput): string {
  const resumed = input.scenarios.reduce((n, s) => n + s.resumedConfigs, 0);
  if (resumed === 0) return '';
  const total = input.scenarios.reduce((n, s) => n + s.configs.length, 0);
  return ` in the last session, which resumed ${resumed} of ${total} configs from earlier ` +
    'runs (the scenarios\' wall times below add up every session)';
}

/**
 * Render the whole report.
 * @param input scenarios (summarized), versions, machine and timing
 * @returns markdown text; plots are referenced as `plots/<scenario>-<plot>.svg`
 */
export function renderMarkdown(input: ReportInput): string {
  const v = input.versions;
  const m = input.machine;
  const lines = [
    '# deeplin: reproduction report', '',
    `Made by \`${input.command}\` on ${input.generatedAt}.`, '',
    `- Versions: deeplin ${v.deeplin}, Node ${v.node}, kernels.wasm sha256 \`${v.wasmSha256}\``,
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}`,
    `- Worker threads: ${input.jobs ?? 'n/a (merged from shards)'}; total wall time `
      + `${formatDuration(input.totalWallMs)}${resumedNote(input)}`,
    '- All rows, configs and seeds: [results.json](results.json)', '',
    ...headline(input),
    ...input.scenarios.flatMap(scenarioSection),
  ];
  return prettyMath(`${lines.join('\n').trimEnd()}\n`);
}
