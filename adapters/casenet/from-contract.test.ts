import { describe, expect, it } from 'vitest';
import type { CaseRecord, NativeInput } from '../../src/adapters/sdk.js';
import { fromContract } from './from-contract.js';
import { fixture, type Body } from './test-support.js';
import { SAMPLE_CONTEXT } from './testing.js';
import { toContract } from './to-contract.js';
import { asForeign, jsonInput } from '../../src/adapters/testing.js';

const ctx = { ...SAMPLE_CONTEXT, now: () => new Date('2024-03-15T08:00:00Z') };
const delivery = { transferId: 'tr-0815', at: new Date('2024-03-15T08:00:00Z') };

function richRecord(): CaseRecord {
  const { records } = toContract([jsonInput('d', fixture('rich.dossier.json')), jsonInput('j', fixture('rich.journal.page1.json')), jsonInput('x', fixture('rich.documents.json'))], ctx);
  return records[0]!;
}

const parsed = (input: NativeInput): Body => JSON.parse(new TextDecoder().decode(input.content)) as Body;

describe('contract → CaseNet: a delivery', () => {
  const bodies = fromContract([richRecord()], ctx, delivery);

  it('is the dossier for POST /dossiers, then one body per journal entry and per document', () => {
    expect(bodies.map((b) => b.name)).toEqual([
      'tr-0815.dossier.json',
      ...[1, 2, 3, 4, 5].map((n) => `tr-0815.journal.00${n}.json`),
      ...[1, 2, 3, 4].map((n) => `tr-0815.document.00${n}.json`),
    ]);
    const dossier = parsed(bodies[0]!);
    expect(dossier).not.toHaveProperty('noDossier');
    expect(dossier).not.toHaveProperty('version');
    expect(dossier.beneficiaire).toMatchObject({ idPersonne: null, noAVS: '756.1277.3049.85', dateNaissance: '1985-01-27', precisionDateNaissance: 'JOUR', nationalite: 'AFG' });
    expect(parsed(bodies[1]!)).toEqual({ id: 'J-9001', dateHeure: '2022-06-01T08:45:00+02:00', institution: 'CII-FR', type: 'DECISION', texte: expect.any(String) });
    expect(parsed(bodies[6]!)).toMatchObject({ id: 'DOC-1201', genre: 'PROCURATION', empreinteSha256: 'CC39911ABCE8596595F740D82E7E9FE3546D30D09B4375A8E755533520E67E32' });
  });

  it('reads back as the same record once CaseNet has given the dossier its number', () => {
    const dossier = parsed(bodies[0]!);
    const numbered = { noDossier: 'CII-2022-0153', ...dossier, beneficiaire: { ...(dossier.beneficiaire as Body), idPersonne: 'BEN-008812' } };
    const again = toContract([jsonInput('d', numbered), ...bodies.slice(1)], ctx);
    expect(again.rejections).toEqual([]);
    expect({ ...again.records[0]!, source: { ...again.records[0]!.source, extractedAt: '' } }).toEqual({ ...richRecord(), source: { ...richRecord().source, extractedAt: '' } });
  });

  it('is rejected naming noDossier when read back before CaseNet numbered it', () => {
    const again = toContract(bodies, ctx);
    expect(again.rejections[0]!.error).toMatchObject({ code: 'mapping.required', details: { field: 'source.localCaseId', nativeField: 'noDossier' } });
  });
});

describe('contract → CaseNet: what it cannot say', () => {
  const foreign = (edit?: (r: CaseRecord) => void): CaseRecord => asForeign(richRecord(), 'duff', edit);
  const write = (r: CaseRecord) => () => fromContract([r], ctx, delivery);

  it('writes another system’s nativeCode as AUTRE, its own as it came', () => {
    const statusOf = (r: CaseRecord) => (parsed(fromContract([r], ctx, delivery)[0]!).sejour as { statuts: { code: string }[] }).statuts[0]!.code;
    const edit = (r: CaseRecord) => (r.residence.statusHistory[2] = { status: 'other', nativeCode: 'VA_HF', from: '2022-10-01' });
    expect(statusOf(foreign(edit))).toBe('AUTRE');
    const own = structuredClone(richRecord());
    edit(own);
    expect(statusOf(own)).toBe('VA_HF');
  });

  it('writes a partial date of birth as a full date with its precision', () => {
    const beneficiaire = (date: string) => parsed(fromContract([foreign((r) => (r.person.dateOfBirth = date))], ctx, delivery)[0]!).beneficiaire;
    expect(beneficiaire('1990')).toMatchObject({ dateNaissance: '1990-01-01', precisionDateNaissance: 'ANNEE' });
    expect(beneficiaire('1990-03')).toMatchObject({ dateNaissance: '1990-03-01', precisionDateNaissance: 'MOIS' });
  });

  it('leaves out journal entries of institutions CaseNet has no code for', () => {
    const names = fromContract([foreign((r) => (r.journal![0]!.institutionId = 'ag-sd-baden'))], ctx, delivery).map((b) => b.name);
    expect(names.filter((n) => n.includes('.journal.'))).toHaveLength(4);
  });

  it.each<[string, (r: CaseRecord) => void, string]>([
    ['a country outside the table', (r) => (r.person.nationality = 'DE'), 'person.nationality'],
    ['a language outside the table', (r) => (r.person.languages![1]!.code = 'es'), 'person.languages[1].code'],
    ['an institution without a code', (r) => (r.responsibility.institutionId = 'ag-sd-baden'), 'responsibility.institutionId'],
    ['a recipient without a code', (r) => (r.consents![1]!.recipients = ['ag-sd-baden']), 'consents[1].recipients[0]'],
    ['an ISCO major group', (r) => (r.potentialAssessments![0]!.workExperience![0]!.iscoCode = '83'), 'potentialAssessments[0].workExperience[0].iscoCode'],
  ])('fails the write on %s, naming the contract path', (_name, edit, field) => {
    expect(write(foreign(edit))).toThrow(expect.objectContaining({ details: expect.objectContaining({ field, nativeId: 'CII-2022-0153' }) }));
  });
});
