// `deeplin merge`: join the output directories of shards into one report.
import type { Command } from 'commander';
import { init } from '../core/wasm.js';
import { mergeRuns } from '../experiments/merge.js';
import { loadScenarios, scenarioModuleUrl } from '../experiments/registry.js';
import { parseOut } from './options.js';

export function registerMerge(program: Command, onExit: (code: number) => void): void {
  program.command('merge')
    .description('join the outputs of `reproduce --shard i/N` runs into one report')
    .argument('<dirs...>', 'output directories of the shards (their rows/ folders are read)')
    .requiredOption('-o, --out <dir>', 'where to write the merged report', parseOut)
    .option('--strict', 'exit with code 1 when a check fails')
    .action(async (dirs: string[], flags: { out: string; strict?: boolean }) => {
      const registry = await loadScenarios(scenarioModuleUrl());
      await init();
      const outcomes = mergeRuns(dirs, registry);
      const { reportOutcomes } = await import('./report-run.js');
      onExit(reportOutcomes(outcomes, {
        outDir: flags.out, command: `deeplin ${process.argv.slice(2).join(' ')}`, jobs: null,
        totalWallMs: outcomes.reduce((t, o) => t + o.wallMs, 0), strict: flags.strict === true,
      }));
    });
}
