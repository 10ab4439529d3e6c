// The demo page as `npm run build:web` makes it: Vite bundles the page, its worker and the
// embedded Wasm into static files, which a plain static server (no Vite, no transforms) then
// serves to Chromium. A run there must give the Node API's bits, as in the dev server.
import { readFile, mkdtemp, rm, readdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright';
import { build } from 'vite';
import { fill, launchChromium, nodeTheta, small, smallForm, waitForEnd } from './browser.ts';

const webRoot = fileURLToPath(new URL('../../web', import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
};

/** Serve the files under `dir` on 127.0.0.1 at a free port; nothing outside `dir`. */
async function serveStatic(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url!, 'http://x').pathname));
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': type }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no server address');
  return { server, url: `http://127.0.0.1:${address.port}/` };
}

describe('demo page built by Vite, served as static files', () => {
  let outDir: string;
  let server: Server;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'deeplin-web-'));
    await build({
      configFile: `${webRoot}/vite.config.ts`, root: webRoot, logLevel: 'error',
      build: { outDir, emptyOutDir: true },
    });
    ({ server, url } = await serveStatic(outDir));
    browser = await launchChromium();
  }, 40_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('bundles the page, its worker and the Wasm into files that need no Wasm fetch', async () => {
    const assets = await readdir(join(outDir, 'assets'));
    expect(assets.filter((f) => f.endsWith('.wasm'))).toEqual([]);
    const worker = assets.find((f) => f.startsWith('worker') && f.endsWith('.js'));
    expect(worker).toBeDefined();
    // The worker carries the kernels as base64 ("AGFzbQ" is the Wasm magic number \0asm).
    expect(await readFile(join(outDir, 'assets', worker!), 'utf8')).toContain('AGFzbQ');
  });

  it('trains in the built page to the same bits as the Node API', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(url);
    await page.waitForFunction(
      () => document.querySelector('[data-testid="status"]')?.textContent?.startsWith('ready'),
      null, { timeout: 20_000 });
    await fill(page, smallForm);
    await page.getByTestId('train').click();
    expect(await waitForEnd(page)).toMatch(/^done: 3000 steps/);
    expect(await page.getByTestId('theta-hex').textContent()).toBe(nodeTheta(small));

    // The 'auto' step is resolved once, in the first chunk, and lazy scaling goes through too.
    await fill(page, { ...smallForm, step: 'auto', lazyAlpha: '10', maxSteps: '2000' });
    await page.getByTestId('train').click();
    expect(await waitForEnd(page)).toMatch(/^done: \d+ steps/);
    expect(await page.getByTestId('theta-hex').textContent())
      .toBe(nodeTheta({ ...small, step: 'auto', lazyAlpha: 10, maxSteps: 2000 }));
    expect(errors).toEqual([]);
    // Everything came from the static server on loopback.
    for (const r of requests) expect(r.startsWith(url) || r.startsWith('data:')).toBe(true);
    await page.close();
  });
});
