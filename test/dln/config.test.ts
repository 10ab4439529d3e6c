// Every malformed config field and train option raises a named error naming the field, the rule
// and the value received.
import { describe, expect, it } from 'vitest';
import {
  DeepLinearNetwork, InvalidArgument, Matrix, NonFiniteInput, ShapeMismatch, type NetworkConfig,
} from '../../src/index.js';
import { problemP0 } from './helpers.js';

const { A, b } = problemP0();
const good: NetworkConfig = { A, b, widths: [4, 3], init: { kind: 'gaussian' }, seed: 1 };

function rejects(
  patch: Partial<NetworkConfig> | Record<string, unknown>, kind: unknown, msg: RegExp,
) {
  const config = { ...good, ...patch } as NetworkConfig;
  expect(() => new DeepLinearNetwork(config)).toThrow(kind as never);
  expect(() => new DeepLinearNetwork(config)).toThrow(msg);
}

describe('NetworkConfig validation', () => {
  it('names a width that is not a positive integer', () => {
    rejects({ widths: [4, 0] }, RangeError,
      /config\.widths\[1\] must be a positive integer; got 0/);
    rejects({ widths: [2.5] }, RangeError, /config\.widths\[0\].*got 2\.5/);
    // A hole in the list (forEach would skip it) is named too.
    rejects({ widths: [4, , 4] }, RangeError, /config\.widths\[1\].*got undefined/);
  });

  it('names b of the wrong length, with A’s shape', () => {
    rejects({ b: new Float64Array(4) }, ShapeMismatch,
      /config\.b must have length n = 5 \(A is 5×20\); got 4/);
    rejects({ b: Matrix.zeros(4, 2) }, ShapeMismatch, /config\.b must be 5×k.*got 4×2/);
  });

  it('names NaN in A or b with its position', () => {
    const bad = A.clone();
    bad.data[23] = NaN;
    rejects({ A: bad }, NonFiniteInput, /config\.A.*must be finite; found NaN at \(1, 3\)/);
    const nb = b.slice();
    nb[2] = Infinity;
    rejects({ b: nb }, NonFiniteInput, /config\.b must be finite; found Infinity at \[2\]/);
  });

  it('names an init list of the wrong length and a custom value of the wrong shape', () => {
    rejects({ init: [{ kind: 'zero' }, { kind: 'zero' }] }, ShapeMismatch,
      /config\.init must be one FactorInit or a list of depth \+ 1 = 3 .*got a list of 2/);
    const badCustom = { kind: 'custom' as const, value: Matrix.zeros(3, 4) };
    rejects({ init: [{ kind: 'zero' }, badCustom, { kind: 'zero' }] },
      ShapeMismatch, /config\.init\[1\]\.value must be 4×3; got 3×4/);
    rejects({ init: { kind: 'custom' } }, InvalidArgument, /config\.init\.value must be a Matrix/);
    rejects({ init: { kind: 'normal' } }, InvalidArgument,
      /config\.init\.kind must be one of .*got string "normal"/);
  });

  it('names a bad A, seed, frozen list and lazyAlpha', () => {
    rejects({ A: [[1, 2]] }, InvalidArgument, /config\.A must be a Matrix; got array/);
    rejects({ seed: -1 }, RangeError, /config\.seed must be a non-negative safe integer; got -1/);
    rejects({ frozen: [true] }, ShapeMismatch,
      /config\.frozen must list depth \+ 1 = 3 .*got a list of 1/);
    rejects({ lazyAlpha: 0 }, RangeError, /config\.lazyAlpha must be a finite number > 0; got 0/);
  });

  it('accepts any n, d ≥ 1: an overdetermined A trains to the least-squares solution', () => {
    const tall = Matrix.randn(8, 3, { seed: 5 });
    const net = new DeepLinearNetwork({
      A: tall, b: new Float64Array(8).fill(1), widths: [], init: { kind: 'zero' }, seed: 0,
    });
    const res = net.train({ step: 'auto', maxSteps: 5000, gradTol: 1e-13 });
    expect(res.reason).toBe('gradient');
    expect(res.history.at(-1)!.distanceToMinNorm).toBeLessThan(1e-12);
    net.dispose();
  });
});

describe('misspelt keys', () => {
  it('refuses an unknown config or init key instead of running with its default', () => {
    rejects({ lazyalpha: 100 }, InvalidArgument,
      /unknown config key 'lazyalpha'; expected one of A, b, widths, init, seed, frozen/);
    rejects({ freeze: [true, false, false] }, InvalidArgument, /unknown config key 'freeze'/);
    rejects({ init: { kind: 'gaussian', scael: 1e-6 } as never }, InvalidArgument,
      /unknown config\.init key 'scael'; expected one of kind, scale, variance, value, u0/);
    rejects({ init: [{ kind: 'zero' }, { kind: 'gaussian', varience: 'unit' } as never,
      { kind: 'gaussian' }] }, InvalidArgument, /unknown config\.init\[1\] key 'varience'/);
  });

  it("step: 'auto' on A = 0 says that A is zero, not that something left the f64 range", () => {
    const net = new DeepLinearNetwork({ ...good, A: new Matrix(A.rows, A.cols) });
    expect(() => net.train({ step: 'auto', maxSteps: 2 })).toThrow(/A is the zero matrix/);
    net.dispose();
  });

  it("refuses record: 'false' (a truthy string) in train", () => {
    const net = new DeepLinearNetwork(good);
    expect(() => net.train({ step: 'auto', maxSteps: 2, record: 'false' as never }))
      .toThrow("option 'record' must be true, false or absent; got string \"false\"");
    net.dispose();
  });
});

describe('TrainOptions validation', () => {
  const net = new DeepLinearNetwork(good);
  it.each([
    [{ step: 0, maxSteps: 1 }, /option 'step' must be a finite number > 0 or 'auto'; got 0/],
    [{ step: NaN, maxSteps: 1 }, /option 'step'.*got NaN/],
    [{ step: 0.1, maxSteps: -1 }, /option 'maxSteps' must be a non-negative integer; got -1/],
    [{ step: 0.1, maxSteps: 1.5 }, /option 'maxSteps'.*got 1\.5/],
    [{ step: 0.1, maxSteps: 1, momentum: 1 }, /option 'momentum' must be in \[0, 1\); got 1/],
    [{ step: 0.1, maxSteps: 1, every: -2 }, /option 'every'.*got -2/],
  ])('rejects %o', (opts, msg) => {
    expect(() => net.train(opts as never)).toThrow(RangeError);
    expect(() => net.train(opts as never)).toThrow(msg);
  });

  it('rejects a misspelt option, naming the accepted ones', () => {
    expect(() => net.train({ stepp: 3, step: 0.1, maxSteps: 1 } as never)).toThrow(
      "DeepLinearNetwork.train: unknown option 'stepp'; expected one of step, maxSteps, " +
        'lossTol, gradTol, every, momentum, record');
  });
});
