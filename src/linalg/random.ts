// A seeded generator whose state lives in the JS heap and whose arithmetic runs in Wasm
// (xoshiro256** with Box–Muller normals, see assembly/rng.ts): same seed, same bits, anywhere.
import { wasm } from '../core/wasm.js';
import { withScratch } from '../core/memory.js';
import { NonFiniteInput } from '../core/errors.js';

const STATE_BYTES = 48;

function checkSeed(seed: number): void {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`Random: seed must be a non-negative safe integer; got ${seed}`);
  }
}

export class Random {
  /** Raw generator state; kept as bytes so no NaN-boxing can alter it. */
  private readonly state = new Uint8Array(STATE_BYTES);

  /** @param seed a non-negative integer below 2^53 */
  constructor(seed: number) {
    checkSeed(seed);
    this.run(0, (ps) => wasm().rngSeed(ps, seed));
  }

  /**
   * `length` draws from N(0, scale²).
   * @throws {NonFiniteInput} when scale is NaN or ±Infinity
   */
  normal(length: number, scale = 1): Float64Array {
    if (!Number.isFinite(scale)) {
      throw new NonFiniteInput(`Random.normal: argument 'scale' must be finite; got ${scale}`);
    }
    return this.run(length, (ps, pout) => wasm().rngNormal(ps, pout, length, scale));
  }

  /** `length` draws from U[0, 1). */
  uniform(length: number): Float64Array {
    return this.run(length, (ps, pout) => wasm().rngUniform(ps, pout, length));
  }

  private run(length: number, body: (ps: number, pout: number) => void): Float64Array {
    if (!Number.isInteger(length) || length < 0) {
      throw new RangeError(`Random: length must be a non-negative integer; got ${length}`);
    }
    return withScratch((scratch) => {
      const k = wasm();
      const ps = scratch.alloc(STATE_BYTES / 8);
      const pout = scratch.alloc(length);
      new Uint8Array(k.memory.buffer, ps, STATE_BYTES).set(this.state);
      body(ps, pout);
      this.state.set(new Uint8Array(k.memory.buffer, ps, STATE_BYTES));
      return new Float64Array(k.memory.buffer, pout, length).slice();
    });
  }
}

/** `length` normals N(0, scale²) from a fresh generator seeded with `seed`. */
export function randn(length: number, opts: { seed: number; scale?: number }): Float64Array {
  return new Random(opts.seed).normal(length, opts.scale ?? 1);
}
