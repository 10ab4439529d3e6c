// The named error classes: their names, the built-in class each extends (so callers may catch
// RangeError or TypeError), and the shape format messages use.
import { describe, expect, it } from 'vitest';
import {
  ConvergenceFailure, Diverged, Disposed, EmptyInput, InvalidArgument, NonFiniteInput,
  NotInitialized, RaggedInput, ShapeMismatch, SingularMatrix, init, kernelVariant,
} from '../../src/index.js';
import { kindOf, shapeOf } from '../../src/core/errors.js';
import { Matrix, minWeightNorm, svd } from '../../src/index.js';

const classes = [
  [ShapeMismatch, 'ShapeMismatch', RangeError],
  [RaggedInput, 'RaggedInput', RangeError],
  [EmptyInput, 'EmptyInput', RangeError],
  [NonFiniteInput, 'NonFiniteInput', RangeError],
  [SingularMatrix, 'SingularMatrix', RangeError],
  [InvalidArgument, 'InvalidArgument', TypeError],
  [ConvergenceFailure, 'ConvergenceFailure', Error],
  [Diverged, 'Diverged', Error],
  [NotInitialized, 'NotInitialized', Error],
  [Disposed, 'Disposed', Error],
] as const;

describe('error classes', () => {
  for (const [Class, name, Base] of classes) {
    it(`${name} carries its name and message and extends ${Base.name}`, () => {
      const err = new Class('f: argument x is wrong');
      expect(err).toBeInstanceOf(Class);
      expect(err).toBeInstanceOf(Base);
      expect(err).toBeInstanceOf(Error);
      expect(err.name).toBe(name);
      expect(err.message).toBe('f: argument x is wrong');
      expect(String(err)).toBe(`${name}: f: argument x is wrong`);
    });
  }

  it('shapeOf prints matrices as rows×cols and vectors as (length)', () => {
    expect(shapeOf(2, 3)).toBe('2×3');
    expect(shapeOf(0, 5)).toBe('0×5');
    expect(shapeOf(7)).toBe('(7)');
  });
});

// Regression (hostile-input review): init(null), init(42) and init({}) reached
// WebAssembly.compile and failed with a bare TypeError (or, once loaded, passed silently).
// Since init takes an options object, {} is the empty one; a key it does not know is refused.
describe('init refuses an argument of the wrong kind', () => {
  it('rejects with InvalidArgument naming what init accepts, before or after loading', async () => {
    const expected = (got: string) =>
      "init: argument 'options' must be absent, an options object { relaxedSimd }, bytes (an " +
      `ArrayBuffer or typed array), a WebAssembly.Module, a URL or a URL string; got ${got}`;
    for (const [source, got] of [[null, 'null'], [42, 'number 42'], [[], 'Array']] as const) {
      const call = init(source as unknown as string);
      await expect(call).rejects.toThrow(InvalidArgument);
      await expect(call).rejects.toThrow(expected(got));
    }
    await expect(init({})).resolves.toBeUndefined();
    await expect(init()).resolves.toBeUndefined();
  });

  it('rejects bad options with InvalidArgument naming the option and what came', async () => {
    await expect(init({ relaxedSimd: 'yes' } as unknown as { relaxedSimd: boolean })).rejects
      .toThrow("init: option 'relaxedSimd' must be true, false or absent; got string \"yes\"");
    await expect(init({ relaxedSIMD: true } as unknown as { relaxedSimd: boolean })).rejects
      .toThrow("init: unknown option 'relaxedSIMD'; the one option is 'relaxedSimd'");
  });

  it('rejects a relaxedSimd choice that differs from the first one, and keeps the module',
    async () => {
      // test/setup.ts called init() with no options: that is relaxedSimd: false.
      const call = init({ relaxedSimd: true });
      await expect(call).rejects.toThrow(InvalidArgument);
      await expect(call).rejects.toThrow('init: the kernels were already requested with ' +
        'relaxedSimd: false; relaxedSimd: true cannot replace them');
      await expect(init({ relaxedSimd: false })).resolves.toBeUndefined();
      expect(kernelVariant()).toBe('portable');
    });

  it('kindOf names the type and, when short, the value', () => {
    expect(kindOf(null)).toBe('null');
    expect(kindOf(undefined)).toBe('undefined');
    expect(kindOf(1n)).toBe('bigint 1n');
    expect(kindOf('1')).toBe('string "1"');
    expect(kindOf(new Float32Array(1))).toBe('Float32Array');
    expect(kindOf(Object.create(null))).toBe('object');
  });

  it('a string where a number belongs is shown as a string, not read as the number', () => {
    const a = Matrix.randn(3, 5, { seed: 1 });
    const b = Matrix.randn(3, 1, { seed: 2 });
    expect(() => minWeightNorm(a, b, '2' as unknown as number))
      .toThrow("minWeightNorm: argument 'depth' must be a non-negative integer; got string \"2\"");
    expect(() => svd(a, { maxSweeps: '3' as unknown as number }))
      .toThrow("svd: option 'maxSweeps' must be an integer ≥ 1; got string \"3\"");
    expect(() => Matrix.randn(2, '3' as unknown as number))
      .toThrow('Matrix.randn: cols must be a non-negative integer; got string "3"');
    // Numbers print as they are.
    expect(() => svd(a, { maxSweeps: 0 }))
      .toThrow("svd: option 'maxSweeps' must be an integer ≥ 1; got 0");
  });
});
