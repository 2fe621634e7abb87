import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MappingError } from '../errors.js';
import { startTestGateway, type TestGateway } from '../../tests/support/gateway.js';
import type { FileCapability } from '../adapters/files/capability.js';
import { renameRule } from '../adapters/files/rules.js';
import { deliveryRequest } from '../adapters/testing/deliveries.js';
import { LocalFileStore } from '../adapters/files/store.js';
import { eventIdFor } from '../adapters/mapping/identifiers.js';
import type { Adapter, NativeInput, ParsedReceipt } from '../adapters/port.js';
import type { CaseEvent, CaseRecord } from '../contract/types.js';
import type { Institution } from '../policy/types.js';
import { readDropFolder } from './drops.js';
import { fileConnection } from './file-connection.js';
import { acceptEvent } from './intake.js';

// The drop folder's hooks (FileDrop: answers, withdraws, respond) on a real store, with a
// system of lines: `RECORD <person>` a record, `EVENT <person>` an event routed to
// be-koeniz, `ANSWER <transfer> <outcome>` an answer to one of ours, `RECALL <delivery>` a
// withdrawal. The folder belongs to be-asi (an NFAM institution of the test registry).

const lines = (inputs: readonly NativeInput[], word: string): string[][] =>
  inputs.flatMap((i) => new TextDecoder().decode(i.content).split('\n')).map((l) => l.trim().split(/\s+/)).filter((l) => l[0] === word);

const record = (person: string): CaseRecord => ({ source: { system: 'nfam', institutionId: 'be-asi', canton: 'BE', localCaseId: `C-${person}`, localPersonId: person } }) as unknown as CaseRecord;

const event = (delivery: string, person: string): CaseEvent => ({
  eventId: eventIdFor('drops-test', delivery, person),
  type: 'case.institution-changed',
  occurredAt: '2026-04-01T10:00:00+02:00',
  source: { system: 'nfam', institutionId: 'be-asi' },
  case: { localCaseId: `C-${person}`, localPersonId: person },
  change: { from: 'be-asi', to: 'be-koeniz', effectiveDate: '2026-04-01' },
  targetInstitutionId: 'be-koeniz',
});

const files: FileCapability = {
  drop: {
    rule: renameRule({ pattern: /\.txt$/, partial: '.part' }),
    answers: (inputs) =>
      lines(inputs, 'ANSWER').map(([, transferId, outcome]) => ({ transferId: transferId!, outcome: outcome as ParsedReceipt['outcome'], status: outcome!, details: { from: 'test' } })),
    withdraws: (inputs) => lines(inputs, 'RECALL').map(([, id]) => id!),
    respond: (inputs, outcome) => (lines(inputs, 'RECALL').length > 0 ? [] : [{ name: `${inputs[0]!.name}.answer`, content: new TextEncoder().encode(JSON.stringify(outcome)) }]),
  },
};

const adapter: Adapter = {
  id: 'nfam',
  title: 'lines',
  capabilities: { read: false, listChanges: false, deliver: false, webhook: false, cannotCarry: [] },
  mapper: {
    toContract: (inputs) => ({ records: lines(inputs, 'RECORD').map(([, p]) => record(p!)), rejections: [] }),
    fromContract: () => [],
    eventsOf: (inputs) => ({ events: lines(inputs, 'EVENT').map(([, p]) => event(inputs[0]!.name, p!)), rejections: [] }),
  },
};

