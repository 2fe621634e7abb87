import { describe, expect, it } from 'vitest';
import { encodeText } from '../../src/adapters/sdk.js';
import { ASYL, ASYL_SMALL, FLUE, ctx, fixtureText, line, mapText, swap } from './test-kit.js';
import { toContract } from './to-contract.js';

// FORMAT.md, "Encoding and quirks", "Split" and "Databases": each asserted on an edited fixture.

const flue = (): string => fixtureText(FLUE);
const person = (xml: string, name = FLUE, index = 0) => mapText(xml, name).records[index]!;

describe('KLIBnet quirks', () => {
  it('reads a declared ISO-8859-1 as Windows-1252 („ “ – €) and keeps character references (Ş)', () => {
    let xml = swap(flue(), 'encoding="windows-1252"', 'encoding="ISO-8859-1"');
    xml = swap(xml, '<Bemerkung>Zuverlässig; Tempo ausbaufähig.</Bemerkung>', '<Bemerkung>„Zuverlässig“ – 20 € Spesen</Bemerkung>');
    xml = swap(xml, '<Vorname>Farzana</Vorname>', '<Vorname>&#350;irin</Vorname>');
    const bytes = encodeText(xml, 'windows-1252');
    expect([...bytes]).toContain(0x84);
    const { records } = toContract([{ name: FLUE, content: bytes }], ctx);
    expect(records[0]!.integrationPlan!.measures![1]!.note).toBe('„Zuverlässig“ – 20 € Spesen');
    expect(records[1]!.person.firstName).toBe('Şirin');
  });

  it('treats 01.01.1900 as no date and empty elements as absent', () => {
    const xml = swap(swap(flue(), '<EinreiseCH>09.08.2021</EinreiseCH>', '<EinreiseCH>01.01.1900</EinreiseCH>'), '<Ab>01.08.2025</Ab>', '<Ab/>');
    const r = person(xml);
    expect(r.person.arrivalDate).toBeUndefined();
    expect(r.employment).toEqual({ situation: 'in-training', workloadPercent: 100 });
  });

  it('cuts a date of birth to its precision: T exact, M month, J (Jahr) year, missing = T', () => {
    const precise = (letter: string | undefined) => {
      const edit = letter === undefined ? '' : `<GebDatGenauigkeit>${letter}</GebDatGenauigkeit>`;
      return person(swap(flue(), '<GebDatGenauigkeit>T</GebDatGenauigkeit>', edit)).person.dateOfBirth;
    };
    expect([precise('T'), precise('M'), precise('J'), precise(undefined)]).toEqual(['1989-03-21', '1989-03', '1989', '1989-03-21']);
  });

  it('gives ErfasstAm the Zurich offset of its day', () => {
    const at = person(flue()).journal!.map((j) => j.at);
    expect(at).toEqual(['2021-11-04T09:30:00+01:00', '2024-03-15T14:10:12+01:00', '2024-05-02T08:45:40+02:00', '2025-08-27T16:05:00+02:00']);
  });

  it('prefixes numbers with the database: the same PersNr in FLUE and WSH is two records', () => {
    const r = person(flue());
    expect([r.source.localPersonId, r.source.localCaseId, r.person.householdId]).toEqual(['FLUE-30117', 'FLUE-2021.0113', 'FLUE-2021.0113']);
    const wsh = mapText(wshOf(flue()), 'KLIB_WSH_SROL_20260309.xml').records[0]!;
    expect(wsh.source.localPersonId).toBe('WSH-30117');
    expect(wsh.recordId).not.toBe(r.recordId);
  });

  it('removes the blanks of ZEMISNr, ignores AHVAlt, never maps FallfuehrungName or display texts', () => {
    const xml = swap(flue(), '<AHVAlt/>', '<AHVAlt>123.45.678.901</AHVAlt>');
    const { records } = mapText(xml);
    expect(records[0]!.person.zemisId).toBe('21905534');
    const json = JSON.stringify(records);
    for (const absent of ['Muster Anna', '123.45.678.901', 'Afghanistan', 'Gemeinde / Sozialregion', 'Sprachkurs']) expect(json).not.toContain(absent);
  });

  it('keeps installation codes as nativeCode on other, and a measure the type’s when both fall back', () => {
    const asyl = mapText(fixtureText(ASYL), ASYL).records;
    expect(asyl[3]!.residence.statusHistory[0]).toEqual({ status: 'other', nativeCode: '15', from: '2022-04-18', to: '2023-09-28' });
    const xml = swap(fixtureText(ASYL), '<KostentraegerCd>IP</KostentraegerCd>', '<KostentraegerCd>STIFT</KostentraegerCd>');
    expect(mapText(xml, ASYL).records[0]!.integrationPlan!.measures![0]).toMatchObject({ type: 'other', nativeCode: '116', financedBy: 'other' });
    const funding = swap(flue(), '<KostentraegerCd>KT</KostentraegerCd>', '<KostentraegerCd>STIFT</KostentraegerCd>');
    expect(person(funding).integrationPlan!.measures![3]).toMatchObject({ type: 'pre-apprenticeship', financedBy: 'other', nativeCode: 'STIFT' });
  });

  it('lower-cases Pruefsumme and reads the media type from any-case Dateityp', () => {
    const doc = person(swap(flue(), '<Dateityp>TIF</Dateityp>', '<Dateityp>tiff</Dateityp>')).documents!.at(-1)!;
    expect(doc).toMatchObject({ mediaType: 'image/tiff', sha256: 'fbe10dc5e45a1e5ce673a5f594164243df09341478ab6f4cd69e4da26f5663c3' });
  });

  it('sorts StatusHistorie and ZustaendigkeitHistorie, which come newest first', () => {
    const r = person(flue());
    expect(r.residence.statusHistory.map((s) => s.status)).toEqual(['N', 'F-refugee', 'B-refugee']);
    expect(r.responsibility.history!.map((h) => h.phase)).toEqual(['federal', 'cantonal']);
  });

  it('leaves out a PensumProz of 0', () => {
    expect(person(swap(flue(), '<PensumProz>100</PensumProz>', '<PensumProz>0</PensumProz>')).employment).toEqual({ situation: 'in-training', since: '2025-08-01' });
  });
});

