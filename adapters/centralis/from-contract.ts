import { at, bindKey, dottedAhv, invalid, localMidnightUtc, OrganisationMap, writeChangeSet, writing, type At, type BatchPart, type CaseRecord, type CodeList, type DeliveryNaming, type MapContext, type MeasureStatus, type MeasureType, type NativeInput, type Orientation, type Person, type Responsibility } from '../../src/adapters/sdk.js';
import * as codes from './codes.js';
import { journalParts, documentParts } from './from-contract-parts.js';
import { LanguageOptions, optionSetFromSetting } from './optionset.js';
import { isGuid } from './values.js';
import { guid, type Writer } from './writer.js';

type Json = Record<string, unknown>;

/**
 * Records → one `$batch` change set each (FORMAT.md "Deliver"): contact (Content-ID 1) with
 * its statuses, dossier (2), evaluations, plan, measures, activities, consents and notes,
 * linked by `$<Content-ID>`; accounts and countries by alternate key. Absent values are
 * left out, so an update never clears what the target knows. A note's file is named by
 * `documentbody@passerelle.content` `{ sha256, size }`: the transport puts the content in
 * `documentbody` (base64) before sending.
 *
 * A delivered record lacks every category the policy withheld, even parts the contract
 * requires of a source (`person`, `residence`, `responsibility`, an assessment's
 * `orientation`, a measure's type, title and status when only its note is disclosed).
 * Centralis marks no column required (FORMAT.md "Native structure"): each absent part is
 * left out like any unknown value, never filled in, so an update clears nothing withheld.
 */
export function fromContract(records: readonly CaseRecord[], ctx: MapContext, delivery?: DeliveryNaming): NativeInput[] {
  const accounts = OrganisationMap.fromSettings(ctx.settings);
  const businessUnits = OrganisationMap.fromSettings(ctx.settings, 'businessUnits');
  const languages = new LanguageOptions(optionSetFromSetting(ctx.settings.languageOptions));
  return records.map((record, i) =>
    writing(record, () => {
      const parts: BatchPart[] = [];
      const w: Writer = {
        record,
        accounts,
        businessUnits,
        languages,
        own: record.source.system === 'centralis',
        parts,
        add(entitySet, body) {
          const contentId = String(parts.length + 1);
          parts.push({ contentId, method: 'POST', entitySet, body: clean(body) });
          return `$${contentId}`;
        },
      };
      writeRecord(w);
      const suffix = records.length > 1 ? `-${i + 1}` : '';
      const id = delivery ? `${delivery.transferId}${suffix}` : record.recordId;
      const batch = writeChangeSet(parts, id);
      return { name: `${delivery ? delivery.transferId : record.source.localCaseId}${suffix}.batch`, content: new TextEncoder().encode(batch.body) };
    }),
  );
}

