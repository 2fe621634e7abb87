import { integer, required, text, xsBoolean, xsDate, type At, type XmlElement } from '../../src/adapters/sdk.js';

// XML Schema values as the data file holds them, each read at its place (`At`, from the
// SDK's `down`): contract path with indices, and the native path as FORMAT.md writes it
// (`ct:residence/ct:status[1]/@from`). Dates, times and booleans are the SDK's `xs*` readers
// (quirks 6 and 7).

export const NS = {
  ct: 'urn:passerelle:xmlns:case-transfer:1',
  ech0058: 'http://www.ech.ch/xmlns/eCH-0058/5',
  ech0044: 'http://www.ech.ch/xmlns/eCH-0044/4',
  ech0090v1: 'http://www.ech.ch/xmlns/eCH-0090/1',
  ech0090v2: 'http://www.ech.ch/xmlns/eCH-0090/2',
} as const;

export function requiredDate(value: string | undefined, where: At): string {
  return required(xsDate(value, where), where);
}

export function requiredFlag(value: string | undefined, where: At): boolean {
  return required(xsBoolean(value, where), where);
}

export function count(value: string | undefined, where: At, range: { min?: number; max?: number } = { min: 0 }): number | undefined {
  return integer(value, where, range);
}

/** An attribute or element text as the contract keeps it: ends trimmed, blank is absent. */
export function value(raw: string | undefined): string | undefined {
  return text(raw);
}

export function requiredValue(raw: string | undefined, where: At): string {
  return required(text(raw), where);
}

/** Text of a child element (CDATA included, ends trimmed). */
export function childText(parent: XmlElement | undefined, local: string): string | undefined {
  return text(parent?.textOf(local));
}
