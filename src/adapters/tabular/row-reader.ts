import { booleanOf } from '../mapping/codes.js';
import type { OrganisationMap } from '../mapping/organisations.js';
import { required, type At } from '../mapping/reject.js';
import type { CsvRow } from './csv.js';

/** How a table format writes what a row reader reads: its dates, its yes and no. */
export interface RowValues {
  date: (value: string | undefined, where: At) => string | undefined;
  yes: readonly string[];
  no: readonly string[];
}

/**
 * A row of a table read column by column (CSV exports): every value is read with its
 * place, the column on the native side and a contract path on the other. Formats differ
 * in how a column names itself (`Faelle.Phase`, `Status1_von`) and in their dates and
 * yes/no: `where` and `values` say so.
 */
export class RowReader {
  constructor(
    readonly cells: CsvRow,
    private readonly where: (column: string, field: string) => At,
    private readonly values: RowValues,
  ) {}

  at(column: string, field: string): At {
    return this.where(column, field);
  }

  get(column: string): string | undefined {
    return this.cells.get(column);
  }

  need(column: string, field: string): string {
    return required(this.get(column), this.at(column, field));
  }

  date(column: string, field: string): string | undefined {
    return this.values.date(this.get(column), this.at(column, field));
  }

  needDate(column: string, field: string): string {
    return required(this.date(column, field), this.at(column, field));
  }

  yesNo(column: string, field: string): boolean | undefined {
    return booleanOf(this.get(column), this.at(column, field), this.values.yes, this.values.no);
  }

  institution(orgs: OrganisationMap, column: string, field: string): string | undefined {
    return orgs.institution(this.get(column), this.at(column, field));
  }

  needInstitution(orgs: OrganisationMap, column: string, field: string): string {
    return required(this.institution(orgs, column, field), this.at(column, field));
  }
}
