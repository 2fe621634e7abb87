import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MapContext, MapResult, NativeInput } from '../../src/adapters/sdk.js';
import { SAMPLE_CONTEXT } from './testing.js';
import { toContract } from './to-contract.js';

// For the tests: the fixtures as text, edited in memory, written back as KiSS writes them (UTF-8 with a BOM).

export const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');
export const COUPLE = 'UA_221045_20260309084510.xml';
export const FAMILY = 'UA_211877_20260314061200.xml';
export const SINGLE = 'UA_260112_20260302101405.xml';

export const ctx: MapContext = { ...SAMPLE_CONTEXT, now: () => new Date('2026-03-15T08:00:00Z') };

export function fixtureText(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8').replace(/^\uFEFF/, '');
}

export function inputOf(xml: string, name = COUPLE, bom = true): NativeInput {
  return { name, content: new TextEncoder().encode(`${bom ? '\uFEFF' : ''}${xml}`) };
}

export function mapText(xml: string, name = COUPLE): MapResult {
  return toContract([inputOf(xml, name)], ctx);
}
