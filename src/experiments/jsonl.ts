// The run log of one scenario: a JSONL file with a header line, then one line per finished
// config, appended as soon as the config finishes. A run that is killed loses no finished row:
// the next run with the same scenario, options and shard reads the log and skips what is done.
// A truncated last line (the process died mid-write) is ignored and cut off before appending.
import { closeSync, existsSync, openSync, readFileSync, renameSync, ftruncateSync, writeSync }
  from 'node:fs';
import { createHash } from 'node:crypto';
import type { Config, Row } from './types.js';
import type { Shard } from './shard.js';

export const LOG_FORMAT = 1;

/** First line of a log: what was run. A log is resumed only when its header matches exactly. */
export interface LogHeader {
  type: 'header';
  format: number;
  scenario: string;
  quick: boolean;
  overrides: Record<string, string>;
  shard: Shard | null;
  /** Size of the whole grid (not of the shard). */
  configs: number;
  /** sha256 of the grid's config keys: a changed scenario never resumes a stale log. */
  gridHash: string;
  /** Fingerprint of the code (fingerprint.ts): changed code never resumes a stale log. */
  code: string;
}

/** One finished config. */
export interface LogEntry {
  type: 'config';
  index: number;
  key: string;
  config: Config;
  rows: Row[];
  /** Time spent in `run`, in the worker. Not part of the results. */
  ms: number;
}

/** Appended when a run session ends (whether or not the shard is complete). */
export interface LogSession {
  type: 'session';
  wallMs: number;
  jobs: number;
  ran: number;
}

export interface LogContents {
  header: LogHeader;
  entries: Map<number, LogEntry>;
  sessions: LogSession[];
  /** Bytes up to the end of the last complete line. */
  validBytes: number;
}

/** A config's identity: its JSON with keys sorted, so key order in `grid()` does not matter. */
export function configKey(config: Config): string {
  const sorted = Object.keys(config).sort().map((k) => [k, config[k]]);
  return JSON.stringify(Object.fromEntries(sorted));
}

/** Hash of a grid, from the keys of its configs in order. */
export function gridHash(configs: readonly Config[]): string {
  const hash = createHash('sha256');
  for (const c of configs) hash.update(configKey(c)).update('\n');
  return hash.digest('hex').slice(0, 16);
}

/**
 * Read a run log. Returns undefined when the file does not exist or has no complete header.
 * @throws Error when a line other than the last is not valid JSON (the file is corrupt)
 */
export function readLog(path: string): LogContents | undefined {
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  const lastNewline = text.lastIndexOf('\n');
  if (lastNewline < 0) return undefined;
  const complete = text.slice(0, lastNewline);
  const lines = complete.split('\n');
  const parsed: unknown[] = lines.map((line, i) => {
    try {
      return JSON.parse(line);
    } catch {
      throw new Error(`readLog: ${path} line ${i + 1} is not valid JSON; delete the file to rerun`);
    }
  });
  const header = parsed[0] as LogHeader;
  if (header?.type !== 'header') return undefined;
  const entries = new Map<number, LogEntry>();
  const sessions: LogSession[] = [];
  for (const item of parsed.slice(1) as (LogEntry | LogSession)[]) {
    if (item.type === 'config') entries.set(item.index, item);
    else if (item.type === 'session') sessions.push(item);
  }
  return { header, entries, sessions, validBytes: Buffer.byteLength(complete, 'utf8') + 1 };
}

/** The overrides as one string, keys sorted: `--set` flags given in any order compare equal. */
export function overridesKey(overrides: Record<string, string>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(overrides).sort()));
}

/** Same header, field by field (the overrides compared with keys sorted). */
export function sameHeader(a: LogHeader, b: LogHeader): boolean {
  const norm = (h: LogHeader) => JSON.stringify({ ...h, overrides: overridesKey(h.overrides) });
  return norm(a) === norm(b);
}

/** An open run log that appends lines as configs finish. */
export class RunLog {
  private constructor(
    private fd: number,
    readonly resumed: LogContents | undefined,
    /** Where an earlier log that could not be resumed was moved, if there was one. */
    readonly movedAside: string | undefined = undefined,
    /** Whether that move replaced an older moved-aside log. */
    readonly replacedOld = false,
  ) {}

  /**
   * Open the log at `path` for `header`: resume it when its header matches (unless `fresh`),
   * else move the old file aside (to `<path>.old`, replacing an older one) and start anew.
   * @returns the open log; `resumed` holds what an earlier run finished, `movedAside` where
   *   an earlier log went
   */
  static open(path: string, header: LogHeader, fresh = false): RunLog {
    const previous = fresh ? undefined : readLog(path);
    if (previous && sameHeader(previous.header, header)) {
      const fd = openSync(path, 'r+');
      ftruncateSync(fd, previous.validBytes);
      const log = new RunLog(fd, previous);
      log.position = previous.validBytes;
      return log;
    }
    let movedAside: string | undefined;
    let replacedOld = false;
    if (existsSync(path)) {
      movedAside = `${path}.old`;
      replacedOld = existsSync(movedAside);
      renameSync(path, movedAside);
    }
    const log = new RunLog(openSync(path, 'w'), undefined, movedAside, replacedOld);
    log.append(header);
    return log;
  }

  private position = 0;

  /**
   * Append one line and return it as it will be read back, so a fresh run and a resumed run
   * hand `summarize` the same values (JSON turns NaN into null, for instance).
   */
  append<T extends LogHeader | LogEntry | LogSession>(item: T): T {
    const line = `${JSON.stringify(item)}\n`;
    this.position += writeSync(this.fd, line, this.position, 'utf8');
    return JSON.parse(line) as T;
  }

  close(): void {
    closeSync(this.fd);
  }
}
