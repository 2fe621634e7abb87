import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaseRecord, DeliveryRequest } from '../../src/adapters/sdk.js';
import { adapter } from './index.js';

const FIXTURES = path.resolve(import.meta.dirname, '../nfam/fixtures');
const records = (JSON.parse(readFileSync(path.join(FIXTURES, 'edge.expected.json'), 'utf8')) as CaseRecord[]).map((r) => ({
  ...r,
  source: { ...r.source, extractedAt: '2025-03-03T09:15:22+01:00' },
}));
const ctx = { institutionId: 'x', canton: 'BE', settings: {}, now: () => new Date() };

describe('inbox adapter', () => {
  it('round-trips contract records through NDJSON without loss', () => {
    const native = adapter.mapper.fromContract(records, ctx);
    expect(adapter.mapper.toContract(native, ctx)).toEqual({ records, rejections: [] });
  });

  it('rejects a record that breaks the contract, naming it and the field', () => {
    const bad = { ...records[0]!, person: { ...records[0]!.person, vn: '7566048123773' } };
    const result = adapter.mapper.toContract([{ name: 'x.ndjson', content: new TextEncoder().encode(JSON.stringify(bad)) }], ctx);
    expect(result.records).toEqual([]);
    expect(result.rejections[0]).toMatchObject({ nativeId: 'NFAM-2016-000377', error: { code: 'contract.format', details: { field: 'person.vn' } } });
  });

  it('delivers into the gateway inbox it is given, and is no source', async () => {
    const deposited: DeliveryRequest[] = [];
    const connection = adapter.connect!({
      ...ctx,
      env: {},
      inbox: { deposit: async (r) => (deposited.push(r), { at: 'now', reference: `inbox:${r.transferId}`, status: 'deposited' }) },
    });
    const receipt = await connection.deliver({ transferId: 't-1' } as DeliveryRequest);
    expect(receipt.reference).toBe('inbox:t-1');
    expect(deposited).toHaveLength(1);
    await expect(connection.read({ localCaseId: 'c', localPersonId: 'p' })).rejects.toMatchObject({ code: 'inbox.not-a-source', retryable: false });
  });
});
