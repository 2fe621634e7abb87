import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeODataName, encodeODataName, isInternalNameOf, odataAnyOf, odataPage, verboseItems } from './odata.js';
import { hmacMatches, requireFresh, signatureParts } from './signature.js';

describe('OData names and pages', () => {
  it('decodes and encodes escaped names, with the 32-character cut', () => {
    expect(decodeODataName('Aide_x0020_sociale')).toBe('Aide sociale');
    expect(decodeODataName('Comune_x0020_di_x0020_domicilio')).toBe('Comune di domicilio');
    expect(encodeODataName('Data di arrivo in Svizzera', 32)).toBe('Data_x0020_di_x0020_arrivo_x0020');
    expect(encodeODataName('Aide sociale')).toBe('Aide_x0020_sociale');
    expect(isInternalNameOf('Data_x0020_di_x0020_arrivo_x0020', 'Data di arrivo in Svizzera')).toBe(true);
    expect(isInternalNameOf('Data_x0020_di_x0020_arrivo_x0020', 'Data di partenza')).toBe(false);
  });

  it('reads v4 and verbose pages', () => {
    expect(odataPage({ value: [{ a: 1 }], '@odata.nextLink': 'n' })).toEqual({ items: [{ a: 1 }], deleted: [], nextLink: 'n' });
    expect(odataPage({ value: [{ '@odata.context': '$metadata#x/$deletedEntity', id: '1' }] }).deleted).toHaveLength(1);
    expect(verboseItems({ d: { results: [{ a: 1 }], __next: 'x' } })).toEqual({ items: [{ a: 1 }], next: 'x' });
    expect(odataAnyOf('Beneficiaire_No', ["B'1", 'B2'])).toBe("Beneficiaire_No eq 'B''1' or Beneficiaire_No eq 'B2'");
    expect(odataAnyOf('CasoId', [502, 503])).toBe('CasoId eq 502 or CasoId eq 503');
  });
});

describe('webhook signatures', () => {
  it('matches an HMAC among several candidates and secrets, in constant time', () => {

    const sig = createHmac('sha256', 'new').update('t.body').digest('hex');
    expect(hmacMatches({ secret: ['old', 'new'], signed: 't.body', candidates: ['zz', sig], encoding: 'hex' })).toBe(true);
    expect(hmacMatches({ secret: 'old', signed: 't.body', candidates: [sig], encoding: 'hex' })).toBe(false);
    expect(signatureParts('t=1,v1=a, v1=b')).toEqual({ t: ['1'], v1: ['a', 'b'] });
    expect(() => requireFresh(0, new Date(), 300, 'X-Signature')).toThrow(/300 seconds/);
  });
});
