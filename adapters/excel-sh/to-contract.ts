import { at, mapRecords, missing, OrganisationMap, recordIdFor, Reject, zurichTimestamp, type MapContext, type MapResult, type NativeInput, type RecordStamp } from '../../src/adapters/sdk.js';
import type { XlsxRow } from '../../src/adapters/sdk.js';
import { Cells } from './cells.js';
import { assessmentsOf, consentsOf, documentsOf, journalOf, measuresOf, type Person } from './children.js';
import { ABKLAERUNGEN, DOKUMENTE, EINWILLIGUNGEN, MASSNAHMEN, PERSONEN, VERLAUF, type ChildSheet } from './layout.js';
import { employmentOf, personOf, planOf, residenceOf, responsibilityOf, socialAssistanceOf } from './person.js';
import { readSnapshot, type Snapshot } from './workbook.js';

export const SYSTEM = 'excel-sh';

interface Item {
  snapshot: Snapshot;
  row: XlsxRow;
}

/**
 * Workbooks (`AIS_Fallliste_SH_<date>.xlsx`) → one record per Personen row, in row order,
 * with its child rows joined by Pers-Nr. A defect rejects that person only. Each record
 * carries the snapshot's stamp (`Stand:`) for the events derived by comparing snapshots.
 */
export function toContract(inputs: readonly NativeInput[], ctx: MapContext): MapResult {
  const orgs = OrganisationMap.fromSettings(ctx.settings);
  const extractedAt = zurichTimestamp(ctx.now());
  const items: Item[] = inputs
    .filter((input) => !input.name.startsWith('~$')) // Excel's lock files
    .flatMap((input) => {
      const snapshot = readSnapshot(input);
      return snapshot.persons.map((row) => ({ snapshot, row }));
    });
  return mapRecords(items, (item) => recordOf(item, ctx, orgs, extractedAt), {
    nativeIdOf: ({ row }) => row.text('Pers-Nr') ?? `${PERSONEN} row ${row.row}`,
    nativeFieldOf,
    stampOf: ({ snapshot }) => snapshot.stamp as RecordStamp,
  });
}

function recordOf({ snapshot, row }: Item, ctx: MapContext, orgs: OrganisationMap, extractedAt: string): unknown {
  if (snapshot.stamp instanceof Reject) throw snapshot.stamp;
  const p = new Cells(row, snapshot.date1904);
  const persNr = p.requiredId('Pers-Nr', 'source.localPersonId');
  const childRows = (sheet: ChildSheet): Cells[] => (snapshot.children[sheet].get(persNr) ?? []).map((r) => new Cells(r, snapshot.date1904));
  const documents = documentsOf(childRows(DOKUMENTE));
  const who: Person = { orgs, documentIds: new Set(documents.map((d) => d.id)) };
  const plan = planOf(p, orgs);
  const measures = childRows(MASSNAHMEN);
  if (!plan && measures.length > 0) throw missing(at('integrationPlan.id', `${PERSONEN}!IP-Nr`));
  return {
    contractVersion: '1.0',
    recordId: recordIdFor(SYSTEM, persNr),
    source: {
      system: SYSTEM,
      institutionId: ctx.institutionId,
      canton: ctx.canton,
      localCaseId: p.requiredId('Dossier-Nr', 'source.localCaseId'),
      localPersonId: persNr,
      extractedAt,
    },
    person: personOf(p),
    residence: residenceOf(p),
    responsibility: responsibilityOf(p, orgs),
    potentialAssessments: assessmentsOf(childRows(ABKLAERUNGEN), who),
    integrationPlan: plan && { ...plan, measures: measuresOf(measures, who) },
    employment: employmentOf(p),
    socialAssistance: socialAssistanceOf(p),
    journal: journalOf(childRows(VERLAUF), who),
    documents,
    consents: consentsOf(childRows(EINWILLIGUNGEN), who),
  };
}

// For a contract fault the schema finds (rare: the mapping checks most values itself).
const NATIVE_FIELDS: readonly [string, string][] = [
  ['source.localCaseId', 'Personen!Dossier-Nr'],
  ['source.localPersonId', 'Personen!Pers-Nr'],
  ['person.vn', 'Personen!AHV-Nr'],
  ['person.zemisId', 'Personen!ZEMIS-Nr'],
  ['person.officialName', 'Personen!Name'],
  ['person.firstName', 'Personen!Vorname'],
  ['person.dateOfBirth', 'Personen!Geburtsdatum'],
  ['person.nationality', 'Personen!Nationalität'],
  ['person.languages', 'Personen!Weitere Sprachen'],
  ['person.municipality', 'Personen!Gemeinde'],
  ['person.householdId', 'Personen!Familie'],
  ['residence.statusHistory', 'Personen!Status 1'],
  ['responsibility.caseManagerId', 'Personen!Fallführung'],
  ['integrationPlan.measures', `${MASSNAHMEN}`],
  ['integrationPlan', 'Personen!IP-Nr'],
  ['employment', 'Personen!Erwerbssituation'],
  ['potentialAssessments', ABKLAERUNGEN],
  ['journal', VERLAUF],
  ['documents', DOKUMENTE],
  ['consents', EINWILLIGUNGEN],
];

function nativeFieldOf(field: string): string {
  const plain = field.replace(/\[\d+\]/g, '');
  return NATIVE_FIELDS.find(([prefix]) => plain === prefix || plain.startsWith(`${prefix}.`))?.[1] ?? PERSONEN;
}
