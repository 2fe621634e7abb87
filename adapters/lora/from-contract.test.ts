import { describe, expect, it } from 'vitest';
import type { CaseRecord, NativeInput } from '../../src/adapters/sdk.js';
import { fromContract } from './from-contract.js';
import type { Body } from './test-support.js';
import { JU_CONTEXT, RICH, SAMPLE_CONTEXT } from './testing.js';
import { toContract } from './to-contract.js';
import { asForeign, getPath, jsonInput } from '../../src/adapters/testing.js';

const { ctx, delivery, rich: richRecord } = RICH;
const parsed = (input: NativeInput): Body => JSON.parse(new TextDecoder().decode(input.content)) as Body;
const withoutTime = (r: CaseRecord): unknown => ({ ...r, source: { ...r.source, extractedAt: '' } });

describe('contract → Lora: a delivery', () => {
  const [post] = fromContract([richRecord()], ctx, delivery);

  it('is one POST body of modules, without the read-only modules, idLora or noDossier', () => {
    expect(post!.name).toBe('tr-4711.personne.json');
    const modules = parsed(post!).modules as Body;
    expect(Object.keys(modules)).toEqual(['INFO_PRIMAIRE', 'SEJOUR', 'ENCADREMENT', 'INTEGRATION', 'JOURNAL', 'DOCUMENTS', 'AUTORISATIONS']);
    expect(modules.INFO_PRIMAIRE).not.toHaveProperty('noDossier');
    expect(parsed(post!)).not.toHaveProperty('idLora');
    expect(getPath(modules, 'SEJOUR.permis[0]')).toEqual({ type: 'BR', du: '01.03.2022', au: null });
    expect(getPath(modules, 'JOURNAL.notes[0].date')).toBe('2017-02-01 09:00:00');
    expect(getPath(modules, 'DOCUMENTS.documents[0].hash')).toBe('sha256:029111979c46383922cb0402d2327415b06becebe9cd471ea905733ab2e764e9');
  });

  it('reads back as the same record, but for employment and social assistance, once Lora has numbered it', () => {
    const modules = parsed(post!).modules as Body;
    const numbered = { idLora: 20345, modules: { ...modules, INFO_PRIMAIRE: { noDossier: 'VS-2016-0081', ...(modules.INFO_PRIMAIRE as Body) } } };
    const again = toContract([jsonInput('p', numbered)], ctx);
    expect(again.rejections).toEqual([]);
    const { employment: _e, socialAssistance: _s, ...carried } = richRecord();
    expect(withoutTime(again.records[0]!)).toEqual(withoutTime(carried as CaseRecord));
  });

  it('writes ISO dates and RFC 3339 journal times into a Lora 2.4 instance', () => {
    const ju = { ...JU_CONTEXT, now: ctx.now, settings: { ...JU_CONTEXT.settings, organisations: { ...JU_CONTEXT.settings.organisations, ...SAMPLE_CONTEXT.settings.organisations } } };
    const modules = parsed(fromContract([richRecord()], ju, delivery)[0]!).modules as Body;
    expect(getPath(modules, 'SEJOUR.permis[0].du')).toBe('2022-03-01');
    expect(getPath(modules, 'JOURNAL.notes[0].date')).toBe('2017-02-01T09:00:00+01:00');
  });
});

describe('contract → Lora: what it cannot say', () => {
  const foreign = (edit?: (r: CaseRecord) => void): CaseRecord => asForeign(richRecord(), 'casenet', edit);
  const modulesOf = (r: CaseRecord): Body => RICH.bodies(r)[0]!.modules as Body;

  it('writes sex other as 3, another system’s nativeCode as AUTRE, its ids as they are', () => {
    const modules = modulesOf(
      foreign((r) => {
        r.person.sex = 'other';
        r.residence.statusHistory[2] = { status: 'other', nativeCode: 'PERMIS_B', from: '2022-03-01' };
        r.documents![0]!.id = 'DOC-1203';
        r.potentialAssessments![1]!.languageSkills![0]!.certificateDocumentId = 'DOC-1203';
      }),
    );
    expect(getPath(modules, 'INFO_PRIMAIRE.sexe')).toBe('3');
    expect(getPath(modules, 'SEJOUR.permis[0].type')).toBe('AUTRE');
    expect(getPath(modules, 'DOCUMENTS.documents[0].id')).toBe('DOC-1203');
    expect(getPath(modules, 'INTEGRATION.evaluations[1].competencesLinguistiques[0].attestation')).toBe('DOC-1203');
  });

  it('renumbers goals whose ids are not Lora’s', () => {
    const modules = modulesOf(foreign((r) => (r.integrationPlan!.goals = [{ id: 'OB-7', text: 'a' }, { id: 'OB-3', text: 'b' }])));
    expect(getPath(modules, 'INTEGRATION.plan.objectifs')).toEqual([
      { no: 1, texte: 'a', echeance: null },
      { no: 2, texte: 'b', echeance: null },
    ]);
  });

  it('leaves out journal entries of services missing from the configuration', () => {
    const modules = modulesOf(foreign((r) => (r.journal![0]!.institutionId = 'fr-office-ai')));
    expect((getPath(modules, 'JOURNAL.notes') as unknown[]).length).toBe(4);
  });

  it.each<[string, (r: CaseRecord) => void, string]>([
    ['an institution without a service code', (r) => (r.responsibility.institutionId = 'fr-office-ai'), 'responsibility.institutionId'],
    ['a recipient without a service code', (r) => (r.consents![2]!.recipients = ['fr-office-ai']), 'consents[2].recipients[0]'],
    ['an ISCO major group', (r) => (r.potentialAssessments![0]!.workExperience![0]!.iscoCode = '23'), 'potentialAssessments[0].workExperience[0].iscoCode'],
  ])('fails the write on %s, naming the contract path', (_name, edit, field) => {
    expect(() => fromContract([foreign(edit)], ctx, delivery)).toThrow(expect.objectContaining({ details: expect.objectContaining({ field, nativeId: 'VS-2016-0081' }) }));
  });
});
