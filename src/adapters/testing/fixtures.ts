import { expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { NativeInput } from '../port.js';

// Fixtures as the tests edit them: JSON parsed, text replaced, bytes served in chunks.

/** A JSON fixture, parsed (a fresh copy each call: tests edit it). */
export function readJson<T = Record<string, unknown>>(dir: string, name: string): T {
  return JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as T;
}

/**
 * The bodies of a sample of an HTTP system, by file name, in the order its
 * `<sample>.requests.md` lists them (`answered by \`edge.page1.casi.json\``): the
 * requests a transport makes, and the answers the mapping reads.
 */
export function answeredBodies<T = Record<string, unknown>>(dir: string, sample: string): Map<string, T> {
  const requests = readFileSync(path.join(dir, `${sample}.requests.md`), 'utf8');
  const files = [...requests.matchAll(/answered by `([^`]+)`/g)].map((m) => m[1]!);
  return new Map(files.map((f) => [f, readJson<T>(dir, f)]));
}

/** Sets of bodies (file name → JSON) as the inputs of one read. */
export function jsonInputs(...sets: ReadonlyMap<string, unknown>[]): NativeInput[] {
  return sets.flatMap((set) => [...set].map(([name, body]) => jsonInput(name, body)));
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

/** Everything an async iterable gives, in order (a stream's items). */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The bytes of a stream of chunks, joined (a generator's output). */
export async function joinChunks(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  return Buffer.concat(await collect(chunks));
}

/** A fixture after an edit in place (`edited(bodies('rich'), (b) => …)`), for one-line test inputs. */
export function edited<T>(value: T, edit: (value: T) => void): T {
  edit(value);
  return value;
}

/** A written file's text holds each of `holds` and none of `lacks` (staff names, values the format drops). */
export function expectText(text: string, expected: { holds?: readonly (string | RegExp)[]; lacks?: readonly string[] }): void {
  for (const part of expected.holds ?? []) {
    if (typeof part === 'string') expect(text).toContain(part);
    else expect(text).toMatch(part);
  }
  for (const part of expected.lacks ?? []) expect(text).not.toContain(part);
}
