// S8 training-curves (THEORY.md (d) 8, notes of (c)): loss against iteration. Small initial
// scale leaves GD on a plateau near the saddle at the origin; by the T4 ODE the escape time grows
// like log(1/s) for h = 1 and like s^{−(h−1)} for h ≥ 2 (in units of 1/η steps). The late phase
// is linear convergence.
import type { Config, Row, Scenario, Summary, Series } from '../types.js';
import { autoStep } from '../../dln/stepsize.js';
import { lossTolFor, openNetwork, productOf } from './fitting.js';
import { makeGrid, num } from './grid.js';
import { makeProblem, P0, seedsOf } from './problem.js';
import { col, fmt, groupBy, meanStd, sortedUnique, checkBetween, checkAbove } from './stats.js';
import { dot, norm } from './vectors.js';

function run(c: Config): Row[] {
  const h = num(c, 'h');
  const s = num(c, 's');
  const maxSteps = num(c, 'maxSteps');
  const seeds = seedsOf(c.seed);
  const problem = makeProblem({ ...P0, seed: seeds.problem });
  const net = openNetwork({ problem, widths: Array(h).fill(num(c, 'm')),
    init: { kind: 'gaussian', scale: s }, seed: seeds.init });
  try {
    const f0 = net.initialFactors();
    const eta = autoStep(net);
    const lossTol = lossTolFor(norm(productOf(f0)));
    // Chunks growing by 3% give a log-spaced trace and the escape step to within 3%.
    const trace: [number, number, number][] = [[0, net.loss(), norm(net.theta())]];
    let done = 0;
    let converged = false;
    while (done < maxSteps && !converged) {
      const chunk = Math.min(maxSteps - done, Math.max(1, Math.floor(0.03 * done)));
      const res = net.train({ step: eta, maxSteps: chunk, lossTol, record: false });
      done += res.steps;
      converged = res.converged;
      trace.push([done, res.loss, norm(net.theta())]);
    }
    const loss0 = trace[0]![1];
    const escaped = trace.find(([, l]) => l < 0.5 * loss0);
    const theta = net.theta();
    const rows: Row[] = [{
      kind: 'final', h, s, seed: c.seed, converged, steps: done, stepSize: eta,
      escapeStep: escaped ? escaped[0] : null, escapeTime: escaped ? escaped[0] * eta : null,
      alignment: dot(theta, problem.thetaStar) / (norm(theta) * problem.thetaStarNorm),
    }];
    const stride = Math.max(1, Math.ceil(trace.length / 120));
    trace.forEach(([step, loss, thetaNorm], i) => {
      if (i % stride === 0 || i === trace.length - 1) {
        rows.push({ kind: 'trace', h, s, seed: c.seed, step, loss,
          normRatio: thetaNorm / problem.thetaStarNorm });
      }
    });
    return rows;
  } finally {
    net.dispose();
  }
}

