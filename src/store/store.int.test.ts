import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { freshSchema, POSTGRES_URL } from '../../tests/support/services.js';
import { openStore, type EventRow, type Store } from './index.js';

function event(eventId = randomUUID()): EventRow {
  return {
    eventId,
    type: 'case.phase-changed',
    sourceSystem: 'nfam',
    sourceInstitutionId: 'be-asi',
    localCaseId: 'NFAM-1',
    localPersonId: 'p-1',
    personRef: 'ref-1',
    nativeId: 'native-1',
    change: { from: 'cantonal', to: 'communal', effectiveDate: '2025-03-01' },
    targetInstitutionId: null,
    consentId: null,
    occurredAt: '2025-03-03T09:15:22+01:00',
    outcome: { rules: ['r1'] },
  };
}

/** Every entry written, chained or not, in write order. */
async function written(store: Store): Promise<[string, string | null][]> {
  const rows = await store.sql.query<{ kind: string; transfer_id: string | null }>('select kind, transfer_id from audit_entries order by id');
  return rows.map((r) => [r.kind, r.transfer_id]);
}

const engines: [string, () => Promise<{ store: Store; cleanup(): Promise<void> }>][] = [
  [
    'postgres',
    async () => {
      const schema = await freshSchema();
      const store = await openStore({ databaseUrl: POSTGRES_URL, schema: schema.schema, dataDir: null });
      return { store, cleanup: async () => { await store.close(); await schema.drop(); } };
    },
  ],
  [
    'pglite',
    async () => {
      const store = await openStore({ schema: 'passerelle', dataDir: null });
      return { store, cleanup: () => store.close() };
    },
  ],
];

