// What a report records about where and with what it ran: versions and the machine.
import { readFileSync } from 'node:fs';
import { arch, availableParallelism, cpus, platform, release, totalmem } from 'node:os';
import { wasmSha256 } from '../../core/generated/kernels-base64.js';

export interface Versions {
  deeplin: string;
  node: string;
  /** sha256 of the kernels.wasm built into this copy. */
  wasmSha256: string;
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
}

/** deeplin's version from its package.json (two levels above src/ or dist/experiments/report). */
export function versions(): Versions {
  const pkg = JSON.parse(
    readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'),
  ) as { version: string };
  return { deeplin: pkg.version, node: process.version, wasmSha256 };
}

export function machine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() || 'unknown CPU',
    cores: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()} ${arch()}`,
  };
}
