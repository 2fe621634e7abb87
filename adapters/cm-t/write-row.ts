import type { CaseRecord, CodeList, InstitutionType, MapContext, OrganisationMap, Person } from '../../src/adapters/sdk.js';
import { formatDmy, formatLocalDmy, invalid, requiredToWrite } from '../../src/adapters/sdk.js';
import * as codes from './codes.js';
import { ABKL, column, DOK, EINW, JOURNAL, MASSNAHME, STATUS, ZIEL, type Group } from './layout.js';

/** One record as a CM-T row (column → text), and the contract paths the row could not hold. */
export interface WrittenRow {
  cells: Map<string, string>;
  dropped: string[];
}

/** A cell CM-T's import requires (FORMAT.md: Name, Vorname, Geschlecht, Geburtsdatum, a status group, Phase, Stelle, Zuständig_seit); a delivery without it, withheld or unknown, is refused. */
const needed = <T>(value: T | undefined, field: string, nativeField: string): T => requiredToWrite(value, { field, nativeField }, 'CM-T');

const date = (d: string | undefined): string | undefined => (d === undefined ? undefined : formatDmy(d));
// `1987` → `1987`, `2001-06` → `06.2001`, a full date → `dd.mm.yyyy` (quirk 3).
const birth = (d: string): string => (d.length === 4 ? d : d.length === 7 ? `${d.slice(5)}.${d.slice(0, 4)}` : formatDmy(d));
const decimal = (n: number | undefined): string | undefined => (n === undefined ? undefined : String(n).replace('.', ','));

function label<C extends string>(list: CodeList<C>, value: C | undefined, field: string, nativeField: string, nativeCode?: string, own = true): string | undefined {
  return value === undefined ? undefined : list.encodeAt(value, { field, nativeField }, { nativeCode, own, code: 'mapping.unwritable', says: 'is outside the table CM-T writes' });
}

/**
 * Entries into a group's slots (quirk 5): an own entry whose derived id names a free slot
 * goes back to it, so that ids survive a round trip; the others fill the free slots in order.
 */
function slotsFor<T extends { id: string }>(entries: readonly { entry: T; index: number }[], g: Group, fallNr: string | undefined): Map<number, { entry: T; index: number }> {
  const slots = new Map<number, { entry: T; index: number }>();
  const rest: { entry: T; index: number }[] = [];
  for (const e of entries) {
    const m = fallNr === undefined ? null : new RegExp(`^${fallNr.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-${g.letter}(\\d+)$`).exec(e.entry.id);
    const slot = m ? Number(m[1]) : 0;
    if (slot >= 1 && slot <= g.slots && !slots.has(slot)) slots.set(slot, e);
    else rest.push(e);
  }
  for (let slot = 1; slot <= g.slots && rest.length > 0; slot += 1) if (!slots.has(slot)) slots.set(slot, rest.shift()!);
  return slots;
}

/** The first or the last `n` of a list with their indices; the others' paths are dropped. */
function keep<T>(items: readonly T[] | undefined, n: number, which: 'first' | 'latest', path: string, dropped: string[]): { entry: T; index: number }[] {
  const all = (items ?? []).map((entry, index) => ({ entry, index }));
  const kept = which === 'first' ? all.slice(0, n) : all.slice(Math.max(0, all.length - n));
  for (const { index } of all) if (!kept.some((k) => k.index === index)) dropped.push(`${path}[${index}]`);
  return kept;
}

