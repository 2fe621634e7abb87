import { createInterface } from 'node:readline/promises';
import { UsageError } from './usage-error.js';

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
}

export interface Io {
  out(line: string): void;
  err(line: string): void;
  raw(bytes: Uint8Array): void;
  /** stdout and stderr are a terminal: people read, so colours, progress and questions are welcome. */
  readonly tty: boolean;
  /** stderr is a terminal (progress bars go there). */
  readonly errTty: boolean;
  readonly style: Style;
  /** Asks a yes/no question on the terminal; false when there is none. */
  ask(question: string): Promise<boolean>;
}

const plain: Style = { bold: (t) => t, dim: (t) => t, red: (t) => t, green: (t) => t, yellow: (t) => t };
const sgr = (open: number, close: number) => (t: string) => `\u001b[${open}m${t}\u001b[${close}m`;
const ansi: Style = { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39) };

/** Colours only on a terminal, never with `NO_COLOR` (any value) or `TERM=dumb`. */
export function colours(isTty: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  return isTty && env.NO_COLOR === undefined && env.TERM !== 'dumb';
}

export function processIo(): Io {
  const tty = Boolean(process.stdout.isTTY && process.stderr.isTTY);
  return {
    out: (line) => void process.stdout.write(line + '\n'),
    err: (line) => void process.stderr.write(line + '\n'),
    raw: (bytes) => void process.stdout.write(bytes),
    tty,
    errTty: Boolean(process.stderr.isTTY),
    style: colours(Boolean(process.stderr.isTTY)) ? ansi : plain,
    async ask(question) {
      if (!process.stdin.isTTY || !process.stderr.isTTY) return false;
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
      } finally {
        rl.close();
      }
    },
  };
}

/** The confirmation of a command that changes something. */
export async function confirm(io: Io, yes: boolean, command: string, question: string): Promise<void> {
  if (yes) return;
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new UsageError('cli.confirmation-required', `${question.replace(/\?$/, '')}: this changes something, and there is no terminal to ask; run again with --yes`, `${command} --help`, 'yes');
  }
  if (!(await io.ask(question))) throw new UsageError('cli.not-confirmed', 'nothing was changed: not confirmed', `${command} --help`, 'yes');
}
