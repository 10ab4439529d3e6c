// Tiny scenarios for the runner, report and CLI tests, loaded through DEEPLIN_SCENARIOS (or by
// URL) in the main thread and in every worker. Plain JavaScript, so workers can import it
// without a TypeScript loader. `run` draws from the seeded Wasm generator of the built library,
// so each worker must have awaited init().
import { randn } from '../../dist/index.js';

function meanStd(values) {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const v = values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length - 1);
  return { mean, std: Math.sqrt(v), n: values.length };
}

/** Busy-wait, so the CLI test can kill a run while configs are in flight. */
function spin(ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) { /* wait */ }
}

const ACCEPTED = ['scales', 'seeds', 'delay', 'fail'];

function parseOverrides(id, overrides) {
  for (const key of Object.keys(overrides)) {
    if (!ACCEPTED.includes(key)) {
      const accepted = ACCEPTED.join(', ');
      throw new RangeError(`${id}.grid: unknown override '${key}'; accepted: ${accepted}`);
    }
  }
  const int = (key, fallback) => {
    const v = overrides[key];
    if (v === undefined) return fallback;
    if (!/^\d+$/.test(v)) throw new RangeError(`${id}.grid: ${key} must be an integer; got '${v}'`);
    return Number(v);
  };
  return { delay: int('delay', 0), fail: int('fail', -1), seeds: int('seeds', 3) };
}

/** Rows: a seeded value per config, times the scale, so means grow linearly with scale. */
export const scaleSweep = {
  id: 'FA',
  name: 'fake-scale-sweep',
  title: 'A fake sweep over scales',
  description: 'Each config draws 4 normals from its seed and scales their squared norm.',
  grid({ quick, overrides }) {
    const o = parseOverrides('FA', overrides);
    const scales = quick ? [1e-2, 1, 1e2] : [1e-3, 1e-2, 1e-1, 1, 1e1, 1e2];
    const configs = [];
    for (const scale of scales) {
      for (let seed = 0; seed < o.seeds; seed++) {
        configs.push({ scale, seed, delay: o.delay, fail: o.fail, index: configs.length });
      }
    }
    return configs;
  },
  run(config) {
    if (config.index === config.fail) {
      throw new RangeError(`FA.run: asked to fail at ${config.fail}`);
    }
    spin(config.delay);
    const z = randn(4, { seed: config.seed });
    const sq = z.reduce((a, b) => a + b * b, 0);
    return [
      { scale: config.scale, seed: config.seed, value: config.scale * sq, first: z[0], nan: NaN },
    ];
  },
  summarize(rows) {
    const scales = [...new Set(rows.map((r) => r.scale))];
    const stats = scales.map((s) => meanStd(rows.filter((r) => r.scale === s).map((r) => r.value)));
    return {
      tables: [{
        title: 'Value by scale', headline: true, columns: ['scale', 'value'],
        rows: scales.map((s, i) => [s, stats[i]]),
      }],
      plots: [{
        id: 'value', title: 'Value against scale',
        x: { label: 'scale', log: true }, y: { label: 'value', log: true },
        series: [
          { name: 'measured', points: scales.map((s, i) => [s, stats[i].mean]) },
          { name: 'slope 1', kind: 'guide', points: scales.map((s) => [s, 4 * s]) },
        ],
      }],
      checks: [
        { name: 'rows', statement: 'one row per config', measured: rows.length,
          expected: '> 0', pass: rows.length > 0 },
        { name: 'impossible', statement: 'the first value is negative', measured: rows[0].value,
          expected: '< 0', pass: rows[0].value < 0 },
      ],
      notes: ['A fake scenario for tests.'],
    };
  },
};

/** A second scenario with several rows per config and no plots. */
export const pairs = {
  id: 'FB',
  name: 'fake-pairs',
  title: 'Fake pairs',
  description: 'Two rows per config.',
  grid({ quick, overrides }) {
    parseOverrides('FB', overrides);
    return Array.from({ length: quick ? 4 : 10 }, (_, i) => ({ seed: 100 + i, k: i % 3 }));
  },
  run(config) {
    const z = randn(2, { seed: config.seed });
    return [{ k: config.k, part: 'a', v: z[0] }, { k: config.k, part: 'b', v: z[1] }];
  },
  summarize(rows) {
    return {
      tables: [{
        title: 'Rows', columns: ['k', 'part', 'v'], rows: rows.map((r) => [r.k, r.part, r.v]),
      }],
      plots: [],
      checks: [{ name: 'count', statement: 'even row count', measured: rows.length,
        expected: 'even', pass: rows.length % 2 === 0 }],
    };
  },
};

export const scenarios = [scaleSweep, pairs];
