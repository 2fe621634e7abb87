import { describe, expect, it } from 'vitest';
import { booleanOf, codeList } from './codes.js';
import { Reject } from './reject.js';

const where = { field: 'integrationPlan.measures[0].type', nativeField: 'Massnahme[0]/@Typ' };
const types = codeList({
  codes: { SPRACHKURS: 'language-course', 'COURS-DE': 'language-course', ANDERE: 'other', UEB: 'other' },
  fallback: true,
  meansOther: ['ANDERE'],
});

describe('code lists', () => {
  it('maps listed codes and keeps the native value of a fallback', () => {
    expect(types.decode('SPRACHKURS', where)).toEqual({ value: 'language-course' });
    expect(types.decode('AKTIV-PLUS', where)).toEqual({ value: 'other', nativeCode: 'AKTIV-PLUS' });
    expect(types.decode('UEB', where)).toEqual({ value: 'other', nativeCode: 'UEB' });
    expect(types.decode('ANDERE', where)).toEqual({ value: 'other' });
  });

  it('writes the first native code, the own nativeCode back, a foreign one as its own other', () => {
    expect(types.encode('language-course')).toBe('SPRACHKURS');
    expect(types.encode('other', 'UEB')).toBe('UEB');
    expect(types.encode('other', 'AKTIV-PLUS', false)).toBe('ANDERE');
    expect(types.encode('other')).toBe('ANDERE');
  });

  it('rejects unknown codes of lists without other, and missing required ones', () => {
    const phase = codeList({ codes: { KANT: 'cantonal' } });
    expect(() => phase.decode('XYZ', where)).toThrow(Reject);
    expect(() => phase.decode('', where)).toThrow(/required/);
    expect(phase.decodeOptional(undefined, where)).toBeUndefined();
  });

  it('takes values as they are when the list says so, and ignores case when asked', () => {
    const status = codeList({ codes: { AS: 'N' }, asIs: ['B', 'C'] as const });
    expect(status.value('B', where)).toBe('B');
    const media = codeList({ codes: { PDF: 'application/pdf' }, ignoreCase: true });
    expect(media.value('pdf', where)).toBe('application/pdf');
  });

  it('reads native booleans strictly', () => {
    expect(booleanOf('J', where, ['J'], ['N'])).toBe(true);
    expect(booleanOf('n', where, ['J'], ['N'])).toBe(false);
    expect(booleanOf('', where, ['J'], ['N'])).toBeUndefined();
    expect(() => booleanOf('X', where, ['J'], ['N'])).toThrow(Reject);
  });
});
