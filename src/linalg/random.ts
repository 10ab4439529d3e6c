// A seeded generator whose state lives in the JS heap and whose arithmetic runs in Wasm
// (xoshiro256** with Box–Muller normals, see assembly/rng.ts): same seed, same bits, anywhere.
import { wasm } from '../core/wasm.js';
import { withScratch } from '../core/memory.js';
import { InvalidArgument, kindOf, NonFiniteInput, Overflow, shown } from '../core/errors.js';

const STATE_BYTES = 48;

/**
 * @param what how the message names the seed ("seed", "option 'seed'")
 * @throws {InvalidArgument} when the seed is not a number
 * @throws {RangeError} when it is not a non-negative safe integer
 */
export function checkSeed(fn: string, what: string, seed: unknown): number {
  if (typeof seed !== 'number') {
    throw new InvalidArgument(
      `${fn}: ${what} must be a non-negative safe integer; got ${kindOf(seed)}`,
    );
  }
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`${fn}: ${what} must be a non-negative safe integer; got ${shown(seed)}`);
  }
  return seed;
}

/**
 * The scale of normal draws: a finite number. A negative scale is accepted on purpose: −s
 * gives the same distribution N(0, s²) as s (the very draws of s with their signs flipped).
 * @throws {InvalidArgument} when scale is not a number
 * @throws {NonFiniteInput} when scale is NaN or ±Infinity
 */
export function checkScale(fn: string, what: string, scale: unknown): number {
  if (typeof scale !== 'number') {
    throw new InvalidArgument(`${fn}: ${what} must be a finite number; got ${kindOf(scale)}`);
  }
  if (!Number.isFinite(scale)) {
    throw new NonFiniteInput(`${fn}: ${what} must be finite; got ${shown(scale)}`);
  }
  return scale;
}

/**
 * Normal draws times a finite scale can still leave the f64 range (scale 1e308 and a draw
 * beyond 1.8 in magnitude): refuse them rather than hand back ±Infinity.
 * @throws {Overflow} naming the scale and the first draw that overflowed
 */
export function checkDraws(fn: string, scale: number, draws: Float64Array, cols?: number): void {
  for (let i = 0; i < draws.length; i++) {
    const x = draws[i]!;
    if (x - x !== 0) {
      const where = cols ? `(${Math.floor(i / cols)}, ${i % cols})` : `[${i}]`;
      throw new Overflow(
        `${fn}: normal draws times scale ${scale} leave the f64 range: entry ${where} is ` +
          `${x}; use a smaller scale`,
      );
    }
  }
}

export class Random {
  /** Raw generator state; kept as bytes so no NaN-boxing can alter it. */
  private readonly state = new Uint8Array(STATE_BYTES);

  /** @param seed a non-negative integer below 2^53 */
  constructor(seed: number) {
    checkSeed('Random', 'seed', seed);
    this.run(0, (ps) => wasm().rngSeed(ps, seed));
  }

  /**
   * `length` draws from N(0, scale²): scale·z for standard normals z, so a negative scale is
   * allowed and flips the signs of the draws (same distribution).
   * @throws {InvalidArgument} when scale is not a number
   * @throws {NonFiniteInput} when scale is NaN or ±Infinity
   * @throws {Overflow} when a draw times scale leaves the f64 range (the generator has
   *   advanced past the draws all the same)
   */
  normal(length: number, scale = 1): Float64Array {
    return this.normalFor('Random.normal', "argument 'scale'", length, scale);
  }

  /** @internal Random.normal, with the caller's name in the messages. */
  normalFor(fn: string, what: string, length: number, scale: unknown, cols?: number) {
    const s = checkScale(fn, what, scale);
    const draws = this.run(length, (ps, pout) => wasm().rngNormal(ps, pout, length, s));
    checkDraws(fn, s, draws, cols);
    return draws;
  }

  /** `length` draws from U[0, 1). */
  uniform(length: number): Float64Array {
    return this.run(length, (ps, pout) => wasm().rngUniform(ps, pout, length));
  }

  private run(length: number, body: (ps: number, pout: number) => void): Float64Array {
    if (!Number.isInteger(length) || length < 0) {
      throw new RangeError(`Random: length must be a non-negative integer; got ${shown(length)}`);
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

/**
 * `length` normals N(0, scale²) from a fresh generator seeded with `seed` (scale default 1;
 * negative allowed, see Random.normal).
 * @throws {InvalidArgument} when opts is not an object, or seed or scale not a number
 * @throws {RangeError} when seed is not a non-negative safe integer
 * @throws {NonFiniteInput} when scale is not finite; {Overflow} when draws overflow
 */
export function randn(length: number, opts: { seed: number; scale?: number }): Float64Array {
  const o = checkSeededOptions('randn', opts);
  return new Random(o.seed).normalFor('randn', "option 'scale'", length, o.scale ?? 1);
}

/**
 * The `{ seed, scale? }` options of randn and Matrix.randn: an object (the seed is required),
 * a seed checked under the caller's name, a scale that is absent or a number.
 */
export function checkSeededOptions(
  fn: string, opts: unknown,
): { seed: number; scale: number | undefined } {
  if (typeof opts !== 'object' || opts === null || Array.isArray(opts)) {
    throw new InvalidArgument(
      `${fn}: argument 'opts' must be an object { seed, scale? }; got ${kindOf(opts)}`,
    );
  }
  const { seed, scale } = opts as { seed?: unknown; scale?: unknown };
  checkSeed(fn, "option 'seed'", seed);
  if (scale !== undefined) checkScale(fn, "option 'scale'", scale);
  return { seed: seed as number, scale: scale as number | undefined };
}
