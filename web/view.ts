// Drawing a run on the page: the two live plots, the final table, and the exact θ.
import type { MetricsRow } from '../src/dln/types.ts';
import { renderPlotSvg } from './plot.ts';
import type { Finished } from './protocol.ts';

/** Plots show at most this many points per series; longer histories are thinned evenly. */
const MAX_POINTS = 2000;

function thin(rows: MetricsRow[]): MetricsRow[] {
  if (rows.length <= MAX_POINTS) return rows;
  const stride = Math.ceil(rows.length / MAX_POINTS);
  const out = rows.filter((_, i) => i % stride === 0);
  if (out[out.length - 1] !== rows[rows.length - 1]) out.push(rows[rows.length - 1]!);
  return out;
}

function byId(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`demo page: element #${id} is missing from index.html`);
  return el;
}

/** Redraw the loss and distance plots from every row recorded so far. */
export function drawHistory(rows: MetricsRow[]): void {
  const shown = thin(rows);
  const pts = (f: (r: MetricsRow) => number): [number, number][] =>
    shown.map((r) => [r.step, f(r)]);
  byId('plot-loss').innerHTML = renderPlotSvg({
    id: 'loss', title: 'loss ½‖Aθ − b‖²',
    x: { label: 'step' }, y: { label: 'loss', log: true },
    series: [{ name: 'loss', points: pts((r) => r.loss) }],
  });
  byId('plot-distance').innerHTML = renderPlotSvg({
    id: 'distance', title: 'distance to A⁺b and null-space part of θ',
    x: { label: 'step' }, y: { label: 'norm', log: true },
    series: [
      { name: 'distanceToMinNorm ‖θ − A⁺b‖', points: pts((r) => r.distanceToMinNorm) },
      { name: 'nullComponent ‖(I − A⁺A)θ‖', points: pts((r) => r.nullComponent) },
    ],
  });
}

/** Bytes of a float64 vector as little-endian hex, 16 digits an entry: the exact value. */
export function hexOf(v: Float64Array): string {
  const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  return Array.from(bytes, (x) => x.toString(16).padStart(2, '0')).join('');
}

const fmt = (x: number): string =>
  (x === 0 || !Number.isFinite(x) ? String(x) : x.toExponential(3));

/** Fill the table of predictions and the exact θ after a run ends. */
export function drawFinished(m: Finished): void {
  const body = byId('summary-body');
  body.replaceChildren();
  for (const p of m.predictions) {
    const tr = document.createElement('tr');
    tr.dataset.prediction = p.name;
    for (const text of [p.name, fmt(p.distance), fmt(p.fromMinNorm)]) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    body.append(tr);
  }
  byId('summary').hidden = false;
  const norm = Math.hypot(...m.theta);
  byId('facts').textContent =
    `${m.converged ? 'converged' : 'not converged'} (${m.reason}) after ${m.steps} steps ` +
    `with η = ${m.stepSize.toPrecision(4)} in ${(m.millis / 1000).toFixed(2)} s; ` +
    `final loss ${fmt(m.loss)}; ‖θ‖ = ${fmt(norm)}.`;
  byId('theta-hex').textContent = hexOf(m.theta);
  byId('theta-details').hidden = false;
}

/** Show the Node script that repeats the current run. */
export function showSnippet(code: string): void {
  byId('node-code').textContent = code;
  byId('node-details').hidden = false;
}

/** Clear the results of the previous run. */
export function clearResults(): void {
  byId('summary').hidden = true;
  byId('summary-body').replaceChildren();
  byId('facts').textContent = '';
  byId('theta-hex').textContent = '';
  byId('theta-details').hidden = true;
  drawHistory([]);
}
