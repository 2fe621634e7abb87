import { at, codeAt, employment, integrationPlan, missing, objectAt, person, recordIdFor, required, residence, responsibility, ROOT, socialAssistance, stringAt, sub, assessments, consents, type At, type JsonObject } from '../../src/adapters/sdk.js';
import { NO_OUTCOME, OUTCOME, RECIPIENT_TYPE } from './codes.js';
import { NAMES, readingOf } from './reading.js';
import { birthDateOf, institutionAt, type CaseEnv } from './values.js';

/** The dossier's native id for its rejections: `noDossier`, or its place among the inputs. */
export function noDossierOf(dossier: JsonObject, position: number): string {
  return typeof dossier.noDossier === 'string' && dossier.noDossier.trim() !== '' ? dossier.noDossier.trim() : `dossier[${position}]`;
}

/**
 * One dossier → its record's draft, but for the journal and documents (other bodies).
 * Not mapped (quirk 10): version, etat, typeSuivi, ouvertLe, modifieLe; staff names (quirk 8).
 */
export function mapDossier(d: JsonObject, env: CaseEnv): Record<string, unknown> {
  const localCaseId = required(stringAt(d.noDossier, at('source.localCaseId', 'noDossier')), at('source.localCaseId', 'noDossier'));
  const b = objectAt(d.beneficiaire, at('person', 'beneficiaire'));
  if (!b) throw missing(at('person', 'beneficiaire'));
  const personWhere = at('source.localPersonId', 'beneficiaire.idPersonne');
  const idPersonne = required(stringAt(b.idPersonne, personWhere), personWhere);
  const r = readingOf(env);
  const root = r.entry(d, ROOT, NAMES);
  // Quirk 3: a full date plus its precision; the CII exit states of the CM CII measure.
  const dateOfBirth = (p: { where: At }) => birthDateOf(b, sub(p.where, 'dateOfBirth', 'dateNaissance'), sub(p.where, 'dateOfBirth', 'precisionDateNaissance'));
  const outcome = (m: Parameters<typeof r.raw>[0]) => outcomeOf(r.raw(m, 'outcome'), r.place(m, 'outcome'));
  const recipient = (code: unknown, w: At) => required(typeof code === 'string' && TYPES.has(code) ? RECIPIENT_TYPE.value(code, w) : institutionAt(env.orgs, code, w), w);
  return {
    contractVersion: '1.0',
    recordId: recordIdFor('casenet', idPersonne),
    source: { system: 'casenet', institutionId: env.institutionId, canton: env.canton, localCaseId, localPersonId: idPersonne, extractedAt: env.extractedAt },
    person: person(r, root, { dateOfBirth }),
    residence: residence(r, root),
    responsibility: responsibility(r, root),
    potentialAssessments: assessments(r, root),
    integrationPlan: integrationPlan(r, root, { outcome }),
    employment: employment(r, root),
    socialAssistance: socialAssistance(r, root),
    consents: consents(r, root, { recipients: (c) => r.values(c, 'recipients', 'code', recipient, { required: true }) }),
  };
}

/** `destinataires`: institution types, or CaseNet institution codes. */
const TYPES: ReadonlySet<string> = new Set(RECIPIENT_TYPE.natives());

/** `resultat`, with the CII exit states of the CM CII measure; two of them give no outcome. */
function outcomeOf(value: unknown, where: At): string | undefined {
  const code = codeAt(value, where);
  return code !== undefined && NO_OUTCOME.has(code) ? undefined : OUTCOME.valueOptional(code, where);
}
