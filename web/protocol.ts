// Messages between the page and its training worker. Rows travel as plain objects; vectors as
// Float64Array, whose structured clone keeps every bit.
import type { MetricsRow } from '../src/dln/types.ts';
import type { RunSettings } from './settings.ts';

/** Page → worker: start one run (a worker runs one at a time; the page terminates it to stop). */
export interface TrainRequest {
  type: 'train';
  runId: number;
  settings: RunSettings;
}

/** Worker → page: the kernels are loaded and the worker takes requests. */
export interface Ready {
  type: 'ready';
}

/** Worker → page: rows recorded since the last message, in step order. */
export interface Progress {
  type: 'progress';
  runId: number;
  rows: MetricsRow[];
  /** Updates applied so far. */
  steps: number;
  stepSize: number;
}

/** One theory prediction of the final θ, and how far the trained θ ended from it. */
export interface Prediction {
  name: string;
  /** ‖θ − prediction‖ */
  distance: number;
  /** ‖prediction − A⁺b‖ */
  fromMinNorm: number;
}

/** Worker → page: the run ended (tolerance met or budget spent). */
export interface Finished {
  type: 'finished';
  runId: number;
  converged: boolean;
  reason: 'loss' | 'gradient' | 'budget';
  steps: number;
  stepSize: number;
  loss: number;
  theta: Float64Array;
  minNorm: Float64Array;
  predictions: Prediction[];
  millis: number;
}

/** Worker → page: training blew up; `step` is the update at which it was detected. */
export interface DivergedMessage {
  type: 'diverged';
  runId: number;
  step: number;
  message: string;
}

/** Worker → page: the settings were refused by the library, or something else failed. */
export interface Failed {
  type: 'failed';
  runId: number;
  name: string;
  message: string;
}

export type ToWorker = TrainRequest;
export type FromWorker = Ready | Progress | Finished | DivergedMessage | Failed;
