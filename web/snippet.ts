// The page's run as a Node script: what a reader pastes to get the same θ, bit for bit, from the
// npm package (the page's test runs this very text against the built package).
import { factorInits } from './config.ts';
import type { RunSettings } from './settings.ts';

/**
 * A self-contained ES module that repeats a run of the page and prints its θ.
 * @param s the run's settings
 * @param from where deeplin is imported from ('deeplin' for readers)
 */
export function nodeSnippet(s: RunSettings, from = 'deeplin'): string {
  // Inits hold only names and numbers, so JSON becomes a JS literal by quote and space changes.
  const init = JSON.stringify(factorInits(s))
    .replace(/"(\w+)":/g, '$1: ').replace(/"/g, "'").replace(/,/g, ', ');
  const lazy = s.lazyAlpha === undefined ? '' : `, lazyAlpha: ${s.lazyAlpha}`;
  const step = s.step === 'auto' ? `'auto'` : String(s.step);
  return [
    `import { init, DeepLinearNetwork, Matrix, Random } from '${from}';`,
    '',
    'await init();',
    `const n = ${s.n}, d = ${s.d}, seed = ${s.seed};`,
    '// The problem: A with entries N(0, 1/d) from seed, b ~ N(0, I) from seed + 1.',
    'const A = Matrix.randn(n, d, { seed, scale: 1 / Math.sqrt(d) });',
    'const b = new Random(seed + 1).normal(n);',
    'const net = new DeepLinearNetwork({',
    `  A, b, widths: [${s.widths.join(', ')}], init: ${init}, seed: seed + 2${lazy},`,
    '});',
    `const result = net.train({ step: ${step}, maxSteps: ${s.maxSteps}, every: ${s.every} });`,
    'const theta = net.theta();',
    'console.log(result.steps, result.loss);',
    "console.log(Buffer.from(theta.buffer, theta.byteOffset, theta.byteLength).toString('hex'));",
    'net.dispose();',
    '',
  ].join('\n');
}
