// Progress on stderr, so stdout stays machine-readable: one bar per scenario on a terminal
// (runs done, rate, time left), plain lines elsewhere (CI logs, files): at most one per
// scenario every 2 s, one per 10 % step, and one when it completes.
import cliProgress, { type Bar } from 'cli-progress';
import type { ScenarioProgress } from '../experiments/runner.js';
import { formatDuration } from '../experiments/report/format.js';

export interface ProgressReporter {
  update(p: ScenarioProgress): void;
  stop(): void;
}

interface Track {
  lastLine: number;
  lastStep: number;
  bar?: Bar;
}

/** Runs per second since this scenario's first config started (scenarios overlap in time). */
function rateAndEta(p: ScenarioProgress): { rate: number; eta: number } {
  const rate = p.elapsedMs > 0 ? (1000 * p.ran) / p.elapsedMs : 0;
  return { rate, eta: rate > 0 ? (p.total - p.done) / rate : NaN };
}

/**
 * A progress reporter writing to `stream`.
 * @param stream where to write (process.stderr)
 * @param tty bars when true, plain lines when false
 */
export function progressReporter(stream: NodeJS.WriteStream, tty: boolean): ProgressReporter {
  const tracks = new Map<string, Track>();
  let stopped = false;
  const bars = tty ? new cliProgress.MultiBar({
    stream,
    format: '{scenario} [{bar}] {value}/{total} runs · {rate}/s · {eta_formatted} left',
    hideCursor: true,
    clearOnComplete: false,
    etaBuffer: 50,
  }, cliProgress.Presets.shades_classic) : undefined;

  return {
    update(p) {
      const now = Date.now();
      let t = tracks.get(p.scenario);
      if (!t) {
        t = { lastLine: -Infinity, lastStep: -1 };
        tracks.set(p.scenario, t);
        t.bar = bars?.create(p.total, p.done, { scenario: p.scenario.padEnd(6), rate: '0' });
      }
      const { rate, eta } = rateAndEta(p);
      if (t.bar) {
        t.bar.update(p.done, { scenario: p.scenario.padEnd(6), rate: rate.toFixed(1) });
        return;
      }
      const step = p.total ? Math.floor((10 * p.done) / p.total) : 10;
      const complete = p.done === p.total;
      if (!complete && now - t.lastLine < 2000 && step === t.lastStep) return;
      if (complete && t.lastStep === 10) return;
      t.lastLine = now;
      t.lastStep = step;
      const pct = p.total ? Math.round((100 * p.done) / p.total) : 100;
      const left = complete ? `done in ${formatDuration(p.elapsedMs)}`
        : Number.isFinite(eta) ? `~${formatDuration(eta * 1000)} left` : 'starting';
      const resumed = p.resumed ? ` (${p.resumed} resumed)` : '';
      stream.write(`${p.scenario}: ${p.done}/${p.total} runs${resumed} (${pct} %), `
        + `${rate.toFixed(1)}/s, ${left}\n`);
    },
    stop() {
      if (!stopped) bars?.stop();
      stopped = true;
    },
  };
}
