// The demo page in real Chromium, served by Vite on 127.0.0.1: a run trained in the page's
// worker must give the same bits as the Node API, the page must stay responsive while it trains,
// and bad settings and diverging runs must be shown, not thrown. build.node.test.ts checks the
// page built by Vite the same way.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { createServer, type ViteDevServer } from 'vite';
import { fill, launchChromium, nodeTheta, small, smallForm, waitForEnd } from './browser.ts';
import { prettyMath } from '../../src/experiments/report/format.ts';
import { scenarios } from '../../src/experiments/scenarios/index.ts';
import { shallowBaseline } from '../../src/experiments/scenarios/s01-shallow-baseline.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const webRoot = `${root}web`;

/** For waits on the page: code loaded on demand (Vite transforms it on first request), or a
 * first training chunk, can take seconds on a busy machine. */
const SLOW = { timeout: 15_000, interval: 50 };

async function waitForEndAfter(page: Page): Promise<string> {
  await page.getByTestId('train').click();
  return waitForEnd(page);
}

describe('demo page (Vite dev server, Chromium)', () => {
  let server: ViteDevServer;
  let browser: Browser;
  let page: Page;
  let url: string;

  beforeAll(async () => {
    server = await createServer({
      configFile: `${webRoot}/vite.config.ts`,
      root: webRoot,
      logLevel: 'error',
      server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
    });
    await server.listen();
    const address = server.httpServer!.address();
    if (address === null || typeof address === 'string') throw new Error('no server address');
    url = `http://127.0.0.1:${address.port}/`;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(url);
    await page.waitForFunction(
      () => document.querySelector('[data-testid="status"]')?.textContent?.startsWith('ready'),
      null, { timeout: 20_000 });
    if (pageErrors.length > 0) throw new Error(`page errors: ${pageErrors.join('; ')}`);
  }, 40_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('trains in the worker to the same bits as the Node API', async () => {
    await fill(page, smallForm);
    await page.getByTestId('train').click();
    expect(await waitForEnd(page)).toMatch(/^done: 3000 steps/);
    const hex = await page.getByTestId('theta-hex').textContent();
    expect(hex).toHaveLength(16 * small.d);
    expect(hex).toBe(nodeTheta(small));

    // The loss curve was drawn from the recorded rows (3000 / 100 + 1 points).
    const points = await page.locator('[data-testid="plot-loss"] polyline').getAttribute('points');
    expect(points?.trim().split(' ')).toHaveLength(31);
    mkdirSync(`${root}out`, { recursive: true });
    await page.screenshot({ path: `${root}out/web-demo.png`, fullPage: true });
  });

  it('shows a Node script that prints the same θ from the built package', async () => {
    // Runs against dist/, which `npm test` builds first.
    const code = (await page.getByTestId('node-code').textContent())!;
    expect(code).toContain("from 'deeplin'");
    const dir = mkdtempSync(join(tmpdir(), 'deeplin-snippet-'));
    try {
      const file = join(dir, 'run.mjs');
      const dist = pathToFileURL(`${root}dist/index.js`).href;
      writeFileSync(file, code.replace("from 'deeplin'", `from '${dist}'`));
      const out = execFileSync(process.execPath, [file], { encoding: 'utf8' }).trim().split('\n');
      expect(out[0]).toMatch(/^3000 /);
      expect(out[1]).toBe(await page.getByTestId('theta-hex').textContent());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lands on A⁺b with a zero first layer, as the theory predicts (preset)', async () => {
    await page.getByTestId('preset-zero-first-layer').click();
    expect(await waitForEndAfter(page)).toMatch(/^done: \d+ steps, converged/);
    const table = await page.locator('#summary-body tr').evaluateAll((rows) =>
      rows.map((r) => Array.from(r.children, (c) => c.textContent)));
    expect(table.map((r) => r[0])).toEqual([
      'A⁺b (minimum norm)', 'projection of init', 'first-layer prediction', 'lazy solution',
    ]);
    // Stopped at loss < 1e-25, so θ is within ~1e-12 of the solution set; every prediction
    // here is A⁺b itself (θ0 = 0, W1(0) = 0, and the tangent kernel is a multiple of I).
    for (const r of table) {
      expect(Number(r[1])).toBeLessThan(1e-10);
      expect(Number(r[2])).toBeLessThan(1e-13);
    }
  });

  it('stays responsive while the worker trains, then stops on request', async () => {
    // About 10⁵ steps/s in Node at this size; it would take over 10 s to converge.
    await fill(page, { ...smallForm, n: '50', d: '200', widths: '200', maxSteps: '10000000',
      every: '1000', step: '1e-4' });
    await page.evaluate(() => {
      const w = window as unknown as { ticks: number[] };
      w.ticks = [];
      setInterval(() => w.ticks.push(performance.now()), 10);
    });
    await page.getByTestId('train').click();
    await expect.poll(async () => page.getByTestId('status').textContent(), SLOW)
      .toMatch(/^training… step \d+/);
    const first = await page.getByTestId('status').textContent();
    await page.waitForTimeout(1500);
    const later = await page.getByTestId('status').textContent();
    const stepOf = (s: string | null): number => Number(/step (\d+)/.exec(s ?? '')![1]);
    expect(stepOf(later)).toBeGreaterThan(stepOf(first));

    // A 10 ms timer kept firing on the page's thread the whole time. (The bounds leave room for
    // a loaded CI machine; a page that trained on its own thread would starve the timer.)
    const ticks = await page.evaluate(() => (window as unknown as { ticks: number[] }).ticks);
    const gaps = ticks.slice(1).map((t, i) => t - ticks[i]!).sort((a, b) => a - b);
    expect(ticks.length).toBeGreaterThan(50);
    expect(gaps[Math.floor(gaps.length / 2)]!).toBeLessThan(40);
    expect(gaps[gaps.length - 1]!).toBeLessThan(1000);

    // A click on another control is handled while the run goes on.
    await page.getByTestId('preset-large-scale').click({ timeout: 2000 });
    expect(await page.locator('[name="initScale"]').inputValue()).toBe('2');
    expect(await page.getByTestId('status').textContent()).toMatch(/^training… step \d+/);

    await page.getByTestId('stop').click();
    expect(await page.getByTestId('status').textContent()).toMatch(/^stopped at step \d+/);
    await expect.poll(async () => page.getByTestId('train').isEnabled(), SLOW).toBe(true);
  });

  it('shows bad settings next to their fields and does not train', async () => {
    await fill(page, { ...smallForm, n: '5', d: '5', depth: '1.5', widths: '', step: 'Infinity',
      seed: '-1' });
    await page.getByTestId('train').click();
    await expect.poll(async () => page.getByTestId('error-d').textContent(), SLOW)
      .toContain('d must exceed n');
    expect(await page.getByTestId('error-depth').textContent()).toContain('must be an integer');
    expect(await page.getByTestId('error-step').textContent()).toContain('step is not a number');
    expect(await page.getByTestId('error-seed').textContent()).toContain('must be in [0');
    expect(await page.getByTestId('status').textContent()).toMatch(/fix the marked settings/);

    await fill(page, { depth: '2', widths: '' });
    expect(await page.getByTestId('error-widths').textContent()).toContain('must list 2 width');
  });

  it('reports a diverging run and trains again afterwards', async () => {
    await fill(page, { ...smallForm, step: '40', initScale: '2' });
    await page.getByTestId('train').click();
    expect(await waitForEnd(page)).toMatch(/^diverged at step \d+/);

    await fill(page, smallForm);
    await page.getByTestId('train').click();
    expect(await waitForEnd(page)).toMatch(/^done/);
    expect(await page.getByTestId('theta-hex').textContent()).toBe(nodeTheta(small));
  });

  it('draws the plots of a dropped report file', async () => {
    const report = {
      scenarios: [{
        id: 'S3', title: 'init-scale-sweep',
        summary: {
          tables: [{
            title: 'relative error', columns: ['s', 'error'],
            rows: [[0.01, { mean: 0.0123456, std: 0.002, n: 5 }], ['large', 3e-7]],
          }],
          checks: [
            { name: 'c', statement: '', measured: 1, expected: '<2', pass: true },
            { name: 'slope', statement: '', measured: 1.5, expected: 'in [0.9, 1.1]', pass: false },
          ],
          plots: [{
            id: 'err', title: 'relative error', x: { label: 's', log: true },
            y: { label: 'error', log: true },
            series: [{ name: 'h=1', points: [[0.01, 0.01], [0.1, 0.1], [1, 1]] },
              { name: 'slope 1', kind: 'guide', points: [[0.01, 0.02], [1, 2]] }],
          }],
        },
      }],
    };
    await page.getByTestId('report-file').setInputFiles({
      name: 'results.json', mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(report)),
    });
    const plots = page.locator('[data-testid="report-plots"] figure > svg');
    await expect.poll(async () => plots.count(), SLOW).toBe(1);
    const text = await page.getByTestId('report-plots').textContent();
    expect(text).toContain('S3: init-scale-sweep');
    expect(text).toContain('checks: 1 of 2 pass');
    expect(text).toContain('failed: slope: measured 1.5, expected in [0.9, 1.1]');
    const cells = await page.locator('[data-testid="report-plots"] table td').allTextContents();
    expect(cells).toEqual(['0.01', '0.01235 ± 0.002', 'large', '3.00e-7']);
    // Drawn by the report's renderLinePlot: one labelled line per series, the guide dashed.
    expect(await plots.locator('[stroke-dasharray]').count()).toBeGreaterThan(0);
    for (const name of ['h=1', 'slope 1']) expect(await plots.textContent()).toContain(name);

    // A results.json as `deeplin reproduce` writes it: rows, no plots; an unknown scenario id.
    await page.getByTestId('report-file').setInputFiles({
      name: 'results.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({
        scenarios: [{ id: 'S99', title: 'unknown', checks: [], rows: [[{ s: 1 }]] }],
      })),
    });
    // The first report with rows loads the scenario list: on a busy machine, seconds.
    await expect.poll(async () => page.getByTestId('report-plots').textContent(), SLOW)
      .toContain('scenario S99 is not in this build of deeplin: no plots');

    // Dropped on the drop zone rather than chosen: a file that is not a report.
    await page.getByTestId('drop').evaluate((zone) => {
      const data = new DataTransfer();
      data.items.add(new File(['{"x": 1}'], 'other.json', { type: 'application/json' }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true }));
    });
    await expect.poll(async () => page.getByTestId('report-error').textContent(), SLOW)
      .toBe('other.json: not a deeplin report: expected {"scenarios": [...]}');
    expect(await page.locator('[data-testid="report-plots"] svg').count()).toBe(0);
  });

  it('redraws a results.json of S1 from its rows, as the report does', async () => {
    // Rows of S1's quick grid, laid out as writeReport writes results.json.
    const configs = shallowBaseline.grid({ quick: true, overrides: {} });
    const rows = configs.map((c) => shallowBaseline.run(c));
    const summary = shallowBaseline.summarize(rows.flat());
    const results = {
      command: 'deeplin reproduce --quick --only S1',
      scenarios: [
        { id: 'S1', title: shallowBaseline.title, checks: summary.checks, configs, rows },
      ],
    };
    await page.getByTestId('report-file').setInputFiles({
      name: 'results.json', mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(results)),
    });
    const block = page.locator('[data-testid="report-plots"] section.scenario');
    await expect.poll(async () => block.locator('h3').textContent(), SLOW)
      .toBe(`S1: ${shallowBaseline.title}`);
    const passed = summary.checks.filter((c) => c.pass).length;
    expect(await block.textContent()).toContain(`checks: ${passed} of ${summary.checks.length}`);
    if (scenarios.some((s) => s.id === 'S1')) {
      // The page ran S1's summarize on the rows: the same plots as the Node summary.
      const labels = await block.locator('figure > svg').evaluateAll((svgs) =>
        svgs.map((s) => s.getAttribute('aria-label')));
      expect(summary.plots.length).toBeGreaterThan(0);
      expect(labels).toEqual(summary.plots.map((p) => prettyMath(p.title)));
    } else {
      expect(await block.textContent()).toContain('scenario S1 is not in this build');
    }
  });
});
