// The runner on tiny fake scenarios: rows do not depend on the number of workers, shards
// merge into the unsharded result, a cut log resumes, failures name the config.
import {
  appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { randn } from '../../src/index.js';
import { loadScenarios } from '../../src/experiments/registry.js';
import { logPath, runSweep, type ScenarioOutcome } from '../../src/experiments/runner.js';
import { mergeRuns } from '../../src/experiments/merge.js';
import { readLog } from '../../src/experiments/jsonl.js';
import { computesRows } from '../../src/experiments/fingerprint.js';
import type { Scenario } from '../../src/experiments/types.js';

const moduleUrl = pathToFileURL(join(import.meta.dirname, 'fake-scenarios.mjs')).href;
const scenarios: Scenario[] = await loadScenarios(moduleUrl);
const root = mkdtempSync(join(tmpdir(), 'deeplin-runner-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let dirs = 0;
const freshDir = () => join(root, `run${dirs++}`);
const sweep = (outDir: string, extra: Partial<Parameters<typeof runSweep>[1]> = {}) =>
  runSweep(scenarios, { quick: false, jobs: 2, outDir, moduleUrl, ...extra });
const rowsText = (outcomes: ScenarioOutcome[]) => JSON.stringify(outcomes.map((o) => o.rows));

describe('runSweep', () => {
  it('gives the same rows, bit for bit, on 1 and 2 workers, as an in-thread run', async () => {
    const one = await sweep(freshDir(), { jobs: 1 });
    const two = await sweep(freshDir(), { jobs: 2 });
    expect(rowsText(two)).toBe(rowsText(one));

    // Reference: the same draws computed here, through the TypeScript sources.
    const fa = one[0]!;
    expect(fa.rows).toHaveLength(18);
    fa.configs.forEach((config, i) => {
      const z = randn(4, { seed: config.seed });
      const sq = z.reduce((a, b) => a + b * b, 0);
      const row = fa.rows[i]![0]!;
      expect(row.value).toBe((config.scale as number) * sq);
      expect(row.first).toBe(z[0]);
      expect(row.nan).toBeNull(); // NaN goes through JSON, fresh or resumed alike
    });
    expect(one[1]!.rows.flat()).toHaveLength(20);
  });

  it('shards are disjoint, cover the grid and merge into the unsharded rows', async () => {
    const whole = await sweep(freshDir());
    const shardDirs = [1, 2, 3].map(() => freshDir());
    for (const [i, dir] of shardDirs.entries()) {
      const part = await sweep(dir, { shard: { index: i + 1, count: 3 } });
      const done = part[0]!.rows.flatMap((r, k) => (r ? [k] : []));
      expect(done).toEqual(part[0]!.configs.map((_, k) => k).filter((k) => k % 3 === i));
    }
    const merged = mergeRuns(shardDirs, scenarios);
    expect(merged.map((o) => o.scenario.id)).toEqual(['FA', 'FB']);
    expect(rowsText(merged)).toBe(rowsText(whole));
    expect(JSON.stringify(merged.map((o) => o.configs)))
      .toBe(JSON.stringify(whole.map((o) => o.configs)));

    expect(() => mergeRuns(shardDirs.slice(0, 2), scenarios))
      .toThrow(/FA: 6 of 18 configs have no rows \(indices 2, 5, 8, 11, 14, 17\)/);
  });

  it('refuses to merge a config line whose index, key or rows do not fit the grid', async () => {
    const dirs = [freshDir(), freshDir()];
    await sweep(dirs[0]!, { shard: { index: 1, count: 2 } });
    await sweep(dirs[1]!, { shard: { index: 2, count: 2 } });
    const path = logPath(dirs[1]!, 'FA', { index: 2, count: 2 });
    const original = readFileSync(path, 'utf8');
    const edit = (change: (entry: Record<string, unknown>) => void) => {
      const lines = original.split('\n').map((line) => {
        if (!line.includes('"type":"config"')) return line;
        const entry = JSON.parse(line) as Record<string, unknown>;
        change(entry);
        return JSON.stringify(entry);
      });
      writeFileSync(path, lines.join('\n'));
    };
    for (const change of [
      (e: Record<string, unknown>) => { e.index = 999; },
      (e: Record<string, unknown>) => { e.key = 'not-a-key'; },
      (e: Record<string, unknown>) => { e.rows = null; },
    ]) {
      edit(change);
      expect(() => mergeRuns(dirs, scenarios)).toThrow(/holds a config line that does not fit/);
    }
    writeFileSync(path, original);
    expect(mergeRuns(dirs, scenarios)[0]!.rows.every((r) => r !== undefined)).toBe(true);
  });

  it('merges shards whose --set overrides came in different orders', async () => {
    const dirs = [freshDir(), freshDir()];
    await sweep(dirs[0]!, { overrides: { delay: '0', seeds: '2' }, shard: { index: 1, count: 2 } });
    await sweep(dirs[1]!, { overrides: { seeds: '2', delay: '0' }, shard: { index: 2, count: 2 } });
    const merged = mergeRuns(dirs, scenarios);
    expect(merged[0]!.rows.every((r) => r !== undefined)).toBe(true);
  });

  it('resumes a cut log: keeps finished rows, drops a truncated line, runs the rest', async () => {
    const dir = freshDir();
    const first = await sweep(dir);
    const path = logPath(dir, 'FA');
    const lines = readFileSync(path, 'utf8').split('\n');
    // Header + 5 finished configs, then half of the next line, as a kill mid-write leaves it.
    const kept = `${lines.slice(0, 6).join('\n')}\n`;
    truncateSync(path, 0);
    appendFileSync(path, `${kept}${lines[6]!.slice(0, 20)}`);
    const resumedIds = new Set(readLog(path)!.entries.keys());
    expect(resumedIds.size).toBe(5);

    const notices: string[] = [];
    const second = await sweep(dir, { onNotice: (m) => notices.push(m) });
    expect(notices).toContain(`FA: resumed 5 of 18 configs from ${path}`);
    expect(second[0]!.resumed).toBe(5);
    expect(rowsText(second)).toBe(rowsText(first));
    const log = readLog(path)!;
    const configLines = readFileSync(path, 'utf8').split('\n')
      .filter((l) => l.includes('"type":"config"'));
    expect(configLines).toHaveLength(18); // nothing ran twice
    expect(log.entries.size).toBe(18);
  });

  it('starts afresh (moving the old log aside) when the options change', async () => {
    const dir = freshDir();
    await sweep(dir, { quick: true });
    const notices: string[] = [];
    const full = await sweep(dir, { quick: false, onNotice: (m) => notices.push(m) });
    expect(full[0]!.resumed).toBe(0);
    const path = logPath(dir, 'FA');
    expect(notices).toEqual(['FA', 'FB'].map((id) =>
      `${id}: moved ${logPath(dir, id)} to ${logPath(dir, id)}.old ` +
        '(it holds a run with other options, shard or code); started anew'));
    expect(existsSync(`${path}.old`)).toBe(true);
    expect(readLog(`${path}.old`)!.header.quick).toBe(true);
    expect(readLog(path)!.header.quick).toBe(false);

    // A third run with other options again: the move replaces the .old of the first, and says so.
    const third: string[] = [];
    await sweep(dir, { quick: true, onNotice: (m) => third.push(m) });
    expect(third[0]).toBe(`FA: moved ${path} to ${path}.old, replacing the one there ` +
      '(it holds a run with other options, shard or code); started anew');
    expect(readLog(`${path}.old`)!.header.quick).toBe(false);
    expect(readLog(path)!.header.quick).toBe(true);
  });

  it('refuses a second sweep into the same directory while the first runs', async () => {
    const dir = freshDir();
    const first = sweep(dir, { overrides: { delay: '20' } });
    await expect(sweep(dir)).rejects.toThrow(
      `runSweep: ${join(dir, 'rows')} is in use by another run (process ${process.pid}); ` +
        'wait for it to finish or give another output directory (if no run is active, ' +
        `delete ${join(dir, 'rows', '.lock')})`);
    await first;
    // Released when the first ends, and a lock left by a process that no longer runs is stale.
    expect(existsSync(join(dir, 'rows', '.lock'))).toBe(false);
    writeFileSync(join(dir, 'rows', '.lock'), '2147483646');
    expect((await sweep(dir, { overrides: { delay: '20' } }))[0]!.resumed).toBe(18);
    // So is this process's own pid in a lock it does not hold: a dead run whose pid came back.
    writeFileSync(join(dir, 'rows', '.lock'), String(process.pid));
    expect((await sweep(dir, { overrides: { delay: '20' } }))[0]!.resumed).toBe(18);
  });

  it('starts afresh with `fresh`, and when the scenario code changed', async () => {
    const dir = freshDir();
    await sweep(dir);
    const notices: string[] = [];
    const again = await sweep(dir, { fresh: true, onNotice: (m) => notices.push(m) });
    expect(again[0]!.resumed).toBe(0);
    expect(notices).toEqual(['FA', 'FB'].map((id) =>
      `${id}: moved ${logPath(dir, id)} to ${logPath(dir, id)}.old ` +
        '(a fresh start was asked for); started anew'));

    // The same scenarios from a file whose text then changes: its rows are not reused.
    const copy = join(root, 'copied-scenarios.mjs');
    const dist = pathToFileURL(join(import.meta.dirname, '..', '..', 'dist', 'index.js')).href;
    const text = readFileSync(new URL(moduleUrl), 'utf8').replace('../../dist/index.js', dist);
    writeFileSync(copy, text);
    const url = pathToFileURL(copy).href;
    const dir2 = freshDir();
    await sweep(dir2, { moduleUrl: url });
    expect((await sweep(dir2, { moduleUrl: url }))[0]!.resumed).toBe(18);
    writeFileSync(copy, `${text}\n// changed\n`);
    const afterEdit = await runSweep(await loadScenarios(`${url}?v=2`), {
      quick: false, jobs: 2, outDir: dir2, moduleUrl: url,
    });
    expect(afterEdit[0]!.resumed).toBe(0);
  });

  it('fingerprints the code that computes rows, not the CLI, runner or report', () => {
    const kept = ['dln/train.js', 'core/generated/kernels.wasm', 'experiments/stats.js',
      'experiments/scenarios/s03-init-scale-sweep.js', 'linalg/svd.js'];
    const ignored = ['cli/main.js', 'experiments/report/plot.js', 'experiments/runner.js',
      'experiments/worker.js'];
    expect(kept.map(computesRows)).toEqual(kept.map(() => true));
    expect(ignored.map(computesRows)).toEqual(ignored.map(() => false));
  });

  it('refuses to merge shards computed by different code', async () => {
    const a = freshDir();
    const b = freshDir();
    await sweep(a, { shard: { index: 1, count: 2 } });
    await sweep(b, { shard: { index: 2, count: 2 } });
    const path = logPath(b, 'FB', { index: 2, count: 2 });
    const lines = readFileSync(path, 'utf8').split('\n');
    const header = JSON.parse(lines[0]!) as { code: string };
    const original = header.code;
    lines[0] = JSON.stringify({ ...header, code: '0123456789abcdef' });
    writeFileSync(path, lines.join('\n'));
    expect(() => mergeRuns([a, b], scenarios)).toThrow(`merge: FB: ${path} was computed by other `
      + `code (fingerprint 0123456789abcdef) than ${logPath(a, 'FB', { index: 1, count: 2 })} `
      + `(${original}); rerun the shards with one build`);
  });

  it('reports the scenario, config index and message of a run that throws', async () => {
    await expect(sweep(freshDir(), { overrides: { fail: '4' } }))
      .rejects
      .toThrow(/^FA: config #4 \{.*"index":4.*\} failed: RangeError: FA\.run: asked to fail at 4/);
  });

  it('rejects a bad grid override and a bad job count as InvalidArgument', async () => {
    await expect(sweep(freshDir(), { overrides: { depth: '3' } }))
      .rejects
      .toThrow("FA: FA.grid: unknown override 'depth'; accepted: scales, seeds, delay, fail");
    await expect(sweep(freshDir(), { jobs: 0 }))
      .rejects.toThrow('runSweep: jobs must be a positive integer; got 0');
  });
});
