import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifyDelivery } from '../../src/seal/delivery.js';
import { pollOnce } from '../../src/transfers/poller.js';
import { eventually, REPO, settled, startTestGateway, type TestGateway } from '../support/gateway.js';
import { fixturePersonalValues } from '../support/personal-data.js';

/**
 * The platforms with transports, end to end: the real gateway on real PostgreSQL and
 * Redis, Lora, DuFF and CaseNet simulated with nock, in a topology of their own
 * (tests/fixtures/platforms).
 *
 * (a) A Lora case polled in Valais moves from the cantonal to the communal phase and is
 *     handed over to the commune's DuFF.
 * (b) A CaseNet case passes from unemployment to invalidity insurance: the AI office gets
 *     exactly what the policy allows it for the entitlement check.
 * (c) Webhooks through /v1/hooks: a bad signature and a stale time are refused and create
 *     nothing; a replay is the same event and no second transfer (DuFF, CaseNet).
 */

type Json = Record<string, any>;

const POLICIES = path.join(REPO, 'tests/fixtures/platforms');
const fixtureText = (adapter: string, name: string): string => readFileSync(path.join(REPO, 'adapters', adapter, 'fixtures', name), 'utf8');
const fixtureJson = (adapter: string, name: string): Json => JSON.parse(fixtureText(adapter, name)) as Json;

const ENV = {
  LORA_VS_PASSWORD: 'lora-e2e-password',
  DUFF_SION_API_KEY: 'duff-sion-e2e-key',
  DUFF_API_KEY: 'duff-ag-e2e-key',
  // The samples' webhook secrets (their FORMAT.md and fixtures/webhook/README.md).
  DUFF_WEBHOOK_SECRET: 'duff-testgeheimnis-ag-2025',
  CASENET_CLIENT_SECRET: 'casenet-e2e-client-secret',
  CASENET_WEBHOOK_SECRET: 'casenet-test-secret-fr',
};

// --- Lora ------------------------------------------------------------------------------
const LORA = 'https://lora.vs.example';
const PERSONNES = '/lora/api/v2/personnes';
const LORA_BASIC = `Basic ${Buffer.from(`passerelle:${ENV.LORA_VS_PASSWORD}`).toString('base64')}`;
// FORMAT.md "Transport": every module the gateway reads, in this order.
const LORA_MODULES = 'INFO_PRIMAIRE,SEJOUR,ENCADREMENT,TRAVAIL_REMUNERE,AIDE_SOCIALE,INTEGRATION,JOURNAL,DOCUMENTS,AUTORISATIONS';

// --- DuFF ------------------------------------------------------------------------------
const DUFF_AG = 'https://duff.ag.example';
const DUFF_SION = 'https://duff.sion.example';

// --- CaseNet ---------------------------------------------------------------------------
const CASENET = 'https://casenet.fr.example';
const CASENET_API = '/api/v3';
const CASENET_CASE = 'CII-2022-0153';

// Every nock scope a test sets up must have been used up by its end.
const scopes: nock.Scope[] = [];
const scope = (origin: string): nock.Scope => {
  const s = nock(origin);
  scopes.push(s);
  return s;
};

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => {
  const pending = scopes.splice(0);
  try {
    for (const s of pending) s.done();
  } finally {
    nock.cleanAll();
  }
});
afterAll(() => {
  nock.enableNetConnect();
});

// --- What the tests look at ------------------------------------------------------------

async function eventsOf(t: TestGateway, institutionId: string): Promise<{ event_id: string; type: string; change: Json | null }[]> {
  return t.gateway.services.store.sql.query('select event_id, type, change from events where source_institution_id = $1 order by type, event_id', [institutionId]);
}

async function transfersOf(t: TestGateway): Promise<{ id: string; event_id: string; target_institution_id: string; rule_id: string; purpose: string; state: string }[]> {
  return t.gateway.services.store.sql.query('select id, event_id, target_institution_id, rule_id, purpose, state from transfers order by created_at, id');
}

async function auditKinds(t: TestGateway): Promise<{ kind: string; data: Json }[]> {
  return t.gateway.services.store.sql.query('select kind, data from audit_entries order by seq');
}

const categoriesOf = (items: readonly Json[]): string[] => items.map((i) => String(i.category)).sort();
const withheldOf = (decision: Json): Record<string, string> => Object.fromEntries((decision.withheld as Json[]).map((w) => [w.category, w.reason]));

