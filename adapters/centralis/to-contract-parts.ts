import { createHash } from 'node:crypto';
import { at, countryAlpha2, invalid, missing, odataBoolean, odataNumber, odataText, odataTimestamp, odataWhole, required, sortBy, text, type At } from '../../src/adapters/sdk.js';
import * as codes from './codes.js';
import type { Json } from './inputs.js';
import { multiSelect } from './optionset.js';
import type { Page } from './page.js';
import { choice, dateOnly, expanded, rows } from './values.js';

const ofPerson = (list: readonly Json[], personId: string): Json[] => list.filter((r) => r._cosm_personne_value === personId);

/** An account lookup (`x { accountnumber }`) through the `organisations` table. */
function account(page: Page, row: Json, nav: string, where: At): string | undefined {
  return page.accounts.institution(odataText(expanded(row, nav)?.accountnumber), where);
}

export function assessmentsOf(personId: string, page: Page): unknown[] {
  const list = ofPerson(page.bodies.evaluations, personId).map((e, i) => {
    const base = `potentialAssessments[${i}]`;
    const w = (field: string, native: string): At => at(`${base}.${field}`, `cosm_evaluationpotentiel[${i}].${native}`);
    return {
      id: required(odataText(e.cosm_name), w('id', 'cosm_name')),
      date: required(dateOnly(e.cosm_dateevaluation, w('date', 'cosm_dateevaluation')), w('date', 'cosm_dateevaluation')),
      institutionId: required(account(page, e, 'cosm_institution', w('institutionId', 'cosm_institution.accountnumber')), w('institutionId', 'cosm_institution')),
      languageSkills: rows(e, 'cosm_evaluationpotentiel_competence').map((c, j) => {
        const s = (field: string, native: string): At => w(`languageSkills[${j}].${field}`, `cosm_evaluationpotentiel_competence[${j}].${native}`);
        return {
          language: required(page.languages.decode(choice(c.cosm_langue), s('language', 'cosm_langue')), s('language', 'cosm_langue')),
          level: codes.LEVEL.value(choice(c.cosm_niveau), s('level', 'cosm_niveau')),
          skill: codes.SKILL.value(choice(c.cosm_competence), s('skill', 'cosm_competence')),
          certified: required(odataBoolean(c.cosm_certifie, s('certified', 'cosm_certifie')), s('certified', 'cosm_certifie')),
        };
      }),
      education: rows(e, 'cosm_evaluationpotentiel_formation').map((f, j) => {
        const s = (field: string, native: string): At => w(`education[${j}].${field}`, `cosm_evaluationpotentiel_formation[${j}].${native}`);
        return {
          level: codes.EDUCATION.value(choice(f.cosm_niveauformation), s('level', 'cosm_niveauformation')),
          country: countryAlpha2(odataText(expanded(f, 'cosm_pays')?.smig_codeiso2), s('country', 'cosm_pays.smig_codeiso2')),
          years: odataNumber(f.cosm_annees, s('years', 'cosm_annees'), { min: 0 }),
          completed: required(odataBoolean(f.cosm_achevee, s('completed', 'cosm_achevee')), s('completed', 'cosm_achevee')),
          recognisedInSwitzerland: odataBoolean(f.cosm_reconnue, s('recognisedInSwitzerland', 'cosm_reconnue')),
        };
      }),
      workExperience: rows(e, 'cosm_evaluationpotentiel_experience').map((x, j) => {
        const s = (field: string, native: string): At => w(`workExperience[${j}].${field}`, `cosm_evaluationpotentiel_experience[${j}].${native}`);
        return {
          occupation: required(odataText(x.cosm_profession), s('occupation', 'cosm_profession')),
          iscoCode: odataText(x.cosm_codeisco),
          years: required(odataNumber(x.cosm_annees, s('years', 'cosm_annees'), { min: 0 }), s('years', 'cosm_annees')),
          country: countryAlpha2(odataText(expanded(x, 'cosm_pays')?.smig_codeiso2), s('country', 'cosm_pays.smig_codeiso2')),
        };
      }),
      health: {
        workCapacityPercent: odataWhole(e.cosm_capacitetravail, w('health.workCapacityPercent', 'cosm_capacitetravail'), { min: 0, max: 100 }),
        restrictions: text(odataText(e.cosm_restrictionssante)),
      },
      orientation: codes.ORIENTATION.value(choice(e.cosm_orientation), w('orientation', 'cosm_orientation')),
      resources: text(odataText(e.cosm_ressources)),
      obstacles: text(odataText(e.cosm_obstacles)),
      goals: text(odataText(e.cosm_objectifs)),
    };
  });
  return sortBy(list, (a) => a.date);
}

