// From the page's settings to the library's NetworkConfig and TrainOptions: the one place that
// decides what a form means, shared by the worker and by the test that replays a run in Node.
import type { FactorInit, NetworkConfig, TrainOptions } from '../src/dln/types.ts';
import type { Problem } from './problem.ts';
import type { RunSettings } from './settings.ts';

/** One init per factor W1 … Wh, X; with firstLayer 'zero' the first of them is zero. */
export function factorInits(s: RunSettings): FactorInit | FactorInit[] {
  const rest: FactorInit = { kind: s.initKind, scale: s.initScale };
  if (s.firstLayer === 'same') return rest;
  const factors = s.widths.length + 1;
  return [{ kind: 'zero' }, ...new Array<FactorInit>(factors - 1).fill(rest)];
}

/**
 * The network a run trains. The problem takes seeds `seed` and `seed + 1`; the factors take
 * `seed + 2`, so no factor repeats the draws of A.
 */
export function networkConfig(s: RunSettings, problem: Problem): NetworkConfig {
  const config: NetworkConfig = {
    A: problem.A, b: problem.b, widths: s.widths, init: factorInits(s), seed: s.seed + 2,
  };
  if (s.lazyAlpha !== undefined) config.lazyAlpha = s.lazyAlpha;
  return config;
}

/** The options of a run done in one call (the worker splits maxSteps into chunks). */
export function trainOptions(s: RunSettings): TrainOptions {
  return { step: s.step, maxSteps: s.maxSteps, every: s.every };
}
