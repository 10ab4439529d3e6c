// Every scenario of the reproduction, in report order. Each lives in a file of its own. The
// real-data scenario (mnist) loads in any runtime but runs in Node only: its digit files are
// read through Node's fs at run time (mnist-data.ts).
import type { Scenario } from '../types.js';
import { shallowBaseline } from './s01-shallow-baseline.js';
import { frozenRandomLayers } from './s02-frozen-random-layers.js';
import { initScaleSweep } from './s03-init-scale-sweep.js';
import { whichLayerMatters } from './s04-which-layer-matters.js';
import { balancedVsRandom } from './s05-balanced-vs-random.js';
import { lazyVsRich } from './s06-lazy-vs-rich.js';
import { weightNormAtConvergence } from './s07-weight-norm-at-convergence.js';
import { trainingCurves } from './s08-training-curves.js';
import { plantedGeneralization } from './s09-planted-generalization.js';
import { widthAllLayers } from './s10-width-all-layers.js';
import { diagonalShape } from './s11-diagonal-shape.js';
import { stepSize } from './s12-step-size.js';
import { riemannianConstrained } from './s13-riemannian-constrained.js';
import { mnistDigits } from './mnist.js';

export const scenarios: Scenario[] = [
  shallowBaseline, frozenRandomLayers, initScaleSweep, whichLayerMatters, balancedVsRandom,
  lazyVsRich, weightNormAtConvergence, trainingCurves, plantedGeneralization, widthAllLayers,
  diagonalShape, stepSize, riemannianConstrained, mnistDigits,
];