/** The active plan (one per person); its measures' ids own the measures' annotations. */
export function planOf(personId: string, page: Page): { plan?: unknown; measureIds: string[] } {
  const plans = ofPerson(page.bodies.plans, personId);
  if (plans.length === 0) return { measureIds: [] };
  if (plans.length > 1) throw invalid('mapping.ambiguous', at('integrationPlan', 'cosm_planintegration'), 'has more than one active plan for the person');
  const p = plans[0]!;
  const w = (field: string, native: string): At => at(`integrationPlan.${field}`, `cosm_planintegration.${native}`);
  const measures = rows(p, 'cosm_planintegration_mesure');
  return {
    measureIds: measures.map((m) => odataText(m.cosm_mesureid)).filter((id): id is string => id !== undefined),
    plan: {
      id: required(odataText(p.cosm_name), w('id', 'cosm_name')),
      version: required(odataWhole(p.cosm_version, w('version', 'cosm_version'), { min: 1 }), w('version', 'cosm_version')),
      establishedOn: required(dateOnly(p.cosm_dateetablissement, w('establishedOn', 'cosm_dateetablissement')), w('establishedOn', 'cosm_dateetablissement')),
      validatedBy: account(page, p, 'cosm_validepar', w('validatedBy', 'cosm_validepar.accountnumber')),
      goals: rows(p, 'cosm_planintegration_objectif').map((g, j) => {
        const s = (field: string, native: string): At => w(`goals[${j}].${field}`, `cosm_planintegration_objectif[${j}].${native}`);
        return {
          id: required(odataText(g.cosm_name), s('id', 'cosm_name')),
          text: required(text(odataText(g.cosm_texte)), s('text', 'cosm_texte')),
          targetDate: dateOnly(g.cosm_dateobjectif, s('targetDate', 'cosm_dateobjectif')),
        };
      }),
      measures: measures.map((m, j) => measureOf(m, (field, native) => w(`measures[${j}].${field}`, `cosm_planintegration_mesure[${j}].${native}`), page)),
    },
  };
}

function measureOf(m: Json, s: (field: string, native: string) => At, page: Page): unknown {
  const type = codes.MEASURE_TYPE.decode(choice(m.cosm_typemesure), s('type', 'cosm_typemesure'));
  const financing = codes.FINANCING.decodeOptional(choice(m.cosm_financement), s('financedBy', 'cosm_financement'));
  const provider = expanded(m, 'cosm_prestataire');
  const id = odataText(m.cosm_mesureid);
  return {
    id: required(odataText(m.cosm_name), s('id', 'cosm_name')),
    type: type.value,
    // One nativeCode per object: the type's wins when both fall back.
    nativeCode: type.nativeCode ?? financing?.nativeCode,
    title: required(odataText(m.cosm_titre), s('title', 'cosm_titre')),
    providerId: account(page, m, 'cosm_prestataire', s('providerId', 'cosm_prestataire.accountnumber')),
    providerName: odataText(provider?.name) ?? odataText(m.cosm_prestatairelibre),
    start: dateOnly(m.cosm_datedebut, s('start', 'cosm_datedebut')),
    end: dateOnly(m.cosm_datefin, s('end', 'cosm_datefin')),
    status: codes.MEASURE_STATUS.value(choice(m.cosm_statut), s('status', 'cosm_statut')),
    outcome: codes.OUTCOME.valueOptional(choice(m.cosm_resultat), s('outcome', 'cosm_resultat')),
    note: text(odataText(m.cosm_remarque)),
    financedBy: financing?.value,
    documentIds: id === undefined ? [] : annotationsOf(id, page).map((a) => odataText(a.annotationid)),
  };
}

const annotationsOf = (ownerId: string, page: Page): Json[] =>
  page.bodies.annotations.filter((a) => a._objectid_value === ownerId && a.isdocument !== false);

/** Activities regarding the dossier; `at` is `actualstart`, else `createdon`; ordered by `at`. */
export function journalOf(d: Json, page: Page): unknown[] {
  const dossierId = odataText(d.smig_dossierid);
  const list = page.bodies.activities
    .filter((a) => dossierId !== undefined && a._regardingobjectid_value === dossierId)
    .map((a, i) => {
      const w = (field: string, native: string): At => at(`journal[${i}].${field}`, `activitypointer[${i}].${native}`);
      const when = a.actualstart ?? a.createdon;
      const unit = odataText(a['_owningbusinessunit_value@OData.Community.Display.V1.FormattedValue']);
      return {
        id: required(odataText(a.activityid), w('id', 'activityid')),
        at: required(odataTimestamp(when, w('at', a.actualstart ? 'actualstart' : 'createdon')), w('at', 'actualstart')),
        institutionId: page.businessUnits.institution(required(unit, w('institutionId', '_owningbusinessunit_value')), w('institutionId', '_owningbusinessunit_value')),
        category: codes.ACTIVITY.value(odataText(a.activitytypecode), w('category', 'activitytypecode')),
        text: required([text(odataText(a.subject)), text(odataText(a.description))].filter((t) => t !== undefined).join('\n'), w('text', 'subject')),
      };
    });
  return sortBy(list, (e) => new Date(e.at).toISOString());
}

