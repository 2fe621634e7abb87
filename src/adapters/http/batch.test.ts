import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { bindKey, isBatchBody, parseBind, readChangeSet, writeChangeSet, type BatchPart } from './batch.js';
import { thrown } from '../testing.js';

describe('$batch text', () => {
  it('reads back what it writes', () => {
    const parts: BatchPart[] = [
      { contentId: '1', method: 'POST', entitySet: 'contacts', body: { lastname: 'Ünal', note: 'a\nb' } },
      { contentId: '2', method: 'PATCH', entitySet: 'smig_dossiers(7184ce80-efb7-5735-960e-d1f14ff6fa8c)', body: { 'smig_personne@odata.bind': '$1' } },
    ];
    const written = writeChangeSet(parts, 'abc');
    expect(written.contentType).toBe('multipart/mixed; boundary=batch_abc');
    expect(readChangeSet(written.body, 'x.batch')).toEqual(parts);
  });
});

describe('$batch reading faults and binds', () => {
  it('recognises a $batch body by its boundary', () => {
    expect(isBatchBody(writeChangeSet([], 't1').body)).toBe(true);
    expect(isBatchBody('{"value":[]}')).toBe(false);
  });

  it('refuses a body without a change set, or a part without Content-ID, with the caller’s code', () => {
    const refused = (text: string, code?: string): InputError => thrown(InputError, () => readChangeSet(text, 'x.batch', code));
    expect(refused('--batch_x\r\n--batch_x--').code).toBe('odata.batch-unreadable');
    const noId = writeChangeSet([{ contentId: '1', method: 'POST', entitySet: 'contacts', body: {} }], 'y').body.replace('Content-ID: 1', '');
    expect(refused(noId, 'centralis.batch-unreadable').code).toBe('centralis.batch-unreadable');
  });

  it('reads and writes alternate keys and Content-ID references', () => {
    expect(parseBind("/accounts(accountnumber='NE-SMIG')")).toEqual({ set: 'accounts', key: 'accountnumber', value: 'NE-SMIG' });
    expect(parseBind('$3')).toEqual({ ref: '3' });
    expect(parseBind(7)).toBeUndefined();
    expect(bindKey('accounts', 'accountnumber', "O'Neil")).toBe("/accounts(accountnumber='O''Neil')");
    expect(parseBind(bindKey('accounts', 'accountnumber', "O'Neil"))).toEqual({ set: 'accounts', key: 'accountnumber', value: "O'Neil" });
  });
});
