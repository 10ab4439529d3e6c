// docs/errors.md quotes the library's messages; each quote is checked against the real error
// here (class, name and exact text), so the page cannot drift from the code.
import { describe, expect, it } from 'vitest';
import * as lib from '../../src/index.js';
import doc from '../../docs/errors.md?raw';

const { Matrix, DeepLinearNetwork } = lib;

function divergingNetwork() {
  return new DeepLinearNetwork({
    A: Matrix.fromRows([[1, 0, 1, 0], [0, 1, 0, 1]]), b: Float64Array.of(100, 200), widths: [1],
    init: [{ kind: 'custom', value: new Matrix(4, 1, new Float64Array(4).fill(0.1)) },
      { kind: 'custom', value: Matrix.fromRows([[0.1]]) }],
    seed: 0,
  });
}

const calls: [string, () => unknown][] = [
  ['ShapeMismatch', () => lib.matmul(Matrix.fromRows([[1, 2, 3], [4, 5, 6]]),
    Matrix.fromRows([[7, 8], [9, 10]]))],
  ['RaggedInput', () => Matrix.fromRows([[1, 2], [3]], 'A')],
  ['EmptyInput', () => lib.svd(new Matrix(0, 3))],
  ['NonFiniteInput', () => lib.svd(Matrix.fromRows([[1, 2, NaN], [0, 0, 0]]))],
  ['Overflow', () => lib.matmul(Matrix.fromRows([[1e300, 1e300]]),
    Matrix.fromRows([[1e300], [-1e300]]))],
  ['Overflow', () => new DeepLinearNetwork({ A: Matrix.fromRows([[1, 2]]), b: Float64Array.of(1),
    widths: [1], init: { kind: 'gaussian', scale: 1e300 }, seed: 0 })],
  ['SingularMatrix', () => lib.solve(Matrix.fromRows([[1, 2], [2, 4]]), [1, 1])],
  ['SingularMatrix', () => lib.solve(Matrix.fromRows(
    [[-0.4, 0.3, -1], [0.6, -0.5, -0.9], [-0.42000000000000004, 0.32, -0.81]]), [1, 0, 0])],
  ['ConvergenceFailure', () => lib.svd(Matrix.randn(6, 4, { seed: 1 }), { maxSweeps: 1 })],
  ['Diverged', () => divergingNetwork().train({ step: 0.05, maxSteps: 5000 })],
  ['InvalidArgument', () => lib.svd([[1, 2]] as unknown as lib.Matrix)],
  ['InvalidArgument', () => lib.svd(Matrix.eye(2), { vectors: 'all' as 'thin' })],
  ['InvalidArgument', () => lib.pinv(Matrix.eye(2), { rcond: -1 })],
  ['InvalidArgument', () => lib.matmul(Matrix.eye(2), Matrix.eye(2),
    { tranposeB: true } as never)],
  ['InvalidArgument', () => new Matrix(1, 2, [1, 2] as unknown as Float64Array)],
  ['RangeError', () => new Matrix(2, 1.5)],
  ['RangeError', () => new DeepLinearNetwork({ A: Matrix.eye(2), b: Float64Array.of(1, 2),
    widths: [0], init: { kind: 'gaussian' }, seed: 0 })],
  ['RangeError', () => divergingNetwork().train({ step: -1, maxSteps: 5 })],
  ['RangeError', () => new DeepLinearNetwork({ A: Matrix.fromRows([[1e-200, 2e-200]]),
    b: Float64Array.of(1e-200), widths: [], init: { kind: 'zero' }, seed: 0,
  }).train({ step: 'auto', maxSteps: 1 })],
  ['RangeError', () => lib.matmul(new Matrix(23171, 1), new Matrix(1, 23171))],
  ['Disposed', () => {
    const net = divergingNetwork();
    net.dispose();
    return net.loss();
  }],
];

describe('docs/errors.md', () => {
  it('quotes every message exactly, under the right class', () => {
    for (const [kind, call] of calls) {
      let caught: Error | undefined;
      try {
        call();
      } catch (e) {
        caught = e as Error;
      }
      expect(caught, kind).toBeInstanceOf(Error);
      const Class = (lib as unknown as Record<string, new () => Error>)[kind] ?? RangeError;
      expect(caught).toBeInstanceOf(Class);
      expect(caught!.name).toBe(kind);
      expect(doc, `${kind} message not quoted`).toContain(`\`${caught!.message}\``);
      expect(doc).toContain(`**${kind}`);
    }
  });

  it('lists every exported error class', () => {
    const classes = Object.entries(lib).filter(([, v]) =>
      typeof v === 'function' && v.prototype instanceof Error).map(([k]) => k);
    expect(classes.length).toBeGreaterThanOrEqual(11);
    for (const name of classes) {
      if (name === 'TrainingDiverged') expect(doc).toContain('`TrainingDiverged`');
      else expect(doc, name).toContain(`| \`${name}\` |`);
    }
  });

  it("quotes NotInitialized's message as the source has it", async () => {
    // A fresh instance cannot be had in this file (setup already ran init), so compare with
    // the text the loader throws.
    const wasmSource = await import('../../src/core/wasm.ts?raw');
    const m = /new NotInitialized\('([^']+)'\)/.exec(wasmSource.default)!;
    expect(doc).toContain(`\`${m[1]}\``);
  });
});
