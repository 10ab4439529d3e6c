// One line that says where a benchmark ran: CPU model, core count, Node and V8 versions, the
// load average, and the sha256 of the Wasm module that was measured.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';

const WASM = new URL('../dist/core/generated/kernels.wasm', import.meta.url);

/** sha256 of dist's kernels.wasm (the module `init()` loads), or null before a build. */
export function wasmSha256(file = WASM) {
  if (!existsSync(file)) return null;
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

export function machine() {
  let cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    cpu = /^model name\s*:\s*(.+)$/m.exec(info)?.[1] ?? cpu;
    const family = /^cpu family\s*:\s*(\d+)$/m.exec(info)?.[1];
    const model = /^model\s*:\s*(\d+)$/m.exec(info)?.[1];
    if (family) cpu += ` (family ${family}, model ${model})`;
  } catch {
    // Not Linux: the os module's model name is all there is.
  }
  return {
    cpu,
    cores: os.cpus().length,
    node: process.version,
    v8: process.versions.v8,
    loadavg: os.loadavg().map((x) => Number(x.toFixed(2))),
    wasmSha256: wasmSha256(),
  };
}

export function machineLine(m = machine()) {
  return `machine: ${m.cpu}, ${m.cores} cores, Node ${m.node} (V8 ${m.v8}), ` +
    `load average ${m.loadavg.join(' ')}, kernels.wasm sha256 ${m.wasmSha256?.slice(0, 16)}…`;
}