function summarize(rows: Row[]): Summary {
  const finals = rows.filter((r) => r.kind === 'final');
  const hs = sortedUnique(finals.map((r) => r.h));
  const ss = sortedUnique(finals.map((r) => r.s));
  const firstSeed = sortedUnique(finals.map((r) => r.seed))[0];
  const escapeMean = (h: number, s: number) => {
    const g = finals.filter((r) => r.h === h && r.s === s);
    const e = col(g, 'escapeTime');
    return e.length === g.length && g.length > 0 ? e.reduce((a, b) => a + b, 0) / e.length : NaN;
  };
  const traceOf = (h: number, s: number, key: string) => rows
    .filter((r) => r.kind === 'trace' && r.h === h && r.s === s && r.seed === firstSeed)
    .map((r) => [Math.max(1, r.step as number), r[key] as number] as [number, number]);
  const plots = hs.flatMap((h) => [{
    id: `loss-h${h}`, title: `Loss against step, h = ${h} (first seed)`,
    x: { label: 'step', log: true }, y: { label: 'loss', log: true },
    series: ss.map((s) => ({ name: `s = ${fmt(s)}`, kind: 'line' as const,
      points: traceOf(h, s, 'loss') })) as Series[],
  }, {
    // The plateau is the time ‖θ(t)‖ needs to grow from s^{h+1} to the size of θ*.
    id: `norm-h${h}`, title: `‖θ(t)‖/‖θ*‖ against step, h = ${h} (first seed)`,
    x: { label: 'step', log: true }, y: { label: '‖θ(t)‖/‖θ*‖', log: true },
    series: ss.map((s) => ({ name: `s = ${fmt(s)}`, kind: 'line' as const,
      points: traceOf(h, s, 'normRatio').filter(([, y]) => y > 0) })) as Series[],
  }]);
  const checks = [];
  const deep = hs.filter((h) => h >= 2);
  for (const h of deep) {
    const pairs = ss.filter((s) =>
      !Number.isNaN(escapeMean(h, s)) && !Number.isNaN(escapeMean(h, s * 10)));
    if (pairs.length) {
      const s = pairs[0]!;
      checks.push(checkBetween(`escape h=${h}`,
        `escape-time ratio t(s=${fmt(s)})/t(s=${fmt(10 * s)}) ` +
        `against the ODE's 10^{h−1} = ${10 ** (h - 1)}`, escapeMean(h, s) / escapeMean(h, 10 * s),
      0.3 * 10 ** (h - 1), 3 * 10 ** (h - 1)));
    }
  }
  // Depth lengthens the plateau at small scale: compare at the largest s ≤ 0.1 the deepest
  // depth that escaped with h = 1 (at s near 1 there is no plateau and depth speeds GD up).
  const sPlateau = ss.filter((s) => s <= 0.1 + 1e-12).pop();
  if (sPlateau !== undefined && hs.length >= 2) {
    const escapedDepths = hs.filter((h) => !Number.isNaN(escapeMean(h, sPlateau)));
    const deepest = escapedDepths[escapedDepths.length - 1];
    if (deepest !== undefined && deepest !== hs[0]) {
      checks.push(checkAbove('depth', `escape time at s = ${fmt(sPlateau)}: h = ${deepest} over ` +
        `h = ${hs[0]}`, escapeMean(deepest, sPlateau) / escapeMean(hs[0]!, sPlateau), 1));
    }
  }
  return {
    tables: [{
      title: 'Headline: escape time from the plateau, η·(first step with loss < loss0/2) ' +
        '(mean ± std; escaped/total)',
      columns: ['s', ...hs.map((h) => `h = ${h}`)],
      rows: ss.map((s) => [fmt(s), ...hs.map((h) => {
        const g = finals.filter((r) => r.h === h && r.s === s);
        const e = col(g, 'escapeTime');
        return `${meanStd(e)} (${e.length}/${g.length})`;
      })]),
    }, {
      title: 'Convergence (loss < 1e-25) and final alignment cos(θ∞, θ*)',
      columns: ['h', 's', 'converged', 'steps', 'alignment'],
      rows: groupBy(finals, ['h', 's']).map(({ key, rows: g }) => [
        key.h as number, fmt(key.s as number),
        `${g.filter((r) => r.converged).length}/${g.length}`, meanStd(col(g, 'steps')),
        meanStd(col(g, 'alignment'))]),
    }],
    plots,
    checks,
    notes: ['P0, m = 10, Gaussian(s), step rule of S3. Runs that never left the plateau within ' +
      'the budget have no escape time and are shown as such.'],
  };
}

export const trainingCurves: Scenario = {
  id: 'S8',
  name: 'training-curves',
  title: 'Training curves: a plateau at small scale that lengthens with depth',
  description: 'Loss against iteration for s from 1e-3 to 1 and h ∈ {1, 3, 5}; escape times.',
  grid: (opts) => makeGrid('S8', {
    full: { axes: { h: [1, 3, 5], s: [1e-3, 1e-2, 1e-1, 1] }, seeds: 5,
      params: { m: 10, maxSteps: 30000 } },
    quick: { axes: { h: [1, 2, 3], s: [1e-2, 1e-1, 1] }, seeds: 2,
      params: { m: 10, maxSteps: 40000 } },
  }, opts),
  run,
  summarize,
};
