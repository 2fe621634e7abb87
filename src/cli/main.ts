import { readFileSync } from 'node:fs';
import { InputError, PasserelleError } from '../errors.js';
import { ROOT } from './commands.js';
import { commandName, resolve, UsageError, usageText } from './framework.js';
import { confirm, processIo, type Io } from './terminal.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * The `passerelle` command. Exit 0 done, 1 failed (the command ran and found a fault), 2
 * a usage error (an unknown command or option, a missing value, no confirmation). `--help`
 * anywhere prints the command's usage and does nothing else.
 */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const resolved = resolve(ROOT, argv);
  if (resolved.kind === 'version') {
    io.out(`passerelle ${VERSION}`);
    return 0;
  }
  if (resolved.kind === 'help') {
    io.out(usageText(resolved.path));
    return 0;
  }
  const cmd = resolved.path.at(-1)!;
  const name = commandName(resolved.path);
  return cmd.run!({
    values: resolved.values,
    positionals: resolved.positionals,
    io,
    confirm: (question) => confirm(io, resolved.values.yes === true, name, question),
  });
}

/** An error as one JSON line for scripts, or in words for a person at a terminal. */
export function report(error: unknown, io: Io): number {
  const usage = error instanceof UsageError ? error.help : undefined;
  const known = error instanceof PasserelleError;
  const code = known ? error.code : 'internal';
  // An unknown error's message may quote anything (a value, a path): only its kind is said.
  const errno = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  const kind = error instanceof Error ? `${error.name}${typeof errno === 'string' ? ` ${errno}` : ''}` : 'error';
  const message = known ? error.message : `an unexpected ${kind}; run again with PASSERELLE_LOG_LEVEL=debug, or report it`;
  if (io.errTty) {
    io.err(`${io.style.red('passerelle:')} ${message}`);
    if (usage) io.err(io.style.dim(`see: ${usage}`));
  } else {
    io.err(JSON.stringify({ code, field: known ? (error.details.field ?? null) : null, message, ...(usage ? { help: usage } : {}) }));
  }
  return error instanceof InputError ? 2 : 1;
}

const io = processIo();
main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = report(error, io);
  },
);
