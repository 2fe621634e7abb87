import type { CaseRecord, MapContext, MapResult, Mapper, NativeInput, Rejection } from '../../src/adapters/sdk.js';
import { MappingError } from '../../src/adapters/sdk.js';
import { checkCaseRecord } from '../../src/contract/validate.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The inbox's native form is the contract itself: one JSON record per line (NDJSON), or
 * a JSON array of records. Nothing is translated, so nothing can be lost.
 */
export const inboxMapper: Mapper = {
  toContract(inputs: readonly NativeInput[], _ctx: MapContext): MapResult {
    const records: CaseRecord[] = [];
    const rejections: Rejection[] = [];
    for (const input of inputs) {
      for (const [index, value] of parseRecords(input).entries()) {
        const nativeId = nativeIdOf(value, `${input.name}#${index + 1}`);
        const checked = checkCaseRecord(value);
        if (checked.ok) {
          records.push(checked.record);
        } else {
          for (const error of checked.errors) {
            const field = error.details.field ?? '';
            rejections.push({
              nativeId,
              error: new MappingError(error.code, error.message, { field, nativeField: field, nativeId }),
            });
          }
        }
      }
    }
    return { records, rejections };
  },

  fromContract(records: readonly CaseRecord[]): NativeInput[] {
    const text = records.map((r) => JSON.stringify(r)).join('\n') + (records.length ? '\n' : '');
    return [{ name: 'records.ndjson', content: new TextEncoder().encode(text) }];
  },
};

function parseRecords(input: NativeInput): unknown[] {
  let text: string;
  try {
    text = decoder.decode(input.content);
  } catch {
    throw new MappingError('mapping.encoding', `${input.name} is not UTF-8`, { field: '', nativeField: input.name, nativeId: input.name });
  }
  const trimmed = text.trim();
  if (trimmed === '') return [];
  try {
    if (trimmed.startsWith('[')) return JSON.parse(trimmed) as unknown[];
    return trimmed.split(/\r?\n/).filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as unknown);
  } catch {
    throw new MappingError('mapping.json', `${input.name} is neither NDJSON nor a JSON array of records`, {
      field: '',
      nativeField: input.name,
      nativeId: input.name,
    });
  }
}

function nativeIdOf(value: unknown, fallback: string): string {
  if (typeof value === 'object' && value !== null) {
    const source = (value as { source?: { localCaseId?: unknown } }).source;
    if (source && typeof source.localCaseId === 'string') return source.localCaseId;
  }
  return fallback;
}
