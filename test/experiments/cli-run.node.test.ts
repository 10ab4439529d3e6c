// The CLI end to end on the fake scenarios: reproduce writes the report and a clean stdout,
// shards merged equal the unsharded run, a killed run resumes without losing or redoing rows.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { randn } from '../../src/index.js';
import { cli, startCli } from './cli-helpers.js';

const root = mkdtempSync(join(tmpdir(), 'deeplin-cli-run-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Results {
  jobs: number | null;
  scenarios: { id: string; configs: unknown[]; rows: unknown[][]; seeds: number[];
    checks: unknown[] }[];
}
const results = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as Results;
/** The report without what differs between runs: times, the command line, the job count. */
const stable = (dir: string) => readFileSync(join(dir, 'report.md'), 'utf8')
  .replace(/^Made by .*$/m, '').replace(/^- Worker threads: .*$/m, '')
  .replace(/\d+(\.\d+)? (ms|s)\b|\d+ min \d+ s/g, 'T');

describe.concurrent('deeplin reproduce, merge', () => {
  it('writes report.md, results.json and plots; stdout holds only the summary', async () => {
    const out = join(root, 'whole');
    const r = await cli('reproduce', '--quick', '--jobs', '2', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      `report: ${join(out, 'report.md')}`,
      `results: ${join(out, 'results.json')}`,
      'scenarios: 2 (13 configs)',
      'checks: 2 passed, 1 failed',
      expect.stringMatching(/^failed: FA impossible: measured [\d.e-]+, expected < 0$/),
      '',
    ]);
    // stderr is not a terminal here: plain progress lines, one at the end of each scenario.
    expect(r.stderr).toMatch(/^FA: 9\/9 runs \(100 %\), [\d.]+\/s, done in /m);
    expect(r.stderr).toMatch(/^FB: 4\/4 runs \(100 %\), [\d.]+\/s, done in /m);

    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).toContain('## FA: A fake sweep over scales');
    expect(md).toContain('![Value against scale](plots/FA-value.svg)');
    expect(existsSync(join(out, 'plots', 'FA-value.svg'))).toBe(true);
    const res = results(out);
    expect(res.jobs).toBe(2);
    expect(res.scenarios.map((s) => [s.id, s.configs.length, s.seeds])).toEqual([
      ['FA', 9, [0, 1, 2]], ['FB', 4, [100, 101, 102, 103]],
    ]);
  });

  it('writes an empty report when the registry is empty', async () => {
    const empty = join(root, 'empty-registry.mjs');
    writeFileSync(empty, 'export const scenarios = [];\n');
    const out = join(root, 'empty');
    const r = await startCli(['reproduce', '--out', out], empty).done;
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('scenarios: 0 (0 configs)\nchecks: 0 passed, 0 failed\n');
    expect(readFileSync(join(out, 'report.md'), 'utf8'))
      .toContain('No scenarios were run: the registry is empty or none was selected.');
    expect(results(out).scenarios).toEqual([]);
  });

  it('exits with 1 under --strict when a check fails', async () => {
    const r = await cli('run', 'FA', '--quick', '--strict', '-j', '1',
      '--out', join(root, 'strict'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('checks: 1 passed, 1 failed');
  });

  it('merges shards into the report and rows of the unsharded run, bit for bit', async () => {
    const whole = join(root, 'unsharded');
    const shards = [1, 2].map((i) => join(root, `shard${i}`));
    const runs = await Promise.all([
      cli('reproduce', '--quick', '--jobs', '1', '--out', whole),
      ...shards.map((dir, i) => cli('reproduce', '--quick', '--shard', `${i + 1}/2`,
        '--jobs', '1', '--out', dir)),
    ]);
    for (const r of runs) expect(r.code).toBe(0);
    expect(runs[2]!.stdout).toContain('shard: 2/2\n');
    expect(runs[2]!.stdout).toContain(`rows: ${join(shards[1]!, 'rows', 'FA.shard-2-of-2.jsonl')}`);
    expect(existsSync(join(shards[1]!, 'report.md'))).toBe(false);

    const partial = await cli('merge', shards[1]!, '--out', join(root, 'partial'));
    expect(partial.code).toBe(1);
    expect(partial.stderr).toContain('error: merge: FA: 5 of 9 configs have no rows '
      + '(indices 0, 2, 4, 6, 8)');

    const mergedDir = join(root, 'merged');
    const merged = await cli('merge', ...shards, '--out', mergedDir);
    expect(merged.code).toBe(0);
    expect(merged.stdout).toContain('scenarios: 2 (13 configs)');
    const a = results(whole).scenarios;
    const b = results(mergedDir).scenarios;
    expect(JSON.stringify(b.map((s) => [s.configs, s.rows, s.seeds, s.checks])))
      .toBe(JSON.stringify(a.map((s) => [s.configs, s.rows, s.seeds, s.checks])));
    expect(stable(mergedDir)).toBe(stable(whole));
    expect(readFileSync(join(mergedDir, 'plots', 'FA-value.svg'), 'utf8'))
      .toBe(readFileSync(join(whole, 'plots', 'FA-value.svg'), 'utf8'));
  });
});

describe('deeplin run, killed and rerun', () => {
  it('resumes: keeps the rows written before the kill, runs each config once', async () => {
    const out = join(root, 'killed');
    const args = ['run', 'FA', '--set', 'delay=25', '--set', 'seeds=10', '--jobs', '2',
      '--out', out];
    const log = join(out, 'rows', 'FA.jsonl');
    const configLines = () => (existsSync(log) ? readFileSync(log, 'utf8') : '')
      .split('\n').filter((l) => l.startsWith('{"type":"config"'));

    const first = startCli(args);
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (configLines().length >= 8) {
          clearInterval(timer);
          first.child.kill('SIGKILL');
          resolve();
        }
      }, 10);
      first.done.then(() => reject(new Error('the run ended before it was killed')), reject);
    });
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    const before = configLines();
    expect(before.length).toBeGreaterThanOrEqual(8);
    expect(before.length).toBeLessThan(60);

    const second = await cli(...args);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain(`FA: resumed ${before.length} of 60 configs from ${log}`);
    const after = configLines();
    expect(after.slice(0, before.length)).toEqual(before);
    const indices = after.map((l) => (JSON.parse(l) as { index: number }).index)
      .sort((x, y) => x - y);
    expect(indices).toEqual(Array.from({ length: 60 }, (_, i) => i));

    // Every row equals the draw computed here, through the TypeScript sources.
    const fa = results(out).scenarios[0]!;
    fa.configs.forEach((c, i) => {
      const { scale, seed } = c as { scale: number; seed: number };
      const z = randn(4, { seed });
      expect((fa.rows[i]![0] as { value: number }).value)
        .toBe(scale * z.reduce((s, v) => s + v * v, 0));
    });
  });

  it('stops on Ctrl-C with code 130, closing the log with its session', async () => {
    const out = join(root, 'interrupted');
    const log = join(out, 'rows', 'FA.jsonl');
    const run = startCli(['run', 'FA', '--set', 'delay=25', '--set', 'seeds=10', '-j', '1',
      '--out', out]);
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (existsSync(log) && readFileSync(log, 'utf8').includes('"type":"config"')) {
          clearInterval(timer);
          run.child.kill('SIGINT');
          resolve();
        }
      }, 10);
    });
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('interrupted: rerun the same command to resume');
    expect(r.stdout).toBe('');
    const lines = readFileSync(log, 'utf8').trimEnd().split('\n');
    const session = JSON.parse(lines[lines.length - 1]!) as { type: string; ran: number };
    expect(session.type).toBe('session');
    expect(session.ran).toBe(lines.length - 2);
  });
});
