import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MapContext, NativeInput } from '../../src/adapters/sdk.js';
import { SAMPLE_CONTEXT } from './testing.js';

// Helpers of this adapter's tests: fixtures read as text, edited in memory, written back.

export const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');
export const DELTA_09 = 'TUT_AIS_SH-KSA_20260309_061500.xml';
export const DELTA_14 = 'TUT_AIS_SH-KSA_20260314_061500.xml';
export const DELTA_02 = 'TUT_AIS_SH-KSA_20260302_061500.xml';
export const SAMPLES = [DELTA_02, DELTA_09, DELTA_14];

export const ctx: MapContext = { ...SAMPLE_CONTEXT, now: () => new Date('2026-03-14T05:20:00Z') };

export const bytesOf = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(FIXTURES, name)));

/** A fixture as text (they are all ISO-8859-1). */
export const fixture = (name: string): string => Buffer.from(bytesOf(name)).toString('latin1');

/** Text back to ISO-8859-1 bytes; only for text Latin-1 can hold (the fixtures' own). */
export const latin1 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));

export const input = (text: string, name = 'TUT_AIS_SH-KSA_20260401_061500.xml'): NativeInput => ({ name, content: latin1(text) });

/** The `<Klient PersonNr="…">…</Klient>` element of a document, as text. */
export function klientText(doc: string, personNr: string): string {
  const start = doc.indexOf(`<Klient PersonNr="${personNr}">`);
  const end = doc.indexOf('</Klient>', start);
  if (start < 0 || end < 0) throw new Error(`no Klient ${personNr}`);
  return doc.slice(start, end + '</Klient>'.length);
}

/**
 * Sample 09's rich Klient 104233 followed by sample 02's Klient 104512 in one file: an
 * edit of the first must reject it alone.
 */
export function richAndPlain(): string {
  return fixture(DELTA_09).replace('</TutorisExport>', `  ${klientText(fixture(DELTA_02), '104512')}\n</TutorisExport>`);
}

/** Replaces the first occurrence, failing loudly when the fixture has changed. */
export function edit(doc: string, from: string, to: string): string {
  const at = doc.indexOf(from);
  if (at < 0) throw new Error(`fixture text not found: ${from}`);
  return doc.slice(0, at) + to + doc.slice(at + from.length);
}
