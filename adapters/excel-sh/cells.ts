import { at, decimal, excelDate, integer, invalid, missing, parseBirthDate, percent, type At } from '../../src/adapters/sdk.js';
// Until the lead exports it from sdk.ts, the SDK's workbook module is imported directly.
import { cellDate, cellId, cellNumber, cellTimestamp, type XlsxCell, type XlsxRow } from '../../src/adapters/sdk.js';

/**
 * One row of a sheet, read as the FORMAT says: each value names its native field
 * (`Sheet!Header`) and the contract path it feeds, so a bad one rejects the person.
 */
export class Cells {
  constructor(
    readonly row: XlsxRow,
    readonly date1904: boolean,
  ) {}

  at(header: string, field: string): At {
    return at(field, this.row.field(header));
  }

  cell(header: string): XlsxCell | undefined {
    return this.row.cell(header);
  }

  text(header: string): string | undefined {
    return this.row.text(header);
  }

  has(...headers: string[]): boolean {
    return headers.some((h) => this.row.text(h) !== undefined);
  }

  required(header: string, field: string): string {
    const value = this.text(header);
    if (value === undefined) throw missing(this.at(header, field));
    return value;
  }

  /** Ids typed as numbers or text: integer strings, never `.0` or an exponent. */
  id(header: string, field: string): string | undefined {
    return cellId(this.cell(header), this.at(header, field));
  }

  requiredId(header: string, field: string): string {
    const value = this.id(header, field);
    if (value === undefined) throw missing(this.at(header, field));
    return value;
  }

  date(header: string, field: string): string | undefined {
    return cellDate(this.cell(header), this.date1904, this.at(header, field));
  }

  requiredDate(header: string, field: string): string {
    const value = this.date(header, field);
    if (value === undefined) throw missing(this.at(header, field));
    return value;
  }

  timestamp(header: string, field: string): string {
    const value = cellTimestamp(this.cell(header), this.date1904, this.at(header, field));
    if (value === undefined) throw missing(this.at(header, field));
    return value;
  }

  /**
   * A date of birth: a date serial, or text `yyyy`, `mm.yyyy`, `dd.mm.yyyy`. A serial
   * before 1910 is a year typed into a date cell (1987 is 1905-06-09): rejected, not guessed.
   */
  birthDate(header: string, field: string): string {
    const where = this.at(header, field);
    const cell = this.cell(header);
    if (typeof cell?.value === 'number') {
      const date = excelDate(cell.value, this.date1904, where);
      if (date < '1910-01-01') throw invalid('mapping.invalid-date', where, 'is a number before 1910 (a year typed into a date cell)');
      return date;
    }
    const value = parseBirthDate(this.text(header), where);
    if (value === undefined) throw missing(where);
    return value;
  }

  integer(header: string, field: string, range?: { min?: number; max?: number }): number | undefined {
    const cell = this.cell(header);
    const where = this.at(header, field);
    return integer(typeof cell?.value === 'number' ? cell.value : this.text(header), where, range);
  }

  decimal(header: string, field: string, range?: { min?: number; max?: number }): number | undefined {
    const value = cellNumber(this.cell(header), this.at(header, field));
    return value === undefined ? undefined : decimal(value, this.at(header, field), range);
  }

  /** A percent fraction (`0.8` = 80 %) as an integer percent; typed text `80%` is taken as written. */
  percent(header: string, field: string, min = 0): number | undefined {
    const where = this.at(header, field);
    const value = this.cell(header)?.value;
    if (typeof value === 'boolean') throw invalid('mapping.invalid-number', where, 'is not a percentage');
    if (typeof value === 'string' && value.trim().endsWith('%')) return percent(value, where, { min, max: 100 });
    return percent(value, where, { fraction: true, min, max: 100 });
  }
}
