import { UpstreamError, type ErrorDetails } from '../../errors.js';
import type { CaseRecord } from '../../contract/types.js';
import type { MapResult } from '../port.js';
import type { HttpAnswer } from './client.js';

// What a transport makes of an answer before its mapping: the body as JSON, with the field
// at fault named; the one record of a read.

/** The body as JSON; one that is not is the SDK's `<system>.invalid-answer` (worth another attempt), naming `field`. */
export function answerJson(answer: HttpAnswer, field = 'body'): unknown {
  try {
    return answer.json();
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    throw new UpstreamError(error.code, error.message, { retryable: error.retryable, details: { ...error.details, field } });
  }
}

/** What a read without a record is: `<system>.empty`, never worth another attempt. */
export interface EmptyRead {
  code: string;
  message: string;
  details?: ErrorDetails;
}

/**
 * The one record a read mapped: its rejection thrown as it is (the case breaks the
 * contract), no record at all an `UpstreamError` as `empty` says.
 */
export function readRecord(mapped: MapResult, empty: EmptyRead): CaseRecord {
  const rejected = mapped.rejections[0];
  if (rejected) throw rejected.error;
  const record = mapped.records[0];
  if (!record) throw new UpstreamError(empty.code, empty.message, { retryable: false, details: empty.details });
  return record;
}