/** Notes with a file, owned by the person, the person's measures or consents, in `createdon` order. */
export function documentsOf(owners: readonly string[], page: Page): unknown[] {
  const set = new Set(owners);
  return page.bodies.annotations
    .filter((a) => set.has(String(a._objectid_value)) && a.isdocument !== false)
    .map((a, i) => {
      const w = (field: string, native: string): At => at(`documents[${i}].${field}`, `annotation[${i}].${native}`);
      const subject = /^\s*\[([^\]]*)\]\s*([\s\S]*)$/.exec(odataText(a.subject) ?? '');
      const kind = subject ? codes.DOCUMENT_KIND.decode(subject[1]!.trim(), w('kind', 'subject')) : { value: 'other' as const };
      const content = contentOf(a, w);
      const created = required(odataTimestamp(a.createdon, w('date', 'createdon')), w('date', 'createdon'));
      return {
        id: required(odataText(a.annotationid), w('id', 'annotationid')),
        title: required(text(subject ? subject[2] : odataText(a.subject)), w('title', 'subject')),
        kind: kind.value,
        nativeCode: kind.nativeCode,
        mediaType: required(odataText(a.mimetype), w('mediaType', 'mimetype')),
        sha256: content.sha256,
        size: required(odataWhole(a.filesize, w('size', 'filesize'), { min: 0 }) ?? content.size, w('size', 'filesize')),
        date: created.slice(0, 10),
      };
    });
}

/**
 * The SHA-256 of the note's file, computed over the base64-decoded `documentbody` (Dataverse
 * stores none). A change set written by the gateway carries no content yet: it names the
 * content by `documentbody@passerelle.content` `{ sha256, size }`, which the transport replaces.
 */
function contentOf(a: Json, w: (field: string, native: string) => At): { sha256: string; size?: number } {
  const body = a.documentbody;
  if (typeof body === 'string' && body.trim() !== '') {
    const clean = body.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) throw invalid('mapping.invalid-content', w('sha256', 'documentbody'), 'is not base64');
    const bytes = Buffer.from(clean, 'base64');
    return { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
  }
  const named = expanded(a, 'documentbody@passerelle.content');
  const sha256 = odataText(named?.sha256);
  if (sha256 && /^[0-9a-f]{64}$/.test(sha256)) return { sha256, size: typeof named?.size === 'number' ? named.size : undefined };
  throw missing(w('sha256', 'documentbody'));
}

/** Consents of the person, in native order; recipients are the accounts (by `accountnumber`) then the types. */
export function consentsOf(personId: string, page: Page): { consents: unknown[]; ids: string[] } {
  const list = ofPerson(page.bodies.consents, personId);
  const consents = list.map((c, i) => {
    const w = (field: string, native: string): At => at(`consents[${i}].${field}`, `cosm_consentement[${i}].${native}`);
    const id = odataText(c.cosm_consentementid);
    // The N:N relationship has no order of its own: sorted by account number, for stable records.
    const accounts = sortBy(rows(c, 'cosm_consentement_account'), (a) => odataText(a.accountnumber));
    const multi = (native: string, field: string) => multiSelect(c[native], w(field, native));
    return {
      id: required(odataText(c.cosm_name), w('id', 'cosm_name')),
      kind: codes.CONSENT_KIND.value(choice(c.cosm_type), w('kind', 'cosm_type')),
      grantedOn: required(dateOnly(c.cosm_datesignature, w('grantedOn', 'cosm_datesignature')), w('grantedOn', 'cosm_datesignature')),
      validUntil: dateOnly(c.cosm_validejusqua, w('validUntil', 'cosm_validejusqua')),
      revokedOn: dateOnly(c.cosm_daterevocation, w('revokedOn', 'cosm_daterevocation')),
      recipients: [
        ...accounts.map((a, j) => page.accounts.institution(required(odataText(a.accountnumber), w(`recipients[${j}]`, 'cosm_consentement_account.accountnumber')), w(`recipients[${j}]`, 'cosm_consentement_account.accountnumber'))),
        ...multi('cosm_typesdestinataires', 'recipients').map((v, j) => codes.RECIPIENT_TYPE.value(v, w(`recipients[${accounts.length + j}]`, `cosm_typesdestinataires[${j}]`))),
      ],
      purposes: multi('cosm_finalites', 'purposes').map((v, j) => codes.PURPOSE.value(v, w(`purposes[${j}]`, `cosm_finalites[${j}]`))),
      dataCategories: multi('cosm_categoriesdonnees', 'dataCategories').map((v, j) => codes.DATA_CATEGORY.value(v, w(`dataCategories[${j}]`, `cosm_categoriesdonnees[${j}]`))),
      documentId: id === undefined ? undefined : odataText(annotationsOf(id, page)[0]?.annotationid),
    };
  });
  return { consents, ids: list.map((c) => odataText(c.cosm_consentementid)).filter((id): id is string => id !== undefined) };
}
