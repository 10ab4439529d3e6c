// A small SVG line plot of a PlotSpec (linear or log axes), written as a string so it runs the
// same in a page, a worker or Node. Points that an axis cannot show (non-finite values, or
// values ≤ 0 on a log axis) are dropped, and the line breaks there.
import type { PlotSpec, Series } from '../src/experiments/types.ts';

const WIDTH = 520;
const HEIGHT = 316;
// The legend sits under the x label, one row, so it never covers the data.
const MARGIN = { left: 64, right: 12, top: 28, bottom: 60 };
const COLORS = ['#1f6fb2', '#d1495b', '#2e933c', '#8e5fb6', '#e08a00', '#3a9ca8', '#6b6b6b'];

interface Axis {
  log: boolean;
  lo: number;
  hi: number;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function shown(v: number, log: boolean): boolean {
  return Number.isFinite(v) && (!log || v > 0);
}

/** The data range of one coordinate, widened so a single value still spans an interval. */
function axisOf(values: number[], log: boolean): Axis {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    const t = log ? Math.log10(v) : v;
    lo = Math.min(lo, t);
    hi = Math.max(hi, t);
  }
  if (lo === Infinity) return { log, lo: 0, hi: 1 };
  if (hi - lo < 1e-12 * Math.max(1, Math.abs(lo))) {
    lo -= log ? 0.5 : Math.max(0.5, Math.abs(lo) * 0.1);
    hi += log ? 0.5 : Math.max(0.5, Math.abs(hi) * 0.1);
  }
  // A little air, so lines at the extremes do not run along the frame.
  const pad = 0.03 * (hi - lo);
  return { log, lo: lo - pad, hi: hi + pad };
}

/** Tick positions in axis units (log10 for log axes): decades, or a 1-2-5 step. */
function ticksOf(axis: Axis): number[] {
  const span = axis.hi - axis.lo;
  if (axis.log && span >= 1) {
    const stride = Math.max(1, Math.ceil(span / 6));
    const out: number[] = [];
    for (let e = Math.ceil(axis.lo); e <= axis.hi + 1e-9; e += stride) out.push(e);
    if (out.length >= 3) return out;
    // Under three decades: 2× and 5× ticks between them too.
    const more: number[] = [];
    for (let e = Math.floor(axis.lo); e <= axis.hi; e++) {
      for (const m of [1, 2, 5]) {
        const t = e + Math.log10(m);
        if (t >= axis.lo && t <= axis.hi) more.push(t);
      }
    }
    return more;
  }
  const raw = axis.log ? (10 ** axis.hi - 10 ** axis.lo) / 5 : span / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((k) => k * p).find((s) => s >= raw) ?? 10 * p;
  const from = axis.log ? 10 ** axis.lo : axis.lo;
  const to = axis.log ? 10 ** axis.hi : axis.hi;
  const out: number[] = [];
  for (let v = Math.ceil(from / step) * step; v <= to + step * 1e-9; v += step) {
    out.push(axis.log ? Math.log10(v) : v);
  }
  return out;
}

function tickLabel(t: number, log: boolean): string {
  if (log) return Number.isInteger(t) ? `1e${t}` : String(Number((10 ** t).toPrecision(2)));
  const a = Math.abs(t);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return t.toExponential(0);
  return String(Number(t.toPrecision(6)));
}

/** Polyline segments of a series, split where a point cannot be drawn. */
function segments(s: Series, px: (x: number) => number, py: (y: number) => number,
  x: Axis, y: Axis): string[][] {
  const out: string[][] = [[]];
  for (const [u, v] of s.points) {
    if (!shown(u, x.log) || !shown(v, y.log)) {
      if (out[out.length - 1]!.length > 0) out.push([]);
      continue;
    }
    out[out.length - 1]!.push(`${px(u).toFixed(1)},${py(v).toFixed(1)}`);
  }
  return out.filter((seg) => seg.length > 0);
}

/**
 * Render a plot as a standalone SVG document fragment.
 * @param spec title, axes (optionally log) and series; 'guide' series are dashed
 * @returns the `<svg>` element as text
 */
