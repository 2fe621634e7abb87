import type { CaseRecord, InstitutionType, LanguageSkill, MeasureStatus, MeasureType, Orientation, OrganisationMap, PotentialAssessment } from '../../src/adapters/sdk.js';
import { CONSENT_KIND, DATA_CATEGORY, DOCUMENT_KIND, EDUCATION, FINANCED_BY, JOURNAL_CATEGORY, LANGUAGE, LEVEL, MEASURE_STATUS, MEASURE_TYPE, MEDIA_TYPE, OCTET_STREAM, ORIENTATION, OUTCOME, PURPOSE, RECIPIENT_TYPE } from './codes.js';
import { codeOut, cut, dateAndTime, dateOut, listOut, noteTexts, numberOut, optionOut, requiredNumberOut, textOut, type WriteEnv } from './write-values.js';

// The rows of the five sub-tables, `Beneficiaire_No` left to the caller. What a row cannot
// hold (a second language, education or work entry; skills other than oral and written;
// text past 250 characters) is not written: README "What the format cannot carry".

type Body = Record<string, unknown>;

export function bilanRowsOf(record: CaseRecord, orgs: OrganisationMap, env: WriteEnv): Body[] {
  return (record.potentialAssessments ?? []).map((a, i) => {
    const p = `potentialAssessments[${i}]`;
    const education = a.education?.[0];
    const work = a.workExperience?.[0];
    // Absent when education and work are withheld: written `_blank_` (quirk 1).
    const orientation: Orientation | undefined = a.orientation;
    return {
      No: a.id,
      Date_Bilan: a.date,
      Institution_Code: orgs.requireNative(a.institutionId, `${p}.institutionId`, 'Bilans_Potentiel.Institution_Code'),
      ...skillsOut(a, p, env),
      Niveau_Formation: optionOut(education && codeOut(EDUCATION, education.level, undefined, env, `${p}.education[0].level`, 'Bilans_Potentiel.Niveau_Formation')),
      Annees_Formation: numberOut(education?.years),
      ...(education ? { Formation_Achevee: education.completed } : {}),
      Pays_Formation: country(education?.country),
      ...(education?.recognisedInSwitzerland === undefined ? {} : { Formation_Reconnue: education.recognisedInSwitzerland }),
      Profession: cut(work?.occupation),
      Code_ISCO: textOut(work?.iscoCode),
      Annees_Experience: work ? requiredNumberOut(work.years, `${p}.workExperience[0].years`, 'Bilans_Potentiel.Annees_Experience') : 0,
      Pays_Experience: country(work?.country),
      Capacite_Travail_Pct: a.health?.workCapacityPercent === undefined ? '' : String(a.health.workCapacityPercent),
      Restrictions_Sante: cut(a.health?.restrictions),
      Orientation: optionOut(orientation && codeOut(ORIENTATION, orientation, undefined, env, `${p}.orientation`, 'Bilans_Potentiel.Orientation')),
      Ressources: cut(a.resources),
      Obstacles: cut(a.obstacles),
      Objectifs: cut(a.goals),
    };
  });
}

const country = (code: string | undefined): string => (code === 'XX' ? 'INCONNU' : textOut(code));

/** The first oral or written skill names the language; its oral and written levels in that language are kept. */
function skillsOut(a: PotentialAssessment, p: string, env: WriteEnv): Body {
  const skills = a.languageSkills ?? [];
  const i = skills.findIndex((s) => s.skill === 'oral' || s.skill === 'written');
  if (i < 0) return { Langue_Evaluee: '', Niveau_Oral: optionOut(undefined), Niveau_Ecrit: optionOut(undefined), Certificat_Doc_No: '' };
  const language = skills[i]!.language;
  const of = (kind: string): LanguageSkill | undefined => skills.find((s) => s.skill === kind && s.language === language);
  const [oral, written] = [of('oral'), of('written')];
  const level = (s: LanguageSkill | undefined, native: string): string =>
    optionOut(s && codeOut(LEVEL, s.level, undefined, env, `${p}.languageSkills[${skills.indexOf(s)}].level`, native));
  return {
    Langue_Evaluee: codeOut(LANGUAGE, language, undefined, env, `${p}.languageSkills[${i}].language`, 'Bilans_Potentiel.Langue_Evaluee'),
    Niveau_Oral: level(oral, 'Bilans_Potentiel.Niveau_Oral'),
    Niveau_Ecrit: level(written, 'Bilans_Potentiel.Niveau_Ecrit'),
    Certificat_Langue: (oral ?? written)!.certified,
    Certificat_Doc_No: textOut(oral?.certificateDocumentId ?? written?.certificateDocumentId),
  };
}

