// What `reproduce` and `run` share: pick scenarios, run the sweep with progress on stderr,
// then write the report (or, for a shard, say where its rows are and how to merge).
import { performance } from 'node:perf_hooks';
import { init } from '../core/wasm.js';
import { loadScenarios, scenarioModuleUrl, selectScenarios } from '../experiments/registry.js';
import { SweepAborted } from '../experiments/pool.js';
import { logPath, runSweep } from '../experiments/runner.js';
import { formatShard, type Shard } from '../experiments/shard.js';
import { progressReporter } from './progress.js';

export interface SweepRequest {
  only?: string[];
  quick: boolean;
  overrides: Record<string, string>;
  jobs: number;
  shard?: Shard;
  outDir: string;
  strict: boolean;
  fresh?: boolean;
  command: string;
}

/** Run and report; returns the exit code. Usage errors are thrown as InvalidArgument. */
export async function sweep(req: SweepRequest): Promise<number> {
  const moduleUrl = scenarioModuleUrl();
  const chosen = selectScenarios(await loadScenarios(moduleUrl), req.only);
  await init();

  const start = performance.now();
  const progress = progressReporter(process.stderr, process.stderr.isTTY === true);
  // Ctrl-C stops the workers and lets the runner close its logs (finished rows are on disk
  // already); a second Ctrl-C does not wait.
  const stop = new AbortController();
  const onInterrupt = () => {
    if (stop.signal.aborted) process.exit(130);
    stop.abort();
  };
  process.on('SIGINT', onInterrupt);
  let outcomes;
  try {
    outcomes = await runSweep(chosen, {
      quick: req.quick, overrides: req.overrides, jobs: req.jobs, shard: req.shard,
      outDir: req.outDir, moduleUrl, fresh: req.fresh, onProgress: progress.update,
      onNotice: (m) => process.stderr.write(`${m}\n`), signal: stop.signal,
    });
  } catch (err) {
    if (!(err instanceof SweepAborted)) throw err;
    progress.stop();
    process.stderr.write('\ninterrupted: rerun the same command to resume\n');
    return 130;
  } finally {
    process.off('SIGINT', onInterrupt);
    progress.stop();
  }
  const totalWallMs = performance.now() - start;

  if (req.shard) {
    const ran = outcomes.reduce((n, o) => n + o.rows.filter((r) => r !== undefined).length, 0);
    const lines = [
      `shard: ${formatShard(req.shard)}`,
      `rows: ${chosen.map((s) => logPath(req.outDir, s.id, req.shard)).join(' ')}`,
      `configs: ${ran} done`,
      `next: deeplin merge <the output directories of all ${req.shard.count} shards> --out DIR`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  }
  const { reportOutcomes } = await import('./report-run.js');
  return reportOutcomes(outcomes, {
    outDir: req.outDir, command: req.command, jobs: req.jobs, totalWallMs, strict: req.strict,
  });
}
