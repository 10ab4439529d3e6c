// The all-factors sweep shared by S3, S7 and S9: Gaussian(s) factors on P0, trained by GD with
// dln's auto step (THEORY.md (e)), recording the relative error, T2's first-layer prediction,
// the null-space part of θ0, the weight norm and (for planted data) the test error.
import { InvalidArgument, shown } from '../../core/errors.js';
import type { Config, Row } from '../types.js';
import { endRow, firstLayerPrediction, fit } from './fitting.js';
import { minWeightNorm } from '../../dln/theory.js';
import { num } from './grid.js';
import { makeProblem, P0, seedsOf, type PlantedKind } from './problem.js';
import { distance } from './vectors.js';

/** Run one point (h, m, s, seed) of an init-scale sweep. */
export function sweepRun(c: Config, planted: PlantedKind = 'none'): Row[] {
  const h = num(c, 'h');
  const m = num(c, 'm');
  const s = num(c, 's');
  if (!Number.isInteger(h) || h < 1) {
    throw new InvalidArgument(`sweep: h must be an integer ≥ 1; got ${shown(h)}`);
  }
  const seeds = seedsOf(c.seed);
  const problem = makeProblem({ ...P0, seed: seeds.problem, planted });
  const fr = fit(
    { problem, widths: Array(h).fill(m), init: { kind: 'gaussian', scale: s }, seed: seeds.init },
    { maxSteps: num(c, 'maxSteps') },
  );
  const row: Row = {
    h, m, s, seed: c.seed, ...endRow(problem, fr),
    prediction: firstLayerPrediction(problem, fr),
    minWeightNorm: minWeightNorm(problem.A, problem.b, h),
    thetaStarNorm: problem.thetaStarNorm,
  };
  if (problem.yTrue) {
    row.testError = distance(fr.theta, problem.yTrue) ** 2;
    row.minNormTestError = distance(problem.thetaStar, problem.yTrue) ** 2;
    row.d = problem.d;
    row.n = problem.n;
  }
  return [row];
}
