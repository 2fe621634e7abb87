import { describe, expect, it } from 'vitest';
import { ConfigError, MappingError, type CaseRecord } from '../../src/adapters/sdk.js';
import { fromContract, type SedexDelivery } from './from-contract.js';
import { messageIdFor, transferIdOfMessage } from './ids.js';
import { messageOf } from './message.js';
import { toContract } from './to-contract.js';
import { ctx, HOUSEHOLD, inputs, RICH, sample, textOf, withSettings } from './test-support.js';
import { thrown } from '../../src/adapters/testing.js';

const TRANSFER = '0b9f4c7e-2d1a-4f60-8e3b-7a5c9d2e1f08';
const delivery: SedexDelivery = {
  transferId: TRANSFER,
  at: new Date('2026-03-02T09:31:07Z'),
  event: { eventId: '3e0a9c61-5b2f-4d8e-a7c4-1f6b0d2e9a35', type: 'case.institution-changed', change: { from: 'lu-daf', to: 'be-integration', effectiveDate: '2026-03-01' } },
};
const richRecord = (): CaseRecord => structuredClone(toContract(inputs(sample(RICH)), ctx).records[0]!);
const withoutTime = (records: CaseRecord[]) => records.map(({ source: { extractedAt: _e, ...source }, ...r }) => ({ ...r, source }));
const fails = (run: () => unknown): MappingError => thrown(MappingError, run);

