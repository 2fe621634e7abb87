import { UpstreamError, type HttpAnswer } from '../../src/adapters/sdk.js';
import type { Json } from './values.js';

// SharePoint's verbose answers, checked before anything reads them: an answer of the wrong
// shape is the site's (or a proxy's) trouble, named by the field at fault, never quoted.

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

export function invalidAnswer(what: string, field: string, status?: number): UpstreamError {
  return new UpstreamError('sharepoint-ti.invalid-answer', `SharePoint answered ${what} without a valid ${field}; the answer was not used`, {
    retryable: true,
    details: { field, ...(status === undefined ? {} : { httpStatus: status }) },
  });
}

/** The body as JSON; one that is not JSON is named `body`, and nothing of it is kept. */
export function bodyOf(answer: HttpAnswer, what: string): unknown {
  try {
    return answer.json();
  } catch {
    throw invalidAnswer(what, 'body', answer.status);
  }
}

/** `{ d: { results: [...], __next? } }`: the items of a list answer and the link to its next page. */
export function listAnswer(answer: HttpAnswer, what: string): { items: Json[]; next?: string } {
  const d = (bodyOf(answer, what) as { d?: unknown } | null)?.d;
  if (!isObject(d)) throw invalidAnswer(what, 'd', answer.status);
  if (!Array.isArray(d.results)) throw invalidAnswer(what, 'd.results', answer.status);
  const bad = d.results.findIndex((item) => !isObject(item));
  if (bad >= 0) throw invalidAnswer(what, `d.results[${bad}]`, answer.status);
  if (d.__next !== undefined && (typeof d.__next !== 'string' || d.__next === '')) throw invalidAnswer(what, 'd.__next', answer.status);
  return { items: d.results as Json[], ...(typeof d.__next === 'string' ? { next: d.__next } : {}) };
}

/** `{ d: { Id, __metadata: { etag } } }`: one item (a read by id, a `201` of an insert). */
export function itemAnswer(answer: HttpAnswer, what: string): { item: Json; id: number; etag: string | undefined } {
  const d = (bodyOf(answer, what) as { d?: unknown } | null)?.d;
  if (!isObject(d)) throw invalidAnswer(what, 'd', answer.status);
  if (!isItemId(d.Id)) throw invalidAnswer(what, 'd.Id', answer.status);
  return { item: d, id: d.Id, etag: etagOf(d) ?? answer.etag };
}

export const isItemId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

export const etagOf = (item: Json): string | undefined => {
  const etag = (item.__metadata as Json | undefined)?.etag;
  return typeof etag === 'string' && etag !== '' ? etag : undefined;
};

/** `POST /_api/contextinfo`: the form digest and how long it holds. */
export function digestAnswer(answer: HttpAnswer): { value: string; seconds: number } {
  const what = 'the form digest request';
  const info = ((bodyOf(answer, what) as { d?: unknown } | null)?.d as { GetContextWebInformation?: unknown } | undefined)?.GetContextWebInformation;
  if (!isObject(info)) throw invalidAnswer(what, 'd.GetContextWebInformation', answer.status);
  if (typeof info.FormDigestValue !== 'string' || info.FormDigestValue === '') throw invalidAnswer(what, 'd.GetContextWebInformation.FormDigestValue', answer.status);
  const seconds = Number(info.FormDigestTimeoutSeconds);
  return { value: info.FormDigestValue, seconds: Number.isFinite(seconds) && seconds > 0 ? seconds : 1800 };
}
