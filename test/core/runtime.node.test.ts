// The package as a user meets it, in fresh Node processes: require() from CommonJS, the error
// before init(), and a Wasm build that is byte-for-byte reproducible.
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { wasmSha256 } from '../../src/core/generated/kernels-base64.js';
import { wasmSha256 as relaxedSha256 } from
  '../../src/core/generated/kernels-relaxed-base64.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Run a CommonJS snippet in a fresh Node, from a directory outside the repository. */
function runCjs(code: string) {
  expect(existsSync(join(root, 'dist/index.js')), 'dist/ is missing: run npm run build').toBe(true);
  const cwd = mkdtempSync(join(tmpdir(), 'deeplin-cjs-'));
  try {
    const r = spawnSync(process.execPath, ['-e', code], { cwd, encoding: 'utf8', timeout: 30_000 });
    return { status: r.status, out: r.stdout.trim(), err: r.stderr };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

describe('the built package in a fresh Node process', () => {
  it("works through require('<package>') from CommonJS", () => {
    const r = runCjs(`
      const d = require(${JSON.stringify(root)});
      d.init().then(() => {
        const c = d.matmul(d.Matrix.fromRows([[1, 2], [3, 4]]), d.Matrix.fromRows([[5], [6]]));
        console.log(JSON.stringify(c.toArray()));
      });`);
    expect(r.err).not.toMatch(/Error/);
    expect(r.status).toBe(0);
    expect(r.out).toBe('[[17],[39]]');
  });

  it('throws NotInitialized, saying to await init(), for a call before init()', () => {
    const r = runCjs(`
      const d = require(${JSON.stringify(root)});
      try {
        d.matmul(d.Matrix.eye(2), d.Matrix.eye(2));
        console.log('no error');
      } catch (e) {
        console.log(JSON.stringify([e.name, e instanceof d.NotInitialized, e.message]));
      }
      console.log(d.isInitialized());`);
    expect(r.status).toBe(0);
    const [first, second] = r.out.split('\n');
    expect(JSON.parse(first!)).toEqual([
      'NotInitialized', true, 'deeplin: the Wasm kernels are not loaded; await init() first']);
    expect(second).toBe('false');
  });

  it('rejects a string that is no URL with InvalidArgument, not a bare TypeError', () => {
    const r = runCjs(`
      const d = require(${JSON.stringify(root)});
      d.init('http://[oops').catch((e) => console.log(JSON.stringify(
        [e.name, e instanceof d.InvalidArgument, e.message])));`);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.out)).toEqual(['InvalidArgument', true, "init: argument 'source' must " +
      "be a URL of kernels.wasm, its bytes or a compiled module; got the string 'http://[oops', " +
      'which is no URL']);
  });
});

describe('the Wasm build', () => {
  const asc = join(root, 'node_modules/assemblyscript/bin/asc.js');
  const stale = 'the embedded module is stale; run npm run build:wasm';
  const build = (dir: string, target: string, name: string) =>
    promisify(execFile)(process.execPath, [
      asc, '--config', join(root, 'asconfig.json'), '--target', target,
      '--outFile', join(dir, `${name}.wasm`), '--textFile', join(dir, `${name}.wat`),
    ], { cwd: root });
  const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

  it('is deterministic: two builds from the same sources give the same bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deeplin-asc-'));
    try {
      // The two builds run side by side (about 3 s each on an idle machine).
      await Promise.all([build(dir, 'release', 'one'), build(dir, 'release', 'two')]);
      const one = readFileSync(join(dir, 'one.wasm'));
      const two = readFileSync(join(dir, 'two.wasm'));
      expect(one.length).toBeGreaterThan(1000);
      expect(one.equals(two)).toBe(true);
      // The module embedded in src/core/generated is that same build (not a stale one).
      expect(sha(join(dir, 'one.wasm')), stale).toBe(wasmSha256);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('rebuilds the relaxed-SIMD module to the bytes embedded by an earlier build', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deeplin-asc-'));
    try {
      await build(dir, 'relaxed', 'relaxed');
      expect(sha(join(dir, 'relaxed.wasm')), stale).toBe(relaxedSha256);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
