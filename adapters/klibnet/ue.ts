import { assessments, at, attempt, childRows, childValue, consents, dmySortKey, documentRef, down, integer, integrationPlan, interleavedRecipients, invalid, item, journalEntry, mapRecords, person, recordIdFor, required, residence, ROOT, routeToMembers, sortBy, unwrap, type FieldNames, type MapResult, type Reading, type Responsibility, type SocialAssistance, type XmlElement } from '../../src/adapters/sdk.js';
import { PHASE, RECIPIENT_TYPE } from './codes.js';
import { stampOf } from './events.js';
import type { Head } from './head.js';
import { date, timestampKey, type KlibnetSettings } from './native.js';
import { birthDateOf, employmentOf, permitOf } from './person.js';
import { NAMES, readingOf } from './reading.js';

// One UE → one record per person (FORMAT.md, "Split"). Shared by `toContract` and the
// streaming reader, so a file and a stream of it give the same records.

export interface UeContext {
  head: Head;
  settings: KlibnetSettings;
  institutionId: string;
  canton: string;
  extractedAt: string;
}

/** Native field for a contract path the schema found at fault (the rest are named where read). */
const NATIVE_OF: readonly [string, string][] = [
  ['person.municipality', 'WohngemeindeBFS'],
  ['person.languages', 'Sprachen/Sprache'],
  ['residence.statusHistory', 'StatusHistorie/Status'],
  ['responsibility.history', 'ZustaendigkeitHistorie/Zeile'],
  ['potentialAssessments', 'Standortbestimmungen/Standortbestimmung'],
  ['integrationPlan', 'Integrationsplanung'],
  ['consents', 'Einwilligungen/Einwilligung'],
  ['journal', 'Aktennotizen/Aktennotiz'],
  ['documents', 'Dokumente/Dokument'],
];
const nativeFieldOf = (field: string): string => NATIVE_OF.find(([prefix]) => field.startsWith(prefix))?.[1] ?? field;

interface Member {
  element: XmlElement;
  /** `PersNr`, or `FremdId` in an import file the gateway wrote (numbers come from KLIBnet later). */
  id: string | undefined;
  keys: string[];
  fremdId: string | undefined;
}

export function mapUe(ue: XmlElement, ctx: UeContext): MapResult {
  const db = ctx.head.database;
  const members: Member[] = childRows(ue, 'Personen', 'Person').map((element) => {
    const persNr = childValue(element, 'PersNr');
    const fremdId = childValue(element, 'FremdId');
    return { element, id: persNr ?? fremdId, fremdId: persNr === undefined ? fremdId : undefined, keys: [persNr, fremdId].filter((k): k is string => k !== undefined) };
  });
  const ueNr = childValue(ue, 'UENr') ?? members[0]?.fremdId;
  // UE-level faults reject every member: computed once, thrown for each.
  const shared = attempt(() => sharedOf(ue, ctx));
  const notes = attempt(() => routed(ue, members, 'Aktennotizen', 'Aktennotiz', 'journal'));
  const documents = attempt(() => routed(ue, members, 'Dokumente', 'Dokument', 'documents'));
  const stamp = stampOf(ctx.head);
  const r = readingOf(ctx.settings);

  return mapRecords(
    members.map((m, index) => ({ ...m, index })),
    (m) => {
      const caseId = `${db}-${required(ueNr, at('source.localCaseId', 'UENr'))}`;
      const personId = `${db}-${required(m.id, at('source.localPersonId', 'PersNr'))}`;
      const { municipality, responsibility, socialAssistance } = unwrap(shared);
      const p = m.element;
      const member = r.entry(p, ROOT, NAMES);
      const asyl = db !== 'WSH';
      return {
        contractVersion: '1.0',
        recordId: m.fremdId ?? recordIdFor('klibnet', personId),
        source: { system: 'klibnet', institutionId: ctx.institutionId, canton: ctx.canton, localCaseId: caseId, localPersonId: personId, extractedAt: ctx.extractedAt },
        person: { ...person(r, member, { dateOfBirth: () => birthDateOf(p) }), municipality, householdId: caseId },
        residence: asyl ? residence(r, member) : { statusHistory: permitOf(p) },
        responsibility,
        potentialAssessments: asyl ? assessments(r, member) : undefined,
        integrationPlan: asyl ? integrationPlan(r, member, { documentIds: (s) => r.values(s, 'documentIds', 'id', (id) => id) }) : undefined,
        employment: employmentOf(p),
        socialAssistance,
        journal: journalOf(unwrap(notes)[m.index] ?? [], r, ctx.institutionId),
        documents: documentsOf(unwrap(documents)[m.index] ?? [], r),
        consents: asyl ? consents(r, member, { recipients: (c) => interleavedRecipients(r, c, RECIPIENTS, RECIPIENT_TYPE) }) : undefined,
      };
    },
    {
      nativeIdOf: (m) => `${ueNr ?? '?'}/${m.id ?? '?'}`,
      nativeFieldOf,
      ...(stamp ? { stampOf: () => stamp } : {}),
    },
  );
}

