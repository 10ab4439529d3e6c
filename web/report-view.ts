// A dropped report on the page: per scenario its checks (failures named), tables and plots. The
// plots are drawn by the report's own renderLinePlot, loaded on demand, so they look as the
// SVG files `deeplin reproduce` writes.
import { formatNumber } from '../src/experiments/report/format.ts';
import { isMeanStd } from '../src/experiments/stats.ts';
import type { Cell, Table } from '../src/experiments/types.ts';
import type { ReportMeta, ReportSection } from './report.ts';

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K, text?: string, className?: string,
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  if (className !== undefined) el.className = className;
  return el;
}

/** A cell as the markdown report prints it (numbers to 4 digits, mean ± std), unescaped. */
function cell(v: Cell): string {
  if (typeof v === 'number') return formatNumber(v);
  if (isMeanStd(v)) return `${formatNumber(v.mean)} ± ${formatNumber(v.std)}`;
  return String(v);
}

function tableOf(t: Table): HTMLTableElement {
  const table = element('table', undefined, 'summary');
  table.append(element('caption', t.title));
  const head = element('tr');
  for (const c of t.columns) head.append(element('th', c));
  table.append(element('thead'));
  table.tHead!.append(head);
  const body = element('tbody');
  for (const r of t.rows) {
    const tr = element('tr');
    for (const v of r) tr.append(element('td', cell(v)));
    body.append(tr);
  }
  table.append(body);
  return table;
}

function checkLines(s: ReportSection): string[] {
  if (s.checks.length === 0) return [];
  const failed = s.checks.filter((c) => !c.pass);
  return [
    `checks: ${s.checks.length - failed.length} of ${s.checks.length} pass`,
    ...failed.map((c) => `failed: ${c.name}: measured ${cell(c.measured)}, expected ${c.expected}`),
  ];
}

/**
 * Show a report, one block per scenario.
 * @param meta the command and time the file names
 * @param sections as read (and completed by withSummaries)
 */
export async function drawReport(meta: ReportMeta, sections: ReportSection[]): Promise<void> {
  const root = document.getElementById('report-plots')!;
  root.replaceChildren();
  if (sections.length === 0) return;
  const { renderLinePlot } = await import('../src/experiments/report/plot.ts');
  if (meta.command !== undefined) {
    const when = meta.generatedAt === undefined ? '' : `, made ${meta.generatedAt}`;
    root.append(element('p', `${meta.command}${when}`, 'report-meta'));
  }
  for (const s of sections) {
    const block = element('section', undefined, 'scenario');
    block.append(element('h3', s.id && s.id !== s.title ? `${s.id}: ${s.title}` : s.title));
    for (const line of checkLines(s)) {
      block.append(element('p', line, line.startsWith('failed') ? 'failed' : undefined));
    }
    if (s.note !== undefined) block.append(element('p', s.note));
    for (const t of s.tables) block.append(tableOf(t));
    const grid = element('div', undefined, 'plots');
    for (const spec of s.plots) {
      const fig = element('figure');
      fig.innerHTML = renderLinePlot(spec, { document });
      grid.append(fig);
    }
    block.append(grid);
    root.append(block);
  }
}
