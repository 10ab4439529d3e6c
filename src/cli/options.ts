// Parsers for option values. Each throws commander's InvalidArgumentError with the accepted
// values, which commander prints after the option's name; main.ts turns it into exit code 2.
import { availableParallelism } from 'node:os';
import { InvalidArgumentError } from 'commander';
import { parseShard, type Shard } from '../experiments/shard.js';

/** `--jobs`: a positive integer. */
export function parseJobs(text: string): number {
  const n = Number(text);
  // Each worker holds its own Wasm instance and V8 heap; far more workers than cores only
  // costs memory, so the count is capped at a few per core.
  const most = 4 * availableParallelism();
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(n) || n < 1 || n > most) {
    throw new InvalidArgumentError(
      `expected a whole number of worker threads from 1 to ${most} (this machine has `
      + `${availableParallelism()} cores)`,
    );
  }
  return n;
}

/** `--shard i/N`. */
export function parseShardOption(text: string): Shard {
  try {
    return parseShard(text);
  } catch {
    throw new InvalidArgumentError('expected i/N with integers 1 ≤ i ≤ N, e.g. 1/4 … 4/4');
  }
}

/** `--set key=value`, repeatable: collects into a record; a key given twice keeps the last. */
export function collectSet(text: string, previous: Record<string, string> = {}):
  Record<string, string> {
  const eq = text.indexOf('=');
  const key = eq > 0 ? text.slice(0, eq).trim() : '';
  if (eq <= 0 || !/^[A-Za-z_][\w.-]*$/.test(key)) {
    throw new InvalidArgumentError('expected key=value, with a key made of letters, digits, _ . -');
  }
  return { ...previous, [key]: text.slice(eq + 1).trim() };
}

/** `--out DIR`: a directory; '' would write the report into the working directory unasked. */
export function parseOut(text: string): string {
  if (text.trim() === '') {
    throw new InvalidArgumentError('expected a directory path; got an empty one');
  }
  return text;
}

/** `--only S3,S6`: a comma-separated list of ids or names. */
export function parseOnly(text: string): string[] {
  const list = text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (list.length === 0) {
    throw new InvalidArgumentError('expected a comma-separated list of scenario ids, e.g. S3,S6');
  }
  return list;
}

/** The shared defaults. */
export const defaultJobs = (): number => availableParallelism();
