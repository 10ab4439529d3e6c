// Deep linear networks: model, initialization, training, theory and metrics.
export { DeepLinearNetwork, createNetwork } from './network.js';
export { TrainingDiverged } from './train.js';
export { autoStep } from './stepsize.js';
export { imbalanceMatrices, parameterNorm } from './metrics.js';
export { orthogonalDraw } from './init.js';
export type {
  FactorInit, InitKind, MetricsRow, NetworkConfig, TrainOptions, TrainResult,
} from './types.js';
export {
  minNormSolution, projectionOfInit, frozenLayersSolution, firstLayerPrediction, minWeightNorm,
  balancedFactorization, imbalance, imbalanceNorms, layerProduct,
} from './theory.js';
export type { FirstLayerPrediction } from './theory.js';
export { endToEndFlow, balancedRankOneError } from './flow.js';
export type { FlowOptions } from './flow.js';
export { tangentKernel, lazySolution } from './lazy.js';
export { gaps } from './gaps.js';
export type { Gaps } from './gaps.js';
export {
  trainWoodworth, trainProduct, woodworthPotential, woodworthSolution, productSolution,
} from './diagonal.js';
export type { DiagonalOptions, DiagonalRun } from './diagonal.js';
