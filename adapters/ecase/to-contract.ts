import { createHash } from 'node:crypto';
import type { MapContext, MapResult, NativeInput, RecordStamp } from '../../src/adapters/sdk.js';
import { at, booleanOf, integer, invalid, mapRecords, OrganisationMap, parseTimestamp, recordIdFor, zurichTimestamp } from '../../src/adapters/sdk.js';
import { assessmentsOf } from './assessments.js';
import type { CsvRow as Cells } from '../../src/adapters/sdk.js';
import { EMPLOYMENT, NO, YES } from './codes.js';
import { readDelivery, type Delivery, type Table } from './delivery.js';
import { consentsOf, documentsOf, journalOf } from './entries.js';
import { Place } from './fields.js';
import type { Tabelle } from './layout.js';
import { nativeFieldOf } from './native-fields.js';
import { personOf, responsibilityOf, splitVerlauf, statusHistoryOf } from './person.js';
import { planOf } from './plan.js';

/** Tables whose rows belong to a Fall by `FallNr`. */
const BY_FALL = ['Verlauf', 'Abklaerungen', 'Ziele', 'Massnahmen', 'Journal', 'Dokumente', 'Einwilligungen'] as const satisfies readonly Tabelle[];

/** A Faelle row to map, or rows that belong to no Fall of the delivery (each such FallNr is reported). */
type Item = { kind: 'fall'; row: Cells } | { kind: 'orphan'; id: string; table: Tabelle; column: string; field: string };

function group(table: Table, column: string): Map<string, Cells[]> {
  const out = new Map<string, Cells[]>();
  for (const row of table.rows) {
    const key = row.get(column) ?? '';
    const rows = out.get(key);
    if (rows) rows.push(row);
    else out.set(key, [row]);
  }
  return out;
}

/** An Ecase delivery (its table files, by name) → one record per Faelle row, in Faelle order. */
export function toContract(inputs: readonly NativeInput[], ctx: MapContext): MapResult {
  const delivery = readDelivery(inputs, ctx);
  const orgs = OrganisationMap.fromSettings(ctx.settings);
  const t = delivery.tables;
  const fallNrs = group(t.Faelle, 'FallNr');
  const persons = group(t.Personen, 'PersonNr');
  const byFall = Object.fromEntries(BY_FALL.map((name) => [name, group(t[name], 'FallNr')])) as Record<(typeof BY_FALL)[number], Map<string, Cells[]>>;
  const skills = group(t.Kompetenzen, 'AbklNr');
  const stamps = new Map<Cells, RecordStamp>();
  // One extraction time per delivery: its tables are one snapshot.
  const extractedAt = zurichTimestamp(ctx.now());

  // One rejection per FallNr (or AbklNr) that names no case: the first table it is found in.
  const orphans = new Map<string, Item>();
  const orphan = (id: string, table: Tabelle, column: string, field: string): void => {
    if (!orphans.has(id)) orphans.set(id, { kind: 'orphan', id, table, column, field });
  };
  for (const name of BY_FALL) {
    for (const [fallNr, rows] of byFall[name]) if (!fallNr || !fallNrs.has(fallNr)) orphan(fallNr || `${name}:${rows[0]!.line}`, name, 'FallNr', 'source.localCaseId');
  }
  const abklNrs = new Set(t.Abklaerungen.rows.map((r) => r.get('AbklNr')));
  for (const [abklNr, rows] of skills) if (!abklNr || !abklNrs.has(abklNr)) orphan(abklNr || `Kompetenzen:${rows[0]!.line}`, 'Kompetenzen', 'AbklNr', 'potentialAssessments');
  const items: Item[] = [...t.Faelle.rows.map((row): Item => ({ kind: 'fall', row })), ...orphans.values()];

  const mapItem = (item: Item): Record<string, unknown> => {
    if (item.kind === 'orphan') throw invalid('mapping.orphan-row', at(item.field, `${item.table}.${item.column}`), 'names no case of this delivery');
    const fall = new Place('Faelle', t.Faelle.header, item.row, '');
    const fallNr = fall.need('FallNr', 'source.localCaseId');
    if ((fallNrs.get(fallNr)?.length ?? 0) > 1) throw invalid('mapping.duplicate', fall.at('FallNr', 'source.localCaseId'), 'appears on more than one Faelle row');
    const personNr = fall.need('PersonNr', 'source.localPersonId');
    const personRows = persons.get(personNr) ?? [];
    if (personRows.length !== 1) {
      const where = at('source.localPersonId', 'Personen.PersonNr');
      throw personRows.length === 0 ? invalid('mapping.required', where, 'has no row for the Fall\'s PersonNr') : invalid('mapping.duplicate', where, 'appears on more than one row');
    }
    const rows = (name: (typeof BY_FALL)[number]): Cells[] => byFall[name].get(fallNr) ?? [];
    const person = personOf(new Place('Personen', t.Personen.header, personRows[0]!, 'person'));
    const verlauf = splitVerlauf(t.Verlauf, rows('Verlauf'));
    stamps.set(item.row, stampOf(fall, delivery, [item.row, personRows[0]!, ...BY_FALL.flatMap(rows)]));
    return {
      contractVersion: '1.0',
      recordId: recordIdFor('ecase', personNr),
      source: {
        system: 'ecase',
        institutionId: ctx.institutionId,
        canton: ctx.canton,
        localCaseId: fallNr,
        localPersonId: personNr,
        extractedAt,
      },
      person,
      residence: { statusHistory: statusHistoryOf(t.Verlauf, verlauf.aufenthalt), asylumDecisionDate: fall.date('Asylentscheid', 'residence.asylumDecisionDate') },
      responsibility: responsibilityOf(fall, t.Verlauf, verlauf.zustaendigkeit, orgs),
      potentialAssessments: assessmentsOf(t, rows('Abklaerungen'), (abklNr) => skills.get(abklNr) ?? [], orgs),
      integrationPlan: planOf(fall, t, rows('Ziele'), rows('Massnahmen'), orgs),
      employment: employmentOf(fall),
      socialAssistance: socialAssistanceOf(fall),
      journal: journalOf(t.Journal, rows('Journal'), orgs),
      documents: documentsOf(t.Dokumente, rows('Dokumente')),
      consents: consentsOf(t.Einwilligungen, rows('Einwilligungen'), orgs),
    };
  };

  return mapRecords(items, mapItem, {
    nativeIdOf: (item) => {
      if (item.kind === 'orphan') return item.id;
      return item.row.get('FallNr') ?? `Faelle:${item.row.line}`;
    },
    nativeFieldOf,
    stampOf: (item) => (item.kind === 'fall' ? stamps.get(item.row) : undefined) ?? { version: '', occurredAt: '' },
  });
}

