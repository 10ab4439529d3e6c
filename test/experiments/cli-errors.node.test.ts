// Usage errors of the CLI: each a clear message naming the accepted values, exit code 2.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './cli-helpers.js';

const root = mkdtempSync(join(tmpdir(), 'deeplin-cli-errors-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const out = join(root, 'out');
const aFile = join(root, 'a-file');
writeFileSync(aFile, 'not a directory');

const JOBS = `expected a whole number of worker threads from 1 to ${4 * availableParallelism()}`
  + ` (this machine has ${availableParallelism()} cores)`;
const SHARD = 'expected i/N with integers 1 ≤ i ≤ N, e.g. 1/4 … 4/4';

const cases: [string, string[], string][] = [
  ['an unknown scenario', ['run', 'S99', '--out', out],
    "error: unknown scenario 'S99'; accepted: FA, FB"],
  ['an unknown scenario in --only', ['reproduce', '--only', 'FA,XX', '--out', out],
    "error: unknown scenario 'XX'; accepted: FA, FB"],
  ['zero jobs', ['reproduce', '--jobs', '0'],
    `error: option '-j, --jobs <n>' argument '0' is invalid. ${JOBS}`],
  ['non-numeric jobs', ['reproduce', '-j', 'abc'],
    `error: option '-j, --jobs <n>' argument 'abc' is invalid. ${JOBS}`],
  ['fractional jobs', ['run', 'FA', '--jobs', '1.5'],
    `error: option '-j, --jobs <n>' argument '1.5' is invalid. ${JOBS}`],
  ['far more jobs than cores', ['reproduce', '--jobs', '1000'],
    `error: option '-j, --jobs <n>' argument '1000' is invalid. ${JOBS}`],
  ['a shard past its count', ['reproduce', '--shard', '3/2'],
    `error: option '--shard <i/N>' argument '3/2' is invalid. ${SHARD}`],
  ['a zero shard', ['reproduce', '--shard', '0/4'],
    `error: option '--shard <i/N>' argument '0/4' is invalid. ${SHARD}`],
  ['a shard that is not numbers', ['reproduce', '--shard', 'a/b'],
    `error: option '--shard <i/N>' argument 'a/b' is invalid. ${SHARD}`],
  ['a shard count beyond the safe integers', ['reproduce', '--shard', '1/9999999999999999999'],
    `error: option '--shard <i/N>' argument '1/9999999999999999999' is invalid. ${SHARD}`],
  ['--out naming a file', ['run', 'FA', '--quick', '--out', aFile],
    `error: cannot write the output under ${join(aFile, 'rows')} (ENOTDIR); give --out a `
      + 'writable directory'],
  ['an empty --out', ['reproduce', '--quick', '--out', ''],
    "error: option '-o, --out <dir>' argument '' is invalid. expected a directory path; got an "
      + 'empty one'],
  ['--set without =', ['run', 'FA', '--set', 'oops'],
    "error: option '--set <key=value>' argument 'oops' is invalid. expected key=value, with a key "
      + 'made of letters, digits, _ . -'],
  ['--set with a key the scenario does not know', ['run', 'FA', '--set', 'depth=3', '--out', out],
    "error: FA: FA.grid: unknown override 'depth'; accepted: scales, seeds, delay, fail"],
  ['an unknown command', ['frobnicate'], "error: unknown command 'frobnicate'"],
  ['merge without --out', ['merge', root],
    "error: required option '-o, --out <dir>' not specified"],
  ['merge of a directory that is no output', ['merge', root, '--out', out],
    `error: merge: ${root} has no rows/ directory (not a deeplin output)`],
];

describe.concurrent('deeplin usage errors', () => {
  it.each(cases)('%s: says what is accepted and exits with 2', async (_, args, message) => {
    const r = await cli(...args);
    expect(r.stderr).toContain(message);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('prints help for every command, exit code 0', async () => {
    const [main, reproduce, run, list, merge] = await Promise.all([
      cli('--help'), cli('reproduce', '--help'), cli('run', '--help'), cli('list', '--help'),
      cli('merge', '--help'),
    ]);
    for (const r of [main, reproduce, run, list, merge]) expect(r.code).toBe(0);
    expect(main.stdout).toMatch(/Commands:[\s\S]*reproduce[\s\S]*run[\s\S]*list[\s\S]*merge/);
    expect(reproduce.stdout).toContain('Usage: deeplin reproduce [options]');
    expect(reproduce.stdout).toContain('--shard $((SLURM_ARRAY_TASK_ID + 1))/8');
    expect(reproduce.stdout).toContain('--shard $((JOB_COMPLETION_INDEX + 1))/8');
    expect(run.stdout).toContain('Usage: deeplin run [options] <scenario>');
    expect(run.stdout).toContain('--set <key=value>');
    expect(list.stdout).toContain('Usage: deeplin list [options]');
    expect(merge.stdout).toContain('Usage: deeplin merge [options] <dirs...>');
  });

  it('lists the scenarios with their grid sizes', async () => {
    const r = await cli('list');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      'id  name              configs  quick  title',
      'FA  fake-scale-sweep  18       9      A fake sweep over scales',
      'FB  fake-pairs        10       4      Fake pairs',
      '',
    ]);
    const json = JSON.parse((await cli('list', '--json')).stdout) as { id: string }[];
    expect(json.map((s) => s.id)).toEqual(['FA', 'FB']);
  });
});
