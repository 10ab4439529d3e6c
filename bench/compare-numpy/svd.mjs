// deeplin against numpy on the same matrices, calls alternating one by one so that both see the
// same machine load. The numpy side (svd.py) runs with OPENBLAS_NUM_THREADS=1 and with
// OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset in its own environment only (see the machine
// notes: they pin an old kernel choice that slows a current numpy).
// With --cpu both sides report CPU time instead of wall time (process.cpuUsage here,
// time.process_time there), which a loaded machine distorts far less.
// Run after npm run build: node bench/compare-numpy/svd.mjs [--reps N] [--quick] [--cpu]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { init, Matrix, svd, minNormSolution } from '../../dist/index.js';
import { machineLine } from '../machine.mjs';

const args = process.argv.slice(2);
const reps = Number(args[args.indexOf('--reps') + 1]) || 7;
const cpu = args.includes('--cpu');
const shapes = args.includes('--quick')
  ? [[64, 128], [256, 512]]
  : [[64, 128], [128, 256], [256, 512], [512, 1024], [256, 256], [512, 512]];

function median(xs) {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)];
}

export async function run() {
  await init();
  const folder = mkdtempSync(join(tmpdir(), 'deeplin-svd-'));
  const mats = shapes.map(([m, n]) => {
    const a = Matrix.randn(m, n, { seed: m * 31 + n });
    const b = Matrix.randn(m, 1, { seed: 5 }).data;
    writeFileSync(join(folder, `${m}_${n}.f64`), a.data);
    writeFileSync(join(folder, `${m}_${n}.b.f64`), b);
    return { m, n, a, b };
  });
  writeFileSync(join(folder, 'index.json'), JSON.stringify(shapes));

  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1' };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const script = fileURLToPath(new URL('./svd.py', import.meta.url));
  const pyArgs = cpu ? [script, folder, '--cpu'] : [script, folder];
  const py = spawn('python3', pyArgs, { env, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: py.stdout })[Symbol.asyncIterator]();
  const next = async () => (await lines.next()).value;
  const header = JSON.parse(await next());
  const numpy = async (op, i) => {
    py.stdin.write(`${op} ${i}\n`);
    return Number(await next());
  };
  const ours = (f) => {
    if (cpu) {
      const c0 = process.cpuUsage();
      f();
      const c = process.cpuUsage(c0);
      return (c.user + c.system) / 1000;
    }
    const t0 = performance.now();
    f();
    return performance.now() - t0;
  };

  // Tier-up: V8 compiles hot Wasm and JS functions anew over the first calls (the first ten
  // 64×128 SVDs take 5–15× the CPU time of later ones), so warm every op up on the smallest
  // matrix before any timing, on both of svd's paths (64×128 takes Jacobi by default).
  const first = mats[0];
  for (let w = 0; w < 20; w++) {
    for (const method of ['jacobi', 'divideAndConquer']) {
      svd(first.a, { method });
      svd(first.a, { vectors: 'none', method });
    }
    minNormSolution(first.a, first.b);
  }

  const rows = [];
  for (const [i, { m, n, a, b }] of mats.entries()) {
    const pairs = [
      ['svd', () => svd(a)],
      ['values', () => svd(a, { vectors: 'none' })],
      ['lstsq', () => minNormSolution(a, b)],
    ];
    const row = { shape: `${m}×${n}` };
    for (const [op, f] of pairs) {
      ours(f); await numpy(op, i); // warm-up: Wasm tier-up, LAPACK workspace
      const t = { d: [], n: [] };
      for (let r = 0; r < reps; r++) {
        t.d.push(ours(f));
        t.n.push(await numpy(op, i));
      }
      const [dm, nm] = [median(t.d), median(t.n)];
      row[`${op} deeplin`] = dm.toFixed(1);
      row[`${op} numpy`] = nm.toFixed(1);
      row[`${op} ratio`] = (dm / nm).toFixed(2);
    }
    rows.push(row);
    console.error(`done ${m}×${n}`);
  }
  py.stdin.end();
  rmSync(folder, { recursive: true, force: true });
  console.log(machineLine());
  console.log(`numpy ${header.numpy}; BLAS (threadpoolctl): ${JSON.stringify(header.blas)}`);
  console.log(`median ${cpu ? 'CPU' : 'wall'} ms over`, reps,
    'alternating calls; ratio = deeplin / numpy;',
    "'lstsq' is deeplin minNormSolution vs numpy.linalg.lstsq");
  console.table(rows);
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
