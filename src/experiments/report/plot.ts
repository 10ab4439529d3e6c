// One line plot as a standalone SVG string, drawn by Observable Plot. The same function runs in
// a browser (with the page's document) and in Node (with a linkedom document, see dom.ts), so
// this file imports nothing Node-only. Choices that make it read well as a file: the xmlns is
// set, log axes label powers of ten as 10ⁿ, each line is labelled at its last point instead of
// through a legend (a legend makes Plot return an HTML figure, not an SVG), guides are dashed.
import * as Plot from '@observablehq/plot';
import type { PlotSpec } from '../types.js';
import { prettyMath } from './format.js';

export interface LinePlotOptions {
  /** Document to build the SVG in; the page's `document` when omitted. */
  document?: Document;
  width?: number;
  height?: number;
}

interface Point {
  series: string;
  kind: 'line' | 'guide' | 'dots';
  x: number;
  y: number;
}

/** `10ⁿ` for n an integer, e.g. 1e-3 → `10⁻³`. */
export function powerOfTen(exponent: number): string {
  return prettyMath(`10^{${exponent}}`);
}

const narrowLog = (lo: number, hi: number) => Math.log10(hi / lo) < 2;

/**
 * Tick labels for a log axis over `[lo, hi]`: powers of ten as 10ⁿ, the ticks between them
 * unlabelled. An axis narrower than two decades would show too few labels, so all its ticks
 * are labelled: as plain numbers when they lie in [0.001, 10⁴], else as a×10ⁿ.
 */
function logTickFormat(lo: number, hi: number): (d: number) => string {
  const narrow = narrowLog(lo, hi);
  const plain = narrow && lo >= 1e-3 && hi <= 1e4;
  return (d: number) => {
    if (plain) return String(Number(d.toPrecision(2)));
    const k = Math.log10(d);
    if (Math.abs(k - Math.round(k)) < 1e-9) return powerOfTen(Math.round(k));
    if (!narrow) return '';
    const e = Math.floor(k);
    return `${Number((d / 10 ** e).toPrecision(2))}×${powerOfTen(e)}`;
  };
}

/** Vertical room one line label needs, in pixels (font size 10). */
const LABEL_GAP = 11;

/** Labels whose x differ by less than this share a column (pixels). */
const LABEL_COLUMN = 60;

/**
 * Move the line-end labels apart vertically where they would overlap (lines that end close
 * together, or coincide as a prediction and its measurement should). Labels within
 * LABEL_COLUMN px of each other in x are aligned at the rightmost of them and stacked in
 * their order, at least LABEL_GAP apart, inside [top, bottom].
 */
function spreadLabels(svg: Element, top: number, bottom: number): void {
  const labels = [...svg.querySelectorAll('g[aria-label="text"] text')].map((node) => {
    const m = /translate\(([-\d.e]+),\s*([-\d.e]+)\)/.exec(node.getAttribute('transform') ?? '');
    return m ? { node, x: Number(m[1]), y: Number(m[2]) } : undefined;
  }).filter((l) => l !== undefined).sort((a, b) => b.x - a.x);
  const columns: (typeof labels)[] = [];
  for (const l of labels) {
    const column = columns[columns.length - 1];
    if (column && column[0]!.x - l.x < LABEL_COLUMN) column.push(l);
    else columns.push([l]);
  }
  for (const column of columns) {
    const x = column[0]!.x;
    column.sort((a, b) => a.y - b.y);
    const ys = column.map((l) => l.y);
    for (let i = 1; i < ys.length; i++) ys[i] = Math.max(ys[i]!, ys[i - 1]! + LABEL_GAP);
    const overflow = ys[ys.length - 1]! - bottom;
    if (overflow > 0) for (let i = 0; i < ys.length; i++) ys[i] = ys[i]! - overflow;
    for (let i = 0; i < ys.length; i++) {
      ys[i] = Math.max(ys[i]!, top + i * LABEL_GAP);
      column[i]!.node.setAttribute('transform', `translate(${x},${ys[i]})`);
    }
  }
}

/**
 * d3's log scales blank the labels of some ticks between powers of ten (those whose leading
 * digit exceeds a bound set by the default tick count), whatever tickFormat says; on an axis
 * narrower than two decades that leaves the upper ticks bare. Their values are read back
 * through the scale from each label's position, and labelled.
 */
