// `deeplin run <scenario>`: one scenario, with its grid changed by --set key=value.
import { join } from 'node:path';
import type { Command } from 'commander';
import { collectSet, defaultJobs, parseJobs, parseOut, parseShardOption } from './options.js';
import type { Shard } from '../experiments/shard.js';

interface Flags {
  quick?: boolean;
  set?: Record<string, string>;
  out?: string;
  jobs: number;
  shard?: Shard;
  strict?: boolean;
  fresh?: boolean;
}

export function registerRun(program: Command, onExit: (code: number) => void): void {
  program.command('run')
    .description('run one scenario and write its report')
    .argument('<scenario>', 'scenario id or name (see `deeplin list`)')
    .option('--set <key=value>', 'change a grid parameter (repeatable); the scenario checks it',
      collectSet)
    .option('--quick', 'the small grid')
    .option('-o, --out <dir>', 'output directory (default: out/<scenario>, so a run does not '
      + 'replace the report of `reproduce` in out/)', parseOut)
    .option('-j, --jobs <n>', 'worker threads', parseJobs,
      defaultJobs())
    .option('--shard <i/N>', 'run only shard i of N of the grid', parseShardOption)
    .option('--fresh', 'ignore rows of earlier runs in --out (default: resume them)')
    .option('--strict', 'exit with code 1 when a check fails')
    .action(async (scenario: string, flags: Flags) => {
      // Loaded on use, so `--help` and usage errors do not pay for the report's plot library.
      const { sweep } = await import('./sweep.js');
      onExit(await sweep({
        only: [scenario], quick: flags.quick === true, overrides: flags.set ?? {},
        jobs: flags.jobs, shard: flags.shard,
        outDir: flags.out ?? join('out', scenario), strict: flags.strict === true,
        fresh: flags.fresh === true,
        command: `deeplin ${process.argv.slice(2).join(' ')}`,
      }));
    });
}
