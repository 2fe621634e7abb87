import { describe, expect, it } from 'vitest';
import { InputError, type MapContext, type NativeInput } from '../../src/adapters/sdk.js';
import { fromContract } from './from-contract.js';
import { messageIdFor } from './ids.js';
import { messageOf } from './message.js';
import { receipts, statusOf } from './receipts.js';
import { reasonOf, responseMessage } from './response.js';
import { toContract } from './to-contract.js';
import { bytes, ctx, fixture, inputs, RICH, sample, withSettings } from './test-support.js';
import { expectMatchesOnly } from '../../src/adapters/testing.js';

const TRANSFER = '0b9f4c7e-2d1a-4f60-8e3b-7a5c9d2e1f08';
const MESSAGE = messageIdFor(TRANSFER);
const answer = (file: string): NativeInput => ({ name: file, content: bytes(fixture(`answers/${file}`)) });
const parse = (file: string, c: MapContext = ctx) => receipts.parse(answer(file), c);

describe('sedex receipts (eCH-0090 v2) and reports (FORMAT "Receipt")', () => {
  it('matches the files of the receipts folder', () => {
    expectMatchesOnly(receipts, [`receipt_${MESSAGE}.xml`, `receipts/receipt_${MESSAGE}.xml`], [`envl_${MESSAGE}.xml`, `data_${MESSAGE}.xml`]);
  });

  it('statusCode 100 delivers the transfer the messageId stands for', () => {
    expect(parse(`receipt_${MESSAGE}.xml`)).toEqual([
      {
        transferId: TRANSFER,
        outcome: 'accepted',
        status: '100',
        details: { meaning: 'delivered', messageId: MESSAGE, recipientId: '2-BE-11', eventDate: '2026-03-02T10:33:51+01:00', statusInfo: 'Message correct transmitted' },
      },
    ]);
  });

  it('601 (sent) and 403 (retried by the client) are interim; 310 fails the transfer', () => {
    expect(parse(`receipt_${MESSAGE}_601.xml`)[0]).toMatchObject({ transferId: TRANSFER, outcome: 'interim', status: '601', details: { meaning: 'sent', eventDate: '2026-03-02T11:31:40+01:00' } });
    expect(parse(`receipt_${MESSAGE}_403.xml`)[0]).toMatchObject({ outcome: 'interim', status: '403', details: { meaning: 'retry' } });
    expect(parse(`receipt_${MESSAGE}_310.xml`)[0]).toMatchObject({ outcome: 'rejected', status: '310', nativeField: 'eCH-0090:statusCode', details: { meaning: 'failed' } });
  });

  it('classifies every status code as the FORMAT says', () => {
    const outcome = (codes: number[]) => [...new Set(codes.map((c) => `${statusOf(c).outcome}/${statusOf(c).meaning}`))];
    expect(outcome([100])).toEqual(['accepted/delivered']);
    expect(outcome([601, 701])).toEqual(['interim/sent', 'interim/expires-soon']);
    expect(outcome([400, 401, 402, 403, 404, 501])).toEqual(['interim/retry']);
    expect(outcome([200, 201, 202, 203, 204, ...Array.from({ length: 14 }, (_, i) => 300 + i), 330])).toEqual(['rejected/failed']);
    expect(outcome([205, 314, 405, 500, 999])).toEqual(['interim/unknown']);
  });

  it('ignores receipts of other applications, of our responses and of messages not ours', () => {
    expect(parse('receipt_other-application.xml')).toEqual([]);
    const response = fixture(`answers/receipt_${MESSAGE}.xml`).replace('<messageClass>0<', '<messageClass>1<');
    expect(receipts.parse({ name: 'receipt_r.xml', content: bytes(response) }, ctx)).toEqual([]);
    expect(receipts.parse({ name: 'receipt__ID_1_0.xml', content: bytes(fixture('standards/receipt__ID_1_0.xml')) }, withSettings({ messageType: 94 }))).toEqual([]);
  });

  it('reads the receiving gateway\'s positive and negative reports (messageClass 1) as receipts', () => {
    expect(parse('data_8d3f6a21-4c7e-4b95-9e0a-2f1d7c6b5a43.xml')).toEqual([
      {
        transferId: TRANSFER,
        outcome: 'accepted',
        status: 'accepted',
        reference: 'BE-INT-2026-0042',
        details: { action: 'positive-report', messageId: '8d3f6a21-4c7e-4b95-9e0a-2f1d7c6b5a43', localPersonId: 'CT.LU:88231' },
      },
    ]);
    expect(parse('data_c61e0b7a-93d2-4f58-a1c4-7e5b2d9f0a16.xml')).toEqual([
      {
        transferId: TRANSFER,
        outcome: 'rejected',
        status: 'rejected',
        nativeField: 'ct:responsibility/@phase',
        details: { action: 'negative-report', messageId: 'c61e0b7a-93d2-4f58-a1c4-7e5b2d9f0a16', localPersonId: 'CT.LU:88231', reason: 'mapping.unknown-code: responsibility.phase (ct:responsibility/@phase)' },
      },
    ]);
    expect(receipts.parse(inputs(sample(RICH))[1]!, ctx)).toEqual([]);
  });

  it('refuses a file that is no receipt', () => {
    expect(() => receipts.parse({ name: 'receipt_x.xml', content: bytes('<other/>') }, ctx)).toThrow(InputError);
  });
});