/** What every member of the UE gets: Wohngemeinde, Zustaendigkeit with its history, support. */
function sharedOf(ue: XmlElement, ctx: UeContext): { municipality: unknown; responsibility: Responsibility; socialAssistance: SocialAssistance } {
  const bfs = integer(childValue(ue, 'WohngemeindeBFS'), at('person.municipality.bfsNumber', 'WohngemeindeBFS'), { min: 1 });
  const name = childValue(ue, 'Wohngemeinde');
  const closed = date(childValue(ue, 'AbgeschlossenAm'), at('socialAssistance.receives', 'AbgeschlossenAm')) !== undefined;
  return {
    municipality: bfs === undefined && name === undefined ? undefined : { bfsNumber: bfs, name },
    responsibility: responsibilityOf(ue, ctx, closed),
    socialAssistance: closed ? { receives: false } : { receives: true, since: date(childValue(ue, 'UnterstuetztAb'), at('socialAssistance.since', 'UnterstuetztAb')) },
  };
}

function responsibilityOf(ue: XmlElement, ctx: UeContext, closed: boolean): Responsibility {
  const z = ue.child('Zustaendigkeit');
  const orgs = ctx.settings.organisations;
  const asyl = ctx.head.database !== 'WSH';
  const base = at('responsibility', 'Zustaendigkeit');
  const stelle = down(base, 'institutionId', 'StelleCd');
  const since = down(base, 'since', 'ZustaendigAb');
  // WSH has no phases: economic social assistance is the regular phase, until the UE closes.
  const phase = asyl ? PHASE.value(childValue(z, 'PhaseCd'), down(base, 'phase', 'PhaseCd')) : closed ? 'closed' : 'regular';
  const lines = childRows(ue, 'ZustaendigkeitHistorie', 'Zeile').map((element, nativeIndex) => ({ element, nativeIndex }));
  return {
    phase,
    institutionId: required(orgs.institution(childValue(z, 'StelleCd'), stelle), stelle),
    caseManagerId: childValue(z, 'FallfuehrungKuerzel'),
    since: required(date(childValue(z, 'ZustaendigAb'), since), since),
    history: sortBy(lines, (l) => dmySortKey(childValue(l.element, 'Von'))).map(({ element: l, nativeIndex }, index) => {
      const w = item(at('responsibility.history', 'ZustaendigkeitHistorie/Zeile'), index, nativeIndex);
      const [stelleAt, von, bis] = [down(w, 'institutionId', 'StelleCd'), down(w, 'from', 'Von'), down(w, 'to', 'Bis')];
      return {
        phase: asyl ? PHASE.value(childValue(l, 'PhaseCd'), down(w, 'phase', 'PhaseCd')) : (PHASE.valueOptional(childValue(l, 'PhaseCd'), down(w, 'phase', 'PhaseCd')) ?? 'regular'),
        institutionId: required(orgs.institution(childValue(l, 'StelleCd'), stelleAt), stelleAt),
        from: required(date(childValue(l, 'Von'), von), von),
        to: required(date(childValue(l, 'Bis'), bis), bis),
      };
    }),
  };
}

interface Routed {
  element: XmlElement;
  nativeIndex: number;
}

/** Notes and documents to their members: without `PersNr` to all, with it to that one (an unknown one rejects the UE). */
function routed(ue: XmlElement, members: readonly Member[], container: string, row: string, field: string): Routed[][] {
  const items = childRows(ue, container, row).map((element, nativeIndex) => ({ element, nativeIndex }));
  const refsOf = (r: Routed): string[] => {
    const ref = childValue(r.element, 'PersNr') ?? childValue(r.element, 'FremdId');
    return ref === undefined ? [] : [ref];
  };
  return routeToMembers(
    items,
    members.map((m) => m.keys),
    refsOf,
    (i) => invalid('mapping.unknown-member', at(field, `${container}/${row}[${i}]/PersNr`), 'names a person who is not a member of the UE'),
  );
}

function journalOf(notes: readonly Routed[], r: Reading<XmlElement>, institutionId: string): unknown[] {
  // KLIBnet does not say who wrote a note: the installation did.
  return sortBy(notes, (n) => timestampKey(childValue(n.element, 'ErfasstAm'))).map(({ element, nativeIndex }, index) =>
    journalEntry(r, r.entry(element, item(at('journal', 'Aktennotizen/Aktennotiz'), index, nativeIndex), JOURNAL_NAMES), { institutionId }),
  );
}

function documentsOf(docs: readonly Routed[], r: Reading<XmlElement>): unknown[] {
  return docs.map(({ element, nativeIndex }, index) => documentRef(r, r.entry(element, item(at('documents', 'Dokumente/Dokument'), index, nativeIndex), DOCUMENT_NAMES)));
}

const JOURNAL_NAMES = NAMES.journal as FieldNames;
const DOCUMENT_NAMES = NAMES.documents as FieldNames;
/** Kinds and named Stellen interleave in an Einwilligung; their order is kept as written. */
const RECIPIENTS = { types: 'EmpfCd', institutions: 'EmpfStelleCd' };
