import { el, invalid, type CaseRecord, type Consent, type Measure, type XmlOut } from '../../src/adapters/sdk.js';
import { CATEGORY, CONSENT_KIND, DOCUMENT_KIND, EDUCATION, FINANCED_BY, INSTITUTION_TYPES, JOURNAL, MEASURE_STATUS, MEASURE_TYPE, ORIENTATION, OUTCOME, PURPOSE, RECIPIENT_TYPE, SKILL, niveauCode } from './codes.js';
import { alpha3, dmy, jnOf, languageOut, localDmy, say, stelle, stelleOrOmit, wholeYears, type WriteEnv } from './write-values.js';

const container = (name: string, children: XmlOut[]): XmlOut | undefined => (children.length > 0 ? el(name, {}, children) : undefined);

/** Newest first, as Tutoris lists them; an assessment of an institution without a Stelle code is left out. */
export function assessmentsOut(list: CaseRecord['potentialAssessments'], env: WriteEnv): XmlOut | undefined {
  const out = (list ?? []).flatMap((a, i) => {
    const p = `potentialAssessments[${i}]`;
    const code = stelleOrOmit(a.institutionId, p, env);
    if (code === undefined) return [];
    const skills = (a.languageSkills ?? []).flatMap((s, j) => {
      const language = languageOut(s.language, `${p}.languageSkills[${j}]`, env);
      if (language === undefined) return [];
      const attrs = { Sprache: language, Niveau: niveauCode(s.level), Fertigkeit: SKILL.encode(s.skill), Zertifiziert: jnOf(s.certified), ZertifikatDok: s.certificateDocumentId };
      return [el('Sprachkompetenz', attrs)];
    });
    const nat = `Abklaerungen/Potenzialabklaerung`;
    const education = (a.education ?? []).map((b, j) =>
      el('Bildung', {
        Stufe: EDUCATION.encode(b.level),
        Land: alpha3(b.country, `${p}.education[${j}].country`, `${nat}/Bildung/@Land`),
        Jahre: wholeYears(b.years, `${p}.education[${j}].years`, `${nat}/Bildung/@Jahre`),
        Abgeschlossen: jnOf(b.completed),
        AnerkanntCH: jnOf(b.recognisedInSwitzerland),
      }),
    );
    const work = (a.workExperience ?? []).map((w, j) => {
      const attrs = {
        ISCO: w.iscoCode,
        Jahre: wholeYears(w.years, `${p}.workExperience[${j}].years`, `${nat}/Berufserfahrung/@Jahre`),
        Land: alpha3(w.country, `${p}.workExperience[${j}].country`, `${nat}/Berufserfahrung/@Land`),
      };
      return el('Berufserfahrung', attrs, say(w.occupation, `${p}.workExperience[${j}].occupation`, `${nat}/Berufserfahrung`));
    });
    const h = a.health;
    const text = (value: string | undefined, field: string, name: string): XmlOut | undefined =>
      value === undefined ? undefined : el(name, {}, say(value, `${p}.${field}`, `${nat}/${name}`));
    return [
      el(
        'Potenzialabklaerung',
        { Id: a.id, Datum: dmy(a.date), Stelle: code, Ausrichtung: ORIENTATION.encode(a.orientation) },
        skills,
        education,
        work,
        h && el('Gesundheit', { Arbeitsfaehigkeit: h.workCapacityPercent }, h.restrictions === undefined ? undefined : say(h.restrictions, `${p}.health.restrictions`, `${nat}/Gesundheit`)),
        text(a.resources, 'resources', 'Ressourcen'),
        text(a.obstacles, 'obstacles', 'Hindernisse'),
        text(a.goals, 'goals', 'Ziele'),
      ),
    ];
  });
  return container('Abklaerungen', out.reverse());
}

export function planOut(plan: CaseRecord['integrationPlan'], env: WriteEnv): XmlOut | undefined {
  if (!plan) return undefined;
  return el(
    'Integrationsplan',
    { Id: plan.id, Version: plan.version, Erstellt: dmy(plan.establishedOn), ValidiertDurch: stelleOrOmit(plan.validatedBy, 'integrationPlan.validatedBy', env) },
    (plan.goals ?? []).map((g, i) => el('Ziel', { Id: g.id, Zieldatum: dmy(g.targetDate) }, say(g.text, `integrationPlan.goals[${i}].text`, 'Integrationsplan/Ziel'))),
    (plan.measures ?? []).map((m, i) => measureOut(m, `integrationPlan.measures[${i}]`, env)),
  );
}