function employmentOf(fall: Place): Record<string, unknown> | undefined {
  const situation = EMPLOYMENT.valueOptional(fall.get('Erwerb'), fall.at('Erwerb', 'employment.situation'));
  if (situation === undefined) return undefined;
  return {
    situation,
    since: fall.date('Erwerb_seit', 'employment.since'),
    workloadPercent: integer(fall.get('Pensum'), fall.at('Pensum', 'employment.workloadPercent'), { min: 1, max: 100 }),
  };
}

function socialAssistanceOf(fall: Place): Record<string, unknown> | undefined {
  const receives = booleanOf(fall.get('WSH'), fall.at('WSH', 'socialAssistance.receives'), YES, NO);
  return receives === undefined ? undefined : { receives, since: fall.date('WSH_seit', 'socialAssistance.since') };
}

/**
 * The Fall's version (FORMAT.md "Changes"): `Faelle.Mutiert` in Zurich time, which a
 * delta and the next full export carry alike. Without one, a hash of all the Fall's rows
 * stands in, and the delivery's own time is when it changed.
 */
function stampOf(fall: Place, delivery: Delivery, rows: readonly Cells[]): RecordStamp {
  const mutiert = parseTimestamp(fall.get('Mutiert'), fall.at('Mutiert', 'source'));
  if (mutiert !== undefined) return { version: mutiert, occurredAt: mutiert };
  const hash = createHash('sha256');
  for (const row of rows) hash.update(JSON.stringify(row.raw()));
  const [, date = '', time = ''] = /_(\d{8})_(\d{6})$/.exec(delivery.stem) ?? [];
  const exported = parseTimestamp(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)}T${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4)}`, at('source', 'Manifest'));
  return { version: `sha256:${hash.digest('hex')}`, occurredAt: exported ?? '' };
}