describe.each(engines)('store on %s', (_name, open) => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  async function setup(): Promise<Store> {
    const opened = await open();
    cleanup = opened.cleanup;
    return opened.store;
  }

  it('accepts an event once and returns the same transfers for a repeat', async () => {
    const store = await setup();
    const e = event();
    const id = randomUUID();
    const t = { id, ruleId: 'r1', targetInstitutionId: 'be-koeniz', targetSystem: 'inbox', purpose: 'case-transfer' };
    const first = await store.acceptEvent(e, [t], [{ kind: 'transfer.accepted', actor: 'test', transferId: id }]);
    const again = await store.acceptEvent(e, [{ ...t, id: randomUUID() }], [{ kind: 'event.accepted', actor: 'test', eventId: e.eventId }]);
    expect(first.duplicate).toBe(false);
    expect(again.duplicate).toBe(true);
    expect(again.transfers.map((x) => x.id)).toEqual([id]);
    expect(first.transfers[0]).toMatchObject({ state: 'accepted', attempts: 0, targetInstitutionId: 'be-koeniz' });
    expect((await store.auditOfTransfer(id)).map((a) => a.kind)).toEqual(['transfer.accepted']);
    // The repeat wrote nothing, not even its entry.
    expect(await written(store)).toEqual([['transfer.accepted', id]]);
  });

  it('says whether an event without transfers was new, and writes its person and case handle with it', async () => {
    const store = await setup();
    const e = { ...event(), nativeId: null };
    const also = { person: { installation: 'be', system: 'nfam' }, caseRef: 'uuid-9' };
    const first = await store.acceptEvent(e, [], [{ kind: 'event.accepted', actor: 'test', eventId: e.eventId }], also);
    const again = await store.acceptEvent(e, [], [{ kind: 'event.accepted', actor: 'test', eventId: e.eventId }], also);
    expect([first.duplicate, again.duplicate]).toEqual([false, true]);
    expect(await written(store)).toEqual([['event.accepted', null]]);
    expect(await store.installationOf(e.personRef)).toBe('be');
    expect(await store.caseRef(e.sourceSystem, e.sourceInstitutionId, e.localCaseId)).toBe('uuid-9');
    // A later event of the case without a handle of its own gets the remembered one.
    const id = randomUUID();
    const later = await store.acceptEvent({ ...e, eventId: `${e.eventId}-2` }, [{ id, ruleId: 'r', targetInstitutionId: 'x', targetSystem: 'inbox', purpose: 'case-transfer' }], []);
    expect(later.transfers.map((t) => [t.id, t.nativeId])).toEqual([[id, 'uuid-9']]);
  });

  it('leaves out the entries of a transfer the store did not create', async () => {
    const store = await setup();
    const [a, b] = [randomUUID(), randomUUID()];
    const same = { ruleId: 'r', targetInstitutionId: 'x', targetSystem: 'inbox', purpose: 'case-transfer' };
    const entries = [{ kind: 'event.accepted', actor: 'test' }, ...[b, a].map((transferId) => ({ kind: 'transfer.state', actor: 'test', transferId }))];
    const accepted = await store.acceptEvent(event(), [{ id: a, ...same }, { id: b, ...same }], entries);
    expect(accepted.transfers.map((t) => t.id)).toEqual([a]);
    // In the order given, which is the order the sequencer chains them in.
    expect(await written(store)).toEqual([['event.accepted', null], ['transfer.state', a]]);
  });

  it('starts an attempt in one move, with what the attempt reads, unless cancelled or out of attempts', async () => {
    const store = await setup();
    const e = event();
    const id = randomUUID();
    await store.rememberCaseRef(e.sourceSystem, e.sourceInstitutionId, e.localCaseId, 'uuid-3');
    await store.recordRevocation('c-1', e.personRef, '2026-01-02', null);
    await store.acceptEvent(e, [{ id, ruleId: 'r', targetInstitutionId: 'x', targetSystem: 'inbox', purpose: 'case-transfer' }], []);
    const claimed = await store.claim(id, ['accepted', 'retrying'], 2, { kind: 'transfer.state', actor: 'worker' });
    expect(claimed).toMatchObject({ transfer: { state: 'extracting', attempts: 1 }, caseRef: 'uuid-3', consents: [], revocations: [{ consentId: 'c-1', revokedOn: '2026-01-02' }] });
    expect(claimed?.event).toEqual({ eventId: e.eventId, type: 'case.phase-changed', change: { from: 'cantonal', to: 'communal', effectiveDate: '2025-03-01' } });
    expect((await store.auditOfTransfer(id)).map((a) => a.data)).toEqual([{ to: 'extracting', step: 'attempt', attempt: 1, resumedFrom: 'accepted' }]);
    // Not workable from `extracting` here; then out of attempts; then flagged.
    expect(await store.claim(id, ['accepted', 'retrying'], 2, { kind: 'transfer.state', actor: 'worker' })).toBeNull();
    await store.transition(id, ['extracting'], 'retrying', {}, { kind: 'transfer.state', actor: 'worker' });
    expect((await store.claim(id, ['retrying'], 2, { kind: 'transfer.state', actor: 'worker' }))?.transfer.attempts).toBe(2);
    await store.transition(id, ['extracting'], 'retrying', {}, { kind: 'transfer.state', actor: 'worker' });
    expect(await store.claim(id, ['retrying'], 2, { kind: 'transfer.state', actor: 'worker' })).toBeNull();
    await store.transition(id, ['retrying'], 'retrying', { attemptsAtReplay: 2, cancelRequested: true }, { kind: 'transfer.state', actor: 'test' });
    expect(await store.claim(id, ['retrying'], 2, { kind: 'transfer.state', actor: 'worker' })).toBeNull();
    expect((await store.getTransfer(id))?.attempts).toBe(2);
  });

  it('moves a transfer only from an expected state and audits each move', async () => {
    const store = await setup();
    const id = randomUUID();
    await store.acceptEvent(event(), [{ id, ruleId: 'r', targetInstitutionId: 'x', targetSystem: 'inbox', purpose: 'case-transfer' }], []);
    const moved = await store.transition(id, ['accepted'], 'extracting', { attempts: 1 }, { kind: 'transfer.state', actor: 'worker' });
    const lost = await store.transition(id, ['accepted'], 'cancelled', {}, { kind: 'transfer.state', actor: 'other' });
    expect(moved?.state).toBe('extracting');
    expect(moved?.attempts).toBe(1);
    expect(lost).toBeNull();
    const audit = await store.auditOfTransfer(id);
    expect(audit.map((a) => a.data.to)).toEqual(['extracting']);
    expect((await store.nonFinalTransfers()).map((t) => t.id)).toEqual([id]);
    await store.transition(id, ['extracting'], 'delivered', { receipt: { at: 'x', reference: 'r', status: 'ok' } }, { kind: 'transfer.state', actor: 'worker' });
    expect(await store.nonFinalTransfers()).toEqual([]);
  });

  it('pages transfers by creation time and filters by state and target', async () => {
    const store = await setup();
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    for (const [i, id] of ids.entries()) {
      await store.acceptEvent(event(), [{ id, ruleId: 'r', targetInstitutionId: i === 2 ? 'b' : 'a', targetSystem: 'inbox', purpose: 'case-transfer' }], []);
    }
    const page1 = await store.listTransfers({ limit: 2, target: 'a' });
    expect(page1).toHaveLength(2);
    const last = page1[1]!;
    const page2 = await store.listTransfers({ limit: 2, target: 'a', cursor: { createdAt: last.createdAt, id: last.id } });
    expect(page2).toHaveLength(0);
    expect(await store.listTransfers({ limit: 10, state: 'delivered' })).toHaveLength(0);
  });

  it('keeps inbox deposits idempotent and acknowledgements first-wins', async () => {
    const store = await setup();
    const id = randomUUID();
    await store.acceptEvent(event(), [{ id, ruleId: 'r', targetInstitutionId: 'be-koeniz', targetSystem: 'inbox', purpose: 'case-transfer' }], []);
    const decision = { recipient: 'be-koeniz', purpose: 'case-transfer', evaluatedAt: 'x', policyVersion: 'v', rejected: false, obligations: [], disclosed: [], withheld: [] };
    const item = { transferId: id, institutionId: 'be-koeniz', sourceInstitutionId: 'be-asi', purpose: 'case-transfer', sealed: 'jwe1', wrappedKey: 'k1', decision };
    await store.depositInbox(item as never);
    await store.depositInbox({ ...item, sealed: 'jwe2' } as never);
    expect((await store.getInboxItem(id))?.sealed).toBe('jwe1');
    expect(await store.listInbox('be-koeniz', 'unacknowledged', 10)).toHaveLength(1);
    expect(await store.acknowledgeInbox(id, { kind: 'inbox.ack', actor: 'be-koeniz', transferId: id })).toBe(true);
    const first = (await store.getInboxItem(id))?.acknowledgedAt;
    await store.acknowledgeInbox(id, { kind: 'inbox.ack', actor: 'be-koeniz', transferId: id });
    expect((await store.getInboxItem(id))?.acknowledgedAt).toBe(first);
    expect(await store.listInbox('be-koeniz', 'unacknowledged', 10)).toHaveLength(0);
    expect(await store.acknowledgeInbox(randomUUID(), { kind: 'inbox.ack', actor: 'x' })).toBe(false);
  });

  it('remembers case references and revocations', async () => {
    const store = await setup();
    await store.rememberCaseRef('nfam', 'be-asi', 'NFAM-1', 'uuid-1');
    await store.rememberCaseRef('nfam', 'be-asi', 'NFAM-1', 'uuid-2');
    expect(await store.caseRef('nfam', 'be-asi', 'NFAM-1')).toBe('uuid-2');
    expect(await store.caseRef('nfam', 'be-asi', 'NFAM-2')).toBeNull();
    // Before a source is read for an event: taken already? and the handle, in one read.
    const e = event();
    expect(await store.eventAndCaseRef('be-asi', e.eventId, 'nfam', 'NFAM-1')).toEqual({ taken: false, caseRef: 'uuid-2' });
    await store.acceptEvent(e, [], []);
    expect(await store.eventAndCaseRef('be-asi', e.eventId, 'nfam', 'NFAM-2')).toEqual({ taken: true, caseRef: null });
    await store.recordRevocation('c-1', 'ref-1', '2026-01-10', null);
    await store.recordRevocation('c-1', 'ref-1', '2026-01-05', null);
    expect(await store.revocationsOf('ref-1')).toEqual([{ consentId: 'c-1', revokedOn: '2026-01-05' }]);
  });
});
