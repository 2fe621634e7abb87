import { at, invalid, toRichText, type At, type InstitutionType, type MeasureStatus, type MeasureType, type Orientation } from '../../src/adapters/sdk.js';
import { CONSENSI, DIARIO, DOCUMENTI, MISURE, PREFIX, STATUTI, VALUTAZIONI } from './columns.js';
import * as codes from './codes.js';
import { choices, enteId, entry, label, lookups, midnight, ownId, withCaso, type Writer } from './write-helpers.js';
import type { DeliveryDocument } from './inputs.js';

const EXTENSION: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.entries(codes.FILE_TYPE).map(([ext, type]) => [type, ext])),
  [codes.OCTET_STREAM]: 'bin',
};

type Children = Omit<DeliveryDocument, 'casi'>;

/** The child lists' entries of one record. */
export function childEntries(w: Writer): Children {
  const r = w.record;
  const documents = r.documents ?? [];
  const docIds = documents.map((d) => ownId(w, d.id, PREFIX.documenti));
  // A document's item id, or `-n` for the n-th document of this delivery that has none yet.
  const docRef = (id: string): number | undefined => {
    const i = documents.findIndex((d) => d.id === id);
    if (i < 0) return ownId(w, id, PREFIX.documenti);
    return docIds[i] ?? -(i + 1);
  };
  return {
    statuti: (r.residence?.statusHistory ?? []).map((s, i) =>
      entry('statuti', undefined, withCaso(w, {
        [STATUTI.statuto]: label(codes.STATUTO, s.status, at(`residence.statusHistory[${i}].status`, STATUTI.statuto), s.nativeCode, w.own),
        [STATUTI.dal]: midnight(s.from),
        [STATUTI.al]: midnight(s.to),
      })),
    ),
    valutazioni: (r.potentialAssessments ?? []).map((a, i) => {
      const w2 = (field: string, native: string): At => at(`potentialAssessments[${i}].${field}`, native);
      // One language per item, with its oral and written level: other skills and languages cannot be carried.
      const spoken = (a.languageSkills ?? []).filter((s) => s.skill === 'oral' || s.skill === 'written');
      const language = spoken[0]?.language;
      const skill = (kind: 'oral' | 'written') => spoken.find((s) => s.language === language && s.skill === kind);
      const [oral, written] = [skill('oral'), skill('written')];
      const education = a.education?.[0];
      const work = a.workExperience?.[0];
      // Absent when education and work are withheld (the assessment then holds its language skills or notes).
      const orientation: Orientation | undefined = a.orientation;
      return entry('valutazioni', ownId(w, a.id, PREFIX.valutazioni), withCaso(w, {
        Title: 'Valutazione del potenziale',
        [VALUTAZIONI.data]: midnight(a.date),
        [VALUTAZIONI.ente]: enteId(w, a.institutionId, w2('institutionId', VALUTAZIONI.ente)),
        [VALUTAZIONI.lingua]: language && label(codes.LINGUA, language, w2('languageSkills[0].language', VALUTAZIONI.lingua)),
        [VALUTAZIONI.orale]: oral && label(codes.LIVELLO, oral.level, w2(`languageSkills[${a.languageSkills!.indexOf(oral)}].level`, VALUTAZIONI.orale)),
        [VALUTAZIONI.scritto]: written && label(codes.LIVELLO, written.level, w2(`languageSkills[${a.languageSkills!.indexOf(written)}].level`, VALUTAZIONI.scritto)),
        [VALUTAZIONI.certificato]: oral || written ? [oral, written].some((s) => s?.certified) : undefined,
        [VALUTAZIONI.formazione]: education && label(codes.FORMAZIONE, education.level, w2('education[0].level', VALUTAZIONI.formazione)),
        [VALUTAZIONI.anniScuola]: education?.years,
        [VALUTAZIONI.conclusa]: education?.completed,
        [VALUTAZIONI.paese]: education?.country && label(codes.PAESE, education.country, w2('education[0].country', VALUTAZIONI.paese)),
        [VALUTAZIONI.esperienza]: work?.occupation,
        [VALUTAZIONI.anniEsperienza]: work?.years,
        [VALUTAZIONI.capacita]: a.health?.workCapacityPercent === undefined ? undefined : a.health.workCapacityPercent / 100,
        [VALUTAZIONI.limitazioni]: a.health?.restrictions,
        [VALUTAZIONI.orientamento]: orientation && label(codes.ORIENTAMENTO, orientation, w2('orientation', VALUTAZIONI.orientamento)),
        [VALUTAZIONI.risorse]: toRichText(a.resources),
        [VALUTAZIONI.ostacoli]: toRichText(a.obstacles),
        [VALUTAZIONI.obiettivi]: toRichText(a.goals),
      }));
    }),
    misure: (r.integrationPlan?.measures ?? []).map((m, i) => {
      const w2 = (field: string, native: string): At => at(`integrationPlan.measures[${i}].${field}`, native);
      // One nativeCode per measure: the type's when the type is `other`, else the funding's.
      const typeCode = m.type === 'other' ? m.nativeCode : undefined;
      const fundingCode = m.type === 'other' ? undefined : m.nativeCode;
      // With the plan withheld but its notes disclosed, a measure holds only its id and note.
      const type: MeasureType | undefined = m.type;
      const status: MeasureStatus | undefined = m.status;
      return entry('misure', ownId(w, m.id, PREFIX.misure), withCaso(w, {
        [MISURE.title]: m.title,
        [MISURE.tipo]: type && label(codes.TIPO_MISURA, type, w2('type', MISURE.tipo), typeCode, w.own),
        [MISURE.stato]: status && label(codes.STATO, status, w2('status', MISURE.stato)),
        [MISURE.esito]: m.outcome && label(codes.ESITO, m.outcome, w2('outcome', MISURE.esito)),
        [MISURE.fornitore]: m.providerName,
        [MISURE.fornitoreEnte]: m.providerId && enteId(w, m.providerId, w2('providerId', MISURE.fornitoreEnte)),
        [MISURE.inizio]: midnight(m.start),
        [MISURE.fine]: midnight(m.end),
        [MISURE.finanziamento]: m.financedBy && label(codes.FINANZIAMENTO, m.financedBy, w2('financedBy', MISURE.finanziamento), fundingCode, w.own),
        [MISURE.osservazioni]: toRichText(m.note),
        [MISURE.documenti]: lookups((m.documentIds ?? []).map(docRef).filter((id) => id !== undefined)),
      }));
    }),
    diario: (r.journal ?? []).map((j, i) =>
      entry('diario', ownId(w, j.id, PREFIX.diario), withCaso(w, {
        [DIARIO.quando]: new Date(j.at).toISOString().replace('.000Z', 'Z'),
        [DIARIO.categoria]: label(codes.CATEGORIA, j.category, at(`journal[${i}].category`, DIARIO.categoria)),
        [DIARIO.testo]: toRichText(j.text),
        [DIARIO.ente]: enteId(w, j.institutionId, at(`journal[${i}].institutionId`, DIARIO.ente)),
      })),
    ),
    documenti: documents.map((d, i) => {
      const ext = EXTENSION[d.mediaType];
      if (ext === undefined) throw invalid('mapping.cannot-carry', at(`documents[${i}].mediaType`, DOCUMENTI.fileType), 'is a media type the library has no file type for');
      return {
        ...entry('documenti', docIds[i], withCaso(w, {
          [DOCUMENTI.title]: d.title,
          [DOCUMENTI.tipo]: label(codes.TIPO_DOCUMENTO, d.kind, at(`documents[${i}].kind`, DOCUMENTI.tipo), d.nativeCode, w.own),
          [DOCUMENTI.data]: midnight(d.date),
          [DOCUMENTI.impronta]: d.sha256,
        })),
        file: { Name: `${w.record.source.localCaseId}_${d.id}.${ext}`.replace(/[^\w.-]/g, '_'), Length: String(d.size), sha256: d.sha256 },
      };
    }),
    consensi: (r.consents ?? []).map((c, i) => {
      const types = c.recipients.filter((x) => (codes.INSTITUTION_TYPES as readonly string[]).includes(x));
      const enti = c.recipients.filter((x) => !types.includes(x));
      const w2 = (field: string, native: string): At => at(`consents[${i}].${field}`, native);
      const modulo = c.documentId === undefined ? undefined : docRef(c.documentId);
      return entry('consensi', ownId(w, c.id, PREFIX.consensi), withCaso(w, {
        Title: 'Consenso',
        [CONSENSI.tipo]: label(codes.TIPO_CONSENSO, c.kind, w2('kind', CONSENSI.tipo)),
        [CONSENSI.firma]: midnight(c.grantedOn),
        [CONSENSI.validoFino]: midnight(c.validUntil),
        [CONSENSI.revocato]: midnight(c.revokedOn),
        [CONSENSI.destinatariEnti]: lookups(enti.map((e) => enteId(w, e, w2('recipients', CONSENSI.destinatariEnti)))),
        [CONSENSI.tipiDestinatari]: choices(types.map((t) => label(codes.DESTINATARI, t as InstitutionType, w2('recipients', CONSENSI.tipiDestinatari)))),
        [CONSENSI.finalita]: choices(c.purposes.map((p) => label(codes.FINALITA, p, w2('purposes', CONSENSI.finalita)))),
        [CONSENSI.categorie]: choices(c.dataCategories.map((k) => label(codes.CATEGORIE_DATI, k, w2('dataCategories', CONSENSI.categorie)))),
        [CONSENSI.modulo]: modulo,
      }));
    }),
  };
}
