import path from 'node:path';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { describeWithheld } from '../../src/adapters/testing.js';
import type { CaseRecord, ConnectionSettings, NativeInput } from '../../src/adapters/sdk.js';
import { deliveryRequest, jsonInput, mockedNetwork } from '../../src/adapters/testing.js';
import { fromContract } from './from-contract.js';
import { AI_BENEFIT_ASSESSMENT, fixture, withheld, type Body } from './test-support.js';
import { SAMPLE_CONTEXT } from './testing.js';
import { toContract } from './to-contract.js';
import { connect } from './transport.js';

// A delivered record lacks every category the policy withheld (policies/categories.yaml),
// even parts the contract requires of a source. CaseNet marks none of its fields required
// (`null` and `[]` mean absent, FORMAT.md quirk 1): each absent part is written absent.

const ctx = { ...SAMPLE_CONTEXT, now: () => new Date('2024-03-15T08:00:00Z') };
const delivery = { transferId: 'tr-0815', at: new Date('2024-03-15T08:00:00Z') };
const parsed = (input: NativeInput): Body => JSON.parse(new TextDecoder().decode(input.content)) as Body;

function richRecord(): CaseRecord {
  const { records } = toContract([jsonInput('d', fixture('rich.dossier.json')), jsonInput('j', fixture('rich.journal.page1.json')), jsonInput('x', fixture('rich.documents.json'))], ctx);
  return records[0]!;
}

/** The requests of a delivery as one tree: the dossier, the journal entries, the documents. */
function written(record: CaseRecord): Body {
  const inputs = fromContract([record], ctx, delivery);
  const of = (kind: string): Body[] => inputs.filter((i) => i.name.includes(`.${kind}.`)).map(parsed);
  return { dossier: parsed(inputs[0]!), journal: of('journal'), documents: of('document') };
}

describeWithheld('contract → CaseNet: a record without what the policy withheld', {
  rich: richRecord,
  expected: path.resolve(import.meta.dirname, 'withheld.yaml'),
  written: written,
  others: [(r) => fromContract([r], ctx)],
  configuration: ctx.settings,
});

describe('CaseNet transport: a delivery to the Office AI (ai-benefit-assessment)', () => {
  mockedNetwork();
  const ORIGIN = 'https://casenet.fr.example';
  const API = '/api/v3';
  const settings: ConnectionSettings = { ...SAMPLE_CONTEXT, now: () => new Date('2025-03-03T08:15:23Z'), env: { CASENET_CLIENT_SECRET: 's3cret' } };
  const token = (): nock.Scope =>
    nock(ORIGIN).post('/oauth2/token', 'grant_type=client_credentials').basicAuth({ user: 'passerelle', pass: 's3cret' }).reply(200, { access_token: 'tok', token_type: 'Bearer', expires_in: 900 });
  const api = (): nock.Scope => nock(ORIGIN).matchHeader('authorization', 'Bearer tok');
  const request = () => deliveryRequest(withheld(richRecord(), AI_BENEFIT_ASSESSMENT), { transferId: '0b8f1f8e-1111-4a4a-9a9a-00000000a1a1', sender: 'fr-cii-coordination', target: 'fr-office-ai' });
  const RECEIPT = { noDossier: 'CII-2025-0002', idPersonne: 'BEN-012002', version: 1, recuLe: '2025-03-03T08:15:25Z' };

  it('creates the dossier without pilotage (responsibility withheld), and posts no journal entry nor document', async () => {
    token();
    let created: Body | undefined;
    const scope = api()
      .post(`${API}/dossiers`, (b: Body) => ((created = b), true))
      .reply(201, RECEIPT);
    const receipt = await connect(settings).deliver(request());
    scope.done();
    expect(created!.pilotage).toBeNull();
    expect(created!.sejour).toMatchObject({ statuts: expect.arrayContaining([expect.objectContaining({ code: expect.any(String) })]) });
    expect(receipt).toMatchObject({ reference: 'CII-2025-0002', status: 'created', details: { journalEntries: 0, documents: 0 } });
  });

  it('over a dossier CaseNet holds (409), keeps its pilotage: the withheld part clears nothing', async () => {
    token();
    let put: Body | undefined;
    const no = 'CII-2022-0153';
    const scope = api()
      .post(`${API}/dossiers`)
      .reply(409, { noDossierExistant: no })
      .get(`${API}/dossiers/${no}`)
      .reply(200, fixture('rich.dossier.json'))
      .get(`${API}/dossiers/${no}/journal`)
      .query(true)
      .reply(200, fixture('rich.journal.page1.json'))
      .get(`${API}/dossiers/${no}/documents`)
      .reply(200, fixture('rich.documents.json'))
      .put(`${API}/dossiers/${no}`, (b: Body) => ((put = b), true))
      .reply(200, { ...RECEIPT, noDossier: no, version: 13 });
    const receipt = await connect(settings).deliver(request());
    scope.done();
    const held = fixture('rich.dossier.json');
    expect(put!.pilotage).toEqual(held.pilotage);
    expect(put!.procurations).toEqual(held.procurations);
    expect(receipt).toMatchObject({ reference: no, status: 'updated' });
  });
});
