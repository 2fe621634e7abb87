import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors.js';
import { contractValues, loadCodeLists, type CodeTarget } from './code-lists.js';
import { thrown } from '../testing.js';

const dir = mkdtempSync(path.join(tmpdir(), 'codes-'));
let n = 0;
function file(yaml: string): URL {
  const name = path.join(dir, `codes-${(n += 1)}.yaml`);
  writeFileSync(name, yaml);
  return pathToFileURL(name);
}
const here = { field: 'person.sex', nativeField: 'Geschlecht' };
const refusal = (yaml: string, targets: Record<string, CodeTarget>): ConfigError => thrown(ConfigError, () => loadCodeLists(file(yaml), targets));

describe('loadCodeLists', () => {
  it('gives typed code lists with every CodeListDefinition field', () => {
    const { SEX: sex, STATUS: status, PRECISION: precision } = loadCodeLists(
      file(`
sex:
  codes: { M: male, W: female }
status:
  codes: { 10: N, 99: other, ANDERE: other }
  asIs: [B, C]
  fallback: true
  meansOther: [ANDERE]
  write: { other: 99 }
precision:
  codes: { jour: day, annee: year }
  ignoreCase: true
`),
      { precision: ['day', 'month', 'year'] },
    );
    expect(sex.value('W', here)).toBe('female');
    expect(status.decode('C', here)).toEqual({ value: 'C' });
    expect(status.decode('42', here)).toEqual({ value: 'other', nativeCode: '42' });
    expect(status.decode('ANDERE', here)).toEqual({ value: 'other' });
    expect(status.encode('other')).toBe('99');
    expect(precision.value('JOUR', here)).toBe('day');
  });

  it('reads every scalar as text: a code 01 or NO stays as written', () => {
    const { COUNTRY: country } = loadCodeLists(file('country:\n  codes: { 01: CH, NO: NO, true: XX }\n'), { country: 'string' });
    expect(country.natives()).toEqual(['01', 'NO', 'true']);
    expect(country.value('NO', here)).toBe('NO');
  });

  it('takes a list named after a contract field as holding its values, and names its constant', () => {
    const lists = loadCodeLists(file('measureType:\n  codes: { SPRACHKURS: language-course }\ngender:\n  codes: { W: female }\n'), { gender: 'Sex' });
    expect(lists.MEASURE_TYPE.value('SPRACHKURS', here)).toBe('language-course');
    expect(lists.GENDER.value('W', here)).toBe('female');
    expect(refusal('measureType:\n  codes: { X: femal }\n', {}).message).toContain('list measureType');
  });

  it('fails on reading a conventional list the file does not hold (at the destructuring in codes.ts)', () => {
    const lists = loadCodeLists(file('sex:\n  codes: { M: male }\n'));
    expect(() => lists.PHASE).toThrow('list phase: is missing');
  });

  it('refuses a contract value the contract does not know, naming file, list and value', () => {
    const e = refusal('sex:\n  codes: { M: male, W: femal }\n', { sex: 'Sex' });
    expect(e.code).toBe('adapter.code-list-invalid');
    expect(e.message).toMatch(/codes-\d+\.yaml, list sex: the code "W" is "femal", which is not a value of the contract's list/);
    expect(refusal('level:\n  codes: {}\n  asIs: [A1, D9]\n', { level: 'CefrLevel' }).message).toContain('"D9"');
    expect(refusal('sex:\n  codes: {}\n  write: { neutral: 3 }\n', { sex: 'Sex' }).message).toContain('"neutral"');
  });

  it('refuses a fallback to other for a list without other', () => {
    expect(refusal('phase:\n  codes: { X: federal }\n  fallback: true\n', { phase: 'Phase' }).message).toContain('falls back to other');
  });

  it('refuses lists missing, unknown, or of the wrong shape', () => {
    expect(refusal('sex:\n  codes: { M: male }\n', { sex: 'Sex', phase: 'Phase' }).message).toContain('list phase: is missing');
    expect(refusal('sex:\n  codes: { M: male }\ngender:\n  codes: {}\n', { sex: 'Sex' }).message).toContain('list gender: is no list the adapter reads');
    expect(refusal('sex:\n  codes: { M: male }\n  fallbak: true\n', { sex: 'Sex' }).message).toContain('unknown field fallbak');
    expect(refusal('sex:\n  codes: { M: male }\n  fallback: yes\n', { sex: 'Sex' }).message).toContain('neither true nor false');
    expect(refusal('sex:\n  codes: [M, male]\n', { sex: 'Sex' }).message).toContain('codes is not a mapping');
    expect(refusal('- a\n- b\n', { sex: 'Sex' }).message).toContain('is not a mapping of lists');
    expect(refusal('sex: [\n', { sex: 'Sex' }).message).toContain('is not readable YAML');
  });

  it('takes any text for a list declared as strings', () => {
    const { MEDIA_TYPE: mediaType } = loadCodeLists(file('mediaType:\n  codes: { PDF: application/pdf }\n  ignoreCase: true\n'), { mediaType: 'string' });
    expect(mediaType.value('pdf', here)).toBe('application/pdf');
  });
});

describe('contractValues', () => {
  it('gives a contract enum in the schema’s order', () => {
    expect(contractValues('InstitutionType')).toContain('dpo');
    expect(contractValues('CantonCode')[0]).toBe('AG');
    expect(contractValues('CantonCode')).toHaveLength(26);
  });
});