describe('contract → sedex message (FORMAT "Writing")', () => {
  it('writes data_<messageId>.xml, then envl_<messageId>.xml, the messageId derived from the transfer id', () => {
    const files = fromContract([richRecord()], ctx, delivery);
    const messageId = messageIdFor(TRANSFER);
    expect(files.map((f) => f.name)).toEqual([`data_${messageId}.xml`, `envl_${messageId}.xml`]);
    expect(messageId).not.toBe(TRANSFER);
    expect(transferIdOfMessage(messageId)).toBe(TRANSFER);
    expect(fromContract([richRecord()], ctx, delivery)).toEqual(files);
  });

  it('fills the header as the FORMAT says and addresses the target through the participants table', () => {
    const message = messageOf(fromContract([richRecord()], withSettings({ participants: { '2-LU-4': { 'lu-daf': 'LU' }, '2-BE-11': { 'be-integration': 'BE' } } }), delivery).reverse());
    expect(message.envelope).toMatchObject({ messageType: 2945, messageClass: 0, senderId: '2-LU-4', eventDate: '2026-03-01T00:00:00+01:00', messageDate: '2026-03-02T10:31:07+01:00' });
    expect(message.header).toMatchObject({
      businessProcessId: TRANSFER,
      ourBusinessReferenceId: 'DAF-2018-1174',
      subMessageType: 'case.institution-changed',
      eventDate: '2026-03-01',
      action: 'new',
      testDelivery: false,
      responseExpected: true,
    });
    expect(message.trigger).toEqual({ eventId: delivery.event!.eventId, type: 'case.institution-changed', from: 'lu-daf', to: 'be-integration', effectiveDate: '2026-03-01' });
  });

  it('takes the recipient from the delivery, else settings.recipientId, else the target institution\'s participant', () => {
    const recipient = (c = ctx, d: SedexDelivery = delivery) => messageOf(fromContract([richRecord()], c, d)).envelope.recipientIds;
    expect(recipient()).toEqual(['2-LU-4']);
    expect(recipient(withSettings({ recipientId: '2-BE-11' }))).toEqual(['2-BE-11']);
    expect(recipient(ctx, { ...delivery, recipientId: '2-VD-8' })).toEqual(['2-VD-8']);
    expect(() => fromContract([richRecord()], { ...ctx, institutionId: 'be-integration' }, delivery)).toThrow(ConfigError);
  });

  it('writes a household as one message that reads back as the same records', () => {
    const records = toContract(inputs(sample(HOUSEHOLD)), ctx).records;
    const again = toContract(fromContract(records, ctx, delivery), ctx);
    expect(again.rejections).toEqual([]);
    expect(withoutTime(again.records)).toEqual(withoutTime(records));
    expect(again.records[0]!.source.extractedAt).toBe('2026-03-02T10:31:07+01:00');
  });

  it('says what eCH-0044 cannot: sex other is written as 3, read back as unknown', () => {
    const record = richRecord();
    record.person.sex = 'other';
    expect(textOf(fromContract([record], ctx, delivery)[0]!)).toContain('<eCH-0044:sex>3</eCH-0044:sex>');
    expect(toContract(fromContract([record], ctx, delivery), ctx).records[0]!.person.sex).toBe('unknown');
  });

  it('leaves out residence.asylumApplicationDate, which the schema has no place for', () => {
    const record = richRecord();
    record.residence.asylumApplicationDate = '2018-12-04';
    expect(toContract(fromContract([record], ctx, delivery), ctx).records[0]!.residence).not.toHaveProperty('asylumApplicationDate');
  });

  it('writes nativeCodes with the other they belong to', () => {
    const record = richRecord();
    record.residence.statusHistory[2] = { status: 'other', nativeCode: 'Ci', from: '2024-05-21' };
    record.integrationPlan!.measures![0] = { ...record.integrationPlan!.measures![0]!, financedBy: 'other', nativeCode: 'STIFTUNG' };
    record.documents![0] = { ...record.documents![0]!, kind: 'other', nativeCode: 'VOLLMACHT' };
    const data = textOf(fromContract([record], ctx, delivery)[0]!);
    expect(data).toContain('<ct:status code="other" nativeCode="Ci" from="2024-05-21"/>');
    const back = toContract(fromContract([record], ctx, delivery), ctx).records[0]!;
    expect(back.integrationPlan!.measures![0]).toMatchObject({ type: 'language-course', financedBy: 'other', nativeCode: 'STIFTUNG' });
    expect(back.documents![0]).toMatchObject({ kind: 'other', nativeCode: 'VOLLMACHT' });
  });

  it('a record of another system keeps its id under a personIdCategory (CT.<canton> unless configured)', () => {
    const record = richRecord();
    record.source = { ...record.source, system: 'tutoris', localPersonId: '88231' };
    expect(toContract(fromContract([record], ctx, delivery), ctx).records[0]!.source.localPersonId).toBe('CT.LU:88231');
    const configured = withSettings({ personIdCategory: 'LU.DAF' });
    expect(toContract(fromContract([record], configured, delivery), configured).records[0]!.source.localPersonId).toBe('LU.DAF:88231');
  });

  it('keeps text with line breaks and markup characters', () => {
    const record = richRecord();
    record.journal![0]!.text = 'Zeile 1 <b> & "x"\nZeile 2';
    expect(toContract(fromContract([record], ctx, delivery), ctx).records[0]!.journal![0]!.text).toBe('Zeile 1 <b> & "x"\nZeile 2');
  });

  it('refuses what the format cannot say, naming the contract path', () => {
    const fractional = richRecord();
    fractional.potentialAssessments![1]!.workExperience![1]!.years = 1.5;
    expect(fails(() => fromContract([fractional], ctx, delivery)).details).toMatchObject({ field: 'potentialAssessments[1].workExperience[1].years', nativeId: 'DAF-2018-1174' });
    const long = richRecord();
    long.person.officialName = 'N'.repeat(101);
    const error = fails(() => fromContract([long], ctx, delivery));
    expect(error).toMatchObject({ code: 'mapping.too-long' });
    expect(error.details).toMatchObject({ field: 'person.officialName', nativeField: 'eCH-0044:officialName' });
    expect(error.message).not.toContain('NNNN');
  });

  it('refuses a record whose institution no participant sends for, unless the gateway has its own id', () => {
    const record = richRecord();
    record.source.institutionId = 'lu-elsewhere';
    expect(fails(() => fromContract([record], ctx, delivery)).details).toMatchObject({ field: 'source.institutionId', nativeField: 'eCH-0058:senderId' });
    expect(messageOf(fromContract([record], withSettings({ participantId: '2-LU-9' }), delivery)).envelope.senderId).toBe('2-LU-9');
  });

  it('without a delivery, names the message after its records and dates it by the clock', () => {
    const files = fromContract([richRecord()], ctx);
    const message = messageOf(files);
    expect(message.header.businessProcessId).toBeUndefined();
    expect(message.header.messageDate).toBe('2026-01-15T11:00:00+01:00');
    expect(fromContract([], ctx)).toEqual([]);
  });
});
