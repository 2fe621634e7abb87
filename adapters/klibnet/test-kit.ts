import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeText, encodeText, type MapContext, type MapResult, type NativeInput } from '../../src/adapters/sdk.js';
import { replaceOnce } from '../../src/adapters/testing.js';
import { SAMPLE_CONTEXT } from './testing.js';
import { toContract } from './to-contract.js';

// For the tests: the fixtures as text, edited in memory and written back as KLIBnet writes them.

export const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');
export const FLUE = 'KLIB_FLUE_SROL_20260309.xml';
export const ASYL = 'KLIB_ASYL_SROL_20260314.xml';
export const ASYL_SMALL = 'KLIB_ASYL_SROL_20260302.xml';

/** Replaces the first occurrence, failing when the fixture no longer holds it. */
export const swap = replaceOnce;

export const ctx: MapContext = { ...SAMPLE_CONTEXT, now: () => new Date('2026-03-15T08:00:00Z') };

export function fixtureText(name: string): string {
  return decodeText(new Uint8Array(readFileSync(path.join(FIXTURES, name))), 'windows-1252', name);
}

export function inputOf(xml: string, name = FLUE): NativeInput {
  return { name, content: encodeText(xml, 'windows-1252') };
}

export function mapText(xml: string, name = FLUE): MapResult {
  return toContract([inputOf(xml, name)], ctx);
}

/** Tab-indented element lines, as KLIBnet writes them. */
export const line = (depth: number, name: string, value: string): string => `${'\t'.repeat(depth)}<${name}>${value}</${name}>`;
