import { createHash } from 'node:crypto';
import type { MapContext, MapEachOptions, MapResult, NativeInput, RecordStamp } from '../../src/adapters/sdk.js';
import { ahv13, InputError, instantKey, invalid, list, mapRecords, ordered, OrganisationMap, parseTimestamp, percent, readCsv, recordIdFor, required, SORTING, zemis, zurichTimestamp } from '../../src/adapters/sdk.js';
import { misfit, type CsvRow as Cells } from '../../src/adapters/sdk.js';
import * as codes from './codes.js';
import { birthDateOf, Row } from './fields.js';
import { assessmentsOf, consentsOf, documentsOf, journalOf, planOf, type RowEnv } from './groups.js';
import { column, DOK, HEADER, STATUS, timeOfName, VORHER } from './layout.js';
import { nativeFieldOf } from './native-fields.js';

export const READ = { encoding: 'windows-1252' } as const;

/** A header that lacks a column of the layout is refused as a whole: every row would lose it. */
export function checkHeader(header: readonly string[], file: string): void {
  const absent = HEADER.find((c) => !header.includes(c));
  if (absent) throw new InputError('cm-t.column-missing', `${file}: has no column ${absent}`, { field: 'file', file, nativeField: absent }, 422);
}

/**
 * How each row of one file maps: the same for the whole file read at once (`toContract`)
 * and for a file streamed row by row (`streamExport`).
 */
export function rowMapper(header: readonly string[], file: string, ctx: MapContext): { map: (cells: Cells) => Record<string, unknown>; options: MapEachOptions<Cells> } {
  checkHeader(header, file);
  const orgs = OrganisationMap.fromSettings(ctx.settings);
  const named = timeOfName(file);
  const exported = named === undefined ? undefined : parseTimestamp(named, SORTING);
  // One extraction time per file: the rows are one snapshot.
  const extractedAt = zurichTimestamp(ctx.now());
  const stamps = new WeakMap<Cells, RecordStamp>();
  const map = (cells: Cells): Record<string, unknown> => {
    const draft = mapRow(cells, header, orgs, ctx, extractedAt);
    stamps.set(cells, stampOf(cells, draft, exported));
    return draft;
  };
  return {
    map,
    options: {
      nativeIdOf: (cells) => cells.get('Personen-ID') ?? `row ${cells.line}`,
      nativeFieldOf,
      stampOf: (cells) => stamps.get(cells) ?? { version: '', occurredAt: '' },
    },
  };
}

/** `CMT_Export_<yyyyMMdd>.csv` (or an import written back) → one record per row, in row order. */
export function toContract(inputs: readonly NativeInput[], ctx: MapContext): MapResult {
  const results = inputs.map((input) => {
    const csv = readCsv(input.content, { file: input.name, ...READ });
    const { map, options } = rowMapper(csv.header, input.name, ctx);
    return mapRecords(
      csv.rows.map((r) => r),
      map,
      options,
    );
  });
  return {
    records: results.flatMap((r) => r.records),
    rejections: results.flatMap((r) => r.rejections),
    stamps: results.flatMap((r) => r.stamps ?? []),
  };
}

function mapRow(cells: Cells, header: readonly string[], orgs: OrganisationMap, ctx: MapContext, extractedAt: string): Record<string, unknown> {
  const off = misfit(cells, header);
  if (off) throw invalid('mapping.malformed-row', { field: 'source', nativeField: off.column }, off.surplus ? 'has more cells than the header has columns' : 'is missing: the row has fewer cells than the header');
  const row = new Row(cells);
  const personId = row.need('Personen-ID', 'source.localPersonId');
  const fallNr = row.need('Fall-Nr', 'source.localCaseId');
  const docs = new Set(row.slots(DOK));
  const env: RowEnv = { row, fallNr, docs, orgs, ctx };
  const gemeinde = row.get('Gemeinde');
  const bfs = gemeinde === undefined ? undefined : codes.MUNICIPALITY[gemeinde];
  if (gemeinde !== undefined && bfs === undefined) throw invalid('mapping.unknown-code', row.at('Gemeinde', 'person.municipality'), 'is not a commune of the table');
  const first = row.label(codes.LANGUAGE, 'Muttersprache', 'person.languages[0].code');
  const offset = first === undefined ? 0 : 1;
  const others = list(row.get('Weitere Sprachen')).map((label, i) => codes.LANGUAGE.value(label, row.at('Weitere Sprachen', `person.languages[${i + offset}].code`)));
  const dob = row.at('Geburtsdatum', 'person.dateOfBirth');
  return {
    contractVersion: '1.0',
    recordId: recordIdFor('cm-t', personId),
    source: { system: 'cm-t', institutionId: ctx.institutionId, canton: ctx.canton, localCaseId: fallNr, localPersonId: personId, extractedAt },
    person: {
      vn: ahv13(row.get('AHV-Nr'), row.at('AHV-Nr', 'person.vn')),
      zemisId: zemis(row.get('ZEMIS-Nr'), row.at('ZEMIS-Nr', 'person.zemisId')),
      officialName: row.need('Name', 'person.officialName'),
      firstName: row.need('Vorname', 'person.firstName'),
      sex: row.needLabel(codes.SEX, 'Geschlecht', 'person.sex'),
      dateOfBirth: required(birthDateOf(row.get('Geburtsdatum'), dob), dob),
      nationality: row.label(codes.COUNTRY, 'Nationalität', 'person.nationality'),
      languages: [...(first === undefined ? [] : [{ code: first, isFirstLanguage: true }]), ...others.map((code) => ({ code, isFirstLanguage: false }))],
      municipality: bfs === undefined ? undefined : { bfsNumber: bfs, name: gemeinde },
      arrivalDate: row.date('Einreise', 'person.arrivalDate'),
    },
    residence: { statusHistory: statusHistoryOf(row), asylumDecisionDate: row.date('Asylentscheid', 'residence.asylumDecisionDate') },
    responsibility: responsibilityOf(row, orgs),
    potentialAssessments: assessmentsOf(env),
    integrationPlan: planOf(env),
    employment: employmentOf(row),
    journal: journalOf(env),
    documents: documentsOf(env),
    consents: consentsOf(env),
  };
}

