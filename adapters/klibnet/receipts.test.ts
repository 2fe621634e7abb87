import { describe, expect, it } from 'vitest';
import { InputError, encodeText } from '../../src/adapters/sdk.js';
import { adapter } from './index.js';
import { fieldNamedIn } from './receipts.js';
import { ctx } from './test-kit.js';
import { expectMatchesOnly } from '../../src/adapters/testing.js';

// Hand-written answers as FORMAT.md shows them.
const reader = adapter.receipts!;
const answer = (body: string, name = 'KLIB_IMP_ASYL_tr-7f3a.antwort.xml') => ({
  name,
  content: encodeText(`<?xml version="1.0" encoding="ISO-8859-1"?>\r\n<Rueckmeldung>${body}</Rueckmeldung>\r\n`, 'windows-1252'),
});
const FREMD = 'f99e290f-3b20-52b3-b9ea-59991acc0076';

describe('KLIBnet Rückmeldung', () => {
  it('matches the answer files only', () => {
    expectMatchesOnly(reader, ['KLIB_IMP_ASYL_tr-7f3a.antwort.xml', 'import/antwort/KLIB_IMP_WSH_0c1e_22.antwort.xml'], ['KLIB_IMP_ASYL_tr-7f3a.xml', 'KLIB_ASYL_SROL_20260302.xml']);
  });

  it('reads Ergebnis 0 as the receipt, with the UE and person numbers KLIBnet gave', () => {
    const [receipt] = reader.parse(answer(`<Ergebnis>0</Ergebnis><UENr>2026.0102</UENr>\r\n  <Person><FremdId>${FREMD}</FremdId><PersNr>40990</PersNr></Person><Meldung>Übernommen</Meldung>`), ctx);
    expect(receipt).toEqual({ transferId: 'tr-7f3a', outcome: 'accepted', status: '0', reference: 'ASYL-2026.0102', details: { database: 'ASYL', [FREMD]: 'ASYL-40990' } });
  });

  it('reads Ergebnis 1 as accepted with warnings, counting them without their text', () => {
    const [receipt] = reader.parse(answer('<Ergebnis>1</Ergebnis><UENr>2026.0103</UENr><Meldung>Wohngemeinde „Olten“ ergänzt</Meldung>'), ctx);
    expect(receipt).toMatchObject({ outcome: 'accepted', status: '1', details: { warnings: 1 } });
    expect(JSON.stringify(receipt)).not.toContain('Olten');
  });

  it('reads Ergebnis 2 as rejected, naming the field its Meldung names, never the text', () => {
    const [receipt] = reader.parse(answer('<Ergebnis>2</Ergebnis><Meldung>Pflichtfeld GebDat fehlt bei Ehmed Şêrko</Meldung>'), ctx);
    expect(receipt).toEqual({ transferId: 'tr-7f3a', outcome: 'rejected', status: '2', nativeField: 'GebDat', details: { database: 'ASYL' } });
    expect(JSON.stringify(receipt)).not.toContain('Ehmed');
  });

  it('names no field when the Meldung names none or several', () => {
    expect(fieldNamedIn('Datenbank gesperrt, bitte später erneut senden')).toBeUndefined();
    expect(fieldNamedIn('GebDat und AHVN13 passen nicht zusammen')).toBeUndefined();
    expect(fieldNamedIn('AHVN13: Prüfziffer falsch; AHVN13 erneut prüfen')).toBe('AHVN13');
    const [receipt] = reader.parse(answer('<Ergebnis>2</Ergebnis><Meldung>GebDat und AHVN13 passen nicht zusammen</Meldung>'), ctx);
    expect(receipt!.nativeField).toBeUndefined();
  });

  it('refuses an answer it cannot read, naming the file', () => {
    expect(() => reader.parse(answer('<Ergebnis>7</Ergebnis>'), ctx)).toThrow(InputError);
    expect(() => reader.parse(answer('<Ergebnis>0</Ergebnis>', 'antwort.xml'), ctx)).toThrow(/KLIB_IMP_/);
  });
});
