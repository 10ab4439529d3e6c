// The one place the scenarios open a network: the library's DeepLinearNetwork (weights resident
// in Wasm, fused GD steps), or the TypeScript reference trainer of reference-gd.ts, which the
// tests use as an independent check of the same runs.
import { createNetwork } from '../../dln/network.js';
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

let engine: 'wasm' | 'reference' = 'wasm';

/** Choose the trainer behind every scenario run (default 'wasm'); returns the previous one. */
export function useEngine(next: 'wasm' | 'reference'): 'wasm' | 'reference' {
  const prev = engine;
  engine = next;
  return prev;
}

export function openNetwork(spec: NetSpec): Network {
  if (engine === 'reference') return new ReferenceNetwork(spec);
  return createNetwork({
    A: spec.problem.A, b: spec.problem.b, widths: spec.widths, init: spec.init, seed: spec.seed,
    ...(spec.frozen ? { frozen: spec.frozen } : {}),
    ...(spec.lazyAlpha !== undefined ? { lazyAlpha: spec.lazyAlpha } : {}),
  });
}
