/**
 * A native value that cannot become a contract value. Thrown inside an adapter's mapping
 * of one record; `mapRecords` turns it into that record's rejection, naming both sides,
 * while the other records of the same input go on. The message never holds the value.
 */
export class Reject extends Error {
  constructor(
    readonly code: string,
    /** Contract path with indices (`integrationPlan.measures[3].status`). */
    readonly field: string,
    /** Native field as the format names it (`Massnahmen.Status`, `person.ahvn13`). */
    readonly nativeField: string,
    readonly why: string,
  ) {
    super(why);
    this.name = 'Reject';
  }
}

/** Where a native value sits and which contract path it feeds: every helper takes one. */
export interface At {
  field: string;
  nativeField: string;
}

export const at = (field: string, nativeField: string): At => ({ field, nativeField });

/** Extends a location into an item of a list: `at.index(base, 2)` → `base[2]` on both sides. */
export function item(base: At, index: number, nativeIndex: number | null = index): At {
  return {
    field: `${base.field}[${index}]`,
    nativeField: nativeIndex === null ? base.nativeField : `${base.nativeField}[${nativeIndex}]`,
  };
}

/** Goes one field deeper on both sides, native steps joined with `.` (JSON, OData); an empty step stays. */
export function sub(base: At, field: string, nativeField: string): At {
  return { field: join(base.field, field, '.'), nativeField: join(base.nativeField, nativeField, '.') };
}

/**
 * Goes one step down on both sides, native steps joined with `/` as the FORMATs write XML
 * paths (`Dossier/Fallfuehrung/@Stelle`); an empty step stays (an element's own text).
 */
export function down(base: At, field: string, nativeField: string): At {
  return { field: join(base.field, field, '.'), nativeField: join(base.nativeField, nativeField, '/') };
}

const join = (base: string, step: string, separator: string): string => (base === '' ? step : step === '' ? base : `${base}${separator}${step}`);

export function missing(where: At): Reject {
  return new Reject('mapping.required', where.field, where.nativeField, `${where.nativeField} is required (${where.field})`);
}

export function invalid(code: string, where: At, what: string): Reject {
  return new Reject(code, where.field, where.nativeField, `${where.nativeField} ${what} (${where.field})`);
}

/** The value, or a rejection naming the field when it is absent (`null`, `undefined`, blank). */
export function required<T>(value: T | null | undefined, where: At): T {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) throw missing(where);
  return value;
}

/**
 * A value the target's format requires, for a writer. A delivered record lacks what the
 * policy withheld, even parts the contract requires of a source: the write then fails for
 * good naming both sides (`mapping.required`), rather than filling one in.
 */
export function requiredToWrite<T>(value: T | null | undefined, where: At, system: string): T {
  if (value === null || value === undefined) throw invalid('mapping.required', where, `is required by ${system}, and the record has none: withheld or unknown`);
  return value;
}
