// Reading a report written by `deeplin reproduce` (out/results.json) back into plots. The file
// holds each scenario's rows and checks; its plots are redrawn from the rows by the scenario's
// own summarize (see summaries.ts). Plots already in the file (a `summary.plots` list) are used
// as they are. The file is untrusted input from a drop zone: every field is checked before it is
// used, and a file that is not a report gives a message, not an exception.
import { isMeanStd } from '../src/experiments/stats.ts';
import type { Cell, PlotSpec, Row, Series, Table } from '../src/experiments/types.ts';

export interface ReportSection {
  id: string;
  title: string;
  plots: PlotSpec[];
  tables: Table[];
  checks: { name: string; pass: boolean; measured: number; expected: string }[];
  /** Every row of the scenario, when the file has them (rows[config][i], flattened). */
  rows: Row[];
  /** Said under the heading, e.g. why there are no plots. */
  note?: string;
}

/** Where the report came from, as its file says. */
export interface ReportMeta {
  command?: string;
  generatedAt?: string;
}

export type ReadReport =
  | { ok: true; meta: ReportMeta; sections: ReportSection[] }
  | { ok: false; message: string };

type Loose = Record<string, unknown>;

function isObject(v: unknown): v is Loose {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asSeries(v: unknown): Series | undefined {
  if (!isObject(v) || typeof v.name !== 'string' || !Array.isArray(v.points)) return undefined;
  const points: [number, number][] = [];
  for (const p of v.points) {
    // JSON has no Infinity or NaN: a writer may have put null there; such points are skipped.
    if (Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number') {
      points.push([p[0], p[1]]);
    }
  }
  const kind = v.kind === 'guide' || v.kind === 'dots' ? v.kind : 'line';
  return { name: v.name, points, kind };
}

function asAxis(v: unknown): { label: string; log?: boolean } {
  if (!isObject(v)) return { label: '' };
  return { label: typeof v.label === 'string' ? v.label : '', log: v.log === true };
}

function asPlot(v: unknown): PlotSpec | undefined {
  if (!isObject(v) || !Array.isArray(v.series)) return undefined;
  const series = v.series.map(asSeries).filter((s): s is Series => s !== undefined);
  return {
    id: typeof v.id === 'string' ? v.id : '',
    title: typeof v.title === 'string' ? v.title : '',
    x: asAxis(v.x),
    y: asAxis(v.y),
    series,
  };
}

function asTables(v: unknown): Table[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isObject).flatMap((t) => {
    if (!Array.isArray(t.columns) || !Array.isArray(t.rows)) return [];
    const cell = (c: unknown): Cell => {
      if (typeof c === 'number') return c;
      if (isMeanStd(c) && typeof c.mean === 'number' && typeof c.std === 'number') {
        return { mean: c.mean, std: c.std, n: typeof c.n === 'number' ? c.n : 0 };
      }
      return String(c);
    };
    return [{
      title: String(t.title ?? ''),
      columns: t.columns.map(String),
      rows: t.rows.filter(Array.isArray).map((r: unknown[]) => r.map(cell)),
    }];
  });
}

function asChecks(v: unknown): ReportSection['checks'] {
  if (!Array.isArray(v)) return [];
  return v.filter(isObject).map((c) => ({
    name: String(c.name ?? ''),
    pass: c.pass === true,
    measured: typeof c.measured === 'number' ? c.measured : NaN,
    expected: String(c.expected ?? ''),
  }));
}

/** Rows as written: one array per config; anything that is not a flat record is dropped. */
function asRows(v: unknown): Row[] {
  if (!Array.isArray(v)) return [];
  const out: Row[] = [];
  for (const group of v) {
    for (const r of Array.isArray(group) ? group : [group]) {
      if (isObject(r) && Object.values(r).every((x) => x === null || typeof x !== 'object')) {
        out.push(r as Row);
      }
    }
  }
  return out;
}

/** The scenario list of a report: `{scenarios: [...]}`, or a bare array of scenarios. */
function scenarioList(doc: unknown): unknown[] | undefined {
  if (Array.isArray(doc)) return doc;
  if (isObject(doc) && Array.isArray(doc.scenarios)) return doc.scenarios;
  return undefined;
}

/**
 * Find every scenario's plots and checks in a parsed report.
 * @param doc the JSON value of out/results.json
 */
export function readReport(doc: unknown): ReadReport {
  const list = scenarioList(doc);
  if (list === undefined) {
    return { ok: false, message: 'not a deeplin report: expected {"scenarios": [...]}' };
  }
  const sections: ReportSection[] = [];
  for (const s of list) {
    if (!isObject(s)) continue;
    const summary = isObject(s.summary) ? s.summary : s;
    const plots = Array.isArray(summary.plots)
      ? summary.plots.map(asPlot).filter((p): p is PlotSpec => p !== undefined)
      : [];
    const id = typeof s.id === 'string' ? s.id : '';
    const title = typeof s.title === 'string' ? s.title : id;
    sections.push({
      id, title, plots, tables: asTables(summary.tables), checks: asChecks(summary.checks),
      rows: asRows(s.rows),
    });
  }
  if (sections.every((s) => s.plots.length === 0 && s.rows.length === 0)) {
    return {
      ok: false, message: `the report lists ${sections.length} scenario(s) but no plots or rows`,
    };
  }
  const meta: ReportMeta = {};
  if (isObject(doc) && typeof doc.command === 'string') meta.command = doc.command;
  if (isObject(doc) && typeof doc.generatedAt === 'string') meta.generatedAt = doc.generatedAt;
  return { ok: true, meta, sections };
}

/** Parse the text of a dropped file; a syntax error becomes a message. */
export function readReportText(text: string): ReadReport {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `not JSON: ${(err as Error).message}` };
  }
  return readReport(doc);
}
