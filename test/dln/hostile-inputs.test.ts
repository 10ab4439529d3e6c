// Regression tests for faults found by a hostile-input review of dln: each input is refused with
// a named error (class and message), or the result says plainly what happened.
import { describe, expect, it } from 'vitest';
import { DeepLinearNetwork, InvalidArgument, Matrix } from '../../src/index.js';
import { problemP0 } from './helpers.js';

const { A, b } = problemP0();

describe('training a network with nothing to train', () => {
  it.each([
    [[4, 3], [true, true, true]],
    [[], [true]],
  ])('widths %o, frozen %o: refused at train, not a loop over the budget', (widths, frozen) => {
    const net = new DeepLinearNetwork({
      A, b, widths, init: { kind: 'gaussian' }, seed: 1, frozen,
    });
    const call = () => net.train({ step: 0.1, maxSteps: 1e12 });
    expect(call).toThrow(InvalidArgument);
    expect(call).toThrow(/DeepLinearNetwork\.train: every factor is frozen; nothing to train/);
    expect(net.stepsTaken).toBe(0);
    net.dispose();
  });

  it('one trainable factor is enough: frozen W1, W2 with X trained still trains', () => {
    const net = new DeepLinearNetwork({
      A, b, widths: [4, 3], init: { kind: 'gaussian' }, seed: 1, frozen: [true, true, false],
    });
    const before = net.loss();
    const res = net.train({ step: 0.1, maxSteps: 50 });
    expect(res.steps).toBe(50);
    expect(res.loss).toBeLessThan(before);
    net.dispose();
  });

  it('an inconsistent system (n > d) with step auto and no gradTol ends on the budget', () => {
    const over = Matrix.randn(8, 3, { seed: 4 });
    const target = Matrix.randn(8, 1, { seed: 5 }).data;
    const net = new DeepLinearNetwork({
      A: over, b: target, widths: [3], init: { kind: 'gaussian' }, seed: 2,
    });
    const res = net.train({ step: 'auto', maxSteps: 300 });
    expect(res.converged).toBe(false);
    expect(res.reason).toBe('budget');
    expect(res.steps).toBe(300);
    // The least-squares residual is far above lossTol: only gradTol could stop this run.
    expect(res.loss).toBeGreaterThan(1e-3);
    net.dispose();
  });
});
