// One sweep at a time per output directory: two processes that append to and move the same run
// logs would mix their rows. The lock is a file holding the owner's pid, made with O_EXCL; a lock
// whose process no longer runs (killed) is taken over. Known shortcoming: the pid is checked on
// this host only, so on a filesystem shared between hosts a live lock of another host counts as
// stale; shards of a cluster job write to directories of their own (README).
import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgument } from '../core/errors.js';

/** Locks this process holds now: its own pid in a lock it does not hold is a dead run's. */
const held = new Set<string>();

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Take the lock of `rowsDir` for this process.
 * @returns a function that releases it
 * @throws {InvalidArgument} when another running process holds it, naming its pid
 */
export function lockRows(rowsDir: string): () => void {
  const path = join(rowsDir, '.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      held.add(path);
      return () => {
        held.delete(path);
        rmSync(path, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = Number(readFileSync(path, 'utf8'));
    // Our own pid in a lock we do not hold is a run that died before this one reused its pid
    // (a restarted container numbers its processes from the same start).
    const ours = owner === process.pid && !held.has(path);
    if (Number.isInteger(owner) && owner > 0 && !ours && running(owner)) {
      throw new InvalidArgument(
        `runSweep: ${rowsDir} is in use by another run (process ${owner}); wait for it to ` +
          `finish or give another output directory (if no run is active, delete ${path})`,
      );
    }
    rmSync(path, { force: true });
  }
  throw new InvalidArgument(`runSweep: could not lock ${rowsDir}; another run took it just now`);
}
