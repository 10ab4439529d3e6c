// `npm run bench:chromium`: the benchmark page (bench/web/suites.mjs) in headless Chromium,
// served on 127.0.0.1 with COOP/COEP by bench/web/server.mjs and driven by playwright-core with
// Debian's chromium and the flags of vitest.config.ts. The suites are the Node suites' (same
// names, cases and columns); as `npm run bench`, it runs every suite on the quick size sets,
// or those named, and --full runs the complete size sets:
//
//   node bench/web/run.mjs [gemm dln …] [--full]        (after `npm run build`)
//
// Prints one markdown table per operation and merges each suite's rows, with the machine and
// browser lines, into bench/results/chromium-<date>.json.
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { machineLine } from '../machine.mjs';
import { saveResults } from '../lib/results.mjs';
import { printTable } from '../lib/table.mjs';
import { serve } from './server.mjs';

const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const args = process.argv.slice(2);
const quick = !args.includes('--full');
const wanted = args.filter((a) => !a.startsWith('--'));
if (!existsSync(new URL('../../dist/index.js', import.meta.url))) {
  console.error('bench/web/run.mjs: dist/ is missing; run `npm run build` first');
  process.exit(2);
}

console.log(machineLine());
console.log(quick ? 'quick size sets (--full for all)' : 'full size sets');
const server = await serve();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS, headless: true,
});
let failed = 0;
try {
  // Each suite gets a fresh page, as each Node suite gets a fresh process: one suite's JIT
  // state and heap do not colour the next, and its first calls are cold.
  const openPage = async () => {
    const page = await browser.newPage();
    page.on('console', (m) => console.error(`page: ${m.text()}`));
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.goto(`${server.url}bench/web/index.html`);
    await page.evaluate(async () => {
      if (!window.bench) throw new Error('the page did not load its suites (see page errors)');
      await window.bench;
    });
    return page;
  };
  const first = await openPage();
  const env = await first.evaluate(async () => {
    const bench = await window.bench;
    return { names: bench.names, ...bench.environment() };
  });
  await first.close();
  const unknown = wanted.filter((n) => !env.names.includes(n));
  if (unknown.length > 0) {
    throw new Error(`no suite named ${unknown.join(', ')}; available: ${env.names.join(', ')}`);
  }
  const browserLine = `Chromium ${browser.version()}; ${env.userAgent}; crossOriginIsolated ` +
    `${env.isolated}; hardwareConcurrency ${env.cores}`;
  console.log(`browser: ${browserLine}`);
  const start = performance.now();
  for (const name of wanted.length > 0 ? wanted : env.names) {
    console.log(`\n## bench (Chromium): ${name}`);
    const t0 = performance.now();
    const page = await openPage();
    try {
      const result = await page.evaluate(
        async ([n, q]) => (await window.bench).run(n, q), [name, quick], { timeout: 0 },
      );
      const rows = [];
      for (const t of result.tables) {
        printTable(t.title, t.rows, t.baselines.filter((b) => t.rows.some((r) => r.impl === b)));
        rows.push(...t.rows);
      }
      for (const note of result.notes ?? []) console.log(`\n${note}`);
      console.log(`\nwrote ${saveResults(name, rows, { browser: browserLine, quick,
        notes: result.notes }, { prefix: 'chromium-' })}`);
    } catch (err) {
      console.error(`bench/web/run.mjs: ${name} failed: ${err.message}`);
      failed++;
    } finally {
      await page.close();
    }
    console.log(`(${name}: ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  console.log(`\nall suites: ${((performance.now() - start) / 1000).toFixed(0)} s`);
} finally {
  await browser.close();
  server.close();
}
process.exit(failed > 0 ? 1 : 0);
