import { describe, expect, it } from 'vitest';
import { MappingError, readChangeSet, type BatchPart, type CaseRecord } from '../../src/adapters/sdk.js';
import { fromContract } from './from-contract.js';
import { toContract } from './to-contract.js';
import { bodies, ctx } from './test-inputs.js';
import { jsonInputs, thrown } from '../../src/adapters/testing.js';

const records = (sample: string): CaseRecord[] => toContract(jsonInputs(bodies(sample)), ctx).records;
const partsOf = (record: CaseRecord): BatchPart[] => {
  const [batch] = fromContract([record], ctx);
  return readChangeSet(new TextDecoder().decode(batch!.content), batch!.name);
};
const refusal = (record: CaseRecord): MappingError => thrown(MappingError, () => fromContract([record], ctx));

describe('contract → Centralis change set', () => {
  it('writes contact, dossier and children as one change set linked by Content-ID', () => {
    const parts = partsOf(records('rich')[0]!);
    expect(parts.map((p) => p.entitySet)).toEqual([
      'contacts',
      'smig_dossiers',
      'cosm_evaluationpotentiels',
      'cosm_evaluationpotentiels',
      'cosm_planintegrations',
      ...Array(6).fill('cosm_mesures'),
      'phonecalls',
      'smig_decisions',
      'phonecalls',
      'smig_transferts',
      ...Array(3).fill('cosm_consentements'),
      ...Array(6).fill('annotations'),
    ]);
    expect(parts[1]!.body).toMatchObject({
      'smig_personne@odata.bind': '$1',
      'smig_institution@odata.bind': "/accounts(accountnumber='NE-CARITAS')",
      'ownerid@odata.bind': '/systemusers(a3062d61-b93d-5632-9462-4f80b6403152)',
      smig_datedecisionasile: '2024-06-09T22:00:00Z',
    });
    expect(parts[0]!.body).toMatchObject({ gendercode: 2, birthdate: '1990-01-01', smig_precisiondatenaissance: 100000001, cosm_autreslangues: '100000009,100000000' });
    // The consent's signed form is a note owned by the consent (Content-ID 16).
    expect(parts.find((p) => p.body.annotationid === '33fa114f-7ba0-5722-be20-6c1fc6e47da9')!.body).toMatchObject({
      subject: '[Consentement] Consentement général signé',
      'objectid_cosm_consentement@odata.bind': '$16',
      'documentbody@passerelle.content': { sha256: 'da668dc2465635d2d11ed336505fce9b9cc06550b1192c7d5a9b27906485ac54', size: 1522 },
    });
  });

  it('writes cantonal as 100000001, whichever cantonal phase it came from', () => {
    const kaya = records('edge')[1]!;
    expect(kaya.responsibility.phase).toBe('cantonal');
    expect(partsOf(kaya)[1]!.body.smig_phase).toBe(100000001);
  });

  it('leaves unknown values out instead of writing null', () => {
    const text = new TextDecoder().decode(fromContract(records('minimal'), ctx)[0]!.content);
    expect(text).not.toContain('null');
    expect(partsOf(records('minimal')[0]!)[1]!.body).not.toHaveProperty('ownerid@odata.bind');
  });

  it('names the change set after the transfer', () => {
    const [input] = fromContract(records('minimal'), ctx, { transferId: 'tr-42', at: new Date('2026-01-15T10:00:00Z') });
    expect(input!.name).toBe('tr-42.batch');
    expect(new TextDecoder().decode(input!.content).startsWith('--batch_tr-42\r\n')).toBe(true);
    expect(fromContract([...records('edge')], ctx, { transferId: 'tr-43', at: new Date() }).map((i) => i.name)).toEqual(['tr-43-1.batch', 'tr-43-2.batch', 'tr-43-3.batch']);
  });

  it('writes another system’s record with ids of its own and its nativeCodes as Centralis "other"', () => {
    const foreign = structuredClone(records('edge')[1]!);
    foreign.source = { ...foreign.source, system: 'nfam', localPersonId: 'P-77' };
    foreign.responsibility.caseManagerId = 'staff-9';
    const parts = partsOf(foreign);
    expect(parts[0]!.body.contactid).toBe(foreign.recordId);
    expect(parts[1]!.body).not.toHaveProperty('ownerid@odata.bind');
    expect(parts.find((p) => p.entitySet === 'cosm_mesures')!.body.cosm_typemesure).toBe(100000099);
  });

  it('refuses what Centralis cannot say, naming the contract path', () => {
    const record = records('rich')[0]!;
    const foreignStatus = structuredClone(record);
    foreignStatus.source.system = 'nfam';
    foreignStatus.residence.statusHistory[2] = { status: 'other', nativeCode: 'XY', from: '2024-06-10' };
    expect(refusal(foreignStatus)).toMatchObject({ code: 'mapping.cannot-carry', details: { field: 'residence.statusHistory[2].status', nativeField: 'smig_statut' } });

    const unknownInstitution = structuredClone(record);
    unknownInstitution.responsibility.institutionId = 'be-asi';
    expect(refusal(unknownInstitution)).toMatchObject({ code: 'mapping.unknown-organisation', details: { field: 'responsibility.institutionId', nativeId: 'NE-2021-00417' } });

    const unknownUnit = structuredClone(record);
    unknownUnit.journal![0]!.institutionId = 'ne-oai';
    expect(refusal(unknownUnit).details).toMatchObject({ field: 'journal[0].institutionId', nativeField: '_owningbusinessunit_value' });

    const language = structuredClone(record);
    language.person.languages![1]!.code = 'wo';
    expect(refusal(language)).toMatchObject({ code: 'mapping.cannot-carry', details: { field: 'person.languages[1].code', nativeField: 'cosm_autreslangues' } });

    const twoOwners = structuredClone(record);
    twoOwners.integrationPlan!.measures![2]!.documentIds = ['a37ce4c4-3e99-5229-9ac5-cf9e2e602ef0'];
    expect(refusal(twoOwners).details).toMatchObject({ field: 'integrationPlan.measures[2].documentIds[0]' });
  });

  it('leaves out a reference to a document the record does not hold (withheld)', () => {
    const record = structuredClone(records('rich')[0]!);
    delete record.documents;
    const parts = partsOf(record);
    expect(parts.some((p) => p.entitySet === 'annotations')).toBe(false);
  });
});
