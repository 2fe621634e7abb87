import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../tests/support/gateway.js';
import type { ParsedReceipt } from '../adapters/port.js';
import type { TransferState } from '../contract/types.js';
import type { Institution } from '../policy/types.js';
import { acceptEvent } from './intake.js';
import { applyReceipt } from './receipts.js';

// Later answers of a target (applyReceipt) on a real store: an answer that comes after
// another closed the transfer, as a sedex receiver's report comes after the client's 100.

describe('answers after a transfer was closed', () => {
  let t: TestGateway;
  let target: Institution;

  beforeAll(async () => {
    t = await startTestGateway({ name: 'receipts-late' });
    target = t.gateway.services.bundle.institutions.find((i) => i.id === 'be-koeniz')!;
  }, 60_000);
  afterAll(async () => t?.close());

  /** A transfer to be-koeniz, moved straight to `state` as if delivered and answered. */
  async function transferIn(state: TransferState): Promise<string> {
    const result = await acceptEvent(
      t.gateway.services,
      {
        eventId: randomUUID(),
        type: 'case.institution-changed',
        occurredAt: '2026-04-01T10:00:00+02:00',
        source: { system: 'nfam', institutionId: 'be-asi' },
        case: { localCaseId: 'C-1', localPersonId: `P-${randomUUID()}` },
        change: { from: 'be-asi', to: 'be-koeniz', effectiveDate: '2026-04-01' },
        targetInstitutionId: 'be-koeniz',
      },
      { actor: 'test' },
    );
    const id = result.transfers[0]!.id;
    const receipt = { at: '2026-04-01T10:00:00+02:00', reference: 'msg-1', status: '100', details: { meaning: 'delivered', recipientId: '2-LU-4' } };
    await t.gateway.services.store.transition(id, ['accepted'], state, { receipt }, { kind: 'transfer.state', actor: 'test', data: { step: 'test-moved' } });
    return id;
  }
  const answer = (transferId: string, outcome: ParsedReceipt['outcome'], more: Partial<ParsedReceipt> = {}): ParsedReceipt => ({ transferId, outcome, status: outcome, ...more });
  const stepsOf = async (id: string) => (await t.gateway.services.store.auditOfTransfer(id)).map((e) => (e.data as { step?: string }).step).filter(Boolean);

  it('adds a later acceptance to the receipt of a delivered transfer, which stays delivered', async () => {
    const id = await transferIn('delivered');
    expect(await applyReceipt(t.gateway.services, target, answer(id, 'accepted', { reference: 'BE-2026-7', details: { action: 'positive-report', localPersonId: 'CT.SO:1' } }))).toBe(true);
    const after = await t.gateway.services.store.getTransfer(id);
    expect(after).toMatchObject({ state: 'delivered', error: null });
    expect(after?.receipt).toMatchObject({ reference: 'BE-2026-7', status: 'accepted', details: { meaning: 'delivered', recipientId: '2-LU-4', action: 'positive-report', localPersonId: 'CT.SO:1' } });
    expect((await stepsOf(id)).slice(-2)).toEqual(['test-moved', 'receipt-added']);
    // Not a move: no second delivery in the audit, whatever reads it.
    expect((await t.gateway.services.store.auditOfTransfer(id)).at(-1)).toMatchObject({ kind: 'transfer.state', data: { step: 'receipt-added', status: 'accepted' } });
    expect((await t.gateway.services.store.auditOfTransfer(id)).at(-1)?.data).not.toHaveProperty('to');
    expect((await t.gateway.services.store.auditOfTransfer(id)).filter((e) => (e.data as { to?: string }).to === 'delivered')).toHaveLength(1);
  });

  it('a later refusal is recorded in the receipt of the delivered transfer, which stays delivered (final)', async () => {
    const id = await transferIn('delivered');
    expect(await applyReceipt(t.gateway.services, target, answer(id, 'rejected', { nativeField: 'ct:responsibility/@phase', details: { action: 'negative-report' } }))).toBe(true);
    const after = await t.gateway.services.store.getTransfer(id);
    expect(after).toMatchObject({ state: 'delivered', receipt: { status: 'rejected', reference: 'msg-1', details: { meaning: 'delivered', action: 'negative-report' } } });
    expect((await stepsOf(id)).at(-1)).toBe('receipt-rejected-after-delivery');
    // Refused while it waits, it fails; the delivery receipt after that changes nothing.
    const other = await transferIn('awaiting-receipt');
    await applyReceipt(t.gateway.services, target, answer(other, 'rejected'));
    expect(await applyReceipt(t.gateway.services, target, answer(other, 'accepted'))).toBe(false);
    expect((await t.gateway.services.store.getTransfer(other))?.state).toBe('failed');
  });

  it('closes a waiting transfer as before, and leaves a cancelled one alone', async () => {
    const waiting = await transferIn('awaiting-receipt');
    expect(await applyReceipt(t.gateway.services, target, answer(waiting, 'accepted'))).toBe(true);
    expect((await stepsOf(waiting)).at(-1)).toBe('receipt-accepted');
    const cancelled = await transferIn('cancelled');
    for (const outcome of ['accepted', 'rejected'] as const) expect(await applyReceipt(t.gateway.services, target, answer(cancelled, outcome))).toBe(false);
    expect(await t.gateway.services.store.getTransfer(cancelled)).toMatchObject({ state: 'cancelled', receipt: { status: '100' } });
  });
});