describe('the receiving gateway\'s answer (responseMessage)', () => {
  const TO_BE = withSettings({ participantId: '2-BE-11' });
  const sent = () => fromContract(toContract(inputs(sample(RICH)), ctx).records, withSettings({ recipientId: '2-BE-11' }), { transferId: TRANSFER, at: new Date('2026-03-02T09:31:07Z') });

  it('answers a positive report the sender maps back to its transfer', () => {
    const received = messageOf(sent());
    const files = responseMessage(received, [{ localPersonId: 'CT.LU:88231', result: 'accepted', receiverCaseId: 'BE-INT-2026-0042' }], TO_BE, new Date('2026-03-03T07:02:11Z'));
    expect(files.map((f) => f.name.slice(0, 5))).toEqual(['data_', 'envl_']);
    const response = messageOf(files);
    expect(response.envelope).toMatchObject({ messageClass: 1, referenceMessageId: MESSAGE, senderId: '2-BE-11', recipientIds: ['2-LU-4'] });
    expect(response.header).toMatchObject({ action: 'positive-report', referenceMessageId: MESSAGE, businessProcessId: TRANSFER, yourBusinessReferenceId: 'DAF-2018-1174' });
    expect(receipts.parse(files[0]!, ctx)).toMatchObject([{ transferId: TRANSFER, outcome: 'accepted', reference: 'BE-INT-2026-0042' }]);
    expect(toContract(files, ctx)).toEqual({ records: [], rejections: [] });
    expect(responseMessage(received, [{ localPersonId: 'CT.LU:88231', result: 'accepted' }], TO_BE, new Date('2026-03-03T07:02:11Z'))[0]!.name).toBe(files[0]!.name);
  });

  it('answers a negative report with a reason made of the rejection\'s code and fields', () => {
    const m = sample(RICH);
    const bad = { ...m, data: m.data.replace('phase="cantonal"', 'phase="kommunal"') };
    const [rejection] = toContract(inputs(bad), ctx).rejections;
    const reason = reasonOf(rejection!);
    expect(reason).toBe('mapping.unknown-code: responsibility.phase (ct:responsibility/@phase)');
    const files = responseMessage(messageOf(inputs(bad)), [{ localPersonId: rejection!.nativeId, result: 'rejected', reason }], TO_BE, new Date('2026-03-03T07:02:11Z'));
    expect(messageOf(files).header.action).toBe('negative-report');
    expect(messageOf(files).results).toEqual([{ localPersonId: 'CT.LU:88231', result: 'rejected', reason }]);
  });

  it('answers as the message\'s only recipient when the gateway\'s own id is not set', () => {
    const files = responseMessage(messageOf(sent()), [], ctx, new Date('2026-03-03T07:02:11Z'));
    expect(messageOf(files)).toMatchObject({ envelope: { senderId: '2-BE-11' }, header: { action: 'negative-report' }, results: [] });
  });
});
