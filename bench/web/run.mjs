// `npm run bench:chromium`: the benchmark page (bench/web/suites.mjs) in headless Chromium,
// served on 127.0.0.1 with COOP/COEP by bench/web/server.mjs and driven by playwright-core with
// Debian's chromium and the flags of vitest.config.ts. Prints the same tables as the Node
// suites and merges the rows into bench/results/<date>.json as suite 'chromium'.
//
//   node bench/web/run.mjs [--quick]        (after `npm run build`)
import { chromium } from 'playwright-core';
import { machineLine } from '../machine.mjs';
import { saveResults } from '../lib/results.mjs';
import { printTable } from '../lib/table.mjs';
import { serve } from './server.mjs';

const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const quick = process.argv.includes('--quick');

console.log(machineLine());
const server = await serve();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS, headless: true,
});
try {
  const page = await browser.newPage();
  page.on('console', (m) => console.error(`page: ${m.text()}`));
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(`${server.url}bench/web/index.html${quick ? '?quick' : ''}`);
  const result = await page.evaluate(() => window.benchResult, null, { timeout: 0 });
  if (!result || result.error) throw new Error(`bench page failed: ${result?.error}`);
  console.log(`browser: ${result.userAgent}; crossOriginIsolated ${result.isolated}; ` +
    `hardwareConcurrency ${result.cores}`);
  const titles = {
    gemm: 'GEMM (Chromium)', gemv: 'GEMV (Chromium)',
    qr: 'QR of the tall transposes (Chromium)', minnorm: 'Minimum-norm solve (Chromium)',
    svd: 'SVD, singular values of the thin SVD (Chromium)',
  };
  const all = [];
  for (const [key, rows] of Object.entries(result.groups)) {
    if (rows.length === 0) continue;
    printTable(titles[key], rows, rows.some((r) => r.impl === 'ml-matrix')
      ? ['ml-matrix', 'plain JS'].filter((b) => rows.some((r) => r.impl === b)) : ['plain JS']);
    all.push(...rows);
  }
  console.log(`\nwrote ${saveResults('chromium', all, { browser: result.userAgent, quick })}`);
} finally {
  await browser.close();
  server.close();
}
