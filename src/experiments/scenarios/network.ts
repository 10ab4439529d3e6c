// The one place the scenarios open a network. It hands out the library's DeepLinearNetwork
// when that is available and the TypeScript reference trainer otherwise.
import type { Matrix } from '../../linalg/matrix.js';
import type { TrainOptions, TrainResult } from '../../dln/types.js';
import { ReferenceNetwork, type NetSpec } from './reference-gd.js';

export interface Network {
  theta(): Float64Array;
  factors(): Matrix[];
  initialFactors(): Matrix[];
  loss(): number;
  train(opts: TrainOptions): TrainResult;
  dispose(): void;
}

export function openNetwork(spec: NetSpec): Network {
  return new ReferenceNetwork(spec);
}