export function rowOf(record: CaseRecord, ctx: MapContext, orgs: OrganisationMap, own: { person: boolean; codes: boolean }): WrittenRow {
  const cells = new Map<string, string>();
  const dropped: string[] = [];
  const put = (col: string, value: string | number | undefined): void => {
    if (value !== undefined && value !== '') cells.set(col, String(value));
  };
  const stelle = (id: string | undefined, field: string, col: string): string | undefined => (id === undefined ? undefined : orgs.requireNative(id, field, col));
  const fallNr = own.person ? record.source.localCaseId : undefined;
  const p: Partial<Person> = record.person ?? {};
  put('Personen-ID', own.person ? record.source.localPersonId : undefined);
  put('Fall-Nr', fallNr);
  put('AHV-Nr', p.vn);
  put('ZEMIS-Nr', p.zemisId);
  put('Name', needed(p.officialName, 'person.officialName', 'Name'));
  put('Vorname', needed(p.firstName, 'person.firstName', 'Vorname'));
  put('Geschlecht', label(codes.SEX, needed(p.sex, 'person.sex', 'Geschlecht'), 'person.sex', 'Geschlecht'));
  put('Geburtsdatum', birth(needed(p.dateOfBirth, 'person.dateOfBirth', 'Geburtsdatum')));
  const residence = needed(record.residence, 'residence', column(STATUS, 1, ''));
  const r = needed(record.responsibility, 'responsibility', 'Phase');
  put('Nationalität', label(codes.COUNTRY, p.nationality, 'person.nationality', 'Nationalität'));
  const first = p.languages?.find((l) => l.isFirstLanguage);
  put('Muttersprache', label(codes.LANGUAGE, first?.code, 'person.languages', 'Muttersprache'));
  const others = (p.languages ?? []).map((l, i) => ({ l, i })).filter(({ l }) => l !== first);
  put('Weitere Sprachen', others.map(({ l, i }) => label(codes.LANGUAGE, l.code, `person.languages[${i}].code`, 'Weitere Sprachen')).join(', '));
  if (p.municipality) {
    const name = Object.entries(codes.MUNICIPALITY).find(([, bfs]) => bfs === p.municipality!.bfsNumber)?.[0];
    if (name === undefined) throw invalid('mapping.unwritable', { field: 'person.municipality.bfsNumber', nativeField: 'Gemeinde' }, 'is outside the table CM-T writes');
    put('Gemeinde', name);
  }
  put('Einreise', date(p.arrivalDate));
  put('Asylentscheid', date(residence.asylumDecisionDate));
  if (p.householdId !== undefined) dropped.push('person.householdId');

  keep(residence.statusHistory, STATUS.slots, 'latest', 'residence.statusHistory', dropped).forEach(({ entry: s, index }, k) => {
    const field = `residence.statusHistory[${index}]`;
    if (s.nativeCode !== undefined && !own.codes) dropped.push(`${field}.nativeCode`);
    put(column(STATUS, k + 1, ''), label(codes.STATUS, s.status, `${field}.status`, column(STATUS, k + 1, ''), s.nativeCode, own.codes));
    put(column(STATUS, k + 1, '_von'), date(s.from));
    put(column(STATUS, k + 1, '_bis'), date(s.to));
  });

  put('Phase', label(codes.PHASE, r.phase, 'responsibility.phase', 'Phase'));
  put('Stelle', stelle(r.institutionId, 'responsibility.institutionId', 'Stelle'));
  put('Fallführung', r.caseManagerId);
  put('Zuständig_seit', date(r.since));
  // Only the latest earlier responsibility has columns (Vorher_*).
  const [previous] = keep(r.history, 1, 'latest', 'responsibility.history', dropped);
  if (previous) {
    const h = previous.entry;
    const field = `responsibility.history[${previous.index}]`;
    put('Vorher_Phase', label(codes.PHASE, h.phase, `${field}.phase`, 'Vorher_Phase'));
    put('Vorher_Stelle', stelle(h.institutionId, `${field}.institutionId`, 'Vorher_Stelle'));
    put('Vorher_von', date(h.from));
    put('Vorher_bis', date(h.to));
  }
  const e = record.employment;
  put('Erwerbssituation', label(codes.EMPLOYMENT, e?.situation, 'employment.situation', 'Erwerbssituation'));
  put('Erwerb_seit', date(e?.since));
  put('Pensum', e?.workloadPercent);
  if (record.socialAssistance) dropped.push('socialAssistance');

  const docSlots = slotsFor(keep(record.documents, DOK.slots, 'first', 'documents', dropped), DOK, fallNr);
  const slotOfDoc = new Map([...docSlots].map(([slot, { entry }]) => [entry.id, slot]));
  const docRef = (docId: string | undefined, field: string): string | undefined => {
    if (docId === undefined) return undefined;
    const slot = slotOfDoc.get(docId);
    if (slot === undefined) dropped.push(field);
    return slot === undefined ? undefined : String(slot);
  };
  for (const [slot, { entry: d, index }] of docSlots) {
    const c = (cell: string): string => column(DOK, slot, cell);
    const ext = label(codes.MEDIA_TYPE, d.mediaType, `documents[${index}].mediaType`, c('_Datei'));
    if (d.nativeCode !== undefined && !own.codes) dropped.push(`documents[${index}].nativeCode`);
    put(c('_Titel'), d.title);
    put(c('_Art'), label(codes.DOCUMENT_KIND, d.kind, `documents[${index}].kind`, c('_Art'), d.nativeCode, own.codes));
    put(c('_Datei'), `${d.id.replace(/[^A-Za-z0-9._-]/g, '_')}.${ext}`);
    put(c('_SHA256'), d.sha256);
    put(c('_Bytes'), d.size);
    put(c('_Datum'), date(d.date));
  }

  writeAssessments(record, fallNr, put, dropped, stelle, docRef);
  writePlan(record, fallNr, put, dropped, stelle, docRef, own.codes);

  for (const [slot, { entry: j, index }] of slotsFor(keep(record.journal, JOURNAL.slots, 'latest', 'journal', dropped), JOURNAL, fallNr)) {
    // Every CM-T journal entry is the Integrationsstelle's (quirk 12).
    if (j.institutionId !== ctx.institutionId) dropped.push(`journal[${index}].institutionId`);
    put(column(JOURNAL, slot, '_Zeit'), formatLocalDmy(j.at));
    put(column(JOURNAL, slot, '_Kategorie'), label(codes.JOURNAL, j.category, `journal[${index}].category`, column(JOURNAL, slot, '_Kategorie')));
    put(column(JOURNAL, slot, '_Text'), j.text);
  }

  for (const [slot, { entry: c, index }] of slotsFor(keep(record.consents, EINW.slots, 'first', 'consents', dropped), EINW, fallNr)) {
    const col = (cell: string): string => column(EINW, slot, cell);
    const base = `consents[${index}]`;
    put(col('_Art'), label(codes.CONSENT_KIND, c.kind, `${base}.kind`, col('_Art')));
    put(col('_Datum'), date(c.grantedOn));
    put(col('_bis'), date(c.validUntil));
    put(col('_widerrufen'), date(c.revokedOn));
    put(col('_Empfänger'), c.recipients.map((to, k) => codes.RECIPIENT_TYPE.encode(to as InstitutionType) ?? orgs.requireNative(to, `${base}.recipients[${k}]`, col('_Empfänger'))).join(', '));
    put(col('_Zwecke'), c.purposes.map((x, k) => label(codes.PURPOSE, x, `${base}.purposes[${k}]`, col('_Zwecke'))).join(', '));
    put(col('_Daten'), c.dataCategories.map((x, k) => label(codes.CATEGORY, x, `${base}.dataCategories[${k}]`, col('_Daten'))).join(', '));
    put(col('_Dok'), docRef(c.documentId, `${base}.documentId`));
  }
  return { cells, dropped };
}

