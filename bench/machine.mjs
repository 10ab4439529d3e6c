// One line that says where a benchmark ran: CPU model, core count, Node and V8 versions.
import { readFileSync } from 'node:fs';
import os from 'node:os';

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
  };
}

export function machineLine(m = machine()) {
  return `machine: ${m.cpu}, ${m.cores} cores, Node ${m.node} (V8 ${m.v8}), ` +
    `load average ${m.loadavg.join(' ')}`;
}