/** The names, numbers and free text of the sample persons these tests send through the gateway. */
const personalValues = (): string[] => fixturePersonalValues(['lora', 'duff', 'casenet'], (file) => file === 'rich.expected.json');

function expectNoPersonalData(text: string): void {
  const found = personalValues().filter((v) => text.includes(v));
  expect(found.map((v) => `a personal value of ${v.length} characters`)).toEqual([]);
}

/** The categories a contract record holds, by the policy's category map (every leaf classified). */
function recordCategories(t: TestGateway, record: unknown): { categories: string[]; unknown: string[] } {
  const map = t.gateway.services.bundle.categoryMap;
  const categories = new Set<string>();
  const unknown: string[] = [];
  const walk = (value: unknown, at: string): void => {
    if (Array.isArray(value)) {
      if (value.every((v) => v === null || typeof v !== 'object')) leaf(at);
      else for (const item of value) walk(item, `${at}[]`);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value as Json)) walk(child, at ? `${at}.${key}` : key);
    } else leaf(at);
  };
  const leaf = (at: string): void => {
    const cls = map.classify(at);
    if (cls.kind === 'category') categories.add(cls.category);
    else if (cls.kind === 'unknown') unknown.push(at);
  };
  walk(record, '');
  return { categories: [...categories].sort(), unknown };
}

/**
 * The categories a DuFF Dossier of a handover holds, by FORMAT.md "Mapping" read
 * backwards; a property the FORMAT does not list is reported, so nothing unclassified
 * can slip through.
 */
function duffCategories(dossier: Json): { categories: string[]; unknown: string[] } {
  const found = new Set<string>();
  const unknown: string[] = [];
  const add = (category: string, value: unknown): void => {
    if (value !== undefined) found.add(category);
  };
  const known = (object: Json, keys: string[], where: string): void => {
    for (const key of Object.keys(object)) if (!keys.includes(key)) unknown.push(`${where}${key}`);
  };
  known(dossier, ['person', 'aufenthalt', 'zustaendigkeit', 'potenzialabklaerungen', 'integrationsplan', 'erwerb', 'sozialhilfe', 'journal', 'dokumente', 'einwilligungen'], '');
  if (dossier.person) {
    const { sprachen, ...person } = dossier.person as Json;
    known(person, ['ahvNr', 'zemisNr', 'name', 'vorname', 'geschlecht', 'geburtsdatum', 'staatsangehoerigkeit', 'wohngemeinde', 'einreise'], 'person.');
    if (Object.keys(person).length > 0) found.add('identity');
    add('language', sprachen);
  }
  add('residence', dossier.aufenthalt);
  add('responsibility', dossier.zustaendigkeit);
  for (const a of (dossier.potenzialabklaerungen ?? []) as Json[]) {
    known(a, ['id', 'datum', 'organisation', 'sprachkenntnisse', 'ausbildungen', 'berufserfahrungen', 'gesundheit', 'ausrichtung', 'ressourcen', 'hindernisse', 'ziele'], 'potenzialabklaerungen[].');
    add('language', a.sprachkenntnisse);
    for (const key of ['ausbildungen', 'berufserfahrungen', 'ausrichtung']) add('education-work', a[key]);
    add('health', a.gesundheit);
    for (const key of ['ressourcen', 'hindernisse', 'ziele']) add('assessment-notes', a[key]);
  }
  if (dossier.integrationsplan) {
    found.add('plan');
    for (const m of ((dossier.integrationsplan as Json).massnahmen ?? []) as Json[]) add('assessment-notes', m.bemerkung);
  }
  add('education-work', dossier.erwerb);
  add('social-assistance', dossier.sozialhilfe);
  add('journal', dossier.journal);
  add('documents', dossier.dokumente);
  add('consent', dossier.einwilligungen);
  return { categories: [...found].sort(), unknown };
}

// --- Signing webhooks as the adapters verify them ------------------------------------------

/** DuFF (adapters/duff/webhook.ts): `sha256=<hex>` HMAC-SHA256 of the raw body. */
const duffSignature = (raw: string, secret = ENV.DUFF_WEBHOOK_SECRET): string => `sha256=${createHmac('sha256', secret).update(raw, 'utf8').digest('hex')}`;

