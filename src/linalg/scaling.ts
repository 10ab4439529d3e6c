// Power-of-two scaling for the decompositions: an input is brought to a largest entry in [1, 2)
// before any norm or reflector is formed, and the result is scaled back at the end. Scaling by
// 2^k is exact while the entries stay normal, so only entries below 2^-1022 of the largest
// lose bits (far below what any of these algorithms resolves). The scaled-back result is then
// checked: an entry that truly leaves the f64 range raises Overflow naming the public function,
// never ±Infinity or NaN.
import { Overflow } from '../core/errors.js';
import { Matrix } from './matrix.js';

/** x·2^k without intermediate overflow or underflow, for any integer k. */
export function timesPow2(x: number, k: number): number {
  // Steps of at most 2^±1000 keep each factor finite; the product moves monotonically, so it
  // is rounded at most where it turns subnormal.
  let y = x;
  let r = k;
  while (r > 1000) { y *= 2 ** 1000; r -= 1000; }
  while (r < -1000) { y *= 2 ** -1000; r += 1000; }
  return y * 2 ** r;
}

/** The exponent e with max|data|·2^e in [1, 2); 0 for all-zero data. */
export function normalizingExponent(data: Float64Array): number {
  let amax = 0;
  for (let i = 0; i < data.length; i++) amax = Math.max(amax, Math.abs(data[i]!));
  return exponentFor(amax);
}

/** The exponent e with amax·2^e in [1, 2); 0 for amax = 0. */
export function exponentFor(amax: number): number {
  if (amax === 0) return 0;
  // log2 can round up at the top of a binade; the loop makes the exponent exact.
  let e = -Math.floor(Math.log2(amax));
  while (timesPow2(amax, e) >= 2) e--;
  while (timesPow2(amax, e) < 1) e++;
  return e;
}

/** The two factors 2^⌊e/2⌋ and 2^(e−⌊e/2⌋), whose product scales by 2^e without overflow. */
export function pow2Pair(e: number): [number, number] {
  const half = Math.trunc(e / 2);
  return [2 ** half, 2 ** (e - half)];
}

/** data·2^e into a new array. */
export function scaledData(data: Float64Array, e: number): Float64Array {
  const out = new Float64Array(data.length);
  if (e === 0) {
    out.set(data);
  } else if (Math.abs(e) <= 1000) {
    // 2^e itself is finite and normal here, so one multiplication rounds at most once, where
    // the product turns subnormal, exactly as timesPow2's steps would.
    const factor = 2 ** e;
    for (let i = 0; i < data.length; i++) out[i] = data[i]! * factor;
  } else {
    for (let i = 0; i < data.length; i++) out[i] = timesPow2(data[i]!, e);
  }
  return out;
}

/** A·2^e with e normalizing A's largest entry to [1, 2) (e = 0 for the zero matrix). */
export function normalized(a: Matrix): { As: Matrix; e: number } {
  const e = normalizingExponent(a.data);
  return { As: new Matrix(a.rows, a.cols, scaledData(a.data, e)), e };
}

/**
 * Scale `data` by 2^k in place and check that every entry is representable.
 * @param what the result's name as the message prints it before the index: 'R entry' gives
 *   "R entry (0, 1)", 's' gives "s[0]"
 * @throws {Overflow} naming `fn`, `what` and the first entry beyond the f64 range
 */
export function unscaleChecked(
  fn: string, what: string, data: Float64Array, k: number, cols?: number,
): void {
  for (let i = 0; i < data.length; i++) {
    const x = data[i]!;
    const y = timesPow2(x, k);
    if (y - y !== 0) {
      const where = cols ? ` (${Math.floor(i / cols)}, ${i % cols})` : `[${i}]`;
      const log10 = Math.log10(Math.abs(x)) + k * Math.LOG10E * Math.LN2;
      // The mantissa is rounded before the exponent is fixed, so 9.999… prints as 1.00e+616.
      let p10 = Math.floor(log10);
      let mantissa = (10 ** (log10 - p10)).toFixed(2);
      if (mantissa === '10.00') {
        mantissa = '1.00';
        p10 += 1;
      }
      const size = Number.isFinite(log10) ? `about ${mantissa}e+${p10}` : `${x}·2^${k}`;
      throw new Overflow(
        `${fn}: ${what}${where} is ${size}, beyond the f64 range (|x| ≤ 1.8e308); ` +
          'the result is not representable although the input is finite',
      );
    }
    data[i] = y;
  }
}
