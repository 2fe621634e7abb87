import type { At, CodeList, Notation } from '../../src/adapters/sdk.js';
import { at, parseBirthDate, parseDate, parseTimestamp, RowReader } from '../../src/adapters/sdk.js';
import type { CsvRow as Cells } from '../../src/adapters/sdk.js';
import { NO, YES } from './codes.js';
import { column, type Group } from './layout.js';

// CM-T writes Swiss dates only, as Excel leaves them (quirk 3): `3.7.2023`, `3.7.2023 7:05`;
// an ISO date is not CM-T's and is malformed here.
const DMY: Notation = { shape: /^\d{1,2}\.\d{1,2}\.\d{4}$/, says: 'a date (d.m.yyyy)' };
const BIRTH: Notation = { shape: /^(?:\d{1,2}\.){0,2}\d{4}$/, says: 'a date of birth (d.m.yyyy, m.yyyy or yyyy)' };
const LOCAL: Notation = { shape: /^\d{1,2}\.\d{1,2}\.\d{4} \d{1,2}:\d{2}(?::\d{2})?$/, says: 'a time (d.m.yyyy H:MM)' };

export const dateOf = (value: string | undefined, where: At): string | undefined => parseDate(value, where, { notation: DMY });
export const birthDateOf = (value: string | undefined, where: At): string | undefined => parseBirthDate(value, where, { notation: BIRTH });
export const timeOf = (value: string | undefined, where: At): string | undefined => parseTimestamp(value, where, { notation: LOCAL });

/** The row, read by column; every `At` names the column (the header) and the contract path. */
export class Row extends RowReader {
  constructor(cells: Cells) {
    super(cells, (column, field) => at(field, column), { date: dateOf, yes: YES, no: NO });
  }

  label<C extends string>(list: CodeList<C>, column: string, field: string): C | undefined {
    return list.valueOptional(this.get(column), this.at(column, field));
  }

  needLabel<C extends string>(list: CodeList<C>, column: string, field: string): C {
    return list.value(this.get(column), this.at(column, field));
  }

  /** A group slot is there when any of its cells is filled (quirk 4). */
  filled(g: Group, slot: number): boolean {
    return g.cells.some((c) => this.get(column(g, slot, c)) !== undefined);
  }

  /** The filled slots of a group, in slot order (gaps skipped). */
  slots(g: Group): number[] {
    return Array.from({ length: g.slots }, (_, i) => i + 1).filter((slot) => this.filled(g, slot));
  }
}
