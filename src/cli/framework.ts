import { parseArgs } from 'node:util';
import { distance } from 'fastest-levenshtein';
import type { Io } from './terminal.js';
import { UsageError } from './usage-error.js';

export interface OptionDef {
  type: 'string' | 'boolean';
  short?: string;
  /** Placeholder of a string option's value in the usage (`ID`, `FILE`). */
  value?: string;
  help: string;
  /** The command cannot run without it. */
  required?: true;
}

export type Values = Record<string, string | boolean | undefined>;

export interface RunContext {
  values: Values;
  positionals: string[];
  io: Io;
  /** Asks before a change: `--yes` answers for scripts, a terminal is asked; otherwise a usage error. */
  confirm(question: string): Promise<void>;
}

export interface CommandDef {
  name: string;
  summary: string;
  /** What follows `passerelle <path>` in the usage, one line per form. */
  usage?: string[];
  description?: string;
  options?: Record<string, OptionDef>;
  positionals?: { min: number; max: number };
  subcommands?: CommandDef[];
  /** Changes something (keys, store, queue): asks for `--yes` off a terminal and confirms on one. */
  writes?: boolean;
  run?: (ctx: RunContext) => Promise<number>;
}

/** A usage error: exit 2, the message names what was wrong and, where it can, the nearest right thing. */
export { UsageError } from './usage-error.js';

const HELP: OptionDef = { type: 'boolean', short: 'h', help: 'show this help and do nothing else' };
const YES: OptionDef = { type: 'boolean', short: 'y', help: 'answer yes to the confirmation (needed when not on a terminal)' };

export function optionsOf(cmd: CommandDef): Record<string, OptionDef> {
  return { ...cmd.options, ...(cmd.writes ? { yes: YES } : {}), help: HELP };
}

/** A name as typed, shown only when it is a plain word: the caller's text is never echoed otherwise. */
export function shown(text: string): string | undefined {
  return /^-{0,2}[A-Za-z0-9][\w.:-]{0,63}$/.test(text) ? text : undefined;
}

/** The candidate nearest to `word`, when near enough to be a typo. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

const didYouMean = (guess: string | undefined): string => (guess ? `; did you mean ${guess}?` : '');

export type Resolved =
  | { kind: 'help'; path: CommandDef[] }
  | { kind: 'version' }
  | { kind: 'run'; path: CommandDef[]; values: Values; positionals: string[] };

export const commandName = (path: readonly CommandDef[]): string => ['passerelle', ...path.slice(1).map((c) => c.name)].join(' ');

/**
 * Finds the command an argument list names and parses its options. `--help` anywhere
 * (before `--`) wins over everything else: it resolves as far as the command words go
 * and asks for that command's help, so nothing runs.
 */
export function resolve(root: CommandDef, argv: readonly string[]): Resolved {
  const end = argv.indexOf('--');
  const region = end === -1 ? argv : argv.slice(0, end);
  const wantsHelp = region.includes('--help') || region.includes('-h');
  if (!wantsHelp && (argv[0] === '--version' || argv[0] === '-V')) return { kind: 'version' };
  const path: CommandDef[] = [root];
  let i = 0;
  // `passerelle help keys rotate` is `passerelle keys rotate --help`.
  if (argv[0] === 'help') {
    i = 1;
    while (i < argv.length && path.at(-1)!.subcommands) path.push(subcommand(path, argv[i]!)), (i += 1);
    return { kind: 'help', path };
  }
  for (;;) {
    const cmd = path.at(-1)!;
    if (!cmd.subcommands) break;
    const word = argv[i];
    if (word === undefined || word.startsWith('-')) {
      if (wantsHelp || (word === undefined && path.length === 1)) return { kind: 'help', path };
      if (word !== undefined && path.length === 1) throw unknownOption(path, word, optionsOf(cmd));
      throw new UsageError('cli.missing-command', `${commandName(path)} needs a subcommand: ${cmd.subcommands.map((c) => c.name).join(', ')}`, `${commandName(path)} --help`, 'command');
    }
    path.push(subcommand(path, word));
    i += 1;
  }
  if (wantsHelp) return { kind: 'help', path };
  const cmd = path.at(-1)!;
  const { values, positionals } = parseOptions(path, argv.slice(i));
  for (const [option, def] of Object.entries(cmd.options ?? {})) {
    if (def.required && values[option] === undefined) {
      throw new UsageError('cli.missing-option', `--${option} is required; usage: ${commandName(path)} ${cmd.usage?.[0] ?? ''}`.trim(), `${commandName(path)} --help`, option);
    }
  }
  const { min, max } = cmd.positionals ?? { min: 0, max: 0 };
  if (positionals.length < min || positionals.length > max) {
    const what = max === 0 ? 'takes no arguments' : positionals.length < min ? `needs ${min === max ? min : `at least ${min}`} argument(s)` : `takes at most ${max} argument(s)`;
    const extra = max === 0 && positionals[0] !== undefined && shown(positionals[0]) ? ` ("${shown(positionals[0])}" is not an option or a subcommand)` : '';
    throw new UsageError('cli.usage', `${commandName(path)} ${what}${extra}; usage: ${commandName(path)} ${cmd.usage?.[0] ?? ''}`.trim(), `${commandName(path)} --help`, 'arguments');
  }
  return { kind: 'run', path, values, positionals };
}

