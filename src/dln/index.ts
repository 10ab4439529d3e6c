// Deep linear networks: model, initialization, training, theory and metrics.
export { DeepLinearNetwork, createNetwork } from './network.js';
export { TrainingDiverged } from './train.js';
export { autoStep } from './stepsize.js';
export { imbalanceMatrices, parameterNorm } from './metrics.js';
export { orthogonalDraw } from './init.js';
export type {
  FactorInit, InitKind, MetricsRow, NetworkConfig, TrainOptions, TrainResult,
} from './types.js';
