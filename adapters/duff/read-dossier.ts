import { assessments, at, consents, documents, employment, integrationPlan, invalid, isObject, journal, missing, objectAt, person, recordIdFor, required, residence, responsibility, ROOT, socialAssistance, stringAt, type At, type JsonObject } from '../../src/adapters/sdk.js';
import { RECIPIENT_TYPE } from './codes.js';
import { NAMES, readingOf } from './reading.js';
import { birthDateAt, organisationAt, type DossierEnv } from './values.js';

/** The dossier's native id for its rejections: `dossierNr`, or its place among the inputs. */
export function dossierNrOf(dossier: JsonObject, position: number): string {
  return typeof dossier.dossierNr === 'string' && dossier.dossierNr.trim() !== '' ? dossier.dossierNr.trim() : `dossiers[${position}]`;
}

/** One Dossier → its record's draft. Not mapped (quirk 9): `berechtigung`, `erfasstDurch`, `pendenzen`. */
export function mapDossier(d: JsonObject, env: DossierEnv): unknown {
  const localCaseId = required(stringAt(d.dossierNr, at('source.localCaseId', 'dossierNr')), at('source.localCaseId', 'dossierNr'));
  const personNr = required(stringAt(d.personNr, at('source.localPersonId', 'personNr')), at('source.localPersonId', 'personNr'));
  if (!objectAt(d.person, at('person', 'person'))) throw missing(at('person', 'person'));
  const r = readingOf(env);
  const root = r.entry(d, ROOT, NAMES);
  const recipient = (code: unknown, w: At) => recipientOf(code as string | undefined, w, env);
  return {
    contractVersion: '1.0',
    recordId: recordIdFor('duff', personNr),
    source: { system: 'duff', institutionId: env.institutionId, canton: env.canton, localCaseId, localPersonId: personNr, extractedAt: env.extractedAt },
    // Quirk 2: `geburtsdatum` is ZEMIS style, `00` for unknown parts.
    person: person(r, root, { dateOfBirth: (p) => birthDateAt(r.raw(p, 'dateOfBirth'), r.place(p, 'dateOfBirth')) }),
    residence: residence(r, root),
    responsibility: responsibility(r, root),
    potentialAssessments: assessments(r, root),
    integrationPlan: integrationPlan(r, root),
    employment: employment(r, root),
    socialAssistance: socialAssistance(r, root),
    // Quirk 9: entries the acting organisation may not read (`gesperrt: true`, no text) are left out.
    journal: journal(r, root, { keep: (v) => !(isObject(v) && v.gesperrt === true) }),
    documents: documents(r, root),
    consents: consents(r, root, { recipients: (c) => r.values(c, 'recipients', 'code', recipient, { required: true }) }),
  };
}

/** Quirk 10: `ORG:<organisation>` (through the map) or `TYP:<type>`. */
function recipientOf(code: string | undefined, where: At, env: DossierEnv): string {
  const raw = required(code, where);
  if (raw.startsWith('ORG:')) return required(organisationAt(env.orgs, raw.slice(4), where), where);
  if (raw.startsWith('TYP:')) return RECIPIENT_TYPE.value(raw.slice(4), where);
  throw invalid('mapping.unknown-code', where, 'is neither ORG:<organisation> nor TYP:<type>');
}
