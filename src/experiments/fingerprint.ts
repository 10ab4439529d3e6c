// A fingerprint of the code that computes rows: the compiled library (dist/) without the
// command line, the runner and the report, plus the scenario module. A run log records it,
// so a rerun after the code changed starts afresh instead of resuming rows that the new code
// would not give, and a merge refuses shards that ran different code. A scenario module
// outside dist/ that imports further files of its own is fingerprinted by its entry file only.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compiledUrl } from './registry.js';

/**
 * Whether a file of dist/ (path relative to it, with /) can change what `run` returns: the
 * command line, the sweep machinery and the report cannot, so editing them keeps old rows.
 */
export function computesRows(file: string): boolean {
  if (file.startsWith('cli/')) return false;
  if (!file.startsWith('experiments/')) return true;
  return file.startsWith('experiments/scenarios/') || file === 'experiments/stats.js';
}

/**
 * sha256 (first 16 hex digits) over the library's compiled files and the scenario module.
 * @param moduleUrl the scenario module (registry.ts)
 */
export function codeFingerprint(moduleUrl: string): string {
  const dist = fileURLToPath(new URL('..', compiledUrl(import.meta.url)));
  const files = (readdirSync(dist, { recursive: true }) as string[])
    .map((f) => f.split(sep).join('/'))
    .filter((f) => (f.endsWith('.js') || f.endsWith('.wasm')) && computesRows(f))
    .map((f) => join(dist, f));
  if (moduleUrl.startsWith('file:')) files.push(fileURLToPath(moduleUrl));
  const hash = createHash('sha256');
  for (const file of [...new Set(files)].sort()) {
    hash.update(file.slice(dist.length)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}
