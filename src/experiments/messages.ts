// What the main thread and the pool's workers say to each other.
import type { Config, Row } from './types.js';

/** A batch of configs of one scenario; batching keeps the message count low for cheap runs. */
export interface ToWorker {
  scenario: string;
  items: { index: number; config: Config }[];
}

export type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; scenario: string; index: number; rows: Row[]; ms: number }
  | { type: 'error'; scenario: string; index: number; message: string; stack: string };
