// One table per operation: the steady-state median with its MAD, the first call apart, a rate
// (GF/s, steps/s or calls/s) and, per baseline, how many times faster the row is than it
// (baseline median / row median, from the same run).

const fmt = (x, d = 2) => (x === null || x === undefined || Number.isNaN(x) ? '—' : x.toFixed(d));
/** Three significant digits below 1, else `d` decimals: sub-microsecond medians stay legible. */
const fmtMs = (x, d = 3) => (x > 0 && x < 1 ? x.toPrecision(3) : fmt(x, d));

/** Add `vs[baseline] = baseline median / row median` to each row of the same case. */
export function addRatios(rows, baselines) {
  for (const row of rows) {
    row.vs = {};
    for (const b of baselines) {
      const base = rows.find((r) => r.name === row.name && r.impl === b && !r.skipped);
      row.vs[b] = base && !row.skipped ? base.medianMs / row.medianMs : null;
    }
  }
  return rows;
}

function pad(cells, widths) {
  return `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
}

/** Markdown table (it reads in a terminal and pastes into BENCHMARKS.md). */
export function printTable(title, rows, baselines = []) {
  addRatios(rows, baselines);
  const unit = rows.find((r) => r.unit)?.unit ?? 'calls/s';
  const head = ['case', 'implementation', 'first ms', 'median ms', '± MAD %', unit,
    ...baselines.map((b) => `× ${b}`)];
  const body = rows.map((r) => {
    const impl = r.precision === 'f32' ? `${r.impl} (f32)` : r.impl;
    if (r.skipped) {
      const first = r.firstMs === null ? '—' : fmt(r.firstMs, 1);
      return [r.name, impl, first, `skipped (${r.skipped})`, '', '', ...baselines.map(() => '')];
    }
    const madPct = (100 * r.madMs) / r.medianMs;
    const rate = r.rate >= 100 ? fmt(r.rate, 0) : r.rate.toPrecision(3);
    return [r.name, impl, fmtMs(r.firstMs, 2), fmtMs(r.medianMs, 3), fmt(madPct, 1), rate,
      ...baselines.map((b) => fmt(r.vs[b]))];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => String(b[i]).length)));
  console.log(`\n### ${title}\n`);
  console.log(pad(head, widths));
  console.log(`|${widths.map((w, i) => (i < 2 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`))
    .join('|')}|`);
  for (const b of body) console.log(pad(b, widths));
}
