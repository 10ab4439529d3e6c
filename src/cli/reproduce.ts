// `deeplin reproduce`: every scenario (or those of --only), then the report.
import type { Command } from 'commander';
import { defaultJobs, parseJobs, parseOnly, parseOut, parseShardOption } from './options.js';
import type { Shard } from '../experiments/shard.js';

const SHARD_HELP = `
Sharding: --shard i/N runs the configs whose index k (0-based, within each scenario's grid)
has k mod N = i − 1. Run all N shards (on any machines), then join their output directories
with \`deeplin merge DIR… --out DIR\`. From a job array:
  Slurm, --array=0-7:        --shard $((SLURM_ARRAY_TASK_ID + 1))/8
  Kubernetes Indexed Job:    --shard $((JOB_COMPLETION_INDEX + 1))/8

A rerun with the same options and --out resumes: finished configs are read from
DIR/rows/*.jsonl and not run again.`;

interface Flags {
  quick?: boolean;
  only?: string[];
  out: string;
  jobs: number;
  shard?: Shard;
  strict?: boolean;
  fresh?: boolean;
}

export function registerReproduce(program: Command, onExit: (code: number) => void): void {
  program.command('reproduce')
    .description('run the scenarios of the reproduction and write out/report.md')
    .option('--quick', 'small grids (a few seconds per scenario)')
    .option('--only <ids>', 'comma-separated scenario ids or names, e.g. S3,S6', parseOnly)
    .option('-o, --out <dir>', 'output directory', parseOut, 'out')
    .option('-j, --jobs <n>', 'worker threads', parseJobs,
      defaultJobs())
    .option('--shard <i/N>', 'run only shard i of N of every grid (see below)', parseShardOption)
    .option('--fresh', 'ignore rows of earlier runs in --out (default: resume them)')
    .option('--strict', 'exit with code 1 when a check fails')
    .addHelpText('after', SHARD_HELP)
    .action(async (flags: Flags) => {
      // Loaded on use, so `--help` and usage errors do not pay for the report's plot library.
      const { sweep } = await import('./sweep.js');
      onExit(await sweep({
        only: flags.only, quick: flags.quick === true, overrides: {}, jobs: flags.jobs,
        shard: flags.shard, outDir: flags.out, strict: flags.strict === true,
        fresh: flags.fresh === true,
        command: `deeplin ${process.argv.slice(2).join(' ')}`,
      }));
    });
}
