import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { NativeInput } from '../port.js';

// Fixtures as the tests edit them: JSON parsed, text replaced, bytes served in chunks.

/** A JSON fixture, parsed (a fresh copy each call: tests edit it). */
export function readJson<T = Record<string, unknown>>(dir: string, name: string): T {
  return JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as T;
}

/** A value as a JSON body (UTF-8, no BOM). */
export function jsonInput(name: string, value: unknown): NativeInput {
  return { name, content: new TextEncoder().encode(JSON.stringify(value)) };
}

/**
 * Replaces the first occurrence of `from` in a fixture's text, failing loudly when the
 * fixture no longer holds it (an edit that silently does nothing proves nothing).
 */
export function replaceOnce(text: string, from: string | RegExp, to: string): string {
  const match = typeof from === 'string' ? { index: text.indexOf(from), length: from.length } : regexMatch(text, from);
  if (match.index < 0) throw new Error(`fixture text not found: ${String(from)}`);
  return text.slice(0, match.index) + to + text.slice(match.index + match.length);
}

function regexMatch(text: string, pattern: RegExp): { index: number; length: number } {
  const found = new RegExp(pattern.source, pattern.flags.replace('g', '')).exec(text);
  return found ? { index: found.index, length: found[0].length } : { index: -1, length: 0 };
}

/** Bytes as a stream of chunks of `size`, to read the way a transport hands them over. */
export async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.byteLength; i += size) yield bytes.subarray(i, i + size);
}
