// Where the scenarios come from. The main thread and every worker load the same module by URL,
// so a worker can find a scenario by its id. By default it is the reproduction's own list
// (scenarios/index.js); the DEEPLIN_SCENARIOS environment variable points to another module
// that exports `scenarios: Scenario[]`. That switch exists for tests of the runner and CLI,
// which bring tiny fake scenarios.
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InvalidArgument } from '../core/errors.js';
import type { Scenario } from './types.js';

export const SCENARIOS_ENV = 'DEEPLIN_SCENARIOS';

/**
 * URL of the module that exports the scenario list.
 * @param env the environment to read DEEPLIN_SCENARIOS from (a path or a file: URL)
 */
export function scenarioModuleUrl(env: Record<string, string | undefined> = process.env): string {
  const custom = env[SCENARIOS_ENV];
  if (custom === undefined || custom === '') {
    return new URL('./scenarios/index.js', compiledUrl(import.meta.url)).href;
  }
  if (custom.startsWith('file:')) return custom;
  return pathToFileURL(isAbsolute(custom) ? custom : resolve(custom)).href;
}

/**
 * The URL of the compiled (dist/) module matching a module's URL. Under a test runner that
 * executes src/*.ts, workers and scenario lists must still load the built JavaScript.
 */
export function compiledUrl(url: string): string {
  if (!url.endsWith('.ts')) return url;
  return url.replace(/\/src\/(?!.*\/src\/)/, '/dist/').replace(/\.ts$/, '.js');
}

/**
 * Import a scenario module and check its list: an array of scenarios with distinct ids.
 * @param url from `scenarioModuleUrl()`
 * @throws InvalidArgument when the module has no `scenarios` array or ids repeat
 */
export async function loadScenarios(url: string): Promise<Scenario[]> {
  const module = (await import(url)) as { scenarios?: unknown };
  const list = module.scenarios;
  if (!Array.isArray(list)) {
    throw new InvalidArgument(`loadScenarios: ${url} must export 'scenarios' as an array`);
  }
  const seen = new Set<string>();
  for (const s of list as Scenario[]) {
    if (typeof s?.id !== 'string' || typeof s.run !== 'function' || typeof s.grid !== 'function') {
      throw new InvalidArgument(`loadScenarios: ${url} holds an entry that is not a Scenario`);
    }
    if (seen.has(s.id)) throw new InvalidArgument(`loadScenarios: scenario id '${s.id}' repeats`);
    seen.add(s.id);
  }
  return list as Scenario[];
}

/**
 * Pick scenarios by id or name, in the registry's order.
 * @param all the registry
 * @param wanted ids or names (case-insensitive); undefined or empty for all
 * @throws InvalidArgument naming the unknown entries and the accepted ids
 */
export function selectScenarios(all: readonly Scenario[], wanted?: readonly string[]): Scenario[] {
  if (!wanted || wanted.length === 0) return [...all];
  const lower = wanted.map((w) => w.trim().toLowerCase());
  const unknown = wanted.filter((_, i) =>
    !all.some((s) => s.id.toLowerCase() === lower[i] || s.name.toLowerCase() === lower[i]));
  if (unknown.length > 0) {
    const accepted = all.length ? all.map((s) => s.id).join(', ') : '(none: the registry is empty)';
    throw new InvalidArgument(
      `unknown scenario ${unknown.map((u) => `'${u}'`).join(', ')}; accepted: ${accepted}`,
    );
  }
  const chosen = (s: Scenario) =>
    lower.includes(s.id.toLowerCase()) || lower.includes(s.name.toLowerCase());
  return all.filter(chosen);
}
