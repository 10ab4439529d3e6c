// Spawn the built CLI (dist/cli/main.js) with the fake scenarios of fake-scenarios.mjs.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..');
export const mainJs = join(repoRoot, 'dist', 'cli', 'main.js');
export const fakeScenarios = join(import.meta.dirname, 'fake-scenarios.mjs');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Start the CLI; `done` settles when it exits. */
export function startCli(
  args: string[], scenarios = fakeScenarios,
): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [mainJs, ...args], {
    cwd: repoRoot,
    env: { ...process.env, DEEPLIN_SCENARIOS: scenarios, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const done = new Promise<CliResult>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** Run the CLI to its end. */
export function cli(...args: string[]): Promise<CliResult> {
  return startCli(args).done;
}
