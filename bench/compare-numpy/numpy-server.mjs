// Start one of the python line servers of this folder with numpy on one OpenBLAS thread.
// OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are removed from the child's environment only (the
// machine notes: they pin an old kernel choice that slows a current numpy); nothing else of
// this process's environment changes.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export function numpyEnv() {
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

/** Spawn `python3 <script> ...args`; read its JSON header line; ask(line) → its answer line. */
export async function startNumpy(script, args) {
  const path = fileURLToPath(new URL(script, import.meta.url));
  const py = spawn('python3', [path, ...args], {
    env: numpyEnv(), stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: py.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`${script} ended early (exit code ${py.exitCode})`);
    return value;
  };
  const header = JSON.parse(await next());
  return {
    header,
    async ask(line) {
      py.stdin.write(`${line}\n`);
      return next();
    },
    close() {
      py.stdin.end();
    },
  };
}
