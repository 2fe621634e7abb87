/**
 * A page's content as plain data, so that one description gives both the HTML page and
 * the PDF: sections of facts (label and value), tables (caption, header, rows) and text.
 */
export type Block =
  | { kind: 'facts'; rows: readonly (readonly [string, string])[] }
  | { kind: 'table'; caption: string; head: readonly string[]; rows: readonly (readonly string[])[] }
  | { kind: 'text'; text: string }
  | { kind: 'subheading'; text: string };

export interface Section {
  id: string;
  title: string;
  blocks: Block[];
}

/** Labels start with a capital, as a form's do; the catalogue writes field names in lower case for use inside sentences. */
const capital = (label: string): string => label.charAt(0).toLocaleUpperCase() + label.slice(1);

export const facts = (rows: (readonly [string, string | undefined | null | false])[]): Block => ({
  kind: 'facts',
  rows: rows.filter((r): r is readonly [string, string] => typeof r[1] === 'string' && r[1] !== '').map(([label, value]) => [capital(label), value] as const),
});

export const table = (caption: string, head: readonly string[], rows: readonly (readonly string[])[]): Block => ({ kind: 'table', caption, head, rows });
