// Every scenario in quick mode must show its headline relation, measured on its own rows and
// held here to THEORY.md's tolerances (written out, not read back from the scenario), and must
// be deterministic: the same config gives the same rows. The mnist scenario needs Node's fs and
// has its own *.node.test.ts.
import { describe, expect, it } from 'vitest';
import { scenarios } from '../../src/experiments/scenarios/index.js';
import type { Row, Scenario, Summary } from '../../src/experiments/types.js';

/** THEORY.md bounds per scenario and check name: [lower, upper] on the measured value. */
const BOUNDS: Record<string, Record<string, [number, number]>> = {
  S1: { 'C1 limit': [0, 1e-10], envelope: [-Infinity, 1e-9] },
  S2: { 'C3/C4': [0, 1e-9], C5: [0, 1e-10], C6: [0.35, 0.75] },
  S3: { 'C9 slope h=1': [0.9, 1.1], 'C9 slope h=2': [0.9, 1.1], 'C9 bound': [0, 2], T2: [0, 1e-9],
    'large-s slope h=1': [1.7, 2.2], 'large-s slope h=2': [2.55, 3.3] },
  S4: { 'C8 zero W1': [0, 1e-9], 'W1 slope': [0.9, 1.1], 'later layers': [0.05, Infinity],
    'x0 = 0': [0.05, Infinity], T2: [0, 1e-9] },
  S5: { 'T4 root': [0, 1e-2], 'C13 bound': [0, 0.5], 'C13 halving': [1.6, 2.4],
    'drift ∝ η': [0.8, 1.2] },
  S6: { 'lazy rate': [-1.2, -0.8], 'lazy limit': [0, 1e-2], 'weights still': [0, 1e-2],
    'all converged': [0, 0] },
  S7: { 'C15 (i)': [0, 1e-12], 'C15 (i) residual': [0, 1e-12], 'T5 bound': [1 - 1e-9, Infinity],
    'C15 (ii)': [0, 0.03], 'large s': [1.5, Infinity] },
  S8: { 'escape h=2': [3, 30], depth: [1, Infinity] },
  S9: { floor: [0, 4], 'small s': [0, 0.1], 'large s': [2, Infinity] },
  S10: { 'width slope': [-0.75, -0.25], T2: [0, 1e-9] },
  S11: { 'C19/C20': [0, 1e-3], 'closed form': [0, 2e-2], 'kernel end': [0, 1e-2],
    converged: [0, 0] },
  S12: { 'C7 (T2 identity)': [0, 1e-12], 'drift ∝ η': [0.8, 1.2], 'error gap ∝ η': [0.8, 1.2] },
  S13: { Stiefel: [0, 1e-12], C5: [0, 1e-10], converged: [0, 0] },
};

function quickRun(s: Scenario): { rows: Row[]; summary: Summary } {
  const rows = s.grid({ quick: true, overrides: {} }).flatMap((c) => s.run(c));
  return { rows, summary: s.summarize(rows) };
}

const browserSafe = scenarios.filter((s) => s.id !== 'mnist');

describe('scenario registry', () => {
  it('lists S1 … S13 then mnist, each with a kebab-case name', () => {
    expect(scenarios.map((s) => s.id)).toEqual([
      'S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8', 'S9', 'S10', 'S11', 'S12', 'S13', 'mnist',
    ]);
    for (const s of scenarios) expect(s.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});

describe.each(browserSafe.map((s) => [s.id, s] as const))('scenario %s in quick mode', (id, s) => {
  it('meets THEORY.md on every check it names, with every bound asserted here', () => {
    const { summary } = quickRun(s);
    const bounds = BOUNDS[id]!;
    const byName = new Map(summary.checks.map((c) => [c.name, c]));
    for (const [name, [lo, hi]] of Object.entries(bounds)) {
      const c = byName.get(name);
      expect(c, `${id} check '${name}'`).toBeDefined();
      expect(c!.measured, `${id} '${name}'`).toBeGreaterThanOrEqual(lo);
      expect(c!.measured, `${id} '${name}'`).toBeLessThanOrEqual(hi);
    }
    for (const c of summary.checks) expect(c.pass, `${id} '${c.name}' = ${c.measured}`).toBe(true);
    expect(summary.tables.length).toBeGreaterThan(0);
    expect(summary.tables[0]!.title).toMatch(/^Headline/);
  });

  it('is deterministic: the same config gives the same rows', () => {
    const configs = s.grid({ quick: true, overrides: {} });
    const c = configs[configs.length >> 1]!;
    expect(s.run(c)).toEqual(s.run(c));
  });
});
