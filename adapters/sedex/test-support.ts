import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MapContext, NativeInput } from '../../src/adapters/sdk.js';
import { SAMPLE_CONTEXT } from './testing.js';

// Helpers of the tests: fixtures as text, edited in memory.

export const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');
export const MINIMAL = '5d0c1a7e-3f52-4c1b-9a1e-0b7d2f6c8e41';
export const RICH = 'b7e2f0d4-8a61-4e2c-b3f9-6c1d0a9e5f27';
export const HOUSEHOLD = 'e41c7a09-6d3b-4f2e-9c85-2a7b1e0f4d63';

export const ctx: MapContext = { ...SAMPLE_CONTEXT, now: () => new Date('2026-01-15T10:00:00Z') };

export function withSettings(settings: Record<string, unknown>): MapContext {
  return { ...ctx, settings: { ...ctx.settings, ...settings } };
}

export const fixture = (file: string): string => readFileSync(path.join(FIXTURES, file), 'utf8');

export interface Message {
  envelope: string;
  data: string;
}

export function sample(id: string): Message {
  return { envelope: fixture(`envl_${id}.xml`), data: fixture(`data_${id}.xml`) };
}

export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
export const textOf = (input: NativeInput): string => new TextDecoder().decode(input.content);

export function inputs(m: Message, id = 'msg'): NativeInput[] {
  return [
    { name: `envl_${id}.xml`, content: bytes(m.envelope) },
    { name: `data_${id}.xml`, content: bytes(m.data) },
  ];
}

/** Replaces the first occurrence (the first case's), failing loudly when the fixture lacks it. */
export function edit(text: string, from: string | RegExp, to: string): string {
  const found = typeof from === 'string' ? text.includes(from) : from.test(text);
  if (!found) throw new Error(`fixture has no ${String(from)}`);
  return text.replace(from, to);
}

/** The rich sample with its case twice: the first (88231) to break, the second (88232) to keep mapping. */
export function richTwice(): Message {
  const m = sample(RICH);
  const start = m.data.indexOf('<ct:case>');
  const end = m.data.indexOf('</ct:case>') + '</ct:case>'.length;
  const copy = m.data.slice(start, end).replace('<eCH-0044:personId>88231<', '<eCH-0044:personId>88232<');
  return { ...m, data: m.data.slice(0, end) + '\n    ' + copy + m.data.slice(end) };
}
