// A null options object used to reach a property read and fail with a bare TypeError ("Cannot
// read properties of null"); every decomposition that takes options refuses it by name.
import { describe, expect, it } from 'vitest';
import { InvalidArgument, Matrix, lstsq, pinv, qr, rank, svd } from '../../src/index.js';

const A = Matrix.fromRows([[1, 2], [3, 4], [5, 6]]);
const calls: [string, (opts: never) => unknown][] = [
  ['svd', (o) => svd(A, o)],
  ['qr', (o) => qr(A, o)],
  ['pinv', (o) => pinv(A, o)],
  ['lstsq', (o) => lstsq(A, [1, 2, 3], o)],
  ['rank', (o) => rank(A, o)],
];

describe('decompositions refuse an options object that is not one', () => {
  for (const [fn, call] of calls) {
    it(`${fn}(A, null) and ${fn}(A, 3) name the argument`, () => {
      const message = `${fn}: argument 'opts' must be an options object or undefined; got null`;
      expect(() => call(null as never)).toThrow(InvalidArgument);
      expect(() => call(null as never)).toThrow(message);
      expect(() => call(3 as never)).toThrow(/must be an options object or undefined; got number/);
      expect(() => call(undefined as never)).not.toThrow();
    });
  }
});
