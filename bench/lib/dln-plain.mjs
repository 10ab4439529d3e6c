// The deep linear network of the DLN-step benchmark, shared by the Node suite and the browser
// page: the sizes, the problem a size trains on, the same gradient-descent step in plain JS
// (the baseline), and the check that deeplin and the plain step reach the same θ.
import { DeepLinearNetwork, Matrix } from '../../dist/index.js';

/** h = 3 square layers m = d at n = 64, and the paper's small size n = 5, d = 20, m = 10. */
export const SIZES = [
  { n: 64, d: 256, m: 256, h: 3 },
  { n: 64, d: 1024, m: 1024, h: 3 },
  { n: 5, d: 20, m: 10, h: 3 },
];
export const STEP = 1e-4;

/** The case name, every parameter in it. */
export const dlnCaseName = ({ n, d, m, h }) => `dln:step,n=${n},d=${d},m=${m},h=${h}`;

export function configOf({ n, d, m, h }) {
  const A = Matrix.randn(n, d, { seed: 1, scale: 1 / Math.sqrt(d) });
  const b = Matrix.randn(n, 1, { seed: 2 }).data;
  return { A, b, widths: new Array(h).fill(m), init: { kind: 'gaussian' }, seed: 3 };
}

/** The same GD step in plain JS: forward dots, residual, fused backward-and-update sweeps. */
export function plainStep(A, n, d, b, layers, x, work) {
  const h = layers.length;
  const { s, u } = work;
  s[h] = x;
  for (let i = h - 1; i >= 0; i--) {
    const { w, rows, cols } = layers[i];
    const inp = s[i + 1];
    const out = s[i];
    for (let r = 0; r < rows; r++) {
      let acc = 0;
      const o = r * cols;
      for (let c = 0; c < cols; c++) acc += w[o + c] * inp[c];
      out[r] = acc;
    }
  }
  const theta = s[0];
  const r = work.r;
  for (let i = 0; i < n; i++) {
    let acc = -b[i];
    for (let j = 0; j < d; j++) acc += A[i * d + j] * theta[j];
    r[i] = acc;
  }
  const g = u[0];
  g.fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) g[j] += A[i * d + j] * r[i];
  for (let i = 0; i < h; i++) {
    const { w, rows, cols } = layers[i];
    const ui = u[i];
    const next = u[i + 1];
    const si = s[i + 1];
    next.fill(0);
    for (let row = 0; row < rows; row++) {
      const a = ui[row];
      const c = -STEP * a;
      const o = row * cols;
      for (let col = 0; col < cols; col++) {
        const v = w[o + col];
        next[col] += a * v;
        w[o + col] = v + c * si[col];
      }
    }
  }
  for (let j = 0; j < x.length; j++) x[j] -= STEP * u[h][j];
}

/** The plain step's own copy of a network's initial factors, and its work vectors. */
export function plainState(net, config) {
  const f = net.initialFactors();
  const layers = f.slice(0, -1).map((w) => ({ w: w.data.slice(), rows: w.rows, cols: w.cols }));
  const x = f.at(-1).data.slice();
  const dims = [config.A.cols, ...config.widths];
  const s = dims.map((m) => new Float64Array(m));
  const u = dims.map((m) => new Float64Array(m));
  return { layers, x, work: { s, u, r: new Float64Array(config.A.rows) } };
}

/** Run `steps` plain steps on a state. */
export function plainSteps(size, config, state, steps) {
  const A = config.A.data;
  for (let t = 0; t < steps; t++) {
    plainStep(A, size.n, size.d, config.b, state.layers, state.x, state.work);
  }
}

/**
 * Five deeplin steps and five plain steps from the same start reach the same θ (to 1e-12
 * relative), so the two implementations do the same work.
 * @throws Error when they differ
 */
export function checkSameTheta(size, config) {
  const check = new DeepLinearNetwork(config);
  try {
    check.train({ step: STEP, maxSteps: 5, lossTol: 0, record: false });
    const probe = plainState(check, config);
    // The sixth plain step's forward pass leaves θ after five updates in work.s[0].
    plainSteps(size, config, probe, 6);
    const theta = check.theta();
    let diff = 0;
    let scale = 0;
    for (let j = 0; j < size.d; j++) {
      diff = Math.max(diff, Math.abs(theta[j] - probe.work.s[0][j]));
      scale = Math.max(scale, Math.abs(theta[j]));
    }
    if (!(diff <= 1e-12 * scale)) throw new Error(`dln bench: θ differs from plain JS by ${diff}`);
  } finally {
    check.dispose();
  }
}
