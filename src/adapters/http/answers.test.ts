import { describe, expect, it } from 'vitest';
import { MappingError, UpstreamError } from '../../errors.js';
import type { CaseRecord } from '../../contract/types.js';
import { thrown } from '../testing.js';
import { answerJson, readRecord } from './answers.js';
import { HttpAnswer } from './client.js';

const answer = (body: string, status = 200): HttpAnswer => new HttpAnswer(status, new Headers({ 'content-type': 'application/json' }), new TextEncoder().encode(body), 'duff', 'the poll');

describe('answers', () => {
  it('reads a JSON body; one that is not JSON is the system’s invalid answer, naming the field', () => {
    expect(answerJson(answer('{"seite":1}'))).toEqual({ seite: 1 });
    const e = thrown(UpstreamError, () => answerJson(answer('<html>', 502), 'journal.page2'));
    expect([e.code, e.retryable, e.details]).toEqual(['duff.invalid-answer', true, { httpStatus: 502, field: 'journal.page2' }]);
    expect(thrown(UpstreamError, () => answerJson(answer('{'))).details.field).toBe('body');
  });

  it('gives the one record of a read, throws its rejection, and an empty read as not worth another attempt', () => {
    const record = { recordId: 'r' } as unknown as CaseRecord;
    expect(readRecord({ records: [record], rejections: [] }, { code: 'duff.empty', message: 'no Dossier' })).toBe(record);
    const rejection = new MappingError('mapping.required', 'x', { field: 'person.sex', nativeField: 'geschlecht' });
    expect(() => readRecord({ records: [], rejections: [{ nativeId: 'AG-1', error: rejection }] }, { code: 'duff.empty', message: 'no Dossier' })).toThrow(rejection);
    const empty = thrown(UpstreamError, () => readRecord({ records: [], rejections: [] }, { code: 'duff.empty', message: 'DuFF answered the dossier read without a Dossier', details: { httpStatus: 200 } }));
    expect([empty.code, empty.message, empty.retryable, empty.details]).toEqual(['duff.empty', 'DuFF answered the dossier read without a Dossier', false, { httpStatus: 200 }]);
  });
});
