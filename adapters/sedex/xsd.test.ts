import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NativeInput } from '../../src/adapters/sdk.js';
import { fromContract } from './from-contract.js';
import { messageOf } from './message.js';
import { responseMessage } from './response.js';
import { toContract } from './to-contract.js';
import { bytes, ctx, FIXTURES, fixture, inputs, RICH, sample } from './test-support.js';
import { validateXml, type SedexSchema } from './xsd.js';

const shared = path.resolve(import.meta.dirname, '../../../shared');
const samplesDir = existsSync(path.join(shared, 'systems/sedex/samples')) ? path.join(shared, 'systems/sedex/samples') : FIXTURES;
const standardsDir = existsSync(path.join(shared, 'standards')) ? path.join(shared, 'standards') : path.join(FIXTURES, 'standards');
const xmlFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.xml'));
const read = (dir: string, file: string): Uint8Array => new Uint8Array(readFileSync(path.join(dir, file)));

async function expectValid(content: Uint8Array, schema: SedexSchema): Promise<void> {
  expect(await validateXml(content, schema)).toEqual({ valid: true });
}
const schemaOf = (name: string): SedexSchema => (name.startsWith('envl_') ? 'envelope-v1' : name.startsWith('receipt') ? 'receipt-v2' : 'case-transfer');

describe('XSD validation (contracts/xsd)', () => {
  it.each(xmlFiles(samplesDir))('sample %s validates', async (file) => {
    await expectValid(read(samplesDir, file), schemaOf(file));
  });

  it.each(xmlFiles(path.join(FIXTURES, 'answers')))('hand-written answer %s validates', async (file) => {
    await expectValid(read(path.join(FIXTURES, 'answers'), file), schemaOf(file));
  });

  it('the sedex envelope and receipt of the standards validate (eCH-0090 v1)', async () => {
    await expectValid(read(standardsDir, 'envl_4c7e2c28-dfeb-4724-904d-e88dca0d9f0c.xml'), 'envelope-v1');
    await expectValid(read(standardsDir, 'receipt__ID_1_0.xml'), 'receipt-v1');
  });

  it.each(xmlFiles(samplesDir).filter((f) => f.startsWith('data_')))('every file written for the records of %s validates', async (file) => {
    const records = toContract(inputs(sample(file.slice(5, -4))), ctx).records;
    const transfer = fromContract(records, ctx, {
      transferId: '0b9f4c7e-2d1a-4f60-8e3b-7a5c9d2e1f08',
      at: new Date('2026-03-02T09:31:07Z'),
      event: { eventId: '3e0a9c61-5b2f-4d8e-a7c4-1f6b0d2e9a35', type: 'case.institution-changed', change: { from: 'lu-daf', to: 'be-integration', effectiveDate: '2026-03-01' } },
    });
    const exported = fromContract(records, ctx);
    const answers = [
      responseMessage(messageOf(transfer), [{ localPersonId: records[0]!.source.localPersonId, result: 'accepted', receiverCaseId: 'BE-1' }], ctx, new Date('2026-03-03T07:00:00Z')),
      responseMessage(messageOf(transfer), [{ localPersonId: records[0]!.source.localPersonId, result: 'rejected', reason: 'mapping.required: person.sex (eCH-0044:sex)' }], ctx, new Date('2026-03-03T07:00:00Z')),
      responseMessage(messageOf(transfer), [], ctx, new Date('2026-03-03T07:00:00Z')),
    ];
    const written: NativeInput[] = [...transfer, ...exported, ...answers.flat()];
    await Promise.all(written.map((f) => expectValid(f.content, schemaOf(f.name))));
  });

  it('names line, element, attribute and rule, never the text content', async () => {
    const data = sample(RICH)
      .data.replace('bfsNumber="1061"', 'bfsNumber="Geheim1061"')
      .replace('<eCH-0044:sex>1<', '<eCH-0044:sex>Geheim<')
      .replace('<ct:arrivalDate>2018-12-03<', '<ct:arrivalDate>Geheim-12-03<')
      .replace('<ct:title>Deutsch A1–B1 Intensiv</ct:title>', '');
    const result = await validateXml(bytes(data), 'case-transfer');
    expect(result.valid).toBe(false);
    if (result.valid) return;
    expect(result.errors).toEqual([
      { line: 45, element: 'eCH-0044:sex', rule: "[facet 'enumeration'] The value '…' is not an element of the set {'1', '2', '3'}." },
      { line: 54, element: 'ct:municipality', attribute: 'bfsNumber', rule: "'…' is not a valid value of the local atomic type." },
      { line: 55, element: 'ct:arrivalDate', rule: "'…' is not a valid value of the atomic type 'xs:date'." },
      { line: 87, element: 'ct:providerName', rule: 'This element is not expected. Expected is ( ct:title ).' },
    ]);
    expect(JSON.stringify(result.errors)).not.toContain('Geheim');
  });

  it('refuses a document of another root, or one not well-formed, without reading its content', async () => {
    expect(await validateXml(bytes(fixture(`envl_${RICH}.xml`)), 'receipt-v2')).toEqual({
      valid: false,
      errors: [{ line: 2, element: 'eCH-0090:envelope', rule: 'the root element is not eCH-0090:receipt' }],
    });
    const broken = await validateXml(bytes('<a>\n<b>Geheim</c></a>'), 'envelope-v1');
    expect(broken).toMatchObject({ valid: false, errors: [{ line: 2, rule: 'not well-formed XML (xml.malformed)' }] });
    expect(JSON.stringify(broken)).not.toContain('Geheim');
  });
});
