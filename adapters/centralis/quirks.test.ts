import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eventIdFor } from '../../src/adapters/sdk.js';
import { changeEventId, dossierKeys, dossierLinks } from './changes.js';
import { deletedIds } from './inputs.js';
import { optionSetOf, optionSetSetting } from './optionset.js';
import { STATUSES, stampOf, toContract } from './to-contract.js';
import { bodies, ctx, row, type Json } from './test-inputs.js';
import { asJsonList, jsonInputs, recordsOf } from '../../src/adapters/testing.js';

const map = (...sets: Map<string, Json>[]) => toContract(jsonInputs(...sets), ctx);
const only = (set: Map<string, Json>) => recordsOf(map(set));

describe('Centralis quirks (FORMAT.md "Encoding and quirks")', () => {
  it('cuts the birth date to smig_precisiondatenaissance (year, month) and keeps a full one', () => {
    expect(only(bodies('edge')).map((r) => r.person.dateOfBirth)).toEqual(['1983', '1997-06', '1979-03-28']);
  });

  it('reads multi-select choices in their order, after the first language', () => {
    expect(only(bodies('rich'))[0]!.person.languages).toEqual([
      { code: 'prs', isFirstLanguage: true },
      { code: 'fa', isFirstLanguage: false },
      { code: 'fr', isFirstLanguage: false },
    ]);
  });

  it('orders statuses by their start although they come by createdon', () => {
    const rich = bodies('rich');
    expect(asJsonList(row(rich, 'rich.contacts.json')[STATUSES]).map((s) => s.smig_statut)).toEqual([100000001, 100000000, 100000003]);
    expect(only(rich)[0]!.residence.statusHistory.map((s) => s.status)).toEqual(['N', 'F', 'B-refugee']);
  });

  it('reads legacy UTC midnights as Zurich dates, in winter and in summer time', () => {
    const [record] = only(bodies('rich'));
    expect(record!.person.arrivalDate).toBe('2021-03-22'); // 2021-03-21T23:00:00Z
    expect(record!.residence.asylumDecisionDate).toBe('2024-06-10'); // 2024-06-09T22:00:00Z
  });

  it('keeps the digits of a hand-typed AHV number', () => {
    expect(only(bodies('rich'))[0]!.person.vn).toBe('7568304926158');
  });

  it('maps an unknown status to other with the integer as nativeCode', () => {
    expect(only(bodies('edge'))[0]!.residence.statusHistory.at(-1)).toEqual({ status: 'other', nativeCode: '100000009', from: '2025-01-01' });
  });

  it('computes sha256 over the base64-decoded documentbody', () => {
    const rich = bodies('rich');
    const note = row(rich, 'rich.annotations.json');
    const expected = createHash('sha256').update(Buffer.from(String(note.documentbody), 'base64')).digest('hex');
    expect(only(rich)[0]!.documents![0]!.sha256).toBe(expected);
    note.documentbody = Buffer.from('another file').toString('base64');
    expect(only(rich)[0]!.documents![0]!.sha256).toBe(createHash('sha256').update('another file').digest('hex'));
  });

  it('reads the kind in brackets of a subject; an unknown one is other with nativeCode, none is other', () => {
    const rich = bodies('rich');
    const notes = asJsonList(rich.get('rich.annotations.json')!.value);
    notes[0]!.subject = '[Autre] Consentement général signé';
    notes[1]!.subject = 'Attestation fide A2 oral';
    notes[2]!.subject = '[Décision] Stage';
    const docs = only(rich)[0]!.documents!;
    expect(docs.slice(0, 3).map((d) => [d.kind, d.nativeCode, d.title])).toEqual([
      ['other', undefined, 'Consentement général signé'],
      ['other', undefined, 'Attestation fide A2 oral'],
      ['decision', undefined, 'Stage'],
    ]);
    expect(only(bodies('edge'))[2]!.documents![0]).toMatchObject({ kind: 'other', nativeCode: 'Diplôme', title: 'Diplôme de pharmacienne (traduction certifiée)' });
  });

  it('gives a team owner no case manager and a user owner its GUID, never a name', () => {
    const [record] = only(bodies('minimal'));
    expect(record!.responsibility.caseManagerId).toBeUndefined();
    expect(only(bodies('rich'))[0]!.responsibility.caseManagerId).toBe('a3062d61-b93d-5632-9462-4f80b6403152');
    expect(JSON.stringify(only(bodies('rich')))).not.toContain('Vuilleumier');
  });

  it('keeps the measure type nativeCode when type and funding both fall back', () => {
    const edge = bodies('edge');
    const measure = asJsonList(row(edge, 'edge.page1.plans.json').cosm_planintegration_mesure)[0]!;
    measure.cosm_financement = 100000031;
    expect(only(edge)[1]!.integrationPlan!.measures![0]).toMatchObject({ type: 'other', nativeCode: '100000012', financedBy: 'other' });
    measure.cosm_typemesure = 100000099;
    expect(only(edge)[1]!.integrationPlan!.measures![0]).toMatchObject({ type: 'other', nativeCode: '100000031', financedBy: 'other' });
    measure.cosm_financement = 100000006;
    const m = only(edge)[1]!.integrationPlan!.measures![0]!;
    expect([m.type, m.financedBy, m.nativeCode]).toEqual(['other', 'other', undefined]);
  });

  it('takes the journal time from actualstart, else createdon, and orders the journal by it', () => {
    const rich = bodies('rich');
    const first = row(rich, 'rich.activities.json');
    first.actualstart = null;
    first.createdon = '2024-12-31T09:00:00Z';
    const journal = only(rich)[0]!.journal!;
    expect(journal.at(-1)).toMatchObject({ id: 'ce5fa7ac-880e-5b47-9d6e-50fbf239ed27', at: '2024-12-31T10:00:00+01:00' });
  });

  it('reads no employment or social assistance when their fields are null', () => {
    const [record] = only(bodies('minimal'));
    expect(record!.employment).toBeUndefined();
    expect(record!.socialAssistance).toBeUndefined();
  });
});

