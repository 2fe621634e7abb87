import { describe, expect, it } from 'vitest';
import type { CaseRecord, NativeInput } from '../../src/adapters/sdk.js';
import { fromContract } from './from-contract.js';
import type { Body } from './test-support.js';
import { RICH } from './testing.js';
import { toContract } from './to-contract.js';
import { asForeign, getPath, jsonInput } from '../../src/adapters/testing.js';

const { ctx, delivery, rich: richRecord } = RICH;
const parsed = (input: NativeInput): Body => JSON.parse(new TextDecoder().decode(input.content)) as Body;
const withoutTime = (r: CaseRecord): unknown => ({ ...r, source: { ...r.source, extractedAt: '' } });

describe('contract → DuFF: a delivery', () => {
  const [handover] = fromContract([richRecord()], { ...ctx, institutionId: 'ag-sd-baden' }, delivery);

  it('is the body of POST /uebergaben: target, sender and the Dossier without its numbers', () => {
    expect(handover!.name).toBe(`${delivery.transferId}.uebergabe.json`);
    const b = parsed(handover!);
    expect(b).toMatchObject({ zielOrganisation: 'GEM-4021-SD', absender: 'ag-mika' });
    expect(b.dossier).not.toHaveProperty('dossierNr');
    expect(b.dossier).not.toHaveProperty('personNr');
    expect(getPath(b, 'dossier.person')).toMatchObject({ ahvNr: '756.2145.6883.05', zemisNr: '2478 1093', geburtsdatum: '11.02.1996', staatsangehoerigkeit: 'ERI' });
    expect(getPath(b, 'dossier.aufenthalt.statusverlauf[0].status')).toBe('VA_FL');
    expect(getPath(b, 'dossier.journal[0]')).toMatchObject({ id: 'J-2025-00402', berechtigung: 'FALLFUEHRUNG', gesperrt: false });
    expect(getPath(b, 'dossier.dokumente[0]')).toMatchObject({ pruefsumme: 'sha256-Ni7xPGKDhap72rLCW4Y7AA0V2pMHpDxP35mwhra5jmc=', berechtigung: 'FALLFUEHRUNG' });
    // Quirk 1: unknown properties and empty lists are left out, never null.
    expect(new TextDecoder().decode(handover!.content)).not.toMatch(/null|\[\]/);
  });

  it('reads back as the same record once DuFF has numbered the Dossier', () => {
    const dossier = parsed(handover!).dossier as Body;
    const again = toContract([jsonInput('d', { dossierNr: 'AG-2022-002874', personNr: 'P-101766', ...dossier })], ctx);
    expect(again.rejections).toEqual([]);
    expect(withoutTime(again.records[0]!)).toEqual(withoutTime(richRecord()));
  });

  it('fails when the institution delivered to has no DuFF code', () => {
    expect(() => fromContract([richRecord()], { ...ctx, institutionId: 'fr-office-ai' }, delivery)).toThrow(expect.objectContaining({ details: expect.objectContaining({ field: 'targetInstitutionId' }) }));
  });
});

describe('contract → DuFF: what it cannot say', () => {
  const dossierOf = (r: CaseRecord): Body => RICH.bodies(r)[0]!.dossier as Body;

  it('writes sex other as 3, partial dates of birth with 00, and other as its nativeCode', () => {
    const casenet = asForeign(richRecord(), 'casenet', (r) => {
      r.person.sex = 'other';
      r.person.dateOfBirth = '1996';
      r.integrationPlan!.measures![0] = { ...r.integrationPlan!.measures![0]!, type: 'other', nativeCode: 'CM_CII' };
    });
    const d = dossierOf(casenet);
    expect(getPath(d, 'person')).toMatchObject({ geschlecht: 3, geburtsdatum: '00.00.1996' });
    expect(getPath(d, 'integrationsplan.massnahmen[0].art')).toBe('CM_CII');
  });

  it.each<[string, (r: CaseRecord) => void, string]>([
    ['a status other without its code', (r) => (r.residence.statusHistory[2] = { status: 'other', from: '2024-09-16' }), 'residence.statusHistory[2].status'],
    ['fractional years of experience', (r) => (r.potentialAssessments![0]!.workExperience![0]!.years = 1.5), 'potentialAssessments[0].workExperience[0].years'],
    ['an institution without a DuFF code', (r) => (r.responsibility.institutionId = 'fr-office-ai'), 'responsibility.institutionId'],
    ['a provider without a DuFF code', (r) => (r.integrationPlan!.measures![0]!.providerId = 'PR-0098'), 'integrationPlan.measures[0].providerId'],
  ])('fails the write on %s, naming the contract path', (_name, edit, field) => {
    expect(() => fromContract([asForeign(richRecord(), 'casenet', edit)], ctx, delivery)).toThrow(expect.objectContaining({ details: expect.objectContaining({ field, nativeId: 'AG-2022-002874' }) }));
  });
});
