import { describe, expect, it } from 'vitest';
import type { CaseRecord, NativeInput } from '../../src/adapters/sdk.js';
import { readExpected } from '../../src/adapters/sdk.js';
import { TG_CONTEXT } from './testing.js';
import { toContract } from './to-contract.js';
import { ctx, files, FIXTURES, load, row, sampleFiles, textOf, twoCases, withText } from './test-support.js';

const strip = (records: readonly CaseRecord[]): unknown[] => records.map(({ source: { extractedAt: _e, ...source }, ...rest }) => ({ ...rest, source }));
const edit = (inputs: NativeInput[], fn: (text: string) => string): NativeInput[] => inputs.map((f) => ({ name: f.name, content: new TextEncoder().encode(fn(textOf(f))) }));

describe('Ecase quirks (FORMAT.md "Encoding and quirks")', () => {
  it('1: a quoted line break, LF or CRLF, is one value with \\n; values are trimmed; the BOM is optional', () => {
    const crlf = withText(sampleFiles('02-rich'), 'Journal', (t) => t.replace('erhalten;\nKopie', 'erhalten;\r\nKopie').replace('J-52044;', '  J-52044 ;'));
    const [record] = toContract(crlf, ctx).records;
    expect(record!.journal!.map((j) => j.id)).toContain('J-52044');
    expect(record!.journal!.find((j) => j.id === 'J-52101')!.text).toBe('Arbeitsvertrag erhalten;\nKopie im Dossier abgelegt.');
    // textOf drops the BOM: the same delivery without one.
    expect(strip(toContract(edit(sampleFiles('02-rich'), (t) => t), ctx).records)).toEqual(readExpected(FIXTURES, '02-rich'));
  });

  it('3-5: the ISO-Datum option (yyyy-mm-dd, 1987-00-00, yyyy-mm-ddTHH:MM:SS) gives the same records', () => {
    const iso = (t: string): string =>
      t.replace(/\b(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2})\b/g, '$3-$2-$1T$4:$5:00').replace(/\b(\d{2})\.(\d{2})\.(\d{4})\b/g, '$3-$2-$1');
    for (const name of ['02-rich', '03-edge']) {
      const inputs = edit(sampleFiles(name), iso);
      expect(textOf(inputs.find((f) => f.name.endsWith('_Personen.csv'))!)).not.toMatch(/\d{2}\.\d{2}\.\d{4}/);
      expect(strip(toContract(inputs, ctx).records)).toEqual(readExpected(FIXTURES, name));
    }
  });

  it('4: 00 stands for an unknown day or month only in Geburtsdatum', () => {
    const sheets = twoCases();
    row(sheets, 'Personen', 'PersonNr', '100871').set('Geburtsdatum', '00.09.1999');
    row(sheets, 'Personen', 'PersonNr', '104521').set('Geburtsdatum', '2001-06-00');
    expect(toContract(files(sheets), ctx).records.map((r) => r.person.dateOfBirth)).toEqual(['1999-09', '2001-06']);
    row(sheets, 'Personen', 'PersonNr', '104521').set('Geburtsdatum', '14.00.1996');
    expect(toContract(files(sheets), ctx).rejections[0]!.error).toMatchObject({ code: 'mapping.invalid-date', details: { field: 'person.dateOfBirth' } });
  });

  it('5: local timestamps get the Zurich offset of their own day', () => {
    const sheets = twoCases();
    row(sheets, 'Journal', 'EintragNr', 'J-50211').set('Zeitpunkt', '31.03.2024 03:30');
    const journal = toContract(files(sheets), ctx).records[0]!.journal!;
    expect(journal.at(-1)).toMatchObject({ id: 'J-50211', at: '2024-03-31T03:30:00+02:00' });
  });

  it('6, 9, 10: dots and spaces leave AHVN13 and ZEMIS_Nr; lists and apostrophe thousands are read', () => {
    const sheets = twoCases();
    row(sheets, 'Personen', 'PersonNr', '100871').set('AHVN13', '756 3182 7465 08');
    row(sheets, 'Personen', 'PersonNr', '100871').set('Weitere_Sprachen', 'ps, de ,en');
    row(sheets, 'Dokumente', 'DokNr', 'DOK-7012').set('Bytes', "1'184'233");
    const [record] = toContract(files(sheets), ctx).records;
    expect(record!.person.vn).toBe('7563182746508');
    expect(record!.person.languages!.map((l) => l.code)).toEqual(['prs', 'ps', 'de', 'en']);
    expect(record!.documents![0]!.size).toBe(1184233);
  });

  it('7: histories, assessments and journal come in the contract order whatever the file order', () => {
    const sheets = twoCases();
    sheets.Verlauf.rows.reverse();
    sheets.Abklaerungen.rows.reverse();
    sheets.Journal.rows.reverse();
    expect(strip(toContract(files(sheets), ctx).records)[0]).toEqual(readExpected(FIXTURES, '02-rich')[0]);
  });

  it('the Mandant of the file names must be the institution\'s', () => {
    expect(() => toContract(sampleFiles('02-rich'), { ...TG_CONTEXT, now: ctx.now })).toThrow(expect.objectContaining({ code: 'ecase.other-mandant' }));
  });

  it('a Thurgau delivery maps with the Thurgau configuration', () => {
    const tg = edit(sampleFiles('01-minimal'), (t) => t.replace(/FSI-GR/g, 'PER')).map((f) => ({ ...f, name: f.name.replace('ECASE_GR01_', 'ECASE_TG02_') }));
    const [record] = toContract(tg, { ...TG_CONTEXT, now: ctx.now }).records;
    expect(record!.source).toMatchObject({ institutionId: 'tg-peregrina', canton: 'TG' });
    expect(record!.responsibility.institutionId).toBe('tg-peregrina');
  });

  it('a delivery without one of its tables, or a table without one of its columns, is refused as a whole', () => {
    const inputs = sampleFiles('02-rich');
    expect(() => toContract(inputs.filter((f) => !f.name.endsWith('_Ziele.csv')), ctx)).toThrow(expect.objectContaining({ code: 'ecase.table-missing' }));
    expect(() => toContract(withText(inputs, 'Journal', (t) => t.replace('Kategorie;', 'Art;')), ctx)).toThrow(expect.objectContaining({ code: 'ecase.column-missing', details: expect.objectContaining({ nativeField: 'Journal.Kategorie' }) }));
    expect(() => toContract([...inputs, { name: 'notes.txt', content: new Uint8Array() }], ctx)).toThrow(expect.objectContaining({ code: 'ecase.unknown-file' }));
    const other = sampleFiles('03-edge').find((f) => f.name.endsWith('_Faelle.csv'))!;
    expect(() => toContract([...inputs, other], ctx)).toThrow(expect.objectContaining({ code: 'ecase.mixed-delivery' }));
  });

  it('an unclosed quote breaks the file, not one case: the delivery is refused naming the file only', () => {
    const broken = withText(sampleFiles('02-rich'), 'Journal', (t) => t.replace('"Arbeitsvertrag', 'Arbeitsvertrag'));
    expect(() => toContract(broken, ctx)).toThrow(/_Journal\.csv(:\d+)?: is not well-formed CSV/);
  });

  it('the tables of a delivery read as the fixtures hold them', () => {
    expect(load('02-rich').Journal.rows).toHaveLength(5);
  });
});
