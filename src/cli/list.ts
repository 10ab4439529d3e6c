// `deeplin list`: the scenarios with their grid sizes.
import type { Command } from 'commander';
import { loadScenarios, scenarioModuleUrl } from '../experiments/registry.js';
import { prettyMath } from '../experiments/report/format.js';

function gridSize(grid: () => unknown[]): number | string {
  try {
    return grid().length;
  } catch (err) {
    return `error: ${err instanceof Error ? err.message : String(err)}`;
  }
}

export function registerList(program: Command): void {
  program.command('list')
    .description('list the scenarios: id, name, title, grid sizes (full and --quick)')
    .option('--json', 'print JSON instead of a table')
    .action(async (flags: { json?: boolean }) => {
      const scenarios = await loadScenarios(scenarioModuleUrl());
      const items = scenarios.map((s) => ({
        id: s.id, name: s.name, title: s.title,
        configs: gridSize(() => s.grid({ quick: false, overrides: {} })),
        quickConfigs: gridSize(() => s.grid({ quick: true, overrides: {} })),
      }));
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(items, null, 1)}\n`);
        return;
      }
      const rows = [['id', 'name', 'configs', 'quick', 'title'],
        ...items.map((i) => [
          i.id, i.name, String(i.configs), String(i.quickConfigs), prettyMath(i.title),
        ])];
      const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
      const text = rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell
        : cell.padEnd(widths[c]!))).join('  '));
      if (items.length === 0) text.push('(no scenarios registered)');
      process.stdout.write(`${text.join('\n')}\n`);
    });
}
