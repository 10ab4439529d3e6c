// One seeded workload over the public API, run by the concurrency tests in worker threads, in
// Web Workers and on the main thread: the results must agree bit for bit. Takes the library
// as an argument so that Node (dist/) and the browser (src/) share it.
export function workload(lib, seed) {
  const { Matrix } = lib;
  const A = Matrix.randn(40, 30, { seed });
  const B = Matrix.randn(30, 20, { seed: seed + 1 });
  const W = Matrix.randn(12, 20, { seed: seed + 2 });
  const S = Matrix.randn(9, 9, { seed: seed + 3 });
  const b = Matrix.randn(9, 1, { seed: seed + 4 }).data;
  const f = lib.svd(W, { vectors: 'full' });
  const q = lib.qr(A);
  const net = new lib.DeepLinearNetwork({
    A: W, b: Matrix.randn(12, 1, { seed: seed + 5 }).data, widths: [16, 8],
    init: { kind: 'gaussian', scale: 0.6 }, seed,
  });
  net.train({ step: 'auto', maxSteps: 150, lossTol: 0 });
  const out = {
    matmul: lib.matmul(A, B).data,
    svdU: f.U.data, svdS: f.s, svdV: f.V.data,
    qrQ: q.Q.data, qrR: q.R.data,
    pinv: lib.pinv(W).data,
    minNorm: lib.minNormSolution(W, Matrix.randn(12, 1, { seed: seed + 6 }).data),
    solve: lib.solve(S, b),
    theta: net.theta(),
  };
  net.dispose();
  return out;
}
