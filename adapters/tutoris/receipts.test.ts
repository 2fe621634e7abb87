import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/adapters/sdk.js';
import { receipts } from './receipts.js';
import { ctx } from './test-support.js';
import { expectMatchesOnly, thrown } from '../../src/adapters/testing.js';

const T = '0d7f5a8e-3c1b-4e2a-9f60-7b1d2c3e4f50';
const NAME = `TUT_IMP_${T}.quittung.xml`;
const file = (xml: string, name = NAME) => ({ name, content: new Uint8Array(Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?>\n${xml}`, 'latin1')) });

const refusal = (fn: () => unknown): InputError => thrown(InputError, fn);

describe('Tutoris quittungen (import/quittung/TUT_IMP_<transferId>.quittung.xml)', () => {
  it('matches quittung files only', () => {
    expectMatchesOnly(receipts, [NAME, `import/quittung/${NAME}`], [`TUT_IMP_${T}.xml`, 'TUT_AIS_SH-KSA_20260314_061500.xml']);
  });

  it('Status OK accepts the transfer: the DossierNr is the reference, PersonNr and Aktion the details', () => {
    const ok = file(`<TutorisQuittung Datei="TUT_IMP_${T}.xml" Verarbeitet="14.03.2026 06:20:11" Status="OK">
  <Klient FremdId="fb628e8d-0a5e-5715-a89b-fcaea98ae99a" PersonNr="105999" DossierNr="FL-2026-0012" Aktion="NEU"/>
  <Klient FremdId="0e092051-d32c-515c-8869-bf53c8c856e2" PersonNr="104870" DossierNr="VA-2022-0107" Aktion="MUTIERT"/>
</TutorisQuittung>`);
    expect(receipts.parse(ok, ctx)).toEqual([
      { transferId: T, outcome: 'accepted', status: 'OK', reference: 'FL-2026-0012', details: { processedAt: '2026-03-14T06:20:11+01:00', PersonNr: '105999', Aktion: 'NEU' } },
      { transferId: T, outcome: 'accepted', status: 'OK', reference: 'VA-2022-0107', details: { processedAt: '2026-03-14T06:20:11+01:00', PersonNr: '104870', Aktion: 'MUTIERT' } },
    ]);
  });

  it('Status FEHLER rejects it, naming each Fehler\'s @Feld and never its text', () => {
    const fehler = file(`<TutorisQuittung Datei="TUT_IMP_${T}.xml" Verarbeitet="14.03.2026 06:20:11" Status="FEHLER">
  <Fehler Feld="Personalien/AHVN13">AHV-Nummer 756.1234.5678.90 bereits bei Person 100231 erfasst</Fehler>
  <Fehler Feld="Dossier/Fallfuehrung/@Stelle">Stelle unbekannt</Fehler>
</TutorisQuittung>`);
    const parsed = receipts.parse(fehler, ctx);
    expect(parsed).toEqual([
      { transferId: T, outcome: 'rejected', status: 'FEHLER', nativeField: 'Personalien/AHVN13', details: { processedAt: '2026-03-14T06:20:11+01:00' } },
      { transferId: T, outcome: 'rejected', status: 'FEHLER', nativeField: 'Dossier/Fallfuehrung/@Stelle', details: { processedAt: '2026-03-14T06:20:11+01:00' } },
    ]);
    expect(JSON.stringify(parsed)).not.toMatch(/756|100231|unbekannt/);
  });

  it('a FEHLER without Fehler elements still rejects', () => {
    expect(receipts.parse(file('<TutorisQuittung Status="FEHLER"/>'), ctx)).toEqual([{ transferId: T, outcome: 'rejected', status: 'FEHLER' }]);
  });

  it('refuses any other status, another root, a misnamed file and a quittung of another import, naming the file', () => {
    for (const [xml, code] of [
      ['<TutorisQuittung Status="TEILWEISE"/>', 'tutoris.unknown-quittung-status'],
      ['<TutorisQuittung/>', 'tutoris.unknown-quittung-status'],
      ['<Quittung Status="OK"/>', 'tutoris.not-a-quittung'],
      ['<TutorisQuittung Datei="TUT_IMP_other.xml" Status="OK"/>', 'tutoris.quittung-mismatch'],
    ] as const) {
      const error = refusal(() => receipts.parse(file(xml), ctx));
      expect(error.code).toBe(code);
      expect(error.message).toContain(NAME);
    }
    expect(refusal(() => receipts.parse(file('<TutorisQuittung Status="OK"/>', 'quittung.xml'), ctx)).code).toBe('tutoris.not-a-quittung');
    expect(refusal(() => receipts.parse(file('<TutorisQuittung Status="OK">'), ctx)).code).toBe('xml.malformed');
  });
});
