import { describe, expect, it } from 'vitest';
import { receipts } from './receipts.js';
import { ctx } from './test-support.js';
import { expectMatchesOnly } from '../../src/adapters/testing.js';

const NAME = 'CMT_Import_20260301101500_Protokoll.csv';
const file = (lines: string[], name = NAME) => ({ name, content: Buffer.from(`sep=;\r\nZeile;Personen-ID;Fall-Nr;Ergebnis;Meldung\r\n${lines.map((l) => `${l}\r\n`).join('')}`, 'latin1') });

describe('CM-T import protocol (FORMAT.md "Write")', () => {
  it('matches the protocols of imports only', () => {
    expectMatchesOnly(receipts, [NAME, `in/${NAME}`], ['CMT_Import_20260301101500.csv', 'CMT_Import_20260301101500.csv.done']);
  });

  it('NEU and AKTUALISIERT accept the delivery with the ids CM-T gave', () => {
    expect(receipts.parse(file(['2;2301;GL-2026-010;NEU;', '3;1093;GL-2017-012;AKTUALISIERT;Gemeinde geändert']), ctx)).toEqual([
      { transferId: 'CMT_Import_20260301101500', outcome: 'accepted', status: 'NEU', reference: 'GL-2026-010', details: { line: '2', personId: '2301' } },
      { transferId: 'CMT_Import_20260301101500', outcome: 'accepted', status: 'AKTUALISIERT', reference: 'GL-2017-012', details: { line: '3', personId: '1093' } },
    ]);
  });

  it('FEHLER fails this attempt only (retry), naming the column but not the message', () => {
    const [receipt] = receipts.parse(file(['2;;;FEHLER;"Geburtsdatum ""31.04.1990"" ungültig (Zeile 2)"']), ctx);
    expect(receipt).toEqual({ transferId: 'CMT_Import_20260301101500', outcome: 'retry', status: 'FEHLER', nativeField: 'Geburtsdatum', details: { line: '2', personId: '' } });
    expect(JSON.stringify(receipt)).not.toContain('1990');
  });

  it('refuses what is no protocol, naming the file', () => {
    expect(() => receipts.parse(file([], 'protokoll.csv'), ctx)).toThrow(expect.objectContaining({ code: 'cm-t.not-a-receipt' }));
    expect(() => receipts.parse({ name: NAME, content: Buffer.from('Zeile;Ergebnis\r\n', 'latin1') }, ctx)).toThrow(expect.objectContaining({ code: 'cm-t.column-missing' }));
  });
});
