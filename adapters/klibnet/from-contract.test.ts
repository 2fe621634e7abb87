import { describe, expect, it } from 'vitest';
import { MappingError, decodeText, parseXml, type CaseRecord, type NativeInput } from '../../src/adapters/sdk.js';
import { fromContract } from './from-contract.js';
import { adapter } from './index.js';
import { ASYL, FLUE, ctx, fixtureText, mapText } from './test-kit.js';
import { toContract } from './to-contract.js';
import { expectText, thrown } from '../../src/adapters/testing.js';

const delivery = { transferId: 'tr-7f3a', at: new Date('2026-03-20T09:30:00Z') };
const family = (): CaseRecord[] => mapText(fixtureText(ASYL), ASYL).records;
const couple = (): CaseRecord[] => mapText(fixtureText(FLUE)).records;
const textOf = (file: NativeInput): string => decodeText(file.content, 'windows-1252', file.name);
const root = (file: NativeInput) => parseXml(file.content, { file: file.name, latin1As: 'windows-1252' });

/** Without what an import cannot carry (the source's numbers) and the time of extraction. */
function carried(records: readonly CaseRecord[]): unknown[] {
  return records.map(({ source: { localCaseId: _c, localPersonId: _p, extractedAt: _e, ...source }, person: { householdId: _h, ...person }, ...rest }) => ({ ...rest, source, person }));
}

const refusal = (records: CaseRecord[]): MappingError => thrown(MappingError, () => fromContract(records, ctx, delivery));

