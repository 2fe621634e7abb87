import { describe, expect, it } from 'vitest';
import { receipts } from './receipts.js';
import { ctx } from './test-support.js';
import { expectMatchesOnly } from '../../src/adapters/testing.js';

const NAME = 'ECASE_IMPORT_GR01_20260301_101500_Quittung.csv';
const file = (lines: string[], name = NAME) => ({ name, content: new TextEncoder().encode(`\uFEFFDatei;Zeile;ExterneID;Status;Meldung;FallNr;\r\n${lines.map((l) => `${l};\r\n`).join('')}`) });
const RID = '40ae024b-cc58-5130-bf36-2c4df42e245c';

describe('Ecase Quittung (FORMAT.md "Write")', () => {
  it('matches the Quittung files of imports only', () => {
    expectMatchesOnly(receipts, [NAME, `import/quittung/${NAME}`], ['ECASE_GR01_20260301_101500_Faelle.csv', 'ECASE_IMPORT_GR01_20260301_101500_Manifest.csv']);
  });

  it('OK and WARNUNG on the Faelle line accept the delivery with the FallNr Ecase gave', () => {
    const ok = receipts.parse(file([`ECASE_IMPORT_GR01_20260301_101500_Faelle.csv;2;${RID};OK;;GR-INT-2026-0100`, 'ECASE_IMPORT_GR01_20260301_101500_Journal.csv;2;;OK;;GR-INT-2026-0100']), ctx);
    expect(ok).toEqual([
      { transferId: 'ECASE_IMPORT_GR01_20260301_101500', outcome: 'accepted', status: 'OK', reference: 'GR-INT-2026-0100', details: { file: 'ECASE_IMPORT_GR01_20260301_101500_Faelle.csv', line: '2', recordId: RID } },
    ]);
    const warn = receipts.parse(file([`ECASE_IMPORT_GR01_20260301_101500_Faelle.csv;2;${RID};WARNUNG;Gemeinde unbekannt;GR-INT-2026-0100`]), ctx);
    expect(warn[0]).toMatchObject({ outcome: 'accepted', status: 'WARNUNG', reference: 'GR-INT-2026-0100' });
  });

  it('FEHLER fails this attempt only (retry), the field named but not the message', () => {
    const [receipt] = receipts.parse(file([`ECASE_IMPORT_GR01_20260301_101500_Faelle.csv;2;${RID};FEHLER;Personen.Geburtsdatum fehlt für Sultani;`]), ctx);
    expect(receipt).toEqual({
      transferId: 'ECASE_IMPORT_GR01_20260301_101500',
      outcome: 'retry',
      status: 'FEHLER',
      nativeField: 'Personen.Geburtsdatum',
      details: { file: 'ECASE_IMPORT_GR01_20260301_101500_Faelle.csv', line: '2', recordId: RID },
    });
    expect(JSON.stringify(receipt)).not.toContain('Sultani');
  });

  it('counts errors of other tables on the Faelle receipt', () => {
    const [receipt] = receipts.parse(file([`ECASE_IMPORT_GR01_20260301_101500_Faelle.csv;2;${RID};OK;;GR-INT-2026-0100`, 'ECASE_IMPORT_GR01_20260301_101500_Journal.csv;3;;FEHLER;Journal.Kategorie;']), ctx);
    expect(receipt!.details).toMatchObject({ errorsInOtherTables: 1 });
  });

  it('refuses a file that is no Quittung, naming it', () => {
    expect(() => receipts.parse({ name: NAME, content: new TextEncoder().encode('Datei;Status;\r\n') }, ctx)).toThrow(expect.objectContaining({ code: 'ecase.column-missing' }));
    expect(() => receipts.parse(file([], 'other.csv'), ctx)).toThrow(expect.objectContaining({ code: 'ecase.not-a-receipt' }));
  });
});