function labelBlankTicks(svg: Element, axis: 'x' | 'y', format: (d: number) => string): void {
  const scale = (svg as unknown as { scale(name: string): { invert(p: number): number } })
    .scale(axis);
  for (const node of svg.querySelectorAll(`g[aria-label="${axis}-axis tick label"] text`)) {
    if (node.textContent) continue;
    const m = /translate\(([-\d.e]+),\s*([-\d.e]+)\)/.exec(node.getAttribute('transform') ?? '');
    if (m) node.textContent = format(scale.invert(Number(axis === 'x' ? m[1] : m[2])));
  }
}

function extent(values: number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return [lo, hi];
}

/**
 * Render a line plot to SVG text.
 * Points that a log axis cannot show (≤ 0) and non-finite points are left out.
 * @param spec the scenario's plot: axes, and series of [x, y] points
 * @param opts the document to draw in (required outside a browser) and the size in pixels
 * @returns the `<svg …>…</svg>` markup, with `xmlns` set
 * @throws TypeError when there is no document to draw in
 */
export function renderLinePlot(spec: PlotSpec, opts: LinePlotOptions = {}): string {
  const document = opts.document ?? (globalThis as { document?: Document }).document;
  if (!document) {
    throw new TypeError('renderLinePlot: no document; pass opts.document outside a browser');
  }
  const points: Point[] = [];
  for (const s of spec.series) {
    for (const [x, y] of s.points) {
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if ((spec.x.log && x <= 0) || (spec.y.log && y <= 0)) continue;
      points.push({ series: s.name, kind: s.kind ?? 'line', x, y });
    }
  }
  const names = spec.series.map((s) => s.name);
  const longest = Math.max(0, ...names.map((n) => n.length));

  // Plot needs a non-empty domain for log scales; an empty plot keeps its axes from [1, 10].
  const [xlo, xhi] = points.length ? extent(points.map((p) => p.x)) : [1, 10];
  const [ylo, yhi] = points.length ? extent(points.map((p) => p.y)) : [1, 10];
  const axis = (a: PlotSpec['x'], lo: number, hi: number) => ({
    type: a.log ? ('log' as const) : ('linear' as const),
    label: a.label,
    grid: true,
    ...(a.log ? { tickFormat: logTickFormat(lo, hi) } : {}),
    ...(points.length ? {} : { domain: [1, 10] }),
  });

  const of = (kind: Point['kind']) => points.filter((p) => p.kind === kind);
  // Room for the longest label (about 6.5 px a character at font size 10) beside a plot
  // area of about 560 px.
  const marginRight = Math.min(320, 20 + Math.ceil(6.5 * longest));
  const height = opts.height ?? 400;
  const svg = Plot.plot({
    document,
    width: opts.width ?? 600 + marginRight,
    height,
    marginTop: 24,
    marginBottom: 36,
    marginRight,
    style: { background: 'white', color: 'black' },
    x: axis(spec.x, xlo, xhi),
    y: axis(spec.y, ylo, yhi),
    color: { type: 'categorical', domain: names },
    marks: [
      Plot.line(of('line'), { x: 'x', y: 'y', z: 'series', stroke: 'series', strokeWidth: 1.5 }),
      Plot.line(of('guide'), {
        x: 'x', y: 'y', z: 'series', stroke: 'series', strokeDasharray: '5,4', strokeWidth: 1,
      }),
      Plot.dot(of('dots'), { x: 'x', y: 'y', stroke: 'series', r: 2.5 }),
      Plot.text(points, Plot.selectLast({
        x: 'x', y: 'y', z: 'series', text: 'series', fill: 'series', textAnchor: 'start', dx: 5,
      })),
    ],
  }) as unknown as Element;
  spreadLabels(svg, 24, height - 36);
  if (spec.x.log && narrowLog(xlo, xhi)) labelBlankTicks(svg, 'x', logTickFormat(xlo, xhi));
  if (spec.y.log && narrowLog(ylo, yhi)) labelBlankTicks(svg, 'y', logTickFormat(ylo, yhi));
  svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  svg.setAttribute('aria-label', spec.title);
  return prettyMath(svg.outerHTML);
}
