// Case 25 (a TensorFlow report): a step above 2/L after a change of data scale. Gradient descent
// must raise Diverged naming the step, the loss and the step size, report L = σ_max(A)² and 2/L,
// and leave the network on its last finite weights; the unit-scale variants must converge.
import { describe, expect, it } from 'vitest';
import { DeepLinearNetwork, Diverged, Matrix, TrainingDiverged } from '../../src/index.js';
import fixture from '../fixtures/dln/25-train-step-above-2-over-L.json';

interface Variant {
  A: number[][] | { value: number[][] };
  b: number[] | { value: number[] };
  init: Record<string, number[][]>;
  x: number[];
  depth: number;
  step: number;
  iterations: number;
}

function network(v: Variant): DeepLinearNetwork {
  const rows = Array.isArray(v.A) ? v.A : v.A.value;
  const b = Array.isArray(v.b) ? v.b : v.b.value;
  const layers = Object.keys(v.init).sort().map((key) => Matrix.fromRows(v.init[key]!));
  return new DeepLinearNetwork({
    A: Matrix.fromRows(rows),
    b: Float64Array.from(b),
    widths: layers.map((w) => w.cols),
    init: [...layers, Matrix.fromRows(v.x.map((x) => [x]))].map((value) => ({
      kind: 'custom' as const, value,
    })),
    seed: 0,
  });
}

function expectDiverged(v: Variant, detectBy: number, L?: number): void {
  const net = network(v);
  let caught: unknown;
  try {
    net.train({ step: v.step, maxSteps: v.iterations });
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(Diverged);
  const err = caught as TrainingDiverged;
  expect(err).toBeInstanceOf(TrainingDiverged);
  expect(err.step).toBeLessThanOrEqual(detectBy);
  expect(err.stepSize).toBe(v.step);
  expect(err.message).toMatch(/step size 0\.0?[15]/);
  expect(err.message).toMatch(new RegExp(`at step ${err.step}`));
  if (L !== undefined) {
    const reported = Number(/L = σ_max\(A\)² = ([0-9.e+-]+)/.exec(err.message)![1]);
    expect(Math.abs(reported - L) / L).toBeLessThan(1e-6);
    expect(err.message).toContain('2/L = 6.08967');
  }
  // The network keeps the last state whose loss was finite: finite weights and loss.
  expect(net.stepsTaken).toBe(err.step - 1);
  for (const f of net.factors()) for (const w of f.data) expect(Number.isFinite(w)).toBe(true);
  expect(Number.isFinite(net.loss())).toBe(true);
  expect(err.history.at(-1)!.step).toBe(err.step - 1);
  net.dispose();
}

describe('case 25: step above 2/L', () => {
  const input = fixture.input as unknown as Variant;

  it('raises Diverged by iteration 88 with L = σ_max(A)² and 2/L, keeping finite weights', () => {
    expectDiverged(input, fixture.tolerance.detect_by_iteration, fixture.expect.L);
  });

  it('converges to θ = (0.1, 0.3) with the same step on unit-scale data', () => {
    const v = { ...input, ...fixture.variants[0]! } as unknown as Variant;
    const net = network(v);
    const res = net.train({ step: v.step, maxSteps: v.iterations });
    expect(res.converged).toBe(true);
    expect(res.loss).toBeLessThan(1e-25);
    const theta = net.theta();
    expect(theta[0]).toBeCloseTo(0.1, 12);
    expect(theta[1]).toBeCloseTo(0.3, 12);
    net.dispose();
  });

  it('reaches A⁺b on the deep (h = 2) variant whose init lies in the row space', () => {
    const v = fixture.variants[1] as unknown as Variant;
    const net = network(v);
    const res = net.train({ step: v.step, maxSteps: v.iterations });
    expect(res.converged).toBe(true);
    const theta = net.theta();
    [0.5, 1, 0.5, 1].forEach((t, i) => expect(theta[i]).toBeCloseTo(t, 12));
    net.dispose();
  });

  it('raises Diverged within 8 steps when b is scaled by 100', () => {
    const v = fixture.variants[2] as unknown as Variant;
    expectDiverged(v, fixture.variants[2]!.expect.detect_by_iteration!);
  });

  it('ends on its budget with converged: false rather than passing as a solution', () => {
    const v = { ...input, ...fixture.variants[0]! } as unknown as Variant;
    const net = network(v);
    const res = net.train({ step: v.step, maxSteps: 10 });
    expect(res).toMatchObject({ converged: false, reason: 'budget', steps: 10 });
    expect(res.loss).toBeGreaterThan(1e-6);
    net.dispose();
  });
});

describe('divergence near the top of the f64 range', () => {
  it('raises Diverged when the loss overflows though 1e12 × the start loss is Infinity', () => {
    // Regression (hostile property test): start loss 1.9e296, one step of 1e-4 overflows it.
    const net = new DeepLinearNetwork({
      A: Matrix.fromRows([[1.5e150]]), b: new Float64Array([-1.2e150]), widths: [],
      init: { kind: 'gaussian', scale: 0.01 }, seed: 0,
    });
    expect(() => net.train({ step: 1e-4, maxSteps: 1 })).toThrow(Diverged);
    expect(Number.isFinite(net.loss())).toBe(true);
    expect(net.stepsTaken).toBe(0);
    net.dispose();
  });
});
