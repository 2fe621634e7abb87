import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRetention } from '../../src/audit/retention.js';
import { RICH_CASE, RICH_CASE_ID, richEvent } from '../support/events.js';
import { schemaErrors } from '../support/openapi.js';
import { findPersonalValues, fixturePersonalValues } from '../support/personal-data.js';
import { REPO, settled, startTestGateway, type TestGateway } from '../support/gateway.js';

type Json = Record<string, any>;
const RICH_VN = '7563817462957';

/** Consents, previews and the officer's view, on the embedded demo topology. */
describe('data protection you can prove', () => {
  let t: TestGateway;
  let dpo: string;
  let source: string;
  const ids: string[] = [];

  beforeAll(async () => {
    t = await startTestGateway({ name: 'dpo', services: 'embedded', policiesDir: path.join(REPO, 'policies') });
    await t.gateway.startWorkers();
    await t.gateway.services.store.rememberCaseRef('nfam', 'be-asi', RICH_CASE.localCaseId, RICH_CASE_ID);
    dpo = await t.token('be-dpo', ['dpo']);
    source = await t.token('be-asi', ['source-system']);
    const toRegion = () => richEvent({ type: 'case.institution-changed', change: { from: 'be-ku-bern-nord', to: 'be-region-mittelland', effectiveDate: '2025-03-01' }, targetInstitutionId: 'be-region-mittelland' });
    const toIntegration = () => richEvent({ type: 'case.status-changed', change: { from: 'F', to: 'F-refugee', effectiveDate: '2024-05-13' } });
    for (const event of [richEvent(), richEvent(), toRegion(), toRegion(), toIntegration()]) {
      const answer = (await (await t.request('POST', '/v1/events', { token: source, body: event })).json()) as Json;
      ids.push(answer.transfers[0].id);
      // Disclosures are listed in the order they were made; one at a time keeps that order the order of posting.
      expect((await settled(t, answer.transfers[0].id)).state).toBe('delivered');
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists the five disclosures about the person to three institutions, by AHV number or source id, with categories and reasons', async () => {
    for (const person of [RICH_VN, `nfam:${RICH_CASE.localPersonId}`]) {
      const answer = await t.request('GET', `/v1/audit/persons/${person}/disclosures`, { token: dpo });
      expect(answer.status).toBe(200);
      const page = (await answer.json()) as { items: Json[] };
      expect(schemaErrors('DisclosurePage', page)).toEqual([]);
      const { items } = page;
      expect(items.map((i) => i.transferId)).toEqual(ids);
      expect(items.map((i) => i.recipient)).toEqual(['be-koeniz', 'be-koeniz', 'be-region-mittelland', 'be-region-mittelland', 'be-integration']);
      const [koeniz, , region, , integration] = items as [Json, Json, Json, Json, Json];
      expect(koeniz.withheld).toEqual(['health', 'social-assistance', 'journal', 'documents'].map((category) => ({ category, reason: 'consent-out-of-scope' })));
      expect(koeniz.disclosed).toContainEqual({ category: 'identity', rule: 'commune-takes-over', legalBasis: 'LEI art. 97; cantonal social assistance law' });
      expect(region.withheld).toEqual([]);
      expect(integration.purpose).toBe('integration-measures');
      expect(integration.withheld).toContainEqual({ category: 'health', reason: 'no-legal-basis' });
      for (const item of items) expect(item.payloadHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    }
  });

  it('keeps officers alone on these routes, and audits their queries', async () => {
    const receiver = await t.token('be-koeniz', ['receiver']);
    expect((await t.request('GET', `/v1/audit/persons/${RICH_VN}/disclosures`, { token: receiver })).status).toBe(403);
    expect((await t.request('GET', '/v1/audit', { token: source })).status).toBe(403);
    expect((await t.request('GET', '/v1/audit/persons/12345/disclosures', { token: dpo })).status).toBe(422);
    const queries = await t.gateway.services.store.sql.query<{ data: Json }>("select data from audit_entries where kind = 'audit.query'");
    expect(queries.map((q) => q.data.query)).toEqual(expect.arrayContaining(['disclosures']));
    expect(JSON.stringify(queries)).not.toContain(RICH_VN);
  });

  it('searches and exports the audit with the checkpoint that covers it', async () => {
    const search = (await (await t.request('GET', '/v1/audit?institution=be-integration&outcome=delivered', { token: dpo })).json()) as Json;
    expect(schemaErrors('AuditPage', search)).toEqual([]);
    expect(search.items).toHaveLength(1);
    expect(search.items[0]).toMatchObject({ kind: 'transfer.state', transferId: ids[4], data: { to: 'delivered' } });

    const jsonl = await t.request('GET', '/v1/audit/export?format=jsonl&institution=be-koeniz', { token: dpo });
    const [head, ...lines] = (await jsonl.text()).trim().split('\n').map((l) => JSON.parse(l) as Json);
    expect(head!.checkpoint).toMatchObject({ seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(lines.length).toBeGreaterThan(4);
    expect(lines.every((l) => l.seq <= head!.checkpoint.seq)).toBe(true);
    expect(JSON.parse(jsonl.headers.get('passerelle-checkpoint')!)).toEqual(head!.checkpoint);

    const csv = await t.request('GET', '/v1/audit/export?format=csv', { token: dpo });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = (await csv.text()).trim().split('\r\n');
    expect(rows[0]).toBe('seq,at,kind,actor,transferId,eventId,requestId,personRef,institutionId,data,prevHash,hash');
    expect(rows.length).toBeGreaterThan(20);
  });

  it('previews what would go and what would be withheld, and records consents given at the gateway', async () => {
    const preview = async () =>
      ((await (await t.request('POST', '/v1/transfers/preview', { token: source, body: { source: { institutionId: 'be-asi' }, case: RICH_CASE, to: ['be-koeniz', 'be-rav-bern'], purpose: 'case-transfer' } })).json()) as Json).previews as Json[];
    const before = await preview();
    expect(schemaErrors('PreviewResult', { previews: before })).toEqual([]);
    expect(before.map((p) => p.recipient)).toEqual(['be-koeniz', 'be-rav-bern']);
    expect(before[0]!.decision.withheld).toContainEqual({ category: 'health', reason: 'consent-out-of-scope' });
    expect(before[1]!.decision.rejected).toBe(true);

    const consent = { id: 'gw-consent-1', kind: 'specific', grantedOn: '2025-01-01', recipients: ['commune'], purposes: ['case-transfer'], dataCategories: ['health', 'social-assistance', 'journal', 'documents'] };
    const recorded = await t.request('POST', '/v1/consents', { token: source, body: { person: { system: 'nfam', localPersonId: RICH_CASE.localPersonId }, consent, documentSha256: 'ab'.repeat(32) } });
    expect(recorded.status).toBe(201);
    expect(schemaErrors('ConsentRecorded', await recorded.json())).toEqual([]);
    expect((await t.request('POST', '/v1/consents', { token: source, body: { person: { system: 'nfam', localPersonId: RICH_CASE.localPersonId }, consent, documentSha256: 'ab'.repeat(32) } })).status).toBe(409);
    const covered = await preview();
    expect(covered[0]!.decision.withheld).toEqual([]);

    const revoked = await t.request('POST', '/v1/consents/gw-consent-1/revoke', { token: source });
    expect(revoked.status).toBe(200);
    expect(schemaErrors('Revocation', await revoked.json())).toEqual([]);
    const after = await preview();
    expect(after[0]!.decision.withheld).toContainEqual({ category: 'health', reason: 'consent-revoked', consentId: 'be-asi/gw-consent-1' });

    const audit = await t.gateway.services.store.sql.query<{ kind: string }>('select * from audit_all');
    expect(findPersonalValues(JSON.stringify(audit), fixturePersonalValues())).toEqual([]);
    const kinds = audit.map((r) => r.kind);
    expect(kinds.filter((k) => k === 'transfer.preview')).toHaveLength(3);
    expect(kinds).toEqual(expect.arrayContaining(['consent.recorded', 'consent.revoked']));
  });

  it('refuses a consent that breaks the contract, naming the field', async () => {
    const answer = await t.request('POST', '/v1/consents', {
      token: source,
      body: { person: { system: 'nfam', localPersonId: 'p' }, consent: { id: 'x', kind: 'forever', grantedOn: '2025-01-01', recipients: [], purposes: [], dataCategories: [] }, documentSha256: 'ab'.repeat(32) },
    });
    expect(answer.status).toBe(422);
    expect(((await answer.json()) as Json).field).toBe('consent.kind');
  });

  it('destroys inbox payloads past their retention by deleting their key; the audit still verifies', async () => {
    const result = await applyRetention(t.gateway.services.store, { now: new Date(Date.now() + 86_400_000), auditDays: 36_500, inboxDays: 0 });
    expect(result.destroyedInboxItems).toBe(5);
    const commune = await t.token('be-koeniz', ['receiver']);
    const gone = await t.request('GET', `/v1/inbox/${ids[0]}`, { token: commune });
    expect(gone.status).toBe(410);
    expect(((await gone.json()) as Json).code).toBe('inbox.destroyed');
    const report = (await (await t.request('GET', '/v1/audit/verify', { token: dpo })).json()) as Json;
    expect(report.ok).toBe(true);
    const { items } = (await (await t.request('GET', `/v1/audit/persons/${RICH_VN}/disclosures`, { token: dpo })).json()) as { items: Json[] };
    expect(items).toHaveLength(5);
  });
});