type Put = (col: string, value: string | number | undefined) => void;
type Stelle = (id: string | undefined, field: string, col: string) => string | undefined;
type DocRef = (docId: string | undefined, field: string) => string | undefined;

function writeAssessments(record: CaseRecord, fallNr: string | undefined, put: Put, dropped: string[], stelle: Stelle, docRef: DocRef): void {
  for (const [slot, { entry: a, index }] of slotsFor(keep(record.potentialAssessments, ABKL.slots, 'latest', 'potentialAssessments', dropped), ABKL, fallNr)) {
    const c = (cell: string): string => column(ABKL, slot, cell);
    const base = `potentialAssessments[${index}]`;
    put(c('_Datum'), date(a.date));
    put(c('_Stelle'), stelle(a.institutionId, `${base}.institutionId`, c('_Stelle')));
    put(c('_Orientierung'), label(codes.ORIENTATION, a.orientation, `${base}.orientation`, c('_Orientierung')));
    // German oral and written only, one certificate cell for both.
    const skills = (a.languageSkills ?? []).map((s, k) => ({ s, k }));
    const oral = skills.find(({ s }) => s.language === 'de' && s.skill === 'oral');
    const written = skills.find(({ s }) => s.language === 'de' && s.skill === 'written');
    for (const { k } of skills) if (k !== oral?.k && k !== written?.k) dropped.push(`${base}.languageSkills[${k}]`);
    const holder = oral?.s.certificateDocumentId !== undefined ? oral : written;
    const certificate = holder?.s.certificateDocumentId;
    for (const x of [oral, written]) {
      if (!x) continue;
      const field = `${base}.languageSkills[${x.k}]`;
      // Reading back, both skills are certified by the one certificate, or neither is.
      if (x.s.certificateDocumentId !== undefined && x.s.certificateDocumentId !== certificate) dropped.push(`${field}.certificateDocumentId`);
      if (x.s.certified && x.s.certificateDocumentId === undefined) dropped.push(`${field}.certified`);
    }
    put(c('_Deutsch_mündlich'), label(codes.LEVEL, oral?.s.level, `${base}.languageSkills[${oral?.k}].level`, c('_Deutsch_mündlich')));
    put(c('_Deutsch_schriftlich'), label(codes.LEVEL, written?.s.level, `${base}.languageSkills[${written?.k}].level`, c('_Deutsch_schriftlich')));
    put(c('_Deutsch_Zertifikat'), docRef(certificate, `${base}.languageSkills[${holder?.k}].certificateDocumentId`));
    const [edu, ...moreEdu] = a.education ?? [];
    moreEdu.forEach((_, k) => dropped.push(`${base}.education[${k + 1}]`));
    if (edu) {
      put(c('_Ausbildung'), label(codes.EDUCATION, edu.level, `${base}.education[0].level`, c('_Ausbildung')));
      put(c('_Ausbildung_Land'), label(codes.COUNTRY, edu.country, `${base}.education[0].country`, c('_Ausbildung_Land')));
      put(c('_Ausbildung_Jahre'), decimal(edu.years));
      put(c('_Ausbildung_abgeschlossen'), edu.completed ? 'ja' : 'nein');
      if (edu.recognisedInSwitzerland !== undefined) dropped.push(`${base}.education[0].recognisedInSwitzerland`);
    }
    const [work, ...moreWork] = a.workExperience ?? [];
    moreWork.forEach((_, k) => dropped.push(`${base}.workExperience[${k + 1}]`));
    if (work) {
      put(c('_Beruf'), work.occupation);
      put(c('_Beruf_Jahre'), decimal(work.years));
      if (work.iscoCode !== undefined) dropped.push(`${base}.workExperience[0].iscoCode`);
      if (work.country !== undefined) dropped.push(`${base}.workExperience[0].country`);
    }
    put(c('_Arbeitsfähigkeit'), a.health?.workCapacityPercent);
    put(c('_Einschränkungen'), a.health?.restrictions);
    put(c('_Ressourcen'), a.resources);
    put(c('_Hindernisse'), a.obstacles);
    put(c('_Ziele'), a.goals);
  }
}

