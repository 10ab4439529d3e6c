// The page's SVG plots and report reader: coordinates land where the axes say, points a log
// axis cannot show break the line, and a file that is not a report gives a message.
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import type { PlotSpec } from '../../src/experiments/types.ts';
import { renderPlotSvg } from '../../web/plot.ts';
import { readReport, readReportText } from '../../web/report.ts';
import { withSummaries } from '../../web/summaries.ts';

function parse(svg: string): Document {
  return parseHTML(`<!doctype html><html><body>${svg}</body></html>`).document;
}

function pointsOf(poly: Element): [number, number][] {
  return poly.getAttribute('points')!.trim().split(' ').map((p) => {
    const [x, y] = p.split(',').map(Number);
    return [x!, y!];
  });
}

describe('renderPlotSvg', () => {
  const spec: PlotSpec = {
    id: 'p', title: 'error <vs> scale', x: { label: 's', log: true }, y: { label: 'e', log: true },
    series: [
      { name: 'measured', points: [[1e-3, 1e-3], [1e-2, 1e-2], [1e-1, 1e-1], [1, 1]] },
      { name: 'guide', kind: 'guide', points: [[1e-3, 2e-3], [1, 2]] },
    ],
  };

  it('places a slope-1 line straight on log-log axes and dashes guides', () => {
    const doc = parse(renderPlotSvg(spec));
    const [line, guide] = Array.from(doc.querySelectorAll('polyline'));
    const p = pointsOf(line!);
    expect(p).toHaveLength(4);
    // Equal steps in log10 are equal steps on the page; y decreases upwards.
    const dx = p.slice(1).map((q, i) => q[0] - p[i]![0]);
    const dy = p.slice(1).map((q, i) => q[1] - p[i]![1]);
    for (const v of dx) expect(v).toBeCloseTo(dx[0]!, 0);
    for (const v of dy) expect(v).toBeCloseTo(dy[0]!, 0);
    expect(dy[0]!).toBeLessThan(0);
    expect(guide!.getAttribute('stroke-dasharray')).toBe('5 4');
    expect(line!.getAttribute('stroke-dasharray')).toBeNull();
    // Text is escaped, and the decade ticks 1e-3 … 1e0 are labelled.
    expect(doc.querySelector('.plot-title')!.textContent).toBe('error <vs> scale');
    const labels = Array.from(doc.querySelectorAll('text')).map((t) => t.textContent);
    for (const t of ['1e-3', '1e-2', '1e-1', '1e0']) expect(labels).toContain(t);
  });

  it('adds 2× and 5× ticks when a log axis spans under three decades', () => {
    const doc = parse(renderPlotSvg({
      ...spec, x: { label: 'step' }, series: [{ name: 'd', points: [[0, 0.15], [1, 2]] }],
    }));
    const labels = Array.from(doc.querySelectorAll('text')).map((t) => t.textContent);
    for (const t of ['0.2', '0.5', '1e0', '2']) expect(labels).toContain(t);
    expect(labels).not.toContain('1e-1');
  });

  it('breaks the line at points a log axis cannot show', () => {
    const doc = parse(renderPlotSvg({
      ...spec,
      series: [{
        name: 'loss', points: [[1, 1], [2, 0.1], [3, 0], [4, NaN], [5, 1e-3], [6, 1e-4]],
      }],
    }));
    const lines = Array.from(doc.querySelectorAll('polyline'));
    expect(lines.map((l) => pointsOf(l).length)).toEqual([2, 2]);
  });

  it('draws an empty frame for no data, and dots for dot series', () => {
    const empty = parse(renderPlotSvg({ ...spec, series: [] }));
    expect(empty.querySelectorAll('polyline')).toHaveLength(0);
    expect(empty.querySelector('rect.frame')).not.toBeNull();
    const dots = parse(renderPlotSvg({
      ...spec, x: { label: 'x' }, y: { label: 'y' },
      series: [{ name: 'd', kind: 'dots', points: [[0, 0], [1, 5], [2, -3]] }],
    }));
    expect(dots.querySelectorAll('circle')).toHaveLength(3);
  });
});

describe('readReport', () => {
  it('finds plots and checks under scenarios[].summary', () => {
    const read = readReport({
      command: 'deeplin reproduce --quick',
      scenarios: [
        { id: 'S1', title: 'shallow', summary: { plots: [spec()], tables: [
          {
            title: 'T', columns: ['a', 'b'], rows: [[1, { mean: 2, std: 0.5, n: 3 }], ['x', null]],
          },
          { title: 'no rows' }], checks: [
          { name: 'c1', pass: true, measured: 1e-15, expected: '< 1e-10' },
          { name: 'c2', pass: false, measured: 3, expected: '< 1' }] } },
        { id: 'S2', title: 'frozen', summary: { plots: [], checks: [] } },
      ],
    });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.sections.map((s) => [s.id, s.plots.length, s.checks.length])).toEqual([
      ['S1', 1, 2], ['S2', 0, 0],
    ]);
    expect(read.sections[0]!.plots[0]!.series[0]!.points).toEqual([[1, 2]]);
    expect(read.sections[0]!.tables).toEqual([{
      title: 'T', columns: ['a', 'b'], rows: [[1, { mean: 2, std: 0.5, n: 3 }], ['x', 'null']],
    }]);
    expect(read.meta).toEqual({ command: 'deeplin reproduce --quick' });
  });

  it('reads rows and checks as writeReport puts them in results.json', async () => {
    const read = readReport({
      command: 'deeplin reproduce', scenarios: [{
        id: 'S99', name: 'unknown', title: 'not a scenario of this build', seeds: [1],
        checks: [{ name: 'c', statement: 's', measured: 0.5, expected: '< 1', pass: true }],
        configs: [{ seed: 1 }, { seed: 2 }],
        rows: [[{ s: 0.1, err: 0.2 }], [{ s: 1, err: null }, { nested: { x: 1 } }]],
      }],
    });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const [section] = read.sections;
    expect(section!.rows).toEqual([{ s: 0.1, err: 0.2 }, { s: 1, err: null }]);
    expect(section!.checks).toEqual([{ name: 'c', pass: true, measured: 0.5, expected: '< 1' }]);
    const [done] = await withSummaries(read.sections);
    expect(done!.plots).toEqual([]);
    expect(done!.note).toBe('scenario S99 is not in this build of deeplin: no plots');
  });

  it('says what is wrong with a file that is not a report', () => {
    expect(readReportText('{')).toMatchObject({ ok: false });
    expect((readReportText('{') as { message: string }).message).toMatch(/^not JSON: /);
    expect(readReport({ x: 1 })).toEqual({
      ok: false, message: 'not a deeplin report: expected {"scenarios": [...]}',
    });
    expect(readReport({ scenarios: [{ id: 'S1' }] })).toEqual({
      ok: false, message: 'the report lists 1 scenario(s) but no plots or rows',
    });
  });

  function spec(): unknown {
    // A null where JSON could not hold a number is skipped, not drawn at 0.
    return { id: 'a', title: 't', x: { label: 'x' }, y: { label: 'y', log: true },
      series: [{ name: 'n', points: [[1, 2], [2, null]] }, { bad: true }] };
  }
});
