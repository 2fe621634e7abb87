import { describe, expect, it } from 'vitest';
import type { Consent, DataCategory, Purpose } from '../../contract/types.js';
import { ConfigError } from '../../errors.js';
import { codeList } from './codes.js';
import { writeConsents, type ConsentWriting } from './consents-out.js';
import { invalid } from './reject.js';

const NAMES = { consents: { native: 'procurations', id: 'id', kind: 'portee', grantedOn: 'signeeLe', validUntil: 'valableJusquAu', revokedOn: 'revoqueeLe', recipients: 'destinataires', purposes: 'buts', dataCategories: 'donnees', documentId: 'idDocument' } };
const writing = (absent: null | undefined): ConsentWriting => ({
  codes: {
    kind: codeList<Consent['kind']>({ codes: { GEN: 'general', SPEC: 'specific' } }),
    purpose: codeList<Purpose>({ codes: { PLAC: 'labour-market-placement' } }),
    dataCategory: codeList<DataCategory>({ codes: { ID: 'identity', SANTE: 'health' } }),
  },
  says: 'has no CaseNet code',
  recipient: (to, field, nativeField) => {
    if (to === 'nowhere') throw invalid('mapping.unwritable-code', { field, nativeField }, 'has no CaseNet code');
    return to.toUpperCase();
  },
  absent,
});
const consent: Consent = { id: 'C-1', kind: 'general', grantedOn: '2024-01-02', recipients: ['orp', 'fr-office-ai'], purposes: ['labour-market-placement'], dataCategories: ['identity', 'health'] };

describe('writeConsents', () => {
  it('writes each consent under the names of fields.yaml, codes through the lists, unknown values as the system says', () => {
    expect(writeConsents([consent], NAMES, writing(null))).toEqual([
      { id: 'C-1', portee: 'GEN', signeeLe: '2024-01-02', valableJusquAu: null, revoqueeLe: null, destinataires: ['ORP', 'FR-OFFICE-AI'], buts: ['PLAC'], donnees: ['ID', 'SANTE'], idDocument: null },
    ]);
    expect(JSON.stringify(writeConsents([{ ...consent, validUntil: '2026-01-01' }], NAMES, writing(undefined)))).toBe(
      '[{"id":"C-1","portee":"GEN","signeeLe":"2024-01-02","valableJusquAu":"2026-01-01","destinataires":["ORP","FR-OFFICE-AI"],"buts":["PLAC"],"donnees":["ID","SANTE"]}]',
    );
    expect(writeConsents(undefined, NAMES, writing(null))).toEqual([]);
  });

  it('fails on a code the system lacks, naming the contract path and the native field', () => {
    const written = (c: Consent) => () => writeConsents([consent, c], NAMES, writing(null));
    expect(written({ ...consent, dataCategories: ['identity', 'education-work'] })).toThrow(expect.objectContaining({ field: 'consents[1].dataCategories[1]', nativeField: 'procurations.donnees' }));
    expect(written({ ...consent, kind: 'other' as Consent['kind'] })).toThrow(expect.objectContaining({ field: 'consents[1].kind', nativeField: 'procurations.portee' }));
    expect(written({ ...consent, recipients: ['nowhere'] })).toThrow(expect.objectContaining({ field: 'consents[1].recipients[0]', nativeField: 'procurations.destinataires' }));
  });

  it('stops on field names that do not name every part of a consent', () => {
    const { documentId: _d, ...without } = NAMES.consents;
    expect(() => writeConsents([], { consents: without }, writing(null))).toThrow(ConfigError);
    expect(() => writeConsents([], { consents: without }, writing(null))).toThrow('consents.documentId');
  });
});
