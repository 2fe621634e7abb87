import { describe, expect, it } from 'vitest';
import { setCell, type XlsxBook } from '../../src/adapters/sdk.js';
import { toContract } from './to-contract.js';
import { bytesOf, ctx, fixture, get, input, map, richAndMinimal, set, sheet } from './test-support.js';
import { isExportFile } from './workbook.js';

const P = 'Personen';
const strip = (records: ReturnType<typeof map>['records']) => records.map((r) => ({ ...r, source: { ...r.source, extractedAt: '' } }));

/** Every date serial of the workbook moved to the 1904 system, as a Mac saves it. */
function as1904(book: XlsxBook): XlsxBook {
  for (const s of book.sheets) for (const cells of s.rows.values()) for (const cell of cells.values()) if (typeof cell.value === 'number' && /yy/.test(cell.numFmt ?? '')) cell.value -= 1462;
  book.date1904 = true;
  return book;
}

describe('excel-sh → contract, quirks (FORMAT.md)', () => {
  it('applies the 1904 date system of Mac workbooks (dates, date-times, Stand:)', () => {
    const plain = map(fixture('rich'));
    const mac = map(as1904(fixture('rich')));
    expect(mac.rejections).toEqual([]);
    expect(strip(mac.records)).toEqual(strip(plain.records));
    expect(mac.stamps).toEqual(plain.stamps);
    expect(mac.records[0]!.journal![0]!.at).toBe('2015-03-12T10:30:00+01:00');
  });

  it('finds columns by header text, whatever their order, and ignores unknown columns', () => {
    const book = fixture('rich');
    const personen = sheet(book, P);
    // Swap Name and Vorname, and add a column the adapter does not know.
    for (const cells of personen.rows.values()) {
      const [f, g] = [cells.get(6), cells.get(7)];
      if (f) cells.set(7, f);
      else cells.delete(7);
      if (g) cells.set(6, g);
      else cells.delete(6);
    }
    setCell(personen, 3, 50, { value: 'Notiz intern' });
    setCell(personen, 4, 50, { value: 'nicht übernehmen' });
    expect(strip(map(book).records)).toEqual(strip(map(fixture('rich')).records));
  });

  it('skips empty rows and the Total row, and reads on below a gap', () => {
    const book = richAndMinimal();
    const personen = sheet(book, P);
    // minimal's person moves below an empty row, the Total row below it.
    personen.rows.set(7, personen.rows.get(5)!);
    personen.rows.set(9, personen.rows.get(6)!);
    personen.rows.delete(5);
    personen.rows.set(6, new Map([[3, { value: '  ' }]]));
    const { records, rejections } = map(book);
    expect(rejections).toEqual([]);
    expect(records.map((r) => r.source.localPersonId)).toEqual(['540213', '558812']);
  });

  it('reads ids typed as numbers or text as integer strings, and joins child rows either way', () => {
    const { records } = map(fixture('edge'));
    expect(records.map((r) => r.source.localPersonId)).toEqual(['551770', '560498']); // a number cell, a text cell
    expect(records[0]!.integrationPlan!.measures![0]!.id).toBe('M-092-01'); // Massnahmen Pers-Nr is a number
    expect(records[1]!.journal![0]!.id).toBe('V-216-001'); // Verlauf Pers-Nr is text
    const book = fixture('rich');
    set(book, P, 0, 'ZEMIS-Nr', '218.440.93');
    set(book, P, 0, 'AHV-Nr', '756.4802.1776.58');
    const [rich] = map(book).records;
    expect(rich!.person).toMatchObject({ zemisId: '21844093', vn: '7564802177658' });
    expect(rich!.potentialAssessments![1]!.workExperience![0]!.iscoCode).toBe('4321'); // ISCO as a number cell
  });

  it('concatenates rich-text runs', () => {
    expect(map(fixture('edge')).records[1]!.person.firstName).toBe('Rojîn');
  });

  it('reads partial dates of birth and typed dates with one-digit day and month', () => {
    const [a, b] = map(fixture('edge')).records;
    expect([a!.person.dateOfBirth, b!.person.dateOfBirth, b!.person.arrivalDate]).toEqual(['1997', '2001-03', '2022-09-12']);
    const book = fixture('rich');
    set(book, P, 0, 'Geburtsdatum', '1.2.1988');
    set(book, P, 0, 'Einreise', '2014-07-21');
    expect(map(book).records[0]!.person).toMatchObject({ dateOfBirth: '1988-02-01', arrivalDate: '2014-07-21' });
  });

  it('rounds Zeitpunkt to the minute (16:09:59.999 is 16:10) and writes the Zurich offset of that day', () => {
    expect(get(fixture('edge'), 'Verlauf', 0, 'Zeitpunkt')!.value).toBeCloseTo(44818.673611, 6);
    expect(map(fixture('edge')).records[1]!.journal![0]!.at).toBe('2022-09-14T16:10:00+02:00');
  });

  it('turns percent fractions into integer percent; typed `80%` is taken as written', () => {
    const [rich] = map(fixture('rich')).records;
    expect(rich!.employment!.workloadPercent).toBe(80);
    expect(rich!.potentialAssessments!.map((a) => a.health?.workCapacityPercent)).toEqual([100, 80]);
    const book = fixture('rich');
    set(book, P, 0, 'Pensum', '60%');
    expect(map(book).records[0]!.employment!.workloadPercent).toBe(60);
  });

  it('sorts status pairs by ab, derives to, and keeps an unlisted status as other with its text', () => {
    const [rich] = map(fixture('rich')).records;
    expect(rich!.residence.statusHistory.map((s) => [s.status, s.from, s.to])).toEqual([
      ['N', '2014-07-21', '2015-03-11'],
      ['F', '2015-03-12', '2021-05-31'],
      ['B', '2021-06-01', undefined],
    ]);
    const book = fixture('rich');
    set(book, P, 0, 'Status 3', 'F'); // a bare code
    set(book, P, 0, 'Status 2', 'andere');
    expect(map(book).records[0]!.residence.statusHistory.map((s) => [s.status, s.nativeCode])).toEqual([
      ['N', undefined],
      ['F', undefined],
      ['other', undefined],
    ]);
    expect(map(fixture('edge')).records[0]!.residence.statusHistory[2]).toEqual({ status: 'other', nativeCode: 'VA-HF Härtefallgesuch', from: '2024-02-01' });
  });

  it('keeps Typ as the nativeCode when Typ and Kostenträger both fall back; Sonstiges and andere are other alone', () => {
    const book = fixture('rich');
    set(book, 'Massnahmen', 0, 'Typ', 'Velokurs');
    set(book, 'Massnahmen', 0, 'Kostenträger', 'Stiftung');
    set(book, 'Massnahmen', 1, 'Kostenträger', 'Stiftung');
    set(book, 'Massnahmen', 2, 'Typ', 'Sonstiges');
    set(book, 'Massnahmen', 2, 'Kostenträger', 'andere');
    set(book, 'Dokumente', 3, 'Art', 'Foto');
    const measures = map(book).records[0]!.integrationPlan!.measures!;
    expect(measures.slice(0, 3).map((m) => [m.type, m.financedBy, m.nativeCode])).toEqual([
      ['other', 'other', 'Velokurs'],
      ['work-trial', 'other', 'Stiftung'],
      ['other', 'other', undefined],
    ]);
    expect(map(book).records[0]!.documents![3]).toMatchObject({ kind: 'other', nativeCode: 'Foto' });
  });

  it('lower-cases SHA-256 and reads Dateityp in any case', () => {
    const book = fixture('rich');
    set(book, 'Dokumente', 0, 'SHA-256', '8262AA78191D219CD2092859045216ECEDCEDBAB410999E3341EF5F8CC91D7F1');
    set(book, 'Dokumente', 0, 'Dateityp', 'pdf');
    expect(map(book).records[0]!.documents![0]).toMatchObject({ sha256: '8262aa78191d219cd2092859045216ecedcedbab410999e3341ef5f8cc91d7f1', mediaType: 'application/pdf' });
  });

  it('leaves out employment and social assistance when Erwerbssituation / Sozialhilfe are empty', () => {
    const book = fixture('rich');
    set(book, P, 0, 'Erwerbssituation', undefined);
    set(book, P, 0, 'Sozialhilfe', undefined);
    const [record] = map(book).records;
    expect(record!.employment).toBeUndefined();
    expect(record!.socialAssistance).toBeUndefined();
  });

  it('stamps each record with the Stand: date, else the workbook’s own date', () => {
    expect(map(fixture('edge')).stamps).toEqual([
      { version: '2024-03-15', occurredAt: '2024-03-15T00:00:00+01:00' },
      { version: '2024-03-15', occurredAt: '2024-03-15T00:00:00+01:00' },
    ]);
    const book = fixture('minimal');
    sheet(book, P).rows.get(2)!.delete(2);
    book.modified = undefined;
    book.created = new Date('2024-07-01T06:30:00Z');
    expect(map(book).stamps).toEqual([{ version: '2024-07-01T08:30:00+02:00', occurredAt: '2024-07-01T08:30:00+02:00' }]);
  });

  it('ignores Excel lock files and knows the export names', () => {
    const result = toContract([{ name: '~$AIS_Fallliste_SH_2024-03-15.xlsx', content: new Uint8Array([1, 2, 3]) }, input(fixture('minimal'))], ctx);
    expect(result.records).toHaveLength(1);
    expect(isExportFile('AIS_Fallliste_SH_2024-03-15.xlsx')).toBe(true);
    expect(['~$AIS_Fallliste_SH_2024-03-15.xlsx', 'AIS_Fallliste_SH_2024-03-15.xls', 'Kopie von AIS_Fallliste_SH_2024-03-15.xlsx'].some(isExportFile)).toBe(false);
  });

  it('refuses a file that is no workbook, naming the file only', () => {
    expect(() => toContract([{ name: 'AIS_Fallliste_SH_2024-03-15.xlsx', content: bytesOf('minimal').slice(0, 200) }], ctx)).toThrow(
      expect.objectContaining({ code: 'xlsx.unreadable', details: expect.objectContaining({ file: 'AIS_Fallliste_SH_2024-03-15.xlsx' }) }),
    );
  });
});
