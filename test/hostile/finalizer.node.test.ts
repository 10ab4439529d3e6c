// The finalizer backstop, observed: networks dropped without dispose() return their Wasm
// blocks once collected (a child process run with --expose-gc), a disposed network is not freed
// twice, and a million tiny calls leave the JS heap and Wasm memory flat. Needs dist/ (built
// by `npm test`).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

describe('finalizer backstop and JS heap (child process with --expose-gc)', () => {
  it('frees dropped networks on collection and keeps the heap flat over 10⁶ calls', () => {
    const run = spawnSync(process.execPath,
      ['--expose-gc', join(import.meta.dirname, 'gc-child.mjs'), join(root, 'dist')],
      { encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    const r = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
    console.log(`hostile finalizer figures: ${JSON.stringify(r)}`);
    // 200 dropped networks held blocks until the collector ran, then gave every one back.
    expect(r.held).toBeGreaterThanOrEqual(r.baseline + 200);
    expect(r.afterGc).toBe(r.baseline);
    expect(r.afterDispose).toBe(r.baseline);
    expect(r.liveAfterDots).toBe(r.baseline);
    expect(r.bytes1).toBe(r.bytes0);
    // A million calls may leave at most 1 MiB of JS heap behind (≈ 1 byte a call).
    expect(r.heap1 - r.heap0).toBeLessThan(2 ** 20);
  });
});