describe('KLIBnet split of a UE', () => {
  it('copies Wohngemeinde, Zustaendigkeit and support to every member; person-level parts stay with their person', () => {
    const [a, b] = mapText(flue()).records;
    expect(a!.person.municipality).toEqual({ bfsNumber: 2581, name: 'Olten' });
    expect(b!.person.municipality).toEqual(a!.person.municipality);
    expect(a!.responsibility).toEqual(b!.responsibility);
    expect(a!.socialAssistance).toEqual({ receives: true, since: '2021-11-01' });
    expect(b!.socialAssistance).toEqual(a!.socialAssistance);
    expect([a!.consents?.length, b!.consents]).toEqual([3, undefined]);
    expect([a!.potentialAssessments?.length, b!.potentialAssessments]).toEqual([2, undefined]);
  });

  it('routes notes and documents without PersNr to every member and with PersNr to that member only', () => {
    const [a, b] = mapText(flue()).records;
    expect(a!.journal!.map((j) => j.id)).toEqual(['AN-77120', 'AN-80544', 'AN-80913', 'AN-83002']);
    expect(b!.journal!.map((j) => j.id)).toEqual(['AN-77120', 'AN-83002']);
    expect(b!.documents!.map((d) => d.id)).toEqual(['D-4502']);
    // The installation wrote every note: journal institutions are the Mandant's.
    expect(new Set(a!.journal!.map((j) => j.institutionId))).toEqual(new Set(['so-sozialregion-olten']));
  });

  it('gives a closed UE no support', () => {
    const r = person(swap(flue(), '<AbgeschlossenAm/>', '<AbgeschlossenAm>28.02.2026</AbgeschlossenAm>'));
    expect(r.socialAssistance).toEqual({ receives: false });
    expect(r.responsibility.phase).toBe('communal');
  });
});

/** The FLUE fixture as a WSH export: Bewilligung instead of StatusHistorie, no PhaseCd. */
function wshOf(xml: string): string {
  let out = swap(xml, '<Datenbank>FLUE</Datenbank>', '<Datenbank>WSH</Datenbank>');
  out = out.replace(/<StatusHistorie>[\s\S]*?<\/StatusHistorie>/g, `<Bewilligung>${line(0, 'BewilligungCd', 'B')}${line(0, 'GueltigAb', '14.12.2022')}</Bewilligung>`);
  return out.replace(/<PhaseCd>\d+<\/PhaseCd>/g, '');
}

describe('KLIBnet databases: WSH without the Asyl module', () => {
  const wsh = (xml: string) => mapText(wshOf(xml), 'KLIB_WSH_SROL_20260309.xml').records;

  it('takes the one status from Bewilligung, the phase regular, and ignores the Asyl module', () => {
    const [a] = wsh(flue());
    expect(a!.residence).toEqual({ statusHistory: [{ status: 'B', from: '2022-12-14' }] });
    expect(a!.responsibility.phase).toBe('regular');
    expect(a!.responsibility.history!.map((h) => h.phase)).toEqual(['regular', 'regular']);
    expect([a!.potentialAssessments, a!.integrationPlan, a!.consents]).toEqual([undefined, undefined, undefined]);
  });

  it('closes the phase with the UE, and maps CH and G to other with their code', () => {
    const closed = swap(flue(), '<AbgeschlossenAm/>', '<AbgeschlossenAm>28.02.2026</AbgeschlossenAm>');
    expect(wsh(closed)[0]!.responsibility.phase).toBe('closed');
    const swiss = wshOf(flue()).replace('<BewilligungCd>B</BewilligungCd>', '<BewilligungCd>CH</BewilligungCd>');
    expect(mapText(swiss, 'KLIB_WSH_SROL_20260309.xml').records[0]!.residence.statusHistory).toEqual([{ status: 'other', nativeCode: 'CH', from: '2022-12-14' }]);
  });

  it('rejects a WSH person without Bewilligung', () => {
    const xml = wshOf(flue()).replace(/<Bewilligung>[\s\S]*?<\/Bewilligung>/, '');
    const result = mapText(xml, 'KLIB_WSH_SROL_20260309.xml');
    expect(result.rejections[0]).toMatchObject({ nativeId: '2021.0113/30117', error: { code: 'mapping.required', details: { field: 'residence.statusHistory', nativeField: 'Bewilligung' } } });
    expect(result.records).toHaveLength(1);
  });

  it('maps the small ASYL sample unchanged (control)', () => {
    expect(mapText(fixtureText(ASYL_SMALL), ASYL_SMALL).records).toHaveLength(1);
  });
});
