import { assessments, at, attempt, attrValue, childRows, childValue, consents, documentRef, integer, integrationPlan, interleavedRecipients, invalid, item, journalEntry, mapRecords, person, recordIdFor, required, residence, responsibility, ROOT, routeToMembers, sortBy, text, unwrap, type FieldNames, type MapResult, type Reading, type Responsibility, type SocialAssistance, type XmlElement } from '../../src/adapters/sdk.js';
import { RECIPIENT_TYPE } from './codes.js';
import { bool, date, instantOf, type KissSettings } from './native.js';
import { birthDateOf, employmentOf } from './person.js';
import { NAMES, readingOf } from './reading.js';

// One UA → one record per member (FORMAT.md, "Split").

export interface UaContext {
  settings: KissSettings;
  institutionId: string;
  canton: string;
  extractedAt: string;
}

const NATIVE_OF: readonly [string, string][] = [
  ['person.municipality', 'commune'],
  ['person.languages', 'langues/langue'],
  ['residence.statusHistory', 'statuts/statut'],
  ['responsibility.history', 'historiqueResponsabilite/periode'],
  ['potentialAssessments', 'bilans/bilan'],
  ['integrationPlan', 'planIntegration'],
  ['consents', 'procurations/procuration'],
  ['journal', 'journal/note'],
  ['documents', 'documents/document'],
];
const nativeFieldOf = (field: string): string => NATIVE_OF.find(([prefix]) => field.startsWith(prefix))?.[1] ?? field;

interface Member {
  element: XmlElement;
  /** `@noPersonne`, or `@idExterne` in an import file the gateway wrote (KiSS numbers it later). */
  id: string | undefined;
  external: string | undefined;
  keys: string[];
}

export function membersOf(ua: XmlElement): Member[] {
  return childRows(ua, 'membres', 'membre').map((element) => {
    const no = attrValue(element, 'noPersonne');
    const external = attrValue(element, 'idExterne');
    return { element, id: no ?? external, external: no === undefined ? external : undefined, keys: [no, external].filter((k): k is string => k !== undefined) };
  });
}

export function mapUa(ua: XmlElement, ctx: UaContext): MapResult {
  const members = membersOf(ua);
  const noUA = attrValue(ua, 'noUA') ?? members[0]?.external;
  const r = readingOf(ctx.settings);
  // UA-level faults reject every member: computed once, thrown for each.
  const shared = attempt(() => sharedOf(ua, ctx, r));
  const notes = attempt(() => route(childRows(ua, 'journal', 'note'), members, (n) => n.all('concerne').map((c) => c.text.trim()), 'journal', 'journal/note', 'concerne'));
  const documents = attempt(() => route(childRows(ua, 'documents', 'document'), members, (d) => [attrValue(d, 'personne')].filter((p): p is string => p !== undefined), 'documents', 'documents/document', '@personne'));
  return mapRecords(
    members.map((m, index) => ({ ...m, index })),
    (m) => {
      const caseId = required(noUA, at('source.localCaseId', '@noUA'));
      const personId = required(m.id, at('source.localPersonId', '@noPersonne'));
      const { municipality, responsibility, socialAssistance } = unwrap(shared);
      const e = m.element;
      const member = r.entry(e, ROOT, NAMES);
      return {
        contractVersion: '1.0',
        recordId: m.external ?? recordIdFor('kiss', personId),
        source: { system: 'kiss', institutionId: ctx.institutionId, canton: ctx.canton, localCaseId: caseId, localPersonId: personId, extractedAt: ctx.extractedAt },
        person: { ...person(r, member, { dateOfBirth: () => birthDateOf(e) }), municipality, householdId: caseId },
        residence: residence(r, member),
        responsibility,
        potentialAssessments: assessments(r, member),
        integrationPlan: integrationPlan(r, member, { documentIds: (s) => r.values(s, 'documentIds', 'id', (id) => id) }),
        employment: employmentOf(e),
        socialAssistance,
        journal: journalOf(unwrap(notes)[m.index] ?? [], r),
        documents: documentsOf(unwrap(documents)[m.index] ?? [], r),
        consents: consents(r, member, { recipients: (c) => interleavedRecipients(r, c, RECIPIENTS, RECIPIENT_TYPE) }),
      };
    },
    { nativeIdOf: (m) => `${noUA ?? '?'}/${m.id ?? '?'}`, nativeFieldOf },
  );
}

/** What every member gets: commune, responsabilité with its history, financial aid. */
function sharedOf(ua: XmlElement, ctx: UaContext, r: Reading<XmlElement>): { municipality: unknown; responsibility: Responsibility; socialAssistance: SocialAssistance } {
  const commune = ua.child('commune');
  const bfs = integer(attrValue(commune, 'noOFS'), at('person.municipality.bfsNumber', 'commune/@noOFS'), { min: 1 });
  const name = text(commune?.text);
  const aid = at('socialAssistance.receives', '@aideFinanciere');
  const receives = required(bool(attrValue(ua, 'aideFinanciere'), aid), aid);
  return {
    municipality: commune ? { bfsNumber: bfs, name } : undefined,
    responsibility: responsibility(r, r.entry(ua, ROOT, NAMES)) as Responsibility,
    // `soutienDes` dates the support, so it is read only while the UA receives it.
    socialAssistance: { receives, since: receives ? date(childValue(ua, 'soutienDes'), at('socialAssistance.since', 'soutienDes')) : undefined },
  };
}

interface Routed {
  element: XmlElement;
  nativeIndex: number;
}

/** A note or document naming nobody goes to every member, else to those it names; naming a non-member rejects the UA. */
function route(elements: XmlElement[], members: readonly Member[], refs: (e: XmlElement) => string[], field: string, path: string, refName: string): Routed[][] {
  const items = elements.map((element, nativeIndex) => ({ element, nativeIndex }));
  return routeToMembers(
    items,
    members.map((m) => m.keys),
    (r) => refs(r.element),
    (i, j) => invalid('mapping.unknown-member', at(field, refName.startsWith('@') ? `${path}[${i}]/${refName}` : `${path}[${i}]/${refName}[${j}]`), 'names a person who is not a member of the UA'),
  );
}

function journalOf(notes: readonly Routed[], r: Reading<XmlElement>): unknown[] {
  return sortBy(notes, (n) => instantOf(attrValue(n.element, 'saisieLe'))).map(({ element, nativeIndex }, index) => journalEntry(r, r.entry(element, item(at('journal', 'journal/note'), index, nativeIndex), JOURNAL_NAMES)));
}

function documentsOf(docs: readonly Routed[], r: Reading<XmlElement>): unknown[] {
  return docs.map(({ element, nativeIndex }, index) => documentRef(r, r.entry(element, item(at('documents', 'documents/document'), index, nativeIndex), DOCUMENT_NAMES)));
}

const JOURNAL_NAMES = NAMES.journal as FieldNames;
const DOCUMENT_NAMES = NAMES.documents as FieldNames;
/** Kinds and named services interleave in a procuration; their order is kept as written. */
const RECIPIENTS = { types: 'destinataireType', institutions: 'destinataireService' };
