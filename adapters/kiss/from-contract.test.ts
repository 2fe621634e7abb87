import { describe, expect, it } from 'vitest';
import { MappingError, parseXml, type CaseRecord, type NativeInput } from '../../src/adapters/sdk.js';
import { fromContract } from './from-contract.js';
import { COUPLE, FAMILY, SINGLE, ctx, fixtureText, mapText } from './test-kit.js';
import { toContract } from './to-contract.js';
import { expectText } from '../../src/adapters/testing.js';

const delivery = { transferId: 'tr-9b', at: new Date('2026-03-20T09:30:00Z') };
const family = (): CaseRecord[] => mapText(fixtureText(FAMILY), FAMILY).records;
const couple = (): CaseRecord[] => mapText(fixtureText(COUPLE)).records;
const root = (file: NativeInput) => parseXml(file.content, { file: file.name });
const textOf = (file: NativeInput): string => new TextDecoder().decode(file.content);

/** Without what an import cannot carry (the source's numbers) and the time of extraction. */
function carried(records: readonly CaseRecord[]): unknown[] {
  return records.map(({ source: { localCaseId: _c, localPersonId: _p, extractedAt: _e, ...source }, person: { householdId: _h, ...person }, ...rest }) => ({ ...rest, source, person }));
}

describe('contract → KiSS import', () => {
  it('writes a household of four as one UA of four members that reads back to the same four records', () => {
    const records = family();
    const files = fromContract(records, ctx, delivery);
    expect(files.map((f) => f.name)).toEqual(['UA_IMPORT_tr-9b.xml']);
    const doc = root(files[0]!);
    expect(doc.local).toBe('importKiSS');
    const uas = doc.all('uniteAssistance');
    expect(uas.map((u) => [u.attr('noUA'), u.attr('domaine')])).toEqual([['', 'ASILE']]);
    const members = uas[0]!.child('membres')!.all('membre');
    expect(members.map((m) => m.attr('role'))).toEqual(['REQ', 'AUTRE', 'AUTRE', 'AUTRE']);
    expect(members.map((m) => m.attr('noPersonne'))).toEqual(['', '', '', '']);
    expect(members.map((m) => m.attr('idExterne'))).toEqual(records.map((r) => r.recordId));
    const again = toContract(files, ctx);
    expect(again.rejections).toEqual([]);
    expect(carried(again.records)).toEqual(carried(records));
  });

  it('names members of a note in concerne, of a document in @personne, by idExterne', () => {
    const records = family();
    const ua = root(fromContract(records, ctx)[0]!).child('uniteAssistance')!;
    const notes = ua.child('journal')!.all('note');
    expect(notes.map((n) => n.all('concerne').map((c) => c.text))).toEqual([[], [records[2]!.recordId]]);
    expect(ua.child('documents')!.all('document').map((d) => d.attr('personne'))).toEqual([undefined, records[2]!.recordId]);
    expect(notes[0]!.attr('saisieLe')).toBe('2026-03-12T10:05:00');
  });

  it('lists every member a note concerns when it is some of them', () => {
    const records = family();
    records[1]!.journal = [...records[1]!.journal!, records[2]!.journal![1]!];
    const [file] = fromContract(records, ctx, delivery);
    const concerne = root(file!).child('uniteAssistance')!.child('journal')!.all('note')[1]!.all('concerne').map((c) => c.text);
    expect(concerne).toEqual([records[1]!.recordId, records[2]!.recordId]);
    expect(carried(toContract([file!], ctx).records)).toEqual(carried(records));
  });

  it('chooses @domaine by the head’s current status and writes the entête of the delivery', () => {
    const [file] = fromContract([...couple(), ...mapText(fixtureText(SINGLE), SINGLE).records], ctx, delivery);
    const doc = root(file!);
    expect(doc.all('uniteAssistance').map((u) => u.attr('domaine'))).toEqual(['REFUGIES', 'ASILE']);
    expect(doc.child('entete')!.attributes).toEqual({ mandant: 'NE-SSRM', creeLe: '2026-03-20T10:30:00', declencheur: 'import' });
    const settled = couple().map((r) => ({ ...r, residence: { statusHistory: [{ status: 'C' as const, from: '2026-01-17' }] } }));
    expect(root(fromContract(settled, ctx)[0]!).child('uniteAssistance')!.attr('domaine')).toBe('ASE');
  });

  it('writes the AVS number with dots, an empty @npa, and no staff name', () => {
    const text = textOf(fromContract(couple(), ctx, delivery)[0]!);
    expectText(text, { holds: ['<noAVS>756.6400.2118.71</noAVS>', '<commune noOFS="6421" npa="">La Chaux-de-Fonds</commune>', '<responsabilite phase="COMM" service="SSRM" des="03.11.2022" gestionnaire="SSRM-G044"/>'], lacks: ['Perrin'] });
  });

  it('writes what comes from another system with the list’s own “other”, without its staff id', () => {
    const [record] = couple();
    const foreign = structuredClone(record!);
    foreign.source.system = 'klibnet';
    foreign.residence.statusHistory[0] = { ...foreign.residence.statusHistory[0]!, status: 'other', nativeCode: '15' };
    foreign.integrationPlan!.measures![0] = { ...foreign.integrationPlan!.measures![0]!, type: 'other', nativeCode: 'M1', financedBy: 'other' };
    foreign.documents![0] = { ...foreign.documents![0]!, kind: 'other', nativeCode: '7' };
    const text = textOf(fromContract([foreign], ctx)[0]!);
    expectText(text, { holds: ['<statut code="99" des="05.10.2021"', '<mesure no="M-901" type="199" statut="3" resultat="1" financement="TIERS"', '<document no="KD-3001" type="9"'], lacks: ['gestionnaire'] });
  });

  it('leaves out an institution without a service code (it cannot be named), and @aideFinanciere when unknown', () => {
    const records = couple().map((r) => ({ ...r, socialAssistance: undefined, responsibility: { ...r.responsibility, history: [{ ...r.responsibility.history![0]!, institutionId: 'sem-baz-chiasso' }] } }));
    const ua = root(fromContract(records, ctx)[0]!).child('uniteAssistance')!;
    expect(ua.path('historiqueResponsabilite', 'periode')!.attributes).toEqual({ phase: 'FED', du: '05.10.2021', au: '19.10.2021' });
    expect(ua.attr('aideFinanciere')).toBeUndefined();
  });

  it('refuses a language outside the shared list, naming the path', () => {
    const records = couple();
    records[0]!.person.languages = [{ code: 'wo', isFirstLanguage: true }];
    expect(() => fromContract(records, ctx)).toThrow(MappingError);
    try {
      fromContract(records, ctx);
    } catch (error) {
      expect((error as MappingError).details).toMatchObject({ field: 'person.languages[0].code', nativeField: 'langues/langue/@code', nativeId: '221045' });
    }
  });
});
