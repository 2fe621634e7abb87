import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/adapters/sdk.js';
import { envelopeOf, messageOf } from './message.js';
import { toContract } from './to-contract.js';
import { bytes, ctx, edit, HOUSEHOLD, inputs, MINIMAL, RICH, sample, withSettings, type Message } from './test-support.js';
import { thrown } from '../../src/adapters/testing.js';

const header = (m: Message, from: string, to: string): Message => ({ ...m, data: edit(m.data, from, to) });
const refusal = (run: () => unknown): InputError => thrown(InputError, run);

describe('sedex messages: envelope first, then the header (FORMAT "Reading")', () => {
  it('messageOf gives the envelope and header the transport acts on', () => {
    const message = messageOf(inputs(sample(RICH)));
    expect(message.envelope).toEqual({
      messageId: RICH,
      messageType: 2945,
      messageClass: 0,
      senderId: '2-LU-4',
      recipientIds: ['2-BE-11'],
      eventDate: '2026-03-01T00:00:00+01:00',
      messageDate: '2026-03-02T10:31:07+01:00',
    });
    expect(message.header).toMatchObject({
      messageId: RICH,
      senderId: '2-LU-4',
      businessProcessId: '0b9f4c7e-2d1a-4f60-8e3b-7a5c9d2e1f08',
      ourBusinessReferenceId: 'DAF-2018-1174',
      subMessageType: 'case.institution-changed',
      messageDate: '2026-03-02T10:31:07+01:00',
      eventDate: '2026-03-01',
      action: 'new',
      actionCode: '1',
      testDelivery: false,
      responseExpected: true,
    });
    expect(message.trigger).toEqual({ eventId: '3e0a9c61-5b2f-4d8e-a7c4-1f6b0d2e9a35', type: 'case.institution-changed', from: 'lu-daf', to: 'be-integration', effectiveDate: '2026-03-01' });
    expect(messageOf(inputs(sample(HOUSEHOLD))).cases).toEqual(['700231', '700232', '700233'].map((id) => ({ localPersonId: `CT.NE:${id}`, localCaseId: 'SMIG-F-2020-118' })));
  });

  it('reads the files in any order; the envelope alone gives the first look', () => {
    const [envl, data] = inputs(sample(MINIMAL));
    expect(messageOf([data!, envl!]).envelope.messageId).toBe(MINIMAL);
    expect(envelopeOf(envl!)).toMatchObject({ messageType: 2945, messageClass: 0, senderId: '2-SH-2' });
  });

  it.each([
    ['messageId', (m: Message) => header(m, `<eCH-0058:messageId>${MINIMAL}<`, '<eCH-0058:messageId>00000000-0000-4000-8000-000000000000<')],
    ['senderId', (m: Message) => header(m, '<eCH-0058:senderId>2-SH-2<', '<eCH-0058:senderId>2-LU-4<')],
  ])('a header %s that differs from the envelope rejects the whole message', (key, change) => {
    const error = refusal(() => toContract(inputs(change(sample(MINIMAL))), ctx));
    expect(error.code).toBe('sedex.envelope-mismatch');
    expect(error.details).toMatchObject({ nativeField: `eCH-0058:${key}`, messageId: MINIMAL });
  });

  it('another message type is left to its application; the type is a setting', () => {
    const m = sample(MINIMAL);
    const other = { envelope: edit(m.envelope, '>2945<', '>83<'), data: edit(m.data, '>2945<', '>83<') };
    expect(refusal(() => toContract(inputs(other), ctx)).code).toBe('sedex.foreign-message-type');
    expect(toContract(inputs(other), withSettings({ messageType: 83 })).records).toHaveLength(1);
  });

  it('a response (messageClass 1) maps to no records: receipts.ts reads it', () => {
    const m = sample(MINIMAL);
    expect(toContract(inputs({ ...m, envelope: edit(m.envelope, '<eCH-0090:messageClass>0<', '<eCH-0090:messageClass>1<') }), ctx)).toEqual({ records: [], rejections: [] });
  });

  it('a recall (action 3) names the delivery it cancels and maps to no records', () => {
    const referring = header(sample(MINIMAL), '<eCH-0058:messageType>', `<eCH-0058:referenceMessageId>${RICH}</eCH-0058:referenceMessageId><eCH-0058:messageType>`);
    const recall = header(referring, '<eCH-0058:action>1<', '<eCH-0058:action>3<');
    expect(messageOf(inputs(recall)).header).toMatchObject({ action: 'recall', referenceMessageId: RICH });
    expect(toContract(inputs(recall), ctx)).toEqual({ records: [], rejections: [] });
    const bare = header(sample(MINIMAL), '<eCH-0058:action>1<', '<eCH-0058:action>3<');
    expect(refusal(() => messageOf(inputs(bare))).details).toMatchObject({ nativeField: 'eCH-0058:referenceMessageId' });
  });

  it('a correction (action 4) gives the records again, with the same recordIds', () => {
    const original = toContract(inputs(sample(HOUSEHOLD)), ctx).records;
    const m = header(sample(HOUSEHOLD), '<eCH-0058:messageType>', `<eCH-0058:referenceMessageId>${HOUSEHOLD}</eCH-0058:referenceMessageId><eCH-0058:messageType>`);
    const correction = header(m, '<eCH-0058:action>1<', '<eCH-0058:action>4<');
    expect(messageOf(inputs(correction)).header).toMatchObject({ action: 'correction', referenceMessageId: HOUSEHOLD });
    expect(toContract(inputs(correction), ctx).records.map((r) => r.recordId)).toEqual(original.map((r) => r.recordId));
  });

  it('a test delivery imports nothing unless the gateway accepts test deliveries', () => {
    const test = header(sample(MINIMAL), '<eCH-0058:testDeliveryFlag>false<', '<eCH-0058:testDeliveryFlag>1<');
    expect(messageOf(inputs(test)).header.testDelivery).toBe(true);
    expect(toContract(inputs(test), ctx).records).toEqual([]);
    expect(toContract(inputs(test), withSettings({ acceptTestDeliveries: true })).records).toHaveLength(1);
  });

  it('refuses a message without envelope, two data files, or a file of another kind', () => {
    const [envl, data] = inputs(sample(MINIMAL));
    expect(refusal(() => messageOf([data!])).code).toBe('sedex.incomplete-message');
    expect(refusal(() => messageOf([envl!, data!, data!])).code).toBe('sedex.several-messages');
    expect(refusal(() => messageOf([envl!, { name: 'x.xml', content: bytes('<other/>') }])).code).toBe('sedex.not-a-message-file');
  });

  it('refuses a header whose messageDate is no timestamp, naming the field and not the value', () => {
    const bad = header(sample(MINIMAL), '<eCH-0058:messageDate>2026-03-02T09:12:44+01:00<', '<eCH-0058:messageDate>gestern<');
    const error = refusal(() => toContract(inputs(bad), ctx));
    expect(error).toMatchObject({ code: 'sedex.invalid-field', details: { nativeField: 'eCH-0058:messageDate' } });
    expect(error.message).not.toContain('gestern');
  });

  it('refuses a new transfer without cases and an action a transfer cannot have', () => {
    const m = sample(MINIMAL);
    const empty = { ...m, data: m.data.replace(/<ct:caseTransfer>[\s\S]*<\/ct:caseTransfer>/, '') };
    expect(refusal(() => toContract(inputs(empty), ctx)).code).toBe('sedex.missing-body');
    expect(refusal(() => toContract(inputs(header(m, '<eCH-0058:action>1<', '<eCH-0058:action>12<')), ctx)).code).toBe('sedex.unsupported-action');
  });

  it('refuses a DOCTYPE before anything is expanded', () => {
    const m = sample(MINIMAL);
    const evil = { ...m, data: m.data.replace('<ct:delivery', '<!DOCTYPE x [<!ENTITY a "b">]>\n<ct:delivery') };
    expect(refusal(() => toContract(inputs(evil), ctx)).code).toBe('xml.doctype-refused');
  });
});
