import { describe, expect, it } from 'vitest';
import { describeWithheld } from '../../src/adapters/testing.js';
import type { CaseRecord } from '../../src/adapters/sdk.js';
import { AI_BENEFIT_ASSESSMENT, ALL_WITHHELD, jsonInputs, shownIn, valuesAt, withheld, withheldStrings, WITHHOLDINGS, type Withholding } from '../../src/adapters/testing.js';
import { CASI, MISURE, STATUTI, VALUTAZIONI } from './columns.js';
import { fromContract } from './from-contract.js';
import type { DeliveryDocument } from './inputs.js';
import { bodies, ctx } from './test-inputs.js';
import { toContract } from './to-contract.js';

// A delivered record lacks every category the policy withheld (policies/categories.yaml),
// even parts the contract requires of a source. Every column may be `null` (FORMAT.md
// "Native structure") and an item leaves out what is unknown, so a MERGE never clears a
// value: each absent part is left out, never filled in (nor cleared: no `null` for it).

const delivery = { transferId: 'tr-0815', at: new Date('2026-01-15T10:00:00Z') };
const richRecord = (): CaseRecord => toContract(jsonInputs(bodies('rich')), ctx).records[0]!;
const documentOf = (record: CaseRecord): DeliveryDocument => JSON.parse(new TextDecoder().decode(fromContract([record], ctx, delivery)[0]!.content)) as DeliveryDocument;
const isAbsent = (v: unknown): boolean => v === undefined || v === null || (Array.isArray(v) && v.length === 0);

const CASE = (column: string): string => `casi.item.${column}`;
const VAL = (column: string): string => `valutazioni[].item.${column}`;
const MIS = (column: string): string => `misure[].item.${column}`;
const IDENTITY = [CASI.cognome, CASI.nome, CASI.sesso, CASI.dataNascita, CASI.annoNascita, CASI.meseNascita, CASI.avs, CASI.simic, CASI.nazionalita, CASI.comune, CASI.arrivo, CASI.nucleo].map(CASE);
const LANGUAGES = [CASI.linguaMadre, CASI.altreLingue].map(CASE);
const RESPONSIBILITY = [CASI.fase, CASI.ente, CASI.operatore, CASI.competenteDal].map(CASE);
const PLAN = [CASI.versionePiano, CASI.pianoStabilito, CASI.pianoValidato].map(CASE);

const EXPECTED: Record<string, { absent: string[]; kept?: string[] }> = {
  person: { absent: [...IDENTITY, ...LANGUAGES], kept: ['casi.item.Title', `statuti[].item.${STATUTI.statuto}`, CASE(CASI.fase)] },
  'person (all but languages)': { absent: IDENTITY, kept: LANGUAGES },
  'person.languages': { absent: LANGUAGES, kept: [CASE(CASI.cognome)] },
  residence: { absent: ['statuti', CASE(CASI.decisioneAsilo)], kept: [CASE(CASI.cognome), CASE(CASI.fase)] },
  responsibility: { absent: RESPONSIBILITY, kept: [CASE(CASI.cognome), `statuti[].item.${STATUTI.statuto}`] },
  potentialAssessments: { absent: ['valutazioni'], kept: [CASE(CASI.versionePiano)] },
  integrationPlan: { absent: [...PLAN, 'misure'], kept: [VAL(VALUTAZIONI.orientamento)] },
  'integrationPlan (all but measures[].note)': {
    absent: [CASE(CASI.pianoValidato), ...[MISURE.title, MISURE.tipo, MISURE.stato, MISURE.esito, MISURE.fornitore, MISURE.fornitoreEnte, MISURE.inizio, MISURE.fine, MISURE.finanziamento, MISURE.documenti].map(MIS)],
    kept: [CASE(CASI.versionePiano), 'misure[].Id', MIS(MISURE.osservazioni)],
  },
  employment: { absent: [CASI.situazione, CASI.grado, CASI.occupatoDal].map(CASE) },
  socialAssistance: { absent: [CASI.assistenza, CASI.assistenzaDal].map(CASE) },
  journal: { absent: ['diario'] },
  documents: { absent: ['documenti'] },
  consents: { absent: ['consensi'] },
  'potentialAssessments[].health': { absent: [VAL(VALUTAZIONI.capacita), VAL(VALUTAZIONI.limitazioni)], kept: [VAL(VALUTAZIONI.orientamento)] },
  'potentialAssessments[].resources': { absent: [VAL(VALUTAZIONI.risorse)], kept: ['valutazioni[].Id'] },
  'potentialAssessments[].obstacles': { absent: [VAL(VALUTAZIONI.ostacoli)], kept: ['valutazioni[].Id'] },
  'potentialAssessments[].goals': { absent: [VAL(VALUTAZIONI.obiettivi)], kept: ['valutazioni[].Id'] },
  'potentialAssessments[].languageSkills': { absent: [VAL(VALUTAZIONI.lingua), VAL(VALUTAZIONI.orale), VAL(VALUTAZIONI.scritto), VAL(VALUTAZIONI.certificato)], kept: [VAL(VALUTAZIONI.orientamento)] },
  'potentialAssessments[].education': { absent: [VAL(VALUTAZIONI.formazione), VAL(VALUTAZIONI.anniScuola), VAL(VALUTAZIONI.conclusa), VAL(VALUTAZIONI.paese)], kept: [VAL(VALUTAZIONI.orientamento)] },
  'potentialAssessments[].workExperience': { absent: [VAL(VALUTAZIONI.esperienza), VAL(VALUTAZIONI.anniEsperienza)], kept: [VAL(VALUTAZIONI.orientamento)] },
  'potentialAssessments[].orientation': { absent: [VAL(VALUTAZIONI.orientamento)], kept: [VAL(VALUTAZIONI.lingua)] },
  'integrationPlan.measures[].note': { absent: [MIS(MISURE.osservazioni)], kept: [MIS(MISURE.title), MIS(MISURE.tipo), MIS(MISURE.stato)] },
  'ai-benefit-assessment': {
    absent: [...RESPONSIBILITY, ...LANGUAGES, ...PLAN, 'misure', VAL(VALUTAZIONI.lingua), VAL(VALUTAZIONI.risorse), CASE(CASI.assistenza), 'diario', 'documenti', 'consensi'],
    kept: [CASE(CASI.cognome), `statuti[].item.${STATUTI.statuto}`, VAL(VALUTAZIONI.orientamento), VAL(VALUTAZIONI.capacita), CASE(CASI.situazione)],
  },
  'all at once': {
    absent: [...IDENTITY, ...LANGUAGES, ...RESPONSIBILITY, ...PLAN, 'statuti', 'valutazioni', 'misure', CASE(CASI.situazione), CASE(CASI.assistenza), 'diario', 'documenti', 'consensi'],
    kept: ['casi.item.Title'],
  },
};

describeWithheld('contract → SharePoint-TI: a record without what the policy withheld', {
  rich: richRecord,
  expected: EXPECTED,
  written: documentOf,
  others: [(r) => fromContract([r], ctx)],
  configuration: ctx.settings,
  absence: (v) => v === undefined || (Array.isArray(v) && v.length === 0),
});
