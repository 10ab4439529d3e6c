// Helpers shared by the demo page's browser tests: Debian's Chromium without network chatter,
// form filling, waiting for a run to end, and θ from the Node API for the same settings.
import { expect } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright';
import { DeepLinearNetwork } from '../../src/index.ts';
import type { NetworkConfig } from '../../src/dln/types.ts';
import { makeProblem } from '../../web/problem.ts';
import { hexOf } from '../../web/view.ts';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/** Type settings into the page's form (only the given fields) and fire input events. */
export async function fill(page: Page, values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    const el = page.locator(`[name="${name}"]`);
    const tag = await el.evaluate((e) => e.tagName);
    if (tag === 'SELECT') await el.selectOption(value);
    else await el.fill(value);
  }
}

/** Wait until the status line leaves "starting"/"training" and return its text. */
export async function waitForEnd(page: Page, timeout = 30_000): Promise<string> {
  const status = page.getByTestId('status');
  await expect
    .poll(async () => status.textContent(), { timeout, interval: 50 })
    .toMatch(/^(done|diverged|the library refused|stopped)/);
  return (await status.textContent()) ?? '';
}

/** θ from the Node API for the page's settings, written out here independently of web/. */
export function nodeTheta(s: {
  n: number; d: number; seed: number; widths: number[]; scale: number; step: number | 'auto';
  maxSteps: number; every: number; lazyAlpha?: number;
}): string {
  const { A, b } = makeProblem(s);
  const config: NetworkConfig = {
    A, b, widths: s.widths, init: { kind: 'gaussian', scale: s.scale }, seed: s.seed + 2,
  };
  if (s.lazyAlpha !== undefined) config.lazyAlpha = s.lazyAlpha;
  const net = new DeepLinearNetwork(config);
  try {
    net.train({ step: s.step, maxSteps: s.maxSteps, every: s.every });
    return hexOf(net.theta());
  } finally {
    net.dispose();
  }
}

// A run that spends its whole budget (loss still ~1e-8 at 3000 steps), over several chunks.
export const small = {
  n: 4, d: 12, seed: 7, widths: [6, 6], scale: 0.5, step: 0.001, maxSteps: 3000, every: 100,
};
export const smallForm = {
  n: '4', d: '12', seed: '7', depth: '2', widths: '6', initKind: 'gaussian', initScale: '0.5',
  firstLayer: 'same', lazyAlpha: '', step: '0.001', maxSteps: '3000', every: '100',
};