function subcommand(path: CommandDef[], word: string): CommandDef {
  const cmd = path.at(-1)!;
  const found = cmd.subcommands?.find((c) => c.name === word);
  if (found) return found;
  const names = cmd.subcommands?.map((c) => c.name) ?? [];
  const name = shown(word);
  throw new UsageError(
    'cli.unknown-command',
    `${name ? `"${name}" is not a command of ${commandName(path)}` : `that is not a command of ${commandName(path)}`}${didYouMean(name ? nearest(name, names) : undefined)} (commands: ${names.join(', ')})`,
    `${commandName(path)} --help`,
    'command',
  );
}

function unknownOption(path: CommandDef[], raw: string, options: Record<string, OptionDef>): UsageError {
  const name = shown(raw);
  const flags = Object.keys(options).map((o) => `--${o}`);
  const bare = raw.replace(/=.*$/, '');
  return new UsageError(
    'cli.unknown-option',
    `${name ? `${name.replace(/=.*$/, '')} is not an option of ${commandName(path)}` : `an option ${commandName(path)} does not know`}${didYouMean(shown(bare) ? nearest(bare, flags) : undefined)}`,
    `${commandName(path)} --help`,
    'option',
  );
}

function parseOptions(path: CommandDef[], args: string[]): { values: Values; positionals: string[] } {
  const defs = optionsOf(path.at(-1)!);
  const spec = Object.fromEntries(Object.entries(defs).map(([name, d]) => [name, { type: d.type, ...(d.short ? { short: d.short } : {}) }]));
  const { tokens } = parseArgs({ args, options: spec, strict: false, allowPositionals: true, tokens: true });
  const values: Values = {};
  const positionals: string[] = [];
  for (const token of tokens ?? []) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const def = defs[token.name];
    if (!def) throw unknownOption(path, token.rawName, defs);
    if (def.type === 'boolean') {
      if (token.inlineValue) throw new UsageError('cli.invalid-option', `--${token.name} is a switch and takes no value`, `${commandName(path)} --help`, token.name);
      values[token.name] = true;
      continue;
    }
    if (token.value === undefined || (!token.inlineValue && token.value.startsWith('-'))) {
      throw new UsageError('cli.missing-value', `--${token.name} needs a value (${def.value ?? 'VALUE'})`, `${commandName(path)} --help`, token.name);
    }
    values[token.name] = token.value;
  }
  return { values, positionals };
}

/** The help text of a command: usage, what it does, options, subcommands. */
export function usageText(path: readonly CommandDef[]): string {
  const cmd = path.at(-1)!;
  const name = commandName(path);
  const lines: string[] = [];
  const forms = cmd.usage ?? [cmd.subcommands ? 'COMMAND [OPTIONS]' : ''];
  lines.push(...forms.map((form, k) => `${k === 0 ? 'Usage:' : '      '} ${name} ${form}`.trimEnd()), '', cmd.summary);
  if (cmd.description) lines.push('', cmd.description);
  if (cmd.subcommands) {
    lines.push('', 'Commands:');
    const width = Math.max(...cmd.subcommands.map((c) => c.name.length)) + 2;
    for (const sub of cmd.subcommands) lines.push(`  ${sub.name.padEnd(width)}${sub.summary}`);
  }
  const options = Object.entries(optionsOf(cmd));
  const flag = ([name, d]: [string, OptionDef]): string => `${d.short ? `-${d.short}, ` : '    '}--${name}${d.type === 'string' ? ` ${d.value ?? 'VALUE'}` : ''}`;
  const width = Math.max(...options.map((o) => flag(o).length), path.length === 1 ? 13 : 0) + 2;
  lines.push('', 'Options:', ...options.map((o) => `  ${flag(o).padEnd(width)}${o[1].help}`));
  if (path.length === 1) lines.push(`  ${'-V, --version'.padEnd(width)}print the version and do nothing else`);
  if (cmd.subcommands) lines.push('', `Run "${name} COMMAND --help" for a command's own options.`);
  if (path.length === 1) lines.push('Settings are PASSERELLE_* variables; see docs/configuration.md. Exit status: 0 done, 1 failed, 2 usage error.');
  return lines.join('\n');
}

/** Every command path of the tree, groups included: what the help test walks. */
export function everyCommand(root: CommandDef, path: CommandDef[] = [root]): CommandDef[][] {
  const cmd = path.at(-1)!;
  return [path, ...(cmd.subcommands ?? []).flatMap((sub) => everyCommand(root, [...path, sub]))];
}