function measureOut(m: Measure, p: string, env: WriteEnv): XmlOut {
  // The one nativeCode is the type's when the type is `other`, else the payer's.
  const typeCode = m.type === 'other' ? m.nativeCode : undefined;
  const payerCode = m.type !== 'other' && m.financedBy === 'other' ? m.nativeCode : undefined;
  const nat = 'Integrationsplan/Massnahme';
  const providerId = stelleOrOmit(m.providerId, `${p}.providerId`, env);
  const anbieter = providerId !== undefined || m.providerName !== undefined;
  return el(
    'Massnahme',
    {
      Id: m.id,
      Typ: say(MEASURE_TYPE.encode(m.type, typeCode, env.own)!, `${p}.nativeCode`, `${nat}/@Typ`),
      Status: MEASURE_STATUS.encode(m.status),
      Ergebnis: m.outcome && OUTCOME.encode(m.outcome),
      Kostentraeger: m.financedBy && say(FINANCED_BY.encode(m.financedBy, payerCode, env.own)!, `${p}.nativeCode`, `${nat}/@Kostentraeger`),
      Beginn: dmy(m.start),
      Ende: dmy(m.end),
    },
    el('Titel', {}, say(m.title, `${p}.title`, `${nat}/Titel`)),
    anbieter && el('Anbieter', { Stelle: providerId }, m.providerName === undefined ? undefined : say(m.providerName, `${p}.providerName`, `${nat}/Anbieter`)),
    m.note !== undefined && el('Bemerkung', {}, say(m.note, `${p}.note`, `${nat}/Bemerkung`)),
    (m.documentIds ?? []).map((id) => el('DokumentRef', { Id: id })),
  );
}

/** Newest first; an entry of an institution without a Stelle code is left out. */
export function journalOut(journal: CaseRecord['journal'], env: WriteEnv): XmlOut | undefined {
  const out = (journal ?? []).flatMap((e, i) => {
    const code = stelleOrOmit(e.institutionId, `journal[${i}]`, env);
    if (code === undefined) return [];
    const attrs = { Id: e.id, Zeitpunkt: localDmy(e.at), Stelle: code, Kategorie: JOURNAL.encode(e.category) };
    return [el('Eintrag', attrs, say(e.text, `journal[${i}].text`, 'Journal/Eintrag'))];
  });
  return container('Journal', out.reverse());
}

export function documentsOut(documents: CaseRecord['documents'], env: WriteEnv): XmlOut | undefined {
  const out = (documents ?? []).map((d, i) => {
    const art = say(DOCUMENT_KIND.encode(d.kind, d.nativeCode, env.own)!, `documents[${i}].nativeCode`, 'Dokumente/Dokument/@Art');
    const attrs = { Id: d.id, Art: art, Datum: dmy(d.date), MimeType: d.mediaType, Bytes: d.size, SHA256: d.sha256 };
    return el('Dokument', attrs, say(d.title, `documents[${i}].title`, 'Dokumente/Dokument'));
  });
  return container('Dokumente', out);
}

export function consentsOut(consents: CaseRecord['consents'], env: WriteEnv): XmlOut | undefined {
  return container(
    'Vollmachten',
    (consents ?? []).map((c, i) => consentOut(c, `consents[${i}]`, env)),
  );
}

function consentOut(c: Consent, p: string, env: WriteEnv): XmlOut {
  const recipients = c.recipients.map((r, j) => {
    if (!INSTITUTION_TYPES.has(r)) return el('Empfaenger', { Stelle: stelle(r, `${p}.recipients[${j}]`, 'Vollmachten/Vollmacht/Empfaenger/@Stelle', env) });
    const typ = RECIPIENT_TYPE.encode(r as Parameters<typeof RECIPIENT_TYPE.encode>[0]);
    if (typ === undefined) throw invalid('mapping.unwritable-code', { field: `${p}.recipients[${j}]`, nativeField: 'Vollmachten/Vollmacht/Empfaenger/@Typ' }, 'has no Tutoris code');
    return el('Empfaenger', { Typ: typ });
  });
  return el(
    'Vollmacht',
    { Id: c.id, Art: CONSENT_KIND.encode(c.kind), Unterzeichnet: dmy(c.grantedOn), GueltigBis: dmy(c.validUntil), Widerrufen: dmy(c.revokedOn), Dokument: c.documentId },
    recipients,
    c.purposes.map((z) => el('Zweck', {}, PURPOSE.encode(z))),
    c.dataCategories.map((k) => el('Kategorie', {}, CATEGORY.encode(k))),
  );
}
