import { describe, expect, it } from 'vitest';
import { Reject } from '../mapping/reject.js';
import { parseXml } from './reader.js';
import { attrValue, childRows, childValue, xsBoolean, xsDate, xsDateTime } from './values.js';
import { thrown } from '../testing.js';

const here = { field: 'residence.statusHistory[0].from', nativeField: 'ct:status/@from' };
const doc = parseXml(new TextEncoder().encode('<UE nr=" 7 " leer=" "><Name> Ada </Name><Leer/><Personen><Person/><Person/></Personen></UE>'), { file: 'x.xml' });
const rejects = (fn: () => unknown): Reject => thrown(Reject, fn);

describe('element values', () => {
  it('trims, and takes blank and missing as absent', () => {
    expect(childValue(doc, 'Name')).toBe('Ada');
    expect(childValue(doc, 'Leer')).toBeUndefined();
    expect(childValue(doc, 'Fehlt')).toBeUndefined();
    expect(childValue(undefined, 'Name')).toBeUndefined();
    expect(attrValue(doc, 'nr')).toBe('7');
    expect(attrValue(doc, 'leer')).toBeUndefined();
    expect(attrValue(doc, 'fehlt')).toBeUndefined();
  });

  it('gives a container’s rows, none without the container', () => {
    expect(childRows(doc, 'Personen', 'Person')).toHaveLength(2);
    expect(childRows(doc, 'Dokumente', 'Dokument')).toEqual([]);
  });
});

describe('XML Schema values', () => {
  it('reads xs:date, dropping a time zone', () => {
    expect(xsDate('2024-03-05', here)).toBe('2024-03-05');
    expect(xsDate('2024-03-05+01:00', here)).toBe('2024-03-05');
    expect(xsDate(' ', here)).toBeUndefined();
    expect(rejects(() => xsDate('05.03.2024', here)).why).toContain('xs:date');
  });

  it('reads xs:dateTime with an offset, Z or none (Swiss local), fractions cut', () => {
    expect(xsDateTime('2024-03-05T08:00:00.5Z', here)).toBe('2024-03-05T09:00:00+01:00');
    expect(xsDateTime('2024-07-05T08:00:00', here)).toBe('2024-07-05T08:00:00+02:00');
    expect(rejects(() => xsDateTime('2024-07-05 08:00', here)).why).toContain('xs:dateTime');
  });

  it('reads xs:boolean as true/false or 1/0', () => {
    expect([xsBoolean('true', here), xsBoolean('0', here), xsBoolean(undefined, here)]).toEqual([true, false, undefined]);
    expect(rejects(() => xsBoolean('yes', here)).code).toBe('mapping.invalid-boolean');
  });
});