/** Status groups, by `_von` (the slots are in no order, quirk 4). */
function statusHistoryOf(row: Row): Record<string, unknown>[] {
  const filled = row.slots(STATUS);
  if (filled.length === 0) throw invalid('mapping.required', row.at('Status1', 'residence.statusHistory'), 'is required: the row has no status group');
  return ordered(filled, SORTING, { keyOf: (s) => row.date(column(STATUS, s, '_von'), ''), unreadable: 'first' }).map(({ value: s }, i) => {
    const base = `residence.statusHistory[${i}]`;
    const status = codes.STATUS.decode(row.get(column(STATUS, s, '')), row.at(column(STATUS, s, ''), `${base}.status`));
    return { status: status.value, nativeCode: status.nativeCode, from: row.needDate(column(STATUS, s, '_von'), `${base}.from`), to: row.date(column(STATUS, s, '_bis'), `${base}.to`) };
  });
}

function responsibilityOf(row: Row, orgs: OrganisationMap): Record<string, unknown> {
  const previous = VORHER.some((c) => row.get(c) !== undefined);
  const login = row.get('Fallführung');
  return {
    phase: row.needLabel(codes.PHASE, 'Phase', 'responsibility.phase'),
    institutionId: row.needInstitution(orgs, 'Stelle', 'responsibility.institutionId'),
    // A Windows login `KTGL\kif03`: the account is the pseudonymous id, the domain is not (quirk 10).
    caseManagerId: login?.split('\\').at(-1) || undefined,
    since: row.needDate('Zuständig_seit', 'responsibility.since'),
    history: previous
      ? [
          {
            phase: row.needLabel(codes.PHASE, 'Vorher_Phase', 'responsibility.history[0].phase'),
            institutionId: row.needInstitution(orgs, 'Vorher_Stelle', 'responsibility.history[0].institutionId'),
            from: row.needDate('Vorher_von', 'responsibility.history[0].from'),
            to: row.needDate('Vorher_bis', 'responsibility.history[0].to'),
          },
        ]
      : [],
  };
}

function employmentOf(row: Row): Record<string, unknown> | undefined {
  const situation = row.label(codes.EMPLOYMENT, 'Erwerbssituation', 'employment.situation');
  if (situation === undefined) return undefined;
  return {
    situation,
    since: row.date('Erwerb_seit', 'employment.since'),
    workloadPercent: percent(row.get('Pensum'), row.at('Pensum', 'employment.workloadPercent'), { min: 1, max: 100 }),
  };
}

/**
 * The row's version (FORMAT.md "Changes"): a hash of its cells, as the gateway keeps per
 * Personen-ID. When it changed is the export's own time (its file name), else the latest
 * time the row itself names (journal, responsibility, status).
 */
function stampOf(cells: Cells, draft: Record<string, unknown>, exported: string | undefined): RecordStamp {
  const hash = createHash('sha256');
  for (const value of cells.raw()) hash.update(`${value.replace(/\r\n?/g, '\n').trim()}\u001f`);
  const version = `sha256:${hash.digest('hex')}`;
  if (exported !== undefined) return { version, occurredAt: exported };
  const d = draft as { journal?: { at: string }[]; responsibility: { since: string }; residence: { statusHistory: { from: string }[] } };
  const dates = [d.responsibility.since, ...d.residence.statusHistory.map((s) => s.from)].map((date) => parseTimestamp(`${date}T00:00:00`, SORTING)!);
  const times = [...dates, ...(d.journal ?? []).map((j) => j.at)];
  return { version, occurredAt: times.reduce((a, b) => ((instantKey(b) ?? '') > (instantKey(a) ?? '') ? b : a)) };
}