describe('Centralis option set (cosm_langue)', () => {
  it('reads label, value and ExternalValue from the metadata', () => {
    const set = optionSetOf(bodies('rich').get('rich.optionset-cosm_langue.json'))!;
    expect(set.name).toBe('cosm_langue');
    expect(set.options[7]).toEqual({ value: 100000007, label: 'Dari', externalValue: 'prs' });
    expect(set.options.at(-1)).toEqual({ value: 100000016, label: 'Autre langue africaine' });
    expect(optionSetSetting(set)['100000009']).toBe('fa');
    expect(optionSetOf({ value: [] })).toBeUndefined();
  });

  it('takes the option set of the inputs over the languageOptions setting', () => {
    const settings = { ...ctx.settings, languageOptions: { ...ctx.settings.languageOptions, '100000007': 'ps' } };
    const inputs = jsonInputs(bodies('rich'));
    expect(toContract(inputs, { ...ctx, settings }).records[0]!.person.languages![0]!.code).toBe('prs');
    const withoutMetadata = inputs.filter((i) => !i.name.includes('optionset'));
    expect(toContract(withoutMetadata, { ...ctx, settings }).records[0]!.person.languages![0]!.code).toBe('ps');
  });

  it('rejects languages when neither the inputs nor the settings hold the option set', () => {
    const inputs = jsonInputs(bodies('rich')).filter((i) => !i.name.includes('optionset'));
    const { languageOptions: _l, ...settings } = ctx.settings;
    const result = toContract(inputs, { ...ctx, settings });
    expect(result.rejections[0]?.error).toMatchObject({ code: 'mapping.unknown-code', details: { field: 'person.languages[0].code', nativeField: 'cosm_premierelangue' } });
  });
});

describe('Centralis change tracking', () => {
  it('stamps each dossier with its id and etag at modifiedon', () => {
    const { stamps } = map(bodies('edge'));
    expect(stamps![0]).toEqual({ version: 'b4e81993-32e4-5543-853d-8ca1e0c4d45a:W/"5087243"', occurredAt: '2025-02-12T08:10:00+01:00' });
    expect(stampOf({ smig_dossierid: 'x', '@odata.etag': 'W/"1"', modifiedon: '2025-07-01T10:00:00Z' }, ctx).occurredAt).toBe('2025-07-01T12:00:00+02:00');
  });

  it('derives event ids as UUID v5 of centralis:<smig_dossierid>:<etag>:<type>', () => {
    const { records, stamps } = map(bodies('edge'));
    const id = changeEventId(records[0]!, { type: 'case.phase-changed' }, stamps![0]!);
    expect(id).toBe(eventIdFor('centralis', 'b4e81993-32e4-5543-853d-8ca1e0c4d45a', 'W/"5087243"', 'case.phase-changed'));
    expect(changeEventId(records[0]!, { type: 'case.updated' }, stamps![0]!)).not.toBe(id);
  });

  it('reads the next page link, then the delta link that is the next cursor', () => {
    const edge = bodies('edge');
    expect(dossierLinks(edge.get('edge.page1.dossiers.json')).nextLink).toContain('$skiptoken=');
    expect(dossierLinks(edge.get('edge.page1.dossiers.json')).deltaLink).toBeUndefined();
    expect(dossierLinks(edge.get('edge.page2.dossiers.json')).deltaLink).toContain('$deltatoken=');
    expect(dossierLinks(edge.get('edge.page1.contacts.json'))).toEqual({});
    expect(dossierKeys(edge.get('edge.page1.dossiers.json'))).toEqual({
      dossierIds: ['b4e81993-32e4-5543-853d-8ca1e0c4d45a', '5ff79dfd-5179-51e8-966d-9d10ae6a137c'],
      personIds: ['4976bf24-3f6a-5db8-872c-3bc77d806450', 'bd56e015-2849-565f-944f-357f48a51fa6'],
    });
  });

  it('maps no record for a dossier the delta page reports as removed', () => {
    const edge = bodies('edge');
    const page = edge.get('edge.page2.dossiers.json')!;
    const removed = { '@odata.context': 'https://centralis-crm.ne.example/api/data/v9.2/$metadata#smig_dossiers/$deletedEntity', id: '0d4c1f1e-0000-4000-8000-000000000001', reason: 'deleted' };
    page.value = [...asJsonList(page.value), removed];
    expect(map(edge).records).toHaveLength(3);
    expect(deletedIds(page)).toEqual(['0d4c1f1e-0000-4000-8000-000000000001']);
  });
});
