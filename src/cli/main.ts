#!/usr/bin/env node
// The deeplin command line. Exit codes: 0 done (even when checks fail, unless --strict),
// 1 a run failed (or a check, with --strict), 2 a usage error (unknown scenario, bad value).
// Progress goes to stderr; stdout carries only the final summary.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { InvalidArgument } from '../core/errors.js';
import { registerList } from './list.js';
import { registerMerge } from './merge.js';
import { registerReproduce } from './reproduce.js';
import { registerRun } from './run.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

// A reader that stops early (`deeplin list | head -1`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

/** A file-system refusal (not a directory, no permission, read-only) of a path. */
function isPathError(err: unknown): err is NodeJS.ErrnoException & { path: string } {
  const e = err as NodeJS.ErrnoException;
  return typeof e?.path === 'string' &&
    ['ENOTDIR', 'EACCES', 'EPERM', 'EROFS', 'EEXIST', 'EISDIR'].includes(e.code ?? '');
}

let exitCode = 0;
const program = new Command('deeplin')
  .description('Reproduce Gruber & Avron 2024: implicit bias of initialization in deep linear '
    + 'networks')
  .version(pkg.version)
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();
const setExit = (code: number) => {
  exitCode = code;
};
registerReproduce(program, setExit);
registerRun(program, setExit);
registerList(program);
registerMerge(program, setExit);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // Commander has printed its message; --help and --version end with code 0.
    exitCode = err.exitCode === 0 ? 0 : 2;
  } else if (err instanceof InvalidArgument) {
    process.stderr.write(`error: ${err.message}\n`);
    exitCode = 2;
  } else if (isPathError(err)) {
    // The output directory cannot be made or written: say so in the terms of --out.
    process.stderr.write(`error: cannot write the output under ${err.path} (${err.code}); ` +
      'give --out a writable directory\n');
    exitCode = 2;
  } else {
    const e = err instanceof Error ? err : new Error(String(err));
    process.stderr.write(`error: ${e.message}\n`);
    if (process.env.DEEPLIN_DEBUG) process.stderr.write(`${e.stack}\n`);
    else process.stderr.write('(DEEPLIN_DEBUG=1 shows where it failed)\n');
    exitCode = 1;
  }
}
process.exitCode = exitCode;
