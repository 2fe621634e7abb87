import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/adapters/sdk.js';
import { replaceOnce } from '../../src/adapters/testing.js';
import { COUPLE, FAMILY, SINGLE, ctx, fixtureText, inputOf, mapText } from './test-kit.js';
import { toContract } from './to-contract.js';

// FORMAT.md, "Encoding and quirks" and "Split": each asserted on an edited fixture.

const couple = (): string => fixtureText(COUPLE);
const omar = (xml: string) => mapText(xml).records[0]!;

describe('KiSS quirks', () => {
  it('reads UTF-8 with and without a byte-order mark alike', () => {
    const withBom = toContract([inputOf(couple(), COUPLE, true)], ctx).records;
    const without = toContract([inputOf(couple(), COUPLE, false)], ctx).records;
    expect(without).toEqual(withBom);
  });

  it('reads @precision J as jour (exact), M as mois, A as année; missing = J', () => {
    const dob = (precision: string) => omar(replaceOnce(couple(), 'precision="J">14.02.1985', `${precision}>14.02.1985`)).person.dateOfBirth;
    expect([dob('precision="J"'), dob('precision="M"'), dob('precision="A"'), dob('')]).toEqual(['1985-02-14', '1985-02', '1985', '1985-02-14']);
  });

  it('gives @saisieLe the Zurich offset: local without offset (5.2), UTC with Z (5.4)', () => {
    const utc = replaceOnce(couple(), 'saisieLe="2024-04-12T14:30:00"', 'saisieLe="2024-04-12T12:30:00Z"');
    expect(omar(couple()).journal![1]!.at).toBe('2024-04-12T14:30:00+02:00');
    expect(omar(utc).journal![1]!.at).toBe('2024-04-12T14:30:00+02:00');
    expect(omar(replaceOnce(couple(), 'saisieLe="2022-11-03T09:00:00"', 'saisieLe="2022-11-03T08:00:00Z"')).journal![0]!.at).toBe('2022-11-03T09:00:00+01:00');
  });

  it('keeps the digits of noAVS (dotted) and noSymic', () => {
    expect(omar(couple()).person).toMatchObject({ vn: '7566400211871', zemisId: '22016645' });
  });

  it('reads oui/non, and refuses anything else', () => {
    const maybe = mapText(replaceOnce(couple(), 'premiere="oui">arabe', 'premiere="peut-être">arabe'));
    expect(maybe.rejections[0]!.error).toMatchObject({ code: 'mapping.invalid-boolean', details: { field: 'person.languages[0].isFirstLanguage', nativeField: 'langues/langue[0]/@premiere' } });
    expect(maybe.rejections[0]!.error.message).not.toContain('peut-être');
  });

  it('never maps the staff name of responsabilite; caseManagerId is @gestionnaire', () => {
    const { records } = mapText(couple());
    expect(JSON.stringify(records)).not.toContain('Perrin');
    expect(records[0]!.responsibility.caseManagerId).toBe('SSRM-G044');
  });

  it('knows the Romandie codes: status 16 = B, 24 = other, measure 116 = social integration, sexe 3 = other', () => {
    let xml = replaceOnce(couple(), '<statut code="13" des="17.01.2023">', '<statut code="16" des="17.01.2023">');
    xml = replaceOnce(xml, '<sexe>2</sexe>', '<sexe>3</sexe>');
    xml = replaceOnce(xml, '<statut code="13" des="17.01.2023">', '<statut code="24" des="17.01.2023">');
    const [a, b] = mapText(xml).records;
    expect(a!.residence.statusHistory.at(-1)).toEqual({ status: 'B', from: '2023-01-17' });
    expect(b!.residence.statusHistory.at(-1)).toEqual({ status: 'other', nativeCode: '24', from: '2023-01-17' });
    expect(b!.person.sex).toBe('other');
    expect(a!.integrationPlan!.measures![1]).toMatchObject({ type: 'social-integration' });
    expect(a!.integrationPlan!.measures![1]!.nativeCode).toBeUndefined();
  });

  it('keeps unknown codes on other; a measure the type’s when type and funding fall back', () => {
    const family = mapText(fixtureText(FAMILY), FAMILY).records;
    expect(family[0]!.integrationPlan!.measures![0]).toMatchObject({ type: 'other', nativeCode: '118', financedBy: 'commune' });
    expect(family[3]!.residence.statusHistory[0]).toMatchObject({ status: 'other', nativeCode: '17' });
    const both = replaceOnce(fixtureText(FAMILY), 'financement="COMM"', 'financement="LOTERIE"');
    expect(mapText(both, FAMILY).records[0]!.integrationPlan!.measures![0]).toMatchObject({ type: 'other', nativeCode: '118', financedBy: 'other' });
    const funding = replaceOnce(couple(), 'financement="CANT"', 'financement="LOTERIE"');
    expect(omar(funding).integrationPlan!.measures![3]).toMatchObject({ type: 'pre-apprenticeship', financedBy: 'other', nativeCode: 'LOTERIE' });
  });

  it('sorts statuts, periodes and bilans, which come in no order', () => {
    const r = mapText(fixtureText(FAMILY), FAMILY).records[3]!;
    expect(r.residence.statusHistory.map((s) => s.from)).toEqual(['2022-08-18', '2023-06-14']);
    expect(r.responsibility.history!.map((h) => h.phase)).toEqual(['federal', 'cantonal']);
    expect(omar(couple()).potentialAssessments!.map((a) => a.id)).toEqual(['BIL-2022-118', 'BIL-2024-031']);
  });

  it('dates support only while the UA receives it', () => {
    const r = omar(replaceOnce(couple(), 'aideFinanciere="oui"', 'aideFinanciere="non"'));
    expect(r.socialAssistance).toEqual({ receives: false });
  });

  it('maps neither @npa, @domaine, designation nor @role', () => {
    const json = JSON.stringify(mapText(couple()).records);
    for (const absent of ['2300', 'REFUGIES', 'Khalil Omar et Amina', '"REQ"']) expect(json).not.toContain(absent);
  });

  it('refuses a file of another mandant, naming the file only', () => {
    expect(() => mapText(replaceOnce(couple(), 'mandant="NE-SSRM"', 'mandant="VD-CSR"'))).toThrow(InputError);
    expect(() => mapText(replaceOnce(couple(), 'mandant="NE-SSRM"', 'mandant="VD-CSR"'))).toThrow(/entete\/@mandant/);
  });
});