describe('drop folder hooks: answers, withdrawals and the answer a sender expects', () => {
  let t: TestGateway;
  let root: string;
  let store: LocalFileStore;
  let institution: Institution;

  beforeAll(async () => {
    t = await startTestGateway({ name: 'drops-hooks' });
    root = mkdtempSync(path.join(os.tmpdir(), 'passerelle-drops-'));
    mkdirSync(path.join(root, 'in'));
    store = new LocalFileStore(root);
    const asi = t.gateway.services.bundle.institutions.find((i) => i.id === 'be-asi')!;
    institution = { ...asi, settings: { folders: { drop: 'in', outbox: 'out' } } };
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const drop = (name: string, text: string) => writeFileSync(path.join(root, 'in', name), text);
  const read = () => readDropFolder(t.gateway.services, institution, adapter, files, store);
  const transfersOf = async (delivery: string) => t.gateway.services.store.transfersOfDelivery('be-asi', delivery);
  const stepsOf = async (id: string) => (await t.gateway.services.store.auditOfTransfer(id)).map((e) => (e.data as { step?: string }).step).filter(Boolean);
  const move = (id: string, from: 'accepted', to: 'awaiting-receipt' | 'delivered') =>
    t.gateway.services.store.transition(id, [from], to, { receipt: { at: '2026-04-01T10:00:00+02:00', reference: 'r-1', status: 'written' } }, { kind: 'transfer.state', actor: 'test', data: { step: 'test-moved' } });

  it('maps a delivery, each event remembering it, and writes the answer its sender expects into the outbox', async () => {
    drop('msg-1.txt', 'RECORD P1\nEVENT P1\nRECORD P9');
    expect(await read()).toMatchObject({ deliveries: 1, records: 2, events: 1, answers: 0, withdrawn: 0 });
    const [transfer] = await transfersOf('msg-1.txt');
    expect(transfer).toMatchObject({ localPersonId: 'P1', targetInstitutionId: 'be-koeniz', state: 'accepted' });
    const answer = JSON.parse(readFileSync(path.join(root, 'out', 'msg-1.txt.answer'), 'utf8')) as unknown;
    expect(answer).toEqual({ accepted: [{ localPersonId: 'P1', transferIds: [transfer!.id] }, { localPersonId: 'P9', transferIds: [] }], rejections: [] });
    expect(readdirSync(path.join(root, 'in', 'processed'))).toEqual(['msg-1.txt']);
  });

  it('applies the answers a delivery carries to our transfers to its institution, and imports nothing of it', async () => {
    // A transfer to be-asi, from another institution: the answers of be-asi's folder are about it.
    const sent = await acceptEvent(t.gateway.services, { ...event('elsewhere', 'P7'), source: { system: 'nfam', institutionId: 'be-region-mittelland' }, targetInstitutionId: 'be-asi' }, { actor: 'test' });
    const transfer = sent.transfers[0];
    await move(transfer!.id, 'accepted', 'awaiting-receipt');
    drop('ans-1.txt', `ANSWER ${transfer!.id} accepted\nEVENT P2\nRECORD P2`);
    expect(await read()).toMatchObject({ deliveries: 1, records: 0, events: 0, answers: 1, matched: 1 });
    expect(await t.gateway.services.store.getTransfer(transfer!.id)).toMatchObject({ state: 'delivered', receipt: { status: 'accepted', details: { from: 'test' } } });
    expect(await transfersOf('ans-1.txt')).toEqual([]);
    expect(await t.gateway.services.store.sources.snapshot('be-asi', 'P2')).toBeNull();
    expect(readdirSync(path.join(root, 'out'))).toEqual(['msg-1.txt.answer']);
    // An answer naming no transfer of this institution is counted, not matched.
    drop('ans-2.txt', 'ANSWER 6f1f1c84-5b0c-4d8e-9a53-0f6a2b7c9d11 accepted');
    expect(await read()).toMatchObject({ answers: 1, matched: 0 });
  });

  it('a withdrawal cancels what the withdrawn delivery raised and is not final; a delivered one stays delivered with the recall in its audit', async () => {
    drop('msg-3.txt', 'EVENT P3\nEVENT P4\nEVENT P6');
    drop('msg-5.txt', 'EVENT P5');
    await read();
    const [waiting, reached, written] = (await transfersOf('msg-3.txt')).sort((a, b) => a.localPersonId.localeCompare(b.localPersonId));
    await move(reached!.id, 'accepted', 'delivered');
    await move(written!.id, 'accepted', 'awaiting-receipt');
    drop('rec-3.txt', 'RECALL msg-3.txt');
    expect(await read()).toMatchObject({ deliveries: 1, withdrawn: 3 });
    const store = t.gateway.services.store;
    expect(await store.getTransfer(waiting!.id)).toMatchObject({ state: 'cancelled', error: { code: 'transfer.recalled' } });
    expect((await store.getTransfer(waiting!.id))?.error?.message).toContain('before it reached the target');
    expect(await store.getTransfer(written!.id)).toMatchObject({ state: 'cancelled', error: { code: 'transfer.recalled' } });
    expect((await store.getTransfer(written!.id))?.error?.message).toContain('withdraw it');
    expect(await store.getTransfer(reached!.id)).toMatchObject({ state: 'delivered', receipt: { reference: 'r-1' } });
    expect((await stepsOf(waiting!.id)).at(-1)).toBe('recalled');
    expect((await stepsOf(written!.id)).slice(-2)).toEqual(['test-moved', 'recalled-after-delivery']);
    expect((await stepsOf(reached!.id)).slice(-2)).toEqual(['test-moved', 'recalled-after-delivery']);
    // Another delivery's transfer is left alone; the withdrawal answers nothing.
    expect((await transfersOf('msg-5.txt'))[0]?.state).toBe('accepted');
    expect(readdirSync(path.join(root, 'out')).sort()).toEqual(['msg-1.txt.answer', 'msg-3.txt.answer', 'msg-5.txt.answer']);
    // Withdrawn again: nothing left to cancel.
    drop('rec-3b.txt', 'RECALL msg-3.txt');
    expect(await read()).toMatchObject({ deliveries: 1, withdrawn: 0 });
  });

  it('a delivery withdrawn before it came is not imported', async () => {
    drop('rec-6.txt', 'RECALL msg-6.txt');
    await read();
    drop('msg-6.txt', 'RECORD P6\nEVENT P6');
    expect(await read()).toMatchObject({ deliveries: 1, records: 0, events: 0 });
    expect(await transfersOf('msg-6.txt')).toEqual([]);
    expect(await t.gateway.services.store.sources.snapshot('be-asi', 'P6')).toBeNull();
    expect(readdirSync(path.join(root, 'in', 'processed'))).toContain('msg-6.txt');
    expect(readdirSync(path.join(root, 'out'))).not.toContain('msg-6.txt.answer');
    const audit = await t.gateway.services.store.sql.query<{ data: Record<string, unknown> }>("select data from audit_entries where kind = 'file.withdrawn' and data->>'delivery' = 'msg-6.txt' order by id");
    expect(audit.map((a) => a.data)).toEqual([
      { delivery: 'msg-6.txt', withdrawnBy: 'rec-6.txt', cancelled: 0, afterDelivery: 0, flagged: 0 },
      { delivery: 'msg-6.txt', withdrawnBy: 'rec-6.txt', before: 'read' },
    ]);
  });

  it('a writer that fails on a record without what the policy withheld fails the delivery for good, naming the adapter and the categories, and writes nothing', async () => {
    // A writer that takes the responsibility for granted (an adapter not yet fixed for withheld parts).
    const careless: Adapter = { ...adapter, files: { outbox: true }, mapper: { ...adapter.mapper, fromContract: (records) => [{ name: 'x.txt', content: new TextEncoder().encode((records[0]!.responsibility as { phase: string } | undefined)!.phase) }] } };
    const written = (): string[] => readdirSync(root).flatMap((folder) => readdirSync(path.join(root, folder)).map((f) => `${folder}/${f}`));
    const before = written();
    const connection = fileConnection(t.gateway.services, institution, careless, { institutionId: 'be-koeniz', canton: 'BE', settings: {}, now: () => new Date() }, store);
    const request = deliveryRequest(record('P-9'), { transferId: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', sender: 'be-asi', target: 'be-koeniz' });
    request.decision.withheld = [{ category: 'responsibility', reason: 'no-legal-basis' }];
    const error = await connection.deliver(request).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MappingError);
    expect(error).toMatchObject({ code: 'mapping.writer-failed', retryable: false, details: { field: 'record', nativeField: 'nfam' } });
    expect((error as Error).message).toContain('the policy withheld: responsibility');
    expect(written()).toEqual(before);
  });
});