export function renderPlotSvg(spec: PlotSpec): string {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of spec.series) {
    for (const [u, v] of s.points) {
      if (shown(u, spec.x.log ?? false) && shown(v, spec.y.log ?? false)) {
        xs.push(u);
        ys.push(v);
      }
    }
  }
  const x = axisOf(xs, spec.x.log ?? false);
  const y = axisOf(ys, spec.y.log ?? false);
  const innerW = WIDTH - MARGIN.left - MARGIN.right;
  const innerH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const tx = (t: number): number => MARGIN.left + ((t - x.lo) / (x.hi - x.lo)) * innerW;
  const ty = (t: number): number => MARGIN.top + (1 - (t - y.lo) / (y.hi - y.lo)) * innerH;
  const px = (u: number): number => tx(x.log ? Math.log10(u) : u);
  const py = (v: number): number => ty(y.log ? Math.log10(v) : v);

  const parts: string[] = [];
  parts.push(`<text x="${MARGIN.left}" y="18" class="plot-title">${escapeXml(spec.title)}</text>`);
  for (const t of ticksOf(x)) {
    const X = tx(t).toFixed(1);
    parts.push(`<line x1="${X}" x2="${X}" y1="${MARGIN.top}" y2="${HEIGHT - MARGIN.bottom}" ` +
      `class="grid"/><text x="${X}" y="${HEIGHT - MARGIN.bottom + 14}" ` +
      `text-anchor="middle">${tickLabel(t, x.log)}</text>`);
  }
  for (const t of ticksOf(y)) {
    const Y = ty(t).toFixed(1);
    parts.push(`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${Y}" y2="${Y}" ` +
      `class="grid"/><text x="${MARGIN.left - 6}" y="${Y}" text-anchor="end" ` +
      `dominant-baseline="middle">${tickLabel(t, y.log)}</text>`);
  }
  parts.push(`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${innerW}" height="${innerH}" ` +
    `class="frame"/>`);
  parts.push(`<text x="${MARGIN.left + innerW / 2}" y="${HEIGHT - 26}" text-anchor="middle">` +
    `${escapeXml(spec.x.label)}</text>`);
  parts.push(`<text transform="translate(14 ${MARGIN.top + innerH / 2}) rotate(-90)" ` +
    `text-anchor="middle">${escapeXml(spec.y.label)}</text>`);

  let legendX = MARGIN.left;
  spec.series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length]!;
    for (const seg of segments(s, px, py, x, y)) {
      if (s.kind === 'dots') {
        for (const p of seg) {
          const [cx, cy] = p.split(',');
          parts.push(`<circle cx="${cx}" cy="${cy}" r="2.5" fill="${color}"/>`);
        }
      } else {
        const dash = s.kind === 'guide' ? ' stroke-dasharray="5 4"' : '';
        parts.push(`<polyline points="${seg.join(' ')}" fill="none" stroke="${color}" ` +
          `stroke-width="1.6"${dash}/>`);
      }
    }
    const dash = s.kind === 'guide' ? ' stroke-dasharray="5 4"' : '';
    parts.push(`<line x1="${legendX}" x2="${legendX + 16}" y1="${HEIGHT - 10}" ` +
      `y2="${HEIGHT - 10}" stroke="${color}" stroke-width="2"${dash}/>` +
      `<text x="${legendX + 20}" y="${HEIGHT - 6}" fill="${color}" class="legend">` +
      `${escapeXml(s.name)}</text>`);
    // About 5.5 px a character at the legend's 10 px font.
    legendX += 20 + 5.5 * s.name.length + 16;
  });

  if (xs.length === 0) {
    parts.push(`<text x="${MARGIN.left + innerW / 2}" y="${MARGIN.top + innerH / 2}" ` +
      'text-anchor="middle" class="empty">no data yet</text>');
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" ` +
    `class="plot" role="img" aria-label="${escapeXml(spec.title)}">${parts.join('')}</svg>`;
}
