import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../contract/types.js';
import { checkCaseRecord } from '../contract/validate.js';
import type { Adapter, MapContext, NativeInput } from './port.js';
import { listSamples, readExpected, readSampleInputs } from './samples.js';

const withoutExtractedAt = (records: readonly CaseRecord[]): unknown[] =>
  records.map((r) => {
    const { extractedAt: _e, ...source } = r.source;
    return { ...r, source };
  });

/** Removes the contract paths a format cannot carry (`person.householdId`). */
function withoutUncarried(records: readonly CaseRecord[], paths: readonly string[]): unknown[] {
  return withoutExtractedAt(records).map((record) => {
    const copy = structuredClone(record) as Record<string, unknown>;
    for (const p of paths) {
      const parts = p.split('.');
      let node: unknown = copy;
      for (const part of parts.slice(0, -1)) node = (node as Record<string, unknown> | undefined)?.[part];
      if (node && typeof node === 'object') delete (node as Record<string, unknown>)[parts.at(-1)!];
    }
    return copy;
  });
}

/**
 * The suite every adapter runs on the samples of its system: each sample gives exactly
 * its expected records (but `source.extractedAt`), each record validates against the
 * contract, and native → contract → native → contract gives the same records for the
 * fields the format can carry.
 */
export interface ConformanceOptions {
  /** The system's folder (with `samples/`) or a copy of its samples (`fixtures/`). */
  systemDir: string;
  context: Omit<MapContext, 'now'>;
  /** A sample's native input when the files are not read as `readSampleInputs` does (sedex: envelope, then data file). */
  inputs?: (systemDir: string, name: string) => NativeInput[];
}

export function describeConformance(adapter: Adapter, options: ConformanceOptions): void {
  const ctx: MapContext = { ...options.context, now: () => new Date('2026-01-15T10:00:00Z') };
  const samples = listSamples(options.systemDir);

  describe(`adapter ${adapter.id}: conformance on ${samples.length} samples`, () => {
    it('has samples to check', () => {
      expect(samples.length).toBeGreaterThan(0);
    });

    describe.each(samples)('sample %s', (name) => {
      const result = () => adapter.mapper.toContract((options.inputs ?? readSampleInputs)(options.systemDir, name), ctx);

      it('produces exactly the expected records', () => {
        const { records, rejections } = result();
        expect(rejections.map((r) => `${r.nativeId}: ${r.error.code} ${String(r.error.details.field)}`)).toEqual([]);
        expect(withoutExtractedAt(records)).toEqual(readExpected(options.systemDir, name));
      });

      it('produces records that validate against the contract', () => {
        for (const record of result().records) {
          const checked = checkCaseRecord(record);
          expect(checked.ok ? [] : checked.errors.map((e) => `${e.code} ${String(e.details.field)}`)).toEqual([]);
        }
      });

      it('round-trips native → contract → native → contract', () => {
        const first = result().records;
        const native = adapter.mapper.fromContract(first, ctx);
        const again = adapter.mapper.toContract(native, ctx);
        expect(again.rejections.map((r) => `${r.nativeId}: ${r.error.code} ${String(r.error.details.field)}`)).toEqual([]);
        expect(withoutUncarried(again.records, adapter.capabilities.cannotCarry)).toEqual(withoutUncarried(first, adapter.capabilities.cannotCarry));
      });
    });
  });
}
