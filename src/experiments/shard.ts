// A shard is a deterministic slice of a scenario's grid, so a cluster job array can spread one
// sweep over machines: shard i of N (1-based) runs the configs whose index k has k mod N = i − 1.
// Every shard computes the same grid, so the slices are disjoint and together cover it; the
// outputs join with `deeplin merge`.
//
// Job arrays number their tasks from 0 or 1; map them to the 1-based i like this:
//   Slurm (`#SBATCH --array=0-7`):          --shard $((SLURM_ARRAY_TASK_ID + 1))/8
//   Slurm (`#SBATCH --array=1-8`):          --shard ${SLURM_ARRAY_TASK_ID}/8
//   Kubernetes Indexed Job (completions 8): --shard $((JOB_COMPLETION_INDEX + 1))/8
import { InvalidArgument } from '../core/errors.js';

export interface Shard {
  /** 1-based: 1 … count. */
  index: number;
  count: number;
}

/**
 * Parse `i/N` (1 ≤ i ≤ N, both integers).
 * @param text the `--shard` value, e.g. `3/8`
 * @throws InvalidArgument naming the accepted form and the value received
 */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count || !Number.isSafeInteger(count)) {
    throw new InvalidArgument(
      `shard: expected i/N with integers 1 ≤ i ≤ N (e.g. 1/4 … 4/4); got '${text}'`,
    );
  }
  return { index, count };
}

/** Whether config `configIndex` (0-based) belongs to `shard`; every config does without one. */
export function inShard(configIndex: number, shard: Shard | undefined): boolean {
  return shard === undefined || configIndex % shard.count === shard.index - 1;
}

/** `i/N`, as the command line takes it. */
export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}