function writeRecord(w: Writer): void {
  const r = w.record;
  const resp: Responsibility | undefined = r.responsibility;
  const contact = w.add('contacts', contactOf(w));
  const dossier = w.add('smig_dossiers', {
    // Derived from the case: delivering the same case twice names the same dossier.
    smig_dossierid: guid(w, 'dossier', r.source.localCaseId),
    smig_name: r.source.localCaseId,
    'smig_personne@odata.bind': contact,
    smig_phase: resp && int(codes.PHASE, resp.phase, undefined, at('responsibility.phase', 'smig_phase'), w),
    'smig_institution@odata.bind': resp && account(w, resp.institutionId, at('responsibility.institutionId', 'smig_institution')),
    // Only a Centralis user can own the dossier; another system's staff id is not one.
    'ownerid@odata.bind': w.own && resp?.caseManagerId && isGuid(resp.caseManagerId) ? `/systemusers(${resp.caseManagerId})` : undefined,
    smig_responsabledepuis: resp?.since,
    smig_datedecisionasile: midnight(r.residence?.asylumDecisionDate),
    cosm_situationemploi: r.employment && int(codes.EMPLOYMENT, r.employment.situation, undefined, at('employment.situation', 'cosm_situationemploi'), w),
    cosm_tauxactivite: r.employment?.workloadPercent,
    cosm_emploidepuis: r.employment?.since,
    smig_aidesociale: r.socialAssistance?.receives,
    smig_aidesocialedepuis: r.socialAssistance?.since,
  });
  for (const [i, a] of (r.potentialAssessments ?? []).entries()) {
    const s = (field: string, native: string): At => at(`potentialAssessments[${i}].${field}`, `cosm_evaluationpotentiel.${native}`);
    // Absent when education and work are withheld (the assessment then holds its language skills or notes).
    const orientation: Orientation | undefined = a.orientation;
    w.add('cosm_evaluationpotentiels', {
      cosm_name: a.id,
      cosm_dateevaluation: a.date,
      'cosm_personne@odata.bind': contact,
      'cosm_institution@odata.bind': account(w, a.institutionId, s('institutionId', 'cosm_institution')),
      cosm_orientation: orientation && int(codes.ORIENTATION, orientation, undefined, s('orientation', 'cosm_orientation'), w),
      cosm_capacitetravail: a.health?.workCapacityPercent,
      cosm_restrictionssante: a.health?.restrictions,
      cosm_ressources: a.resources,
      cosm_obstacles: a.obstacles,
      cosm_objectifs: a.goals,
      cosm_evaluationpotentiel_competence: (a.languageSkills ?? []).map((l, j) => ({
        cosm_langue: language(w, l.language, s(`languageSkills[${j}].language`, 'cosm_langue')),
        cosm_niveau: int(codes.LEVEL, l.level, undefined, s(`languageSkills[${j}].level`, 'cosm_niveau'), w),
        cosm_competence: int(codes.SKILL, l.skill, undefined, s(`languageSkills[${j}].skill`, 'cosm_competence'), w),
        cosm_certifie: l.certified,
      })),
      cosm_evaluationpotentiel_formation: (a.education ?? []).map((e, j) => ({
        cosm_niveauformation: int(codes.EDUCATION, e.level, undefined, s(`education[${j}].level`, 'cosm_niveauformation'), w),
        'cosm_pays@odata.bind': country(e.country),
        cosm_annees: e.years,
        cosm_achevee: e.completed,
        cosm_reconnue: e.recognisedInSwitzerland,
      })),
      cosm_evaluationpotentiel_experience: (a.workExperience ?? []).map((x) => ({
        cosm_profession: x.occupation,
        cosm_codeisco: x.iscoCode,
        cosm_annees: x.years,
        'cosm_pays@odata.bind': country(x.country),
      })),
    });
  }
  const measures = planParts(w, contact);
  journalParts(w, dossier);
  const consents = (r.consents ?? []).map((c, i) => {
    const s = (field: string, native: string): At => at(`consents[${i}].${field}`, `cosm_consentement.${native}`);
    const types = c.recipients.filter((x) => (codes.INSTITUTION_TYPES as readonly string[]).includes(x));
    const institutions = c.recipients.filter((x) => !types.includes(x));
    const ref = w.add('cosm_consentements', {
      cosm_consentementid: guid(w, 'consent', c.id),
      cosm_name: c.id,
      'cosm_personne@odata.bind': contact,
      cosm_type: int(codes.CONSENT_KIND, c.kind, undefined, s('kind', 'cosm_type'), w),
      cosm_datesignature: c.grantedOn,
      cosm_validejusqua: c.validUntil,
      cosm_daterevocation: c.revokedOn,
      cosm_typesdestinataires: multi(codes.RECIPIENT_TYPE, types, s('recipients', 'cosm_typesdestinataires'), w),
      cosm_finalites: multi(codes.PURPOSE, c.purposes, s('purposes', 'cosm_finalites'), w),
      cosm_categoriesdonnees: multi(codes.DATA_CATEGORY, c.dataCategories, s('dataCategories', 'cosm_categoriesdonnees'), w),
      'cosm_consentement_account@odata.bind': institutions.map((id) => account(w, id, s('recipients', 'cosm_consentement_account'))),
    });
    return { ref, documentId: c.documentId };
  });
  documentParts(w, contact, measures, consents);
}

/** The contact; with identity withheld but languages disclosed, the person holds only its languages. */
function contactOf(w: Writer): Json {
  const p: Partial<Person> = w.record.person ?? {};
  const first = (p.languages ?? []).find((l) => l.isFirstLanguage);
  const others = (p.languages ?? []).filter((l) => l !== first);
  const [y, m, d] = p.dateOfBirth?.split('-') ?? [];
  const own = w.record.source.localPersonId;
  return {
    // The contact's key is the record's: its own GUID, else the record id (a second delivery of the person is no second contact).
    contactid: w.own && isGuid(own) ? own : w.record.recordId,
    lastname: p.officialName,
    firstname: p.firstName,
    gendercode: p.sex && int(codes.GENDER, p.sex, undefined, at('person.sex', 'gendercode'), w),
    birthdate: y === undefined ? undefined : `${y}-${m ?? '01'}-${d ?? '01'}`,
    smig_precisiondatenaissance: y === undefined ? undefined : d ? codes.PRECISION.full : m ? codes.PRECISION.month : codes.PRECISION.year,
    smig_noavs: p.vn && dottedAhv(p.vn),
    smig_nosymic: p.zemisId,
    'smig_nationalite@odata.bind': country(p.nationality),
    cosm_premierelangue: first && language(w, first.code, at(`person.languages[${(p.languages ?? []).indexOf(first)}].code`, 'cosm_premierelangue')),
    cosm_autreslangues:
      others.length === 0 ? undefined : others.map((l) => language(w, l.code, at(`person.languages[${(p.languages ?? []).indexOf(l)}].code`, 'cosm_autreslangues'))).join(','),
    address1_city: p.municipality?.name,
    smig_noofscommune: p.municipality?.bfsNumber,
    smig_dateentreesuisse: midnight(p.arrivalDate),
    smig_contact_smig_statutsejour_personne: (w.record.residence?.statusHistory ?? []).map((s, i) => ({
      smig_statut: int(codes.STATUS, s.status, s.nativeCode, at(`residence.statusHistory[${i}].status`, 'smig_statut'), w),
      smig_datedebut: midnight(s.from),
      smig_datefin: midnight(s.to),
    })),
  };
}

