// renderLinePlot in Node (linkedom document) and in Chromium (the page's document).
import { describe, expect, it } from 'vitest';
import { powerOfTen, renderLinePlot } from '../../src/experiments/report/plot.js';
import type { PlotSpec } from '../../src/experiments/types.js';

// Node has no DOM; linkedom's is loaded only there (the browser never imports it). Chromium's
// DOMParser is a strict XML parser; the Node test of report files parses them with Python's.
const linkedom = 'linkedom';
const dom = globalThis.document
  ? { document: globalThis.document, DOMParser: globalThis.DOMParser }
  : (await import(/* @vite-ignore */ linkedom)).parseHTML('<!DOCTYPE html><html></html>') as {
    document: Document; DOMParser: typeof globalThis.DOMParser;
  };
const document = dom.document;

const spec: PlotSpec = {
  id: 'err', title: 'Error against scale',
  x: { label: 'initScale', log: true }, y: { label: 'relative error', log: true },
  series: [
    { name: 'depth 1', points: [[1e-3, 2e-3], [1e-2, 2e-2], [1e-1, 0], [1, 2], [1e2, 2e2]] },
    { name: 'slope 1', kind: 'guide', points: [[1e-3, 1e-3], [1e2, 1e2]] },
    { name: 'samples', kind: 'dots', points: [[1e-2, 3e-2], [NaN, 1]] },
  ],
};

function parse(svg: string): Document {
  const doc = new dom.DOMParser().parseFromString(svg, 'image/svg+xml') as unknown as Document;
  expect(doc.querySelector('parsererror')).toBeNull();
  return doc;
}

const texts = (root: Document, selector: string) =>
  [...root.querySelectorAll(`${selector} text`)].map((t) => t.textContent);

describe('renderLinePlot', () => {
  it('prints TeX-style exponents in labels as superscripts', () => {
    const guide = { ...spec, series: [{ name: 'slope h^{2}', kind: 'guide' as const,
      points: [[1, 1], [10, 100]] as [number, number][] }] };
    const svg = renderLinePlot(guide, { document });
    expect(svg).toContain('slope h²');
    expect(svg).not.toContain('^{');
  });

  it('writes a standalone SVG with exponent labels on log axes', () => {
    const doc = parse(renderLinePlot(spec, { document }));
    const svg = doc.documentElement;
    expect(svg.tagName.toLowerCase()).toBe('svg');
    expect(svg.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(svg.getAttribute('aria-label')).toBe('Error against scale');

    const xLabels = texts(doc, '[aria-label="x-axis tick label"]').filter((t) => t !== '');
    expect(xLabels).toEqual(['10⁻³', '10⁻²', '10⁻¹', '10⁰', '10¹', '10²']);
    const yLabels = texts(doc, '[aria-label="y-axis tick label"]').filter((t) => t !== '');
    expect(yLabels).toContain('10⁻³');
    expect(yLabels).toContain('10²');
    expect(texts(doc, '[aria-label="x-axis label"]').join('')).toContain('initScale');
  });

  it('labels each series at its end, dashes guides and drops points a log axis cannot show', () => {
    const doc = parse(renderLinePlot(spec, { document }));
    expect(texts(doc, '[aria-label="text"]').sort()).toEqual(['depth 1', 'samples', 'slope 1']);
    const lines = [...doc.querySelectorAll('[aria-label="line"] path')];
    expect(lines).toHaveLength(2);
    const dashed = lines.filter((p) => (p.getAttribute('stroke-dasharray')
      ?? p.parentElement?.getAttribute('stroke-dasharray')) === '5,4');
    expect(dashed).toHaveLength(1);
    // 'depth 1' keeps 4 of its 5 points (y = 0 is dropped): M + 3 L segments.
    const d = lines.map((p) => p.getAttribute('d') ?? '')
      .find((s) => (s.match(/L/g) ?? []).length === 3);
    expect(d).toBeDefined();
    expect(d).not.toMatch(/NaN/);
    expect(doc.querySelectorAll('[aria-label="dot"] circle')).toHaveLength(1);
  });

  it('moves apart the labels of lines that end at the same point', () => {
    const same: PlotSpec = { ...spec, series: [
      { name: 'measured', points: [[1, 1], [10, 100]] },
      { name: 'prediction', points: [[1, 1], [10, 100]] },
      { name: 'far below', points: [[1, 1], [10, 2]] },
      { name: 'ends a bit left', points: [[1, 1], [9.5, 100]] },
    ] };
    const doc = parse(renderLinePlot(same, { document }));
    const ys = [...doc.querySelectorAll('[aria-label="text"] text')].map((t) =>
      Number(/translate\([-\d.e]+,\s*([-\d.e]+)\)/.exec(t.getAttribute('transform') ?? '')![1]));
    expect(ys).toHaveLength(4);
    const sorted = [...ys].sort((a, b) => a - b);
    for (let i = 1; i < 4; i++) expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThanOrEqual(11);
  });

  it('labels every tick of a log axis narrower than two decades', () => {
    const narrow: PlotSpec = { ...spec, x: { label: 'm', log: true }, y: { label: 'v', log: true },
      series: [{ name: 'a', points: [[2, 2e-6], [30, 3e-5]] }] };
    const doc = parse(renderLinePlot(narrow, { document }));
    // Inside [0.001, 10⁴] as plain numbers, elsewhere as a×10ⁿ.
    const xLabels = texts(doc, '[aria-label="x-axis tick label"]');
    expect(xLabels).toContain('2');
    expect(xLabels).toContain('10');
    expect(xLabels).toContain('20');
    expect(xLabels.filter((t) => t !== '').length).toBeGreaterThanOrEqual(6);
    const yLabels = texts(doc, '[aria-label="y-axis tick label"]');
    expect(yLabels).toContain('10⁻⁵');
    expect(yLabels).toContain('2×10⁻⁶');
    expect(yLabels).toContain('3×10⁻⁵');
  });

  it('leaves no tick of a narrow log axis bare, also those d3 blanks (leading digit > 6)', () => {
    const mse: PlotSpec = { ...spec, series: [{ name: 'test MSE', kind: 'dots',
      points: [[1e-10, 0.413], [0.2, 0.408], [6, 0.7167], [3.5, 0.5047]] }] };
    const yLabels = texts(parse(renderLinePlot(mse, { document })),
      '[aria-label="y-axis tick label"]');
    expect(yLabels).toEqual(['0.45', '0.5', '0.55', '0.6', '0.65', '0.7']);
  });

  it('prints plain numbers on a linear axis', () => {
    const linear: PlotSpec = { ...spec, x: { label: 'step' }, y: { label: 'v' },
      series: [{ name: 'a', points: [[0, 1], [100, 2]] }] };
    const doc = parse(renderLinePlot(linear, { document }));
    const xLabels = texts(doc, '[aria-label="x-axis tick label"]');
    expect(xLabels).toContain('100');
    expect(xLabels.some((t) => /[⁰¹²³⁴⁵⁶⁷⁸⁹]/.test(t ?? ''))).toBe(false);
  });

  it('formats powers of ten with superscripts', () => {
    expect(powerOfTen(-12)).toBe('10⁻¹²');
    expect(powerOfTen(0)).toBe('10⁰');
  });

  it('draws axes for a plot without points', () => {
    const doc = parse(renderLinePlot({ ...spec, series: [] }, { document }));
    expect(doc.documentElement.tagName.toLowerCase()).toBe('svg');
  });
});
