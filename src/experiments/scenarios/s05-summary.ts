// Tables, plots and checks of S5 (balanced-vs-random), kept apart from its runs.
import type { Row, Summary } from '../types.js';
import {
  checkBelow, checkBetween, col, fmt, groupBy, logLogSlope, maxOf, mean, meanStd, sortedUnique,
} from './stats.js';

export function summarizeBalanced(rows: Row[]): Summary {
  const fp = rows.filter((r) => r.part === 'fixedpoint');
  const fpOk = fp.filter((r) => r.converged === true);
  const bal = fpOk.filter((r) => r.init === 'balanced');
  const traj = rows.filter((r) => r.part === 'trajectory');
  const drift = rows.filter((r) => r.part === 'drift');
  const trajFinal = traj.filter((r) => r.kind === 'final');
  const driftFinal = drift.filter((r) => r.kind === 'final');
  const hs = sortedUnique(fp.map((r) => r.h));
  const ss = sortedUnique(fp.map((r) => r.s));
  const gapAt = (eta: number) => mean(col(trajFinal.filter((r) => r.eta === eta), 'gap'));
  const trajEtas = sortedUnique(trajFinal.map((r) => r.eta));
  const halvings = trajEtas.slice(1).map((e, i) => gapAt(e) / gapAt(trajEtas[i]!));
  const driftCurve = groupBy(driftFinal, ['eta']).map(({ key, rows: g }) =>
    [key.eta as number, mean(col(g, 'drift'))] as [number, number]);
  const firstSeed = sortedUnique(rows.map((r) => r.seed))[0];
  const traces = (sel: Row[], key: string) =>
    groupBy(sel.filter((r) => r.seed === firstSeed), ['eta']).map(({ key: k, rows: g }) => ({
      name: `η = ${fmt(k.eta as number)}`, kind: 'line' as const,
      points: g.map((r) =>
        [r.time as number, Math.max(1e-300, r[key] as number)] as [number, number]),
    }));
  const ends = [...trajFinal, ...driftFinal];
  const rootGap = bal.length === fp.filter((r) => r.init === 'balanced').length
    ? maxOf(bal.map((r) => Math.abs((r.relErr as number) / (r.prediction as number) - 1)))
    : NaN;
  const worstHalving = halvings.length
    ? halvings.reduce((a, b) => (Math.abs(a - 2) > Math.abs(b - 2) ? a : b))
    : NaN;
  return {
    tables: [{
      title: 'Headline: relative error, balanced rank-one (with the T4 root) against Gaussian ' +
        'at equal ‖θ0‖',
      columns: ['h', 's', 'balanced GD', 'T4 root', 'Gaussian GD', 'converged'],
      rows: groupBy(fp, ['h', 's']).map(({ key, rows: g }) => {
        const b = g.filter((r) => r.init === 'balanced' && r.converged);
        const gs = g.filter((r) => r.init === 'gaussian' && r.converged);
        return [key.h as number, fmt(key.s as number), meanStd(col(b, 'relErr')),
          meanStd(col(b, 'prediction')), meanStd(col(gs, 'relErr')),
          `${g.filter((r) => r.converged).length}/${g.length}`];
      }),
    }, {
      title: 'GD against the Euler-integrated end-to-end ODE at the same η (C13), ' +
        'and the drift of D_i',
      columns: ['part', 'η', '‖θ_GD(T) − θ_ODE(T)‖/‖θ*‖ or max_i ‖D_i(T) − D_i(0)‖'],
      rows: groupBy(ends, ['part', 'eta'])
        .map(({ key, rows: g }) => [key.part as string, fmt(key.eta as number),
          meanStd(col(g, key.part === 'trajectory' ? 'gap' : 'drift'))]),
    }],
    plots: [
      {
        id: 'root', title: 'Balanced rank-one start: GD error against the T4 root',
        x: { label: 'scale s', log: true }, y: { label: '‖θ∞ − θ*‖/‖θ*‖', log: true },
        series: hs.flatMap((h) => ['relErr', 'prediction'].map((key) => ({
          name: `${key === 'relErr' ? 'GD' : 'T4 root'} h = ${h}`,
          kind: key === 'relErr' ? 'dots' as const : 'guide' as const,
          points: ss.map((s) =>
            [s, mean(col(bal.filter((r) => r.h === h && r.s === s), key))] as [number, number])
            .filter(([, y]) => y > 0),
        }))),
      },
      { id: 'trajectory', title: 'Distance of GD to the end-to-end ODE along the run (first seed)',
        x: { label: 'time t = step·η' }, y: { label: '‖θ_GD(t) − θ_ODE(t)‖/‖θ*‖', log: true },
        series: traces(traj, 'gap') },
      { id: 'drift', title: 'Balancedness drift max_i ‖D_i(t) − D_i(0)‖ (first seed)',
        x: { label: 'time t = step·η' }, y: { label: 'drift', log: true },
        series: traces(drift, 'drift') },
    ],
    checks: [
      checkBelow('T4 root', 'max |e_GD − e_root| / e_root, balanced starts (η = 0.005)',
        rootGap, 1e-2),
      checkBelow('C13 bound', 'max over η of ‖θ_GD(T) − θ_ODE(T)‖ / (η‖θ*‖) (C13: ≤ 0.5)',
        maxOf(trajFinal.map((r) => (r.gap as number) / (r.eta as number))), 0.5),
      checkBetween('C13 halving', 'gap(η)/gap(η/2) (worst pair; first order: 2)',
        worstHalving, 1.6, 2.4),
      checkBetween('drift ∝ η', 'log-log slope of the drift at the horizon in η',
        logLogSlope(driftCurve), 0.8, 1.2),
    ],
    notes: ['P0. Fixed-point runs use η = 0.005; trajectories use h = 3, m = 8, s = 0.5 over ' +
      '60 time ' +
      'units; drift runs a Gaussian(1) start with h = 3, m = 10 over 20 time units.'],
  };
}