/** CaseNet (adapters/casenet/webhook.ts): `t=<unix>,v1=<hex>` HMAC-SHA256 of `<t>.<raw body>`. */
const casenetSignature = (raw: string, t: number, secret = ENV.CASENET_WEBHOOK_SECRET): string =>
  `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${raw}`, 'utf8').digest('hex')}`;

interface Delivery {
  receivedAt: string;
  headers: Record<string, string>;
  body: string;
}

const hook = (t: TestGateway, system: string, headers: Record<string, string>, body: string): Promise<Response> => t.request('POST', `/v1/hooks/${system}`, { headers, body });

// =========================================================================================
// (a) and (b): one gateway with its workers, the Lora poller and a fixed clock.
// =========================================================================================

describe('platforms deliver end to end', () => {
  const now = new Date('2024-03-18T10:00:00+01:00');
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ name: 'platforms-deliver', policiesDir: POLICIES, env: ENV, clock: () => now });
    // The gateway polls the one institution that sets pollIntervalSeconds as soon as its
    // workers start: Lora has nothing yet.
    const startup = lora().get(PERSONNES).query(loraQuery('1970-01-01 00:00:00')).reply(200, loraPage('1970-01-01 00:00:00', []));
    await t.gateway.startWorkers();
    await eventually(async () => startup.isDone() && (await t.gateway.services.store.pollCursor('vs-office-asile')), 20_000, 'the first poll round');
    startup.done();
    scopes.splice(0);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    // Every line the gateway wrote, now that its log is closed.
    if (t) expectNoPersonalData(readFileSync(t.logFile, 'utf8'));
  });

  // --- Lora, as FORMAT.md "Transport" says it is asked ----------------------------------

  function lora(): nock.Scope {
    return scope(LORA).matchHeader('authorization', LORA_BASIC).matchHeader('accept', 'application/json');
  }

  function loraQuery(modifieApres: string): Record<string, string> {
    return { modifieApres, page: '1', parPage: '50', modules: LORA_MODULES };
  }

  function loraPage(since: string, personnes: Json[]): Json {
    const page = fixtureJson('lora', 'rich.page1.json');
    return {
      ...page,
      critere: { modifieApres: since },
      pagination: { page: 1, parPage: 50, nbElements: personnes.length, nbPages: personnes.length > 0 ? 1 : 0, suivante: null },
      personnes,
    };
  }

  /** The rich sample's person while the canton (SAS-ASILE) still had the case, before 1 February 2017. */
  function cantonalPerson(): Json {
    const person = (fixtureJson('lora', 'rich.page1.json').personnes as Json[])[0]!;
    const encadrement = person.modules.ENCADREMENT as Json;
    person.modules.ENCADREMENT = {
      ...encadrement,
      etape: 'CANTON',
      service: 'SAS-ASILE',
      depuis: '2016-01-25',
      historique: (encadrement.historique as Json[]).filter((h) => h.etape !== 'CANTON'),
    };
    return person;
  }

  /** The same person once the commune's Red Cross service took over (the sample as it is), changed later. */
  function communalPerson(modifieLe: string): Json {
    const person = (fixtureJson('lora', 'rich.page1.json').personnes as Json[])[0]!;
    expect(person.modules.ENCADREMENT.etape).toBe('COMMUNE');
    return { ...person, modifieLe };
  }

  it('(a) a Lora case polled from cantonal to communal is handed over to the commune’s DuFF, filtered, decided and audited', async () => {
    const services = t.gateway.services;

    // First poll: the snapshot. A person seen for the first time is one case.updated; no route takes it.
    lora().get(PERSONNES).query(loraQuery('1970-01-01 00:00:00')).reply(200, loraPage('1970-01-01 00:00:00', [cantonalPerson()]));
    const first = await pollOnce(services);
    expect(first).toMatchObject({ institutions: 1, rejected: 0, events: 1 });
    expect((await eventsOf(t, 'vs-office-asile')).map((e) => e.type)).toEqual(['case.updated']);
    expect(await transfersOf(t)).toEqual([]);
    expect(await services.store.caseRef('lora', 'vs-office-asile', 'VS-2016-0081')).toBe('20345@2024-03-14 16:02:11');

    // Second poll, strictly after the latest modifieLe: ENCADREMENT.etape CANTON → COMMUNE (and its service).
    const changedAt = '2024-03-15 08:30:00';
    const changed = loraPage('2024-03-14 16:02:11', [communalPerson(changedAt)]);
    lora().get(PERSONNES).query(loraQuery('2024-03-14 16:02:11')).reply(200, changed);
    // Lora has no read of one person: the routing (the person's municipality) and the worker's
    // extraction each walk the poll from one second before the person's modifieLe.
    lora().get(PERSONNES).query(loraQuery('2024-03-15 08:29:59')).times(2).reply(200, loraPage('2024-03-15 08:29:59', [communalPerson(changedAt)]));
    // The commune's DuFF takes the handover.
    let handover: { body: Json; headers: Record<string, unknown> } | undefined;
    scope(DUFF_SION)
      .matchHeader('x-duff-api-key', ENV.DUFF_SION_API_KEY)
      .matchHeader('x-duff-organisation', 'GEM-6266-SD')
      .matchHeader('accept', 'application/json')
      .post('/api/v1/uebergaben')
      .reply(function (_uri, body) {
        handover = { body: (typeof body === 'string' ? JSON.parse(body) : body) as Json, headers: { ...this.req.headers } };
        return [202, { uebergabeNr: 'UEB-2024-000117', status: 'EINGEGANGEN', eingegangenAm: '2024-03-18T10:00:01+01:00' }];
      });

    const second = await pollOnce(services);
    expect(second).toMatchObject({ institutions: 1, rejected: 0, events: 2 });
    const events = await eventsOf(t, 'vs-office-asile');
    expect(events.map((e) => e.type)).toEqual(['case.institution-changed', 'case.phase-changed', 'case.updated']);
    const phase = events.find((e) => e.type === 'case.phase-changed')!;
    expect(phase.change).toEqual({ from: 'cantonal', to: 'communal', effectiveDate: '2017-02-01' });
    expect(events.find((e) => e.type === 'case.institution-changed')!.change).toMatchObject({ from: 'vs-office-asile', to: 'vs-croix-rouge' });

    // Routing: one transfer, from the phase change, to the commune of municipality 6266 (Sion).
    const [row, ...more] = await transfersOf(t);
    expect(more).toEqual([]);
    expect(row).toMatchObject({ event_id: phase.event_id, target_institution_id: 'vs-sion', rule_id: 'cantonal-to-communal', purpose: 'case-transfer' });

    const transfer = await settled(t, row!.id, 30_000);
    expect(transfer.state).toBe('delivered');
    expect(transfer.attempts).toBe(1);
    expect(transfer.receipt).toMatchObject({ reference: 'UEB-2024-000117', status: 'EINGEGANGEN' });

    // The decision: the commune takes the case over; health, social assistance, journal and
    // documents need a consent the person gave to none of the commune's kind.
    const decision = transfer.decision as Json;
    expect(decision).toMatchObject({ recipient: 'vs-sion', purpose: 'case-transfer', rejected: false, obligations: [] });
    const disclosed = categoriesOf(decision.disclosed as Json[]);
    expect(disclosed).toEqual(['assessment-notes', 'consent', 'education-work', 'identity', 'language', 'plan', 'residence', 'responsibility']);
    for (const d of decision.disclosed as Json[]) expect(d).toMatchObject({ rule: 'commune-takes-over', legalBasis: 'LEI art. 97; cantonal social assistance law' });
    expect(withheldOf(decision)).toEqual({
      // Consent 63 names health, but for the AI office.
      health: 'consent-out-of-scope',
      'social-assistance': 'consent-missing',
      journal: 'consent-missing',
      documents: 'consent-missing',
    });

    // The handover as DuFF received it: keyed by the transfer id, to the commune's code,
    // and holding exactly the disclosed categories (the withheld ones absent, not blanked).
    expect(handover).toBeDefined();
    expect(handover!.headers['x-duff-referenz']).toBe(transfer.id);
    expect(handover!.body).toMatchObject({ zielOrganisation: 'GEM-6266-SD', absender: 'vs-office-asile' });
    expect(Object.keys(handover!.body).sort()).toEqual(['absender', 'dossier', 'zielOrganisation']);
    const dossier = handover!.body.dossier as Json;
    expect(duffCategories(dossier)).toEqual({ categories: disclosed, unknown: [] });
    for (const key of ['sozialhilfe', 'journal', 'dokumente', 'dossierNr', 'personNr', 'version', 'geaendertAm']) expect(dossier, key).not.toHaveProperty(key);
    for (const a of dossier.potenzialabklaerungen as Json[]) expect(a).not.toHaveProperty('gesundheit');
    expect(dossier.zustaendigkeit).toMatchObject({ phase: 'GEMEINDE', organisation: 'CRS-VS', seit: '2017-02-01' });
    expect(dossier.person.wohngemeinde).toEqual({ bfsNr: 6266, name: 'Sion' });

    // The audit: every state, the decision as taken (categories, rules, reasons, no values).
    const audit = await services.store.auditOfTransfer(transfer.id);
    expect(audit.filter((a) => a.kind === 'transfer.state').map((a) => a.data.to).filter(Boolean)).toEqual(['accepted', 'extracting', 'delivering', 'delivered']);
    const decided = audit.filter((a) => a.kind === 'transfer.decision');
    expect(decided.length).toBeGreaterThan(0);
    for (const entry of decided) {
      expect(entry.data).toMatchObject({ recipient: 'vs-sion', purpose: 'case-transfer', rejected: false, disclosed: decision.disclosed, withheld: decision.withheld });
    }
    expect(decided.at(-1)!.data.payloadHash).toBe(transfer.payloadHash);
    expectNoPersonalData(JSON.stringify(await auditKinds(t)));
    expectNoPersonalData(readFileSync(t.logFile, 'utf8'));
  }, 60_000);

  // --- CaseNet, as FORMAT.md "Transport" says it is asked ----------------------------------

  function casenetToken(): void {
    scope(CASENET)
      .post('/oauth2/token', 'grant_type=client_credentials')
      .basicAuth({ user: 'passerelle', pass: ENV.CASENET_CLIENT_SECRET })
      .reply(200, { access_token: 'e2e-token', token_type: 'Bearer', expires_in: 900 });
  }

  function casenetRead(dossier: Json): void {
    scope(CASENET)
      .matchHeader('authorization', 'Bearer e2e-token')
      .matchHeader('accept', 'application/json')
      .get(`${CASENET_API}/dossiers/${CASENET_CASE}`)
      .reply(200, dossier)
      .get(`${CASENET_API}/dossiers/${CASENET_CASE}/journal`)
      .query({ page: '1', taille: '20' })
      .reply(200, fixtureText('casenet', 'rich.journal.page1.json'), { 'content-type': 'application/json' })
      .get(`${CASENET_API}/dossiers/${CASENET_CASE}/documents`)
      .reply(200, fixtureText('casenet', 'rich.documents.json'), { 'content-type': 'application/json' });
  }

  /** The rich sample's dossier once the lead passed from the ORP of the Sarine to the AI office, on 11 March 2024. */
  function dossierWithAiLead(): Json {
    const dossier = fixtureJson('casenet', 'rich.dossier.json');
    const pilotage = dossier.pilotage as Json;
    dossier.version = 13;
    dossier.modifieLe = '2024-03-11T10:12:00+01:00';
    dossier.pilotage = {
      ...pilotage,
      phaseAIS: 'ORDINAIRE',
      institutionPilote: 'OAI-FR',
      depuis: '2024-03-11',
      historique: [{ phaseAIS: 'ORDINAIRE', institution: 'ORP-SARINE', du: '2022-06-01', au: '2024-03-10' }, ...(pilotage.historique as Json[])],
    };
    return dossier;
  }

  it('(b) a CaseNet case passing from the ORP to the AI office goes with exactly the categories the policy allows for the entitlement check', async () => {
    const services = t.gateway.services;
    casenetToken();
    casenetRead(dossierWithAiLead());

    // CaseNet pushes the change of lead (INSTITUTION_MODIFIEE), signed now.
    const eventId = '5d0c2a8e-3f61-4b7a-9c24-8e1f0a6b3d57';
    const body = JSON.stringify({
      idEvenement: eventId,
      type: 'INSTITUTION_MODIFIEE',
      horodatage: '2024-03-18T08:59:58Z',
      noDossier: CASENET_CASE,
      idPersonne: 'BEN-008812',
      avant: 'ORP-SARINE',
      apres: 'OAI-FR',
      dateEffet: '2024-03-11',
    });
    const pushed = await hook(t, 'casenet', { 'content-type': 'application/json', 'x-casenet-signature': casenetSignature(body, Math.floor(now.getTime() / 1000) - 2) }, body);
    expect(pushed.status).toBe(204);
    const [event] = await services.store.sql.query<{ type: string; change: Json }>('select type, change from events where event_id = $1', [eventId]);
    expect(event).toEqual({ type: 'case.institution-changed', change: { from: 'fr-orp-sarine', to: 'fr-office-ai', effectiveDate: '2024-03-11' } });
    const rows = (await transfersOf(t)).filter((r) => r.event_id === eventId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ target_institution_id: 'fr-office-ai', rule_id: 'unemployment-to-invalidity', purpose: 'benefit-assessment' });

    const transfer = await settled(t, rows[0]!.id, 30_000);
    expect(transfer.state).toBe('delivered');

    // The decision: what LAI art. 6a permits the AI office, health by the person's general
    // procuration (PROC-31: OFFICE_AI, EXAMEN_PRESTATIONS, SANTE), the journal denied to the
    // insurances whatever permits it, the rest without a legal basis; the person is told.
    const decision = transfer.decision as Json;
    expect(decision).toMatchObject({ recipient: 'fr-office-ai', purpose: 'benefit-assessment', rejected: false, obligations: ['notify-person'] });
    const disclosed = categoriesOf(decision.disclosed as Json[]);
    expect(disclosed).toEqual(['education-work', 'health', 'identity', 'residence']);
    for (const d of decision.disclosed as Json[]) expect(d).toMatchObject({ rule: 'ai-benefit-assessment', legalBasis: 'LAI art. 6a; LPGA art. 32' });
    expect(withheldOf(decision)).toEqual({
      journal: 'denied',
      responsibility: 'no-legal-basis',
      language: 'no-legal-basis',
      'social-assistance': 'no-legal-basis',
      plan: 'no-legal-basis',
      'assessment-notes': 'no-legal-basis',
      documents: 'no-legal-basis',
      consent: 'no-legal-basis',
    });

    // What the AI office receives: the sealed record holds exactly the disclosed categories.
    const office = await t.token('fr-office-ai', ['receiver']);
    const item = (await (await t.request('GET', `/v1/inbox/${transfer.id}`, { token: office })).json()) as Json;
    const jwks = (await (await t.request('GET', '/.well-known/jwks.json')).json()) as Json;
    const sealed = await verifyDelivery(item.jws, jwks as never, { audience: 'fr-office-ai' });
    expect(sealed).toMatchObject({ jti: transfer.id, sub: 'fr-cii-coordination', purpose: 'benefit-assessment' });
    expect(sealed.record).toEqual(item.record);
    expect(recordCategories(t, sealed.record)).toEqual({ categories: disclosed, unknown: [] });
    const record = sealed.record as unknown as Json;
    for (const key of ['responsibility', 'integrationPlan', 'socialAssistance', 'journal', 'documents', 'consents']) expect(record, key).not.toHaveProperty(key);
    expect(record.person).not.toHaveProperty('languages');
    expect(record.source).toMatchObject({ system: 'casenet', institutionId: 'fr-cii-coordination', localCaseId: CASENET_CASE });
    for (const a of record.potentialAssessments as Json[]) {
      for (const key of ['languageSkills', 'resources', 'obstacles', 'goals']) expect(a, key).not.toHaveProperty(key);
    }
    expect((record.potentialAssessments as Json[]).some((a) => a.health?.workCapacityPercent === 50)).toBe(true);

    const audit = await services.store.auditOfTransfer(transfer.id);
    expect(audit.filter((a) => a.kind === 'transfer.state').map((a) => a.data.to).filter(Boolean)).toEqual(['accepted', 'extracting', 'delivering', 'delivered']);
    const decided = audit.filter((a) => a.kind === 'transfer.decision');
    expect(decided.length).toBeGreaterThan(0);
    for (const entry of decided) expect(entry.data).toMatchObject({ obligations: ['notify-person'], disclosed: decision.disclosed, withheld: decision.withheld });
    expectNoPersonalData(JSON.stringify(await auditKinds(t)));
    expectNoPersonalData(readFileSync(t.logFile, 'utf8'));
  }, 60_000);
});

// =========================================================================================
// (c) Webhooks: a gateway per test, no workers (what a hook creates stays as accepted).
// =========================================================================================

describe('webhooks through /v1/hooks: refused when forged or stale, one event when replayed', () => {
  let t: TestGateway | undefined;

  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  /** Refusals are audited without who sent them, counted per minute: written on flush. */
  async function expectNothingButRefusals(gateway: TestGateway, source: string, codes: Record<string, number>): Promise<void> {
    expect(await eventsOf(gateway, source)).toEqual([]);
    expect(await transfersOf(gateway)).toEqual([]);
    await gateway.gateway.refusals.flush();
    const audit = await auditKinds(gateway);
    expect(audit.every((a) => a.kind === 'request.refused')).toBe(true);
    const counted: Record<string, number> = {};
    for (const a of audit) {
      expect(a.data).toMatchObject({ status: 401, route: '/v1/hooks/:system/:institutionId?', method: 'POST' });
      counted[a.data.code as string] = (counted[a.data.code as string] ?? 0) + (a.data.count as number);
    }
    expect(counted).toEqual(codes);
  }

  async function expectRefused(response: Response, code: string): Promise<void> {
    expect(response.status).toBe(401);
    expect(((await response.json()) as Json).code).toBe(code);
  }

  it('DuFF: a bad signature and a stale zeitpunkt are 401 and create nothing; the replayed delivery is the same event, no second transfer', async () => {
    const delivery = fixtureJson('duff', 'rich.webhook-delivery.json') as unknown as Delivery;
    const receivedAt = new Date(delivery.receivedAt);
    t = await startTestGateway({ name: 'platforms-hooks-duff', policiesDir: POLICIES, env: ENV, clock: () => receivedAt });
    const sample = JSON.parse(delivery.body) as Json;

    // Bad signatures: the body changed under the sample's signature; the sample signed with another key.
    await expectRefused(await hook(t, 'duff', delivery.headers, delivery.body.replace('"nachher":"GEMEINDE"', '"nachher":"REGELSTRUKTUR"')), 'webhook.signature-invalid');
    await expectRefused(await hook(t, 'duff', { ...delivery.headers, 'X-DuFF-Signatur': duffSignature(delivery.body, 'not-the-secret') }, delivery.body), 'webhook.signature-invalid');
    // Stale: a delivery signed as it should be, but of a zeitpunkt over 2 hours before the gateway's clock.
    const stale = JSON.stringify({ ...sample, ereignisId: randomUUID(), zeitpunkt: '2025-02-04T12:20:00+01:00' });
    await expectRefused(
      await hook(t, 'duff', { ...delivery.headers, 'X-DuFF-Zustellung': randomUUID(), 'X-DuFF-Signatur': duffSignature(stale) }, stale),
      'webhook.signature-expired',
    );
    await expectNothingButRefusals(t, 'ag-mika', { 'webhook.signature-invalid': 2, 'webhook.signature-expired': 1 });

    // The sample as DuFF sent it: the event, then the dossier read for the person's municipality (Baden, 4021).
    scope(DUFF_AG)
      .matchHeader('x-duff-api-key', ENV.DUFF_API_KEY)
      .matchHeader('x-duff-organisation', 'MIKA-IB')
      .matchHeader('accept', 'application/json')
      .get('/api/v1/dossiers/AG-2022-002874')
      .reply(200, fixtureText('duff', 'rich.dossier.json'), { 'content-type': 'application/json' });
    expect((await hook(t, 'duff', delivery.headers, delivery.body)).status).toBe(204);
    const events = await eventsOf(t, 'ag-mika');
    expect(events.map((e) => [e.event_id, e.type])).toEqual([['7f1e0c4a-2b8d-4f51-9a63-1c0d5e7b9a22', 'case.phase-changed']]);
    const transfers = await transfersOf(t);
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({ event_id: '7f1e0c4a-2b8d-4f51-9a63-1c0d5e7b9a22', target_institution_id: 'ag-baden', rule_id: 'cantonal-to-communal', state: 'accepted' });

    // DuFF delivers it again (its retry: same X-DuFF-Zustellung and body, next attempt): 204, nothing new, no read.
    expect((await hook(t, 'duff', { ...delivery.headers, 'X-DuFF-Versuch': '2' }, delivery.body)).status).toBe(204);
    expect(await eventsOf(t, 'ag-mika')).toEqual(events);
    expect(await transfersOf(t)).toEqual(transfers);
    const audit = await auditKinds(t);
    expect(audit.filter((a) => a.kind === 'event.accepted')).toHaveLength(1);
    expect(audit.filter((a) => a.kind === 'transfer.state')).toHaveLength(1);

    const logFile = t.logFile;
    await t.close();
    t = undefined;
    const lines = readFileSync(logFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Json);
    const accepted = lines.filter((l) => l.msg === 'webhook accepted');
    expect(accepted.map((l) => [l.eventId, l.duplicate, l.delivery])).toEqual([
      ['7f1e0c4a-2b8d-4f51-9a63-1c0d5e7b9a22', false, 'c2b7d9e0-5a14-4f3b-8e61-0d9f2a7c4b18'],
      ['7f1e0c4a-2b8d-4f51-9a63-1c0d5e7b9a22', true, 'c2b7d9e0-5a14-4f3b-8e61-0d9f2a7c4b18'],
    ]);
    expectNoPersonalData(readFileSync(logFile, 'utf8'));
  }, 60_000);

  it('CaseNet: a bad signature and a stale t are 401 and create nothing; the replayed delivery is the same event, no second transfer', async () => {
    const delivery = fixtureJson('casenet', 'webhook/rich.webhook-delivery.json') as unknown as Delivery;
    const receivedAt = new Date(delivery.receivedAt);
    t = await startTestGateway({ name: 'platforms-hooks-casenet', policiesDir: POLICIES, env: ENV, clock: () => receivedAt });
    const signedAt = Number(/t=(\d+)/.exec(delivery.headers['X-CaseNet-Signature']!)![1]);
    const nowSeconds = Math.floor(receivedAt.getTime() / 1000);
    expect(Math.abs(nowSeconds - signedAt)).toBeLessThanOrEqual(300);

    await expectRefused(await hook(t, 'casenet', delivery.headers, delivery.body.replace('"apres":"ORDINAIRE"', '"apres":"CLOTUREE"')), 'webhook.signature-invalid');
    await expectRefused(await hook(t, 'casenet', { ...delivery.headers, 'X-CaseNet-Signature': casenetSignature(delivery.body, signedAt, 'not-the-secret') }, delivery.body), 'webhook.signature-invalid');
    // Stale: the sample signed as it should be, at a t more than 300 s before the gateway's clock.
    await expectRefused(await hook(t, 'casenet', { ...delivery.headers, 'X-CaseNet-Signature': casenetSignature(delivery.body, nowSeconds - 301) }, delivery.body), 'webhook.signature-expired');
    await expectNothingButRefusals(t, 'fr-cii-coordination', { 'webhook.signature-invalid': 2, 'webhook.signature-expired': 1 });

    // The sample: communal → regular; the dossier is read for the person's municipality (Fribourg, 2196).
    scope(CASENET)
      .post('/oauth2/token', 'grant_type=client_credentials')
      .basicAuth({ user: 'passerelle', pass: ENV.CASENET_CLIENT_SECRET })
      .reply(200, { access_token: 'e2e-token', token_type: 'Bearer', expires_in: 900 });
    scope(CASENET)
      .matchHeader('authorization', 'Bearer e2e-token')
      .matchHeader('accept', 'application/json')
      .get(`${CASENET_API}/dossiers/${CASENET_CASE}`)
      .reply(200, fixtureText('casenet', 'rich.dossier.json'), { 'content-type': 'application/json' })
      .get(`${CASENET_API}/dossiers/${CASENET_CASE}/journal`)
      .query({ page: '1', taille: '20' })
      .reply(200, fixtureText('casenet', 'rich.journal.page1.json'), { 'content-type': 'application/json' })
      .get(`${CASENET_API}/dossiers/${CASENET_CASE}/documents`)
      .reply(200, fixtureText('casenet', 'rich.documents.json'), { 'content-type': 'application/json' });
    expect((await hook(t, 'casenet', delivery.headers, delivery.body)).status).toBe(204);
    const expectedEvent = fixtureJson('casenet', 'webhook/rich.expected-event.json');
    const events = await eventsOf(t, 'fr-cii-coordination');
    expect(events).toEqual([{ event_id: expectedEvent.eventId, type: 'case.phase-changed', change: expectedEvent.change }]);
    const transfers = await transfersOf(t);
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({ event_id: expectedEvent.eventId, target_institution_id: 'fr-fribourg', rule_id: 'communal-to-regular', state: 'accepted' });

    // CaseNet sends it again (it retries until it sees a 204; it has no delivery id): the same event.
    expect((await hook(t, 'casenet', delivery.headers, delivery.body)).status).toBe(204);
    expect(await eventsOf(t, 'fr-cii-coordination')).toEqual(events);
    expect(await transfersOf(t)).toEqual(transfers);
    const audit = await auditKinds(t);
    expect(audit.filter((a) => a.kind === 'event.accepted')).toHaveLength(1);
    expect(audit.filter((a) => a.kind === 'transfer.state')).toHaveLength(1);

    const logFile = t.logFile;
    await t.close();
    t = undefined;
    const lines = readFileSync(logFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Json);
    expect(lines.filter((l) => l.msg === 'webhook accepted').map((l) => [l.eventId, l.duplicate])).toEqual([
      [expectedEvent.eventId, false],
      [expectedEvent.eventId, true],
    ]);
    expectNoPersonalData(readFileSync(logFile, 'utf8'));
  }, 60_000);
});
