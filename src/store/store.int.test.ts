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
    const first = await store.acceptEvent(e, [t], (created) =>
      created.map((c) => ({ kind: 'transfer.accepted', actor: 'test', transferId: c.id })),
    );
    const again = await store.acceptEvent(e, [{ ...t, id: randomUUID() }], () => [
      { kind: 'transfer.accepted', actor: 'test' },
    ]);
    expect(first.duplicate).toBe(false);
    expect(again.duplicate).toBe(true);
    expect(again.transfers.map((x) => x.id)).toEqual([id]);
    expect(first.transfers[0]).toMatchObject({ state: 'accepted', attempts: 0, targetInstitutionId: 'be-koeniz' });
    expect((await store.auditOfTransfer(id)).map((a) => a.kind)).toEqual(['transfer.accepted']);
  });

  it('moves a transfer only from an expected state and audits each move', async () => {
    const store = await setup();
    const id = randomUUID();
    await store.acceptEvent(event(), [{ id, ruleId: 'r', targetInstitutionId: 'x', targetSystem: 'inbox', purpose: 'case-transfer' }], () => []);
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
      await store.acceptEvent(event(), [{ id, ruleId: 'r', targetInstitutionId: i === 2 ? 'b' : 'a', targetSystem: 'inbox', purpose: 'case-transfer' }], () => []);
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
    await store.acceptEvent(event(), [{ id, ruleId: 'r', targetInstitutionId: 'be-koeniz', targetSystem: 'inbox', purpose: 'case-transfer' }], () => []);
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
    await store.recordRevocation('c-1', 'ref-1', '2026-01-10', null);
    await store.recordRevocation('c-1', 'ref-1', '2026-01-05', null);
    expect(await store.revocationsOf('ref-1')).toEqual([{ consentId: 'c-1', revokedOn: '2026-01-05' }]);
  });
});