describe('KiSS files and the split of a UA', () => {
  it('skips *.part files and keeps the last snapshot of a UA, in name order', () => {
    const older = inputOf(couple(), 'UA_221045_20260301000000.xml');
    const newer = inputOf(replaceOnce(couple(), 'taux="80"', 'taux="60"'), 'UA_221045_20260309084510.xml');
    const part = inputOf(replaceOnce(couple(), 'taux="80"', 'taux="20"'), 'UA_221045_20260310000000.xml.part');
    const { records } = toContract([newer, part, older, inputOf(fixtureText(SINGLE), SINGLE)], ctx);
    expect(records.map((r) => r.source.localPersonId)).toEqual(['48120', '48121', '50877']);
    expect(records[0]!.employment!.workloadPercent).toBe(60);
  });

  it('copies commune, responsabilité and aid to every member, and routes notes and documents', () => {
    const [a, b] = mapText(couple()).records;
    expect(b!.person.municipality).toEqual({ bfsNumber: 6421, name: 'La Chaux-de-Fonds' });
    expect(b!.responsibility).toEqual(a!.responsibility);
    expect(b!.socialAssistance).toEqual(a!.socialAssistance);
    expect(a!.journal!.map((j) => j.id)).toEqual(['N-30041', 'N-31577', 'N-31902', 'N-33010']);
    expect(b!.journal!.map((j) => j.id)).toEqual(['N-30041', 'N-33010']);
    expect(b!.documents!.map((d) => d.id)).toEqual(['KD-2990']);
    // The note names the service that wrote it.
    expect(a!.journal![1]!.institutionId).toBe('ne-cosm');
  });

  it('routes a note listing several members to each of them', () => {
    const xml = replaceOnce(couple(), '<concerne>48120</concerne>\n        <texte>Bilan', '<concerne>48120</concerne><concerne>48121</concerne>\n        <texte>Bilan');
    const [a, b] = mapText(xml).records;
    expect(a!.journal!.map((j) => j.id)).toContain('N-31577');
    expect(b!.journal!.map((j) => j.id)).toEqual(['N-30041', 'N-31577', 'N-33010']);
  });
});