export function measureRowsOf(record: CaseRecord, orgs: OrganisationMap, env: WriteEnv): Body[] {
  const plan = record.integrationPlan;
  return (plan?.measures ?? []).map((m, i) => {
    const p = `integrationPlan.measures[${i}]`;
    // With the plan withheld but its notes disclosed, a measure holds only its id and note: the rest is blank.
    const type: MeasureType | undefined = m.type;
    const status: MeasureStatus | undefined = m.status;
    return {
      No: m.id,
      Plan_No: plan!.id,
      Type_Mesure: type === undefined ? '' : codeOut(MEASURE_TYPE, type, m.nativeCode, env, `${p}.type`, 'Mesures_Integration.Type_Mesure'),
      Description: cut(m.title),
      Prestataire_No: m.providerId === undefined ? '' : orgs.requireNative(m.providerId, `${p}.providerId`, 'Mesures_Integration.Prestataire_No'),
      Prestataire_Nom: cut(m.providerName),
      Date_Debut: dateOut(m.start),
      Date_Fin: dateOut(m.end),
      Statut: optionOut(status && codeOut(MEASURE_STATUS, status, undefined, env, `${p}.status`, 'Mesures_Integration.Statut')),
      Resultat: optionOut(m.outcome && codeOut(OUTCOME, m.outcome, undefined, env, `${p}.outcome`, 'Mesures_Integration.Resultat')),
      Financement: optionOut(m.financedBy && codeOut(FINANCED_BY, m.financedBy, undefined, env, `${p}.financedBy`, 'Mesures_Integration.Financement')),
      Remarque: cut(m.note),
      Documents_Lies: listOut(m.documentIds),
    };
  });
}

/** Notes without `Entry_No` (NAV numbers them) and without `Utilisateur` (no staff login is sent). */
export function noteRowsOf(record: CaseRecord, orgs: OrganisationMap, env: WriteEnv): Body[] {
  return (record.journal ?? []).map((j, i) => ({
    ...dateAndTime(j.at),
    Institution_Code: orgs.requireNative(j.institutionId, `journal[${i}].institutionId`, 'Notes_Beneficiaire.Institution_Code'),
    Categorie: optionOut(codeOut(JOURNAL_CATEGORY, j.category, undefined, env, `journal[${i}].category`, 'Notes_Beneficiaire.Categorie')),
    ...noteTexts(j.text),
  }));
}

export function documentRowsOf(record: CaseRecord, env: WriteEnv): Body[] {
  return (record.documents ?? []).map((d, i) => {
    const p = `documents[${i}]`;
    const extension = d.mediaType === OCTET_STREAM ? undefined : MEDIA_TYPE.encode(d.mediaType);
    return {
      No: d.id,
      Description: cut(d.title),
      Type_Document: optionOut(codeOut(DOCUMENT_KIND, d.kind, d.nativeCode, env, `${p}.kind`, 'Documents_Beneficiaire.Type_Document')),
      // A media type without an extension in the table is written blank: it reads back as octet-stream.
      Extension: textOut(extension),
      Taille_Octets: requiredNumberOut(d.size, `${p}.size`, 'Documents_Beneficiaire.Taille_Octets'),
      Hash_SHA256: d.sha256.toUpperCase(),
      Date_Document: d.date,
    };
  });
}

export function consentRowsOf(record: CaseRecord, orgs: OrganisationMap, env: WriteEnv): Body[] {
  return (record.consents ?? []).map((c, i) => {
    const p = `consents[${i}]`;
    const institutions: string[] = [];
    const types: string[] = [];
    c.recipients.forEach((r, k) => {
      // An institution of the table first; else an institution type; else nothing can say it.
      const code = orgs.nativeOf(r);
      const type = code === undefined ? RECIPIENT_TYPE.encode(r as InstitutionType) : undefined;
      if (code !== undefined) institutions.push(code);
      else if (type !== undefined) types.push(type);
      else orgs.requireNative(r, `${p}.recipients[${k}]`, 'Autorisations.Destinataires_Institutions');
    });
    return {
      No: c.id,
      Type: optionOut(codeOut(CONSENT_KIND, c.kind, undefined, env, `${p}.kind`, 'Autorisations.Type')),
      Date_Signature: c.grantedOn,
      Valable_Jusqu_au: dateOut(c.validUntil),
      Date_Revocation: dateOut(c.revokedOn),
      Destinataires_Institutions: listOut(institutions),
      Destinataires_Types: listOut(types),
      Finalites: listOut(c.purposes.map((x, k) => codeOut(PURPOSE, x, undefined, env, `${p}.purposes[${k}]`, 'Autorisations.Finalites'))),
      Categories_Donnees: listOut(c.dataCategories.map((x, k) => codeOut(DATA_CATEGORY, x, undefined, env, `${p}.dataCategories[${k}]`, 'Autorisations.Categories_Donnees'))),
      Document_No: textOut(c.documentId),
    };
  });
}
