import { checkCaseRecord } from '../../contract/validate.js';
import type { CaseRecord } from '../../contract/types.js';
import { MappingError } from '../../errors.js';
import type { MapResult, RecordStamp, Rejection } from '../port.js';
import { Reject } from './reject.js';
import { compact } from './shape.js';

export interface MapEachOptions<T> {
  /** The native record's id for its rejections (case or person number): never a personal value. */
  nativeIdOf: (item: T, index: number) => string;
  /** Native field for a contract path the schema found at fault, when the format can say. */
  nativeFieldOf?: (field: string) => string;
  /**
   * What the native side says of the item's version (a modification stamp, the export
   * date) and when it changed: the ids and times of events derived from snapshots.
   */
  stampOf?: (item: T) => RecordStamp;
}

/**
 * Maps native items one by one into contract records: each draft is compacted (absent
 * means unknown: no `undefined`, empty string, array or object is kept), then checked
 * against the contract. A `Reject` thrown while mapping an item, or a schema fault of its
 * draft, rejects that item only. `map` may give several records (a household).
 */
export function mapRecords<T>(items: Iterable<T>, map: (item: T, index: number) => unknown, options: MapEachOptions<T>): MapResult {
  const records: CaseRecord[] = [];
  const rejections: Rejection[] = [];
  const stamps: RecordStamp[] = [];
  let index = 0;
  for (const item of items) {
    const nativeId = safeNativeId(options.nativeIdOf(item, index));
    try {
      const drafts = map(item, index);
      const list = Array.isArray(drafts) ? drafts : [drafts];
      const checked = list.map((draft) => checkRecord(draft, nativeId, options));
      const failed = checked.flatMap((c) => ('rejections' in c ? c.rejections : []));
      // A household maps as one: if one member breaks the contract, none of them goes.
      if (failed.length > 0) rejections.push(...failed);
      else {
        // The stamp first: a native stamp that cannot be read rejects the item before it counts.
        const stamp = options.stampOf?.(item);
        for (const c of checked) {
          if (!('record' in c)) continue;
          records.push(c.record);
          if (stamp) stamps.push(stamp);
        }
      }
    } catch (error) {
      rejections.push(rejectionOf(error, nativeId));
    }
    index += 1;
  }
  return options.stampOf ? { records, rejections, stamps } : { records, rejections };
}

function checkRecord<T>(draft: unknown, nativeId: string, options: MapEachOptions<T>): { record: CaseRecord } | { rejections: Rejection[] } {
  const checked = checkCaseRecord(compact(draft));
  if (checked.ok) return { record: checked.record };
  return {
    rejections: checked.errors.map((e) => {
      const field = e.details.field ?? '';
      return {
        nativeId,
        error: new MappingError(e.code, `${nativeId}: ${e.message}`, { field, nativeField: options.nativeFieldOf?.(field) ?? field, nativeId }),
      };
    }),
  };
}

/** A `Reject` (or an adapter's own MappingError) as a rejection; anything else is a bug and propagates. */
export function rejectionOf(error: unknown, nativeId: string): Rejection {
  if (error instanceof Reject) {
    return { nativeId, error: new MappingError(error.code, `${nativeId}: ${error.why}`, { field: error.field, nativeField: error.nativeField, nativeId }) };
  }
  if (error instanceof MappingError) return { nativeId, error };
  throw error;
}

// Native ids end up in messages: keep them printable and short.
function safeNativeId(id: string): string {
  const printable = id.replace(/[\u0000-\u001f\u007f]/g, '?');
  return printable.length > 80 ? `${printable.slice(0, 80)}…` : printable;
}

/**
 * Runs the writing of one record (contract → native): a `Reject` (an institution without
 * a code, a value the format cannot say) becomes a MappingError naming the contract path,
 * which fails the delivery permanently.
 */
export function writing<T>(record: CaseRecord, write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (error instanceof Reject) {
      throw new MappingError(error.code, `${record.source.localCaseId}: ${error.why}`, {
        field: error.field,
        nativeField: error.nativeField,
        nativeId: record.source.localCaseId,
      });
    }
    throw error;
  }
}
