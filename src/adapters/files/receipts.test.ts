import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { baseName, fieldNamer, receiptError } from './receipts.js';

describe('answer files', () => {
  it('are named without their folders', () => {
    expect(baseName('import/sortant/UA_IMPORT_1.accuse.xml')).toBe('UA_IMPORT_1.accuse.xml');
    expect(baseName('C:\\sedex\\receipts\\receipt_1.xml')).toBe('receipt_1.xml');
    expect(baseName('UA_IMPORT_1.accuse.xml')).toBe('UA_IMPORT_1.accuse.xml');
  });

  it('that cannot be read name the file, under the adapter', () => {
    const e = receiptError('kiss', 'UA_IMPORT_1.accuse.xml', 'is not an accuseReception');
    expect(e).toBeInstanceOf(InputError);
    expect([e.code, e.message, e.details, e.status]).toEqual(['kiss.invalid-receipt', 'UA_IMPORT_1.accuse.xml: is not an accuseReception', { field: 'file', file: 'UA_IMPORT_1.accuse.xml' }, 422]);
  });

  it('name a field only when exactly one known field is among a message’s words', () => {
    const namedIn = fieldNamer(['noAVS', 'dateNaissance', 'prenom']);
    expect(namedIn('Le noAVS 756.1234 est invalide')).toBe('noAVS');
    expect(namedIn('noAVS et dateNaissance manquent')).toBeUndefined();
    expect(namedIn('noAVS, noAVS')).toBe('noAVS');
    expect(namedIn('rien de connu')).toBeUndefined();
    expect(namedIn(undefined)).toBeUndefined();
    expect(fieldNamer(['GebDat'])('Geburtsdatum fehlt: GebDat')).toBe('GebDat');
    // Words split where the format's names cannot go on: German letters are part of KLIBnet's words.
    expect(fieldNamer(['fDatum'])('PrüfDatum')).toBe('fDatum');
    expect(fieldNamer(['fDatum'], /[^A-Za-z0-9ÄÖÜäöüß]+/)('PrüfDatum')).toBeUndefined();
  });
});