describe('contract → KLIBnet import', () => {
  it('writes a household of four as one UE of four persons that reads back to the same four records', () => {
    const records = family();
    const files = fromContract(records, ctx, delivery);
    expect(files.map((f) => f.name)).toEqual(['KLIB_IMP_ASYL_tr-7f3a.xml']);
    const ues = root(files[0]!).all('UE');
    expect(ues).toHaveLength(1);
    const persons = ues[0]!.child('Personen')!.all('Person');
    expect(persons.map((p) => p.textOf('RolleCd'))).toEqual(['AS', 'WP', 'WP', 'WP']);
    expect(persons.map((p) => p.textOf('PersNr'))).toEqual(['', '', '', '']);
    expect(persons.map((p) => p.textOf('FremdId'))).toEqual(records.map((r) => r.recordId));
    expect(root(files[0]!).path('Kopf', 'AnzahlUE')!.text).toBe('1');

    const again = toContract(files, ctx);
    expect(again.rejections).toEqual([]);
    expect(carried(again.records)).toEqual(carried(records));
    expect(new Set(again.records.map((r) => r.person.householdId)).size).toBe(1);
  });

  it('writes a note of every member once, and one of a single member naming it by FremdId', () => {
    const records = family();
    const notes = root(fromContract(records, ctx)[0]!).path('UE', 'Aktennotizen')!.all('Aktennotiz');
    expect(notes.map((n) => [n.textOf('NotizNr'), n.textOf('FremdId')])).toEqual([
      ['AN-90210', undefined],
      ['AN-90233', records[2]!.recordId],
    ]);
    expect(notes[0]!.textOf('ErfasstAm')).toBe('05.03.2026 10:20:00');
  });

  it('names the file after the transfer, dates the Kopf, writes Windows-1252 with references', () => {
    const [file] = fromContract(family(), ctx, delivery);
    const text = textOf(file!);
    expectText(text, { holds: [/^<\?xml version="1.0" encoding="windows-1252"\?>/, '<Stichtag>20.03.2026</Stichtag>', '<ErstelltAm>20.03.2026 10:30:00</ErstelltAm>', '<Mandant>SROL</Mandant>', '&#350;êrko', '<Pruefsumme>D173AD36FFD46086B36F76D3AAAF399ED37463C2CFD171BF1E24347C62994FF1</Pruefsumme>'], lacks: ['FallfuehrungName'] });
  });

  it('chooses the database by the head’s current status, one file per database', () => {
    const [n] = family();
    const refugees = couple();
    const settled = structuredClone(refugees).map((r) => ({
      ...r,
      person: { ...r.person, householdId: 'FLUE-2099.0001' },
      residence: { statusHistory: [...r.residence.statusHistory.slice(0, -1), { status: 'C' as const, from: '2025-12-14' }] },
    }));
    const files = fromContract([n!, ...refugees, ...settled], ctx, delivery);
    expect(files.map((f) => f.name)).toEqual(['KLIB_IMP_ASYL_tr-7f3a.xml', 'KLIB_IMP_FLUE_tr-7f3a.xml', 'KLIB_IMP_WSH_tr-7f3a.xml']);
    expect(files.map((f) => root(f).all('UE').length)).toEqual([1, 1, 1]);
  });

  it('writes into WSH the current permit only, without phases or the Asyl module', () => {
    const settled = couple().map((r) => ({ ...r, residence: { ...r.residence, statusHistory: [...r.residence.statusHistory.slice(0, -1), { status: 'B-refugee' as const, from: '2022-12-14', to: '2025-12-13' }, { status: 'C' as const, from: '2025-12-14' }] } }));
    const [file] = fromContract(settled, ctx, delivery);
    const text = textOf(file!);
    expect(file!.name).toBe('KLIB_IMP_WSH_tr-7f3a.xml');
    expect(text).not.toMatch(/<(PhaseCd|StatusHistorie|Standortbestimmungen|Integrationsplanung|Einwilligungen|AsylEntscheidAm)>/);
    const [again] = toContract([file!], ctx).records;
    expect(again!.residence).toEqual({ statusHistory: [{ status: 'C', from: '2025-12-14' }] });
    expect(again!.responsibility.phase).toBe('regular');
  });

  it('writes what comes from another system with KLIBnet’s own “other” codes and without its staff id', () => {
    const [record] = couple();
    const foreign: CaseRecord = structuredClone(record!);
    foreign.source = { ...foreign.source, system: 'kiss' };
    foreign.person.sex = 'other';
    foreign.residence.statusHistory[0] = { ...foreign.residence.statusHistory[0]!, status: 'other', nativeCode: '24' };
    foreign.integrationPlan!.measures![0] = { ...foreign.integrationPlan!.measures![0]!, type: 'other', nativeCode: '118', financedBy: 'other' };
    foreign.documents![3] = { ...foreign.documents![3]!, nativeCode: '8' };
    const text = textOf(fromContract([foreign], ctx, delivery)[0]!);
    expectText(text, { holds: ['<GeschlechtCd>0</GeschlechtCd>', '<StatusCd>99</StatusCd>', /<MassnArtCd>199<\/MassnArtCd>[\s\S]*?<KostentraegerCd>DR<\/KostentraegerCd>/, /<DokArtCd>9<\/DokArtCd>\s*<Dateityp>TIF<\/Dateityp>/], lacks: ['FallfuehrungKuerzel', '>24<'] });
  });

  it.each([
    ['an institution without StelleCd', (r: CaseRecord) => (r.responsibility.institutionId = 'zh-sd-winterthur'), 'mapping.unknown-organisation', 'responsibility.institutionId', 'Zustaendigkeit/StelleCd'],
    ['a language KLIBnet does not list', (r: CaseRecord) => (r.person.languages = [{ code: 'wo', isFirstLanguage: true }]), 'mapping.cannot-write', 'person.languages[0].code', 'Sprachen/Sprache/SpracheCd'],
    ['a media type without Dateityp', (r: CaseRecord) => (r.documents![0]!.mediaType = 'image/webp'), 'mapping.cannot-write', 'documents.mediaType', 'Dokument/Dateityp'],
    ['an open case without support', (r: CaseRecord) => (r.socialAssistance = { receives: false }), 'mapping.cannot-write', 'socialAssistance.receives', 'AbgeschlossenAm'],
    ['years of work in fractions', (r: CaseRecord) => (r.potentialAssessments![0]!.workExperience![0]!.years = 4.5), 'mapping.cannot-write', 'potentialAssessments[0].workExperience[0].years', 'Berufserfahrung/Jahre'],
  ])('refuses %s, naming the path and never the value', (_name, edit, code, field, nativeField) => {
    const records = couple();
    edit(records[0]!);
    const error = refusal(records);
    expect(error).toMatchObject({ code, details: { field, nativeField, nativeId: 'FLUE-2021.0113' } });
    expect(error.message).not.toMatch(/zh-sd-winterthur|image\/webp|4\.5|Haidari/);
  });

  it('closes a UE whose case is closed, on the day its responsibility closed', () => {
    const records = couple().map((r) => ({ ...r, socialAssistance: { receives: false }, responsibility: { ...r.responsibility, phase: 'closed' as const, since: '2026-02-28' } }));
    const [again] = toContract(fromContract(records, ctx, delivery), ctx).records;
    expect(again!.socialAssistance).toEqual({ receives: false });
    expect(again!.responsibility).toMatchObject({ phase: 'closed', since: '2026-02-28' });
  });

  it('declares what it cannot carry for the round trip', () => {
    expect(adapter.capabilities.cannotCarry).toEqual(['source.localPersonId', 'source.localCaseId', 'person.householdId']);
  });
});