/** The plan (goals inserted with it) and its measures as parts of their own, which notes can name. */
function planParts(w: Writer, contact: string): Map<string, string> {
  const refs = new Map<string, string>();
  const plan = w.record.integrationPlan;
  if (!plan) return refs;
  const ref = w.add('cosm_planintegrations', {
    cosm_name: plan.id,
    cosm_version: plan.version,
    cosm_dateetablissement: plan.establishedOn,
    'cosm_personne@odata.bind': contact,
    'cosm_validepar@odata.bind': plan.validatedBy && account(w, plan.validatedBy, at('integrationPlan.validatedBy', 'cosm_validepar')),
    cosm_planintegration_objectif: (plan.goals ?? []).map((g) => ({ cosm_name: g.id, cosm_texte: g.text, cosm_dateobjectif: g.targetDate })),
  });
  for (const [i, m] of (plan.measures ?? []).entries()) {
    const s = (field: string, native: string): At => at(`integrationPlan.measures[${i}].${field}`, `cosm_planintegration_mesure.${native}`);
    // One nativeCode per measure: it is the type's when the type is `other`, else the funding's.
    const typeCode = m.type === 'other' ? m.nativeCode : undefined;
    const fundingCode = m.type === 'other' ? undefined : m.nativeCode;
    // With the plan withheld but its notes disclosed, a measure holds only its id and note.
    const type: MeasureType | undefined = m.type;
    const status: MeasureStatus | undefined = m.status;
    refs.set(
      m.id,
      w.add('cosm_mesures', {
        cosm_mesureid: guid(w, 'measure', m.id),
        cosm_name: m.id,
        cosm_titre: m.title,
        cosm_typemesure: type && int(codes.MEASURE_TYPE, type, typeCode, s('type', 'cosm_typemesure'), w),
        cosm_statut: status && int(codes.MEASURE_STATUS, status, undefined, s('status', 'cosm_statut'), w),
        cosm_resultat: m.outcome && int(codes.OUTCOME, m.outcome, undefined, s('outcome', 'cosm_resultat'), w),
        cosm_financement: m.financedBy && int(codes.FINANCING, m.financedBy, fundingCode, s('financedBy', 'cosm_financement'), w),
        'cosm_prestataire@odata.bind': m.providerId && account(w, m.providerId, s('providerId', 'cosm_prestataire')),
        // An account's name is the account's: the name travels as free text so it is never lost.
        cosm_prestatairelibre: m.providerName,
        cosm_datedebut: m.start,
        cosm_datefin: m.end,
        cosm_remarque: m.note,
        'cosm_planintegration@odata.bind': ref,
      }),
    );
  }
  return refs;
}

/** The option value of a contract code; a value the option set cannot say refuses the delivery. */
export function int<C extends string>(list: CodeList<C>, value: C, nativeCode: string | undefined, where: At, w: Writer): number {
  const native = list.encode(value, nativeCode, w.own);
  if (native === undefined || !/^\d+$/.test(native)) throw invalid('mapping.cannot-carry', where, 'has no Centralis option for the value');
  return Number(native);
}

function multi<C extends string>(list: CodeList<C>, values: readonly C[], where: At, w: Writer): string | undefined {
  return values.length === 0 ? undefined : values.map((v) => int(list, v, undefined, where, w)).join(',');
}

function language(w: Writer, code: string, where: At): number {
  const value = w.languages.encode(code);
  if (value === undefined) throw invalid('mapping.cannot-carry', where, 'has no option in the cosm_langue option set');
  return value;
}

export function account(w: Writer, institutionId: string, where: At): string {
  return bindKey('accounts', 'accountnumber', w.accounts.requireNative(institutionId, where.field, where.nativeField));
}

const country = (code: string | undefined): string | undefined => code && bindKey('smig_payses', 'smig_codeiso2', code);

const midnight = (date: string | undefined): string | undefined => date && localMidnightUtc(date);

/** Leaves out what is unknown, so an update never clears a value. */
function clean(body: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(body)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (Array.isArray(v)) out[k] = v.map((x) => (x !== null && typeof x === 'object' ? clean(x as Json) : x));
    else out[k] = v;
  }
  return out;
}