function writePlan(record: CaseRecord, fallNr: string | undefined, put: Put, dropped: string[], stelle: Stelle, docRef: DocRef, ownCodes: boolean): void {
  const plan = record.integrationPlan;
  if (!plan) return;
  put('IP_Datum', date(plan.establishedOn));
  put('IP_Version', plan.version);
  put('IP_validiert', stelle(plan.validatedBy, 'integrationPlan.validatedBy', 'IP_validiert'));
  for (const [slot, { entry: g }] of slotsFor(keep(plan.goals, ZIEL.slots, 'first', 'integrationPlan.goals', dropped), ZIEL, fallNr)) {
    put(column(ZIEL, slot, ''), g.text);
    put(column(ZIEL, slot, '_bis'), date(g.targetDate));
  }
  for (const [slot, { entry: m, index }] of slotsFor(keep(plan.measures, MASSNAHME.slots, 'first', 'integrationPlan.measures', dropped), MASSNAHME, fallNr)) {
    const c = (cell: string): string => column(MASSNAHME, slot, cell);
    const base = `integrationPlan.measures[${index}]`;
    // The one nativeCode is the type's when the type fell back, else the payer's.
    const typeCode = m.type === 'other' ? m.nativeCode : undefined;
    const payerCode = m.type !== 'other' && m.financedBy === 'other' ? m.nativeCode : undefined;
    if (m.nativeCode !== undefined && (!ownCodes || (typeCode === undefined && payerCode === undefined))) dropped.push(`${base}.nativeCode`);
    if (m.providerId !== undefined) dropped.push(`${base}.providerId`);
    put(c('_Typ'), label(codes.MEASURE_TYPE, m.type, `${base}.type`, c('_Typ'), typeCode, ownCodes));
    put(c('_Titel'), m.title);
    put(c('_Anbieter'), m.providerName);
    put(c('_Beginn'), date(m.start));
    put(c('_Ende'), date(m.end));
    put(c('_Status'), label(codes.MEASURE_STATUS, m.status, `${base}.status`, c('_Status')));
    put(c('_Ergebnis'), label(codes.OUTCOME, m.outcome, `${base}.outcome`, c('_Ergebnis')));
    put(c('_Finanzierung'), label(codes.FINANCED_BY, m.financedBy, `${base}.financedBy`, c('_Finanzierung'), payerCode, ownCodes));
    put(c('_Bemerkung'), m.note);
    put(c('_Dok'), (m.documentIds ?? []).map((d, k) => docRef(d, `${base}.documentIds[${k}]`)).filter((x) => x !== undefined).join(', '));
  }
}
