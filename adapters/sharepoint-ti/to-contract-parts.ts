import { at, odataBoolean, odataLocalDate, odataNumber, odataText, odataTimestamp, odataWhole, percent, required, richText, sha256Hex, sortBy, text, type At } from '../../src/adapters/sdk.js';
import { CASI, CONSENSI, DIARIO, DOCUMENTI, MISURE, PREFIX, VALUTAZIONI } from './columns.js';
import * as codes from './codes.js';
import { childrenOf, numberOrText, type Site } from './site.js';
import { enteKey, label, multi, type Json } from './values.js';

type Where = (field: string, native: string) => At;

const ente = (site: Site, value: unknown, where: At): string | undefined => site.enti.institution(enteKey(value), where);
const lookupIds = (value: unknown): number[] => multi(value).map(Number).filter((n) => Number.isInteger(n));

/** One assessment item: one language (oral then written level), one education, one work experience. */
export function assessmentsOf(id: number, site: Site): unknown[] {
  const list = childrenOf(site.bodies.valutazioni, id).map((v, i) => {
    const w: Where = (field, native) => at(`potentialAssessments[${i}].${field}`, `Valutazioni[${i}].${native}`);
    const levels = [
      ['oral', VALUTAZIONI.orale],
      ['written', VALUTAZIONI.scritto],
    ] as const;
    const skills = levels.filter(([, column]) => label(v[column]) !== undefined);
    const language = skills.length === 0 ? undefined : required(codes.LINGUA.value(label(v[VALUTAZIONI.lingua]), w('languageSkills[0].language', VALUTAZIONI.lingua)), w('languageSkills[0].language', VALUTAZIONI.lingua));
    const education = codes.FORMAZIONE.valueOptional(label(v[VALUTAZIONI.formazione]), w('education[0].level', VALUTAZIONI.formazione));
    const occupation = odataText(v[VALUTAZIONI.esperienza]);
    return {
      id: `${PREFIX.valutazioni}-${String(v.Id)}`,
      date: required(odataLocalDate(v[VALUTAZIONI.data], w('date', VALUTAZIONI.data)), w('date', VALUTAZIONI.data)),
      institutionId: required(ente(site, v[VALUTAZIONI.ente], w('institutionId', VALUTAZIONI.ente)), w('institutionId', VALUTAZIONI.ente)),
      languageSkills: skills.map(([skill, column], j) => ({
        language,
        level: codes.LIVELLO.value(label(v[column]), w(`languageSkills[${j}].level`, column)),
        skill,
        certified: required(odataBoolean(v[VALUTAZIONI.certificato], w(`languageSkills[${j}].certified`, VALUTAZIONI.certificato)), w(`languageSkills[${j}].certified`, VALUTAZIONI.certificato)),
      })),
      education: education && [
        {
          level: education,
          country: codes.PAESE.valueOptional(label(v[VALUTAZIONI.paese]), w('education[0].country', VALUTAZIONI.paese)),
          years: odataNumber(v[VALUTAZIONI.anniScuola], w('education[0].years', VALUTAZIONI.anniScuola), { min: 0 }),
          completed: required(odataBoolean(v[VALUTAZIONI.conclusa], w('education[0].completed', VALUTAZIONI.conclusa)), w('education[0].completed', VALUTAZIONI.conclusa)),
        },
      ],
      workExperience: occupation && [
        { occupation, years: required(odataNumber(v[VALUTAZIONI.anniEsperienza], w('workExperience[0].years', VALUTAZIONI.anniEsperienza), { min: 0 }), w('workExperience[0].years', VALUTAZIONI.anniEsperienza)) },
      ],
      health: {
        workCapacityPercent: percent(numberOrText(v[VALUTAZIONI.capacita]), w('health.workCapacityPercent', VALUTAZIONI.capacita), { fraction: true }),
        restrictions: text(odataText(v[VALUTAZIONI.limitazioni])),
      },
      orientation: codes.ORIENTAMENTO.value(label(v[VALUTAZIONI.orientamento]), w('orientation', VALUTAZIONI.orientamento)),
      resources: richText(odataText(v[VALUTAZIONI.risorse])),
      obstacles: richText(odataText(v[VALUTAZIONI.ostacoli])),
      goals: richText(odataText(v[VALUTAZIONI.obiettivi])),
    };
  });
  return sortBy(list, (a) => a.date);
}

/** The plan lives on the case (`Versione piano`: none without it); its measures are the case's `Misure di integrazione`. */
export function planOf(c: Json, id: number, site: Site): unknown {
  const version = odataWhole(c[CASI.versionePiano], at('integrationPlan.version', CASI.versionePiano), { min: 1 });
  if (version === undefined) return undefined;
  return {
    id: `${PREFIX.piano}-${id}`,
    version,
    establishedOn: required(odataLocalDate(c[CASI.pianoStabilito], at('integrationPlan.establishedOn', CASI.pianoStabilito)), at('integrationPlan.establishedOn', CASI.pianoStabilito)),
    validatedBy: ente(site, c[CASI.pianoValidato], at('integrationPlan.validatedBy', CASI.pianoValidato)),
    measures: childrenOf(site.bodies.misure, id).map((m, i) => {
      const w: Where = (field, native) => at(`integrationPlan.measures[${i}].${field}`, `Misure di integrazione[${i}].${native}`);
      const type = codes.TIPO_MISURA.decode(label(m[MISURE.tipo]), w('type', MISURE.tipo));
      const financing = codes.FINANZIAMENTO.decodeOptional(label(m[MISURE.finanziamento]), w('financedBy', MISURE.finanziamento));
      return {
        id: `${PREFIX.misure}-${String(m.Id)}`,
        type: type.value,
        // One nativeCode per object: the type's wins when both fall back.
        nativeCode: type.nativeCode ?? financing?.nativeCode,
        title: required(odataText(m[MISURE.title]), w('title', MISURE.title)),
        providerId: ente(site, m[MISURE.fornitoreEnte], w('providerId', MISURE.fornitoreEnte)),
        providerName: odataText(m[MISURE.fornitore]),
        start: odataLocalDate(m[MISURE.inizio], w('start', MISURE.inizio)),
        end: odataLocalDate(m[MISURE.fine], w('end', MISURE.fine)),
        status: codes.STATO.value(label(m[MISURE.stato]), w('status', MISURE.stato)),
        outcome: codes.ESITO.valueOptional(label(m[MISURE.esito]), w('outcome', MISURE.esito)),
        note: richText(odataText(m[MISURE.osservazioni])),
        financedBy: financing?.value,
        documentIds: lookupIds(m[MISURE.documenti]).map((d) => `${PREFIX.documenti}-${d}`),
      };
    }),
  };
}

export function journalOf(id: number, site: Site): unknown[] {
  const list = childrenOf(site.bodies.diario, id).map((d, i) => {
    const w: Where = (field, native) => at(`journal[${i}].${field}`, `Diario[${i}].${native}`);
    const when = required(odataTimestamp(d[DIARIO.quando], w('at', DIARIO.quando)), w('at', DIARIO.quando));
    return {
      id: `${PREFIX.diario}-${String(d.Id)}`,
      at: when,
      institutionId: required(ente(site, d[DIARIO.ente], w('institutionId', DIARIO.ente)), w('institutionId', DIARIO.ente)),
      category: codes.CATEGORIA.value(label(d[DIARIO.categoria]), w('category', DIARIO.categoria)),
      text: required(richText(odataText(d[DIARIO.testo])), w('text', DIARIO.testo)),
    };
  });
  return sortBy(list, (e) => new Date(e.at).toISOString());
}

export function documentsOf(id: number, site: Site): unknown[] {
  return childrenOf(site.bodies.documenti, id).map((d, i) => {
    const w: Where = (field, native) => at(`documents[${i}].${field}`, `Documenti[${i}].${native}`);
    const kind = codes.TIPO_DOCUMENTO.decode(label(d[DOCUMENTI.tipo]), w('kind', DOCUMENTI.tipo));
    const file = (d.File ?? {}) as Json;
    const type = odataText(d[DOCUMENTI.fileType])?.toLowerCase();
    return {
      id: `${PREFIX.documenti}-${String(d.Id)}`,
      title: required(odataText(d[DOCUMENTI.title]), w('title', DOCUMENTI.title)),
      kind: kind.value,
      nativeCode: kind.nativeCode,
      mediaType: (type && codes.FILE_TYPE[type]) ?? codes.OCTET_STREAM,
      sha256: required(sha256Hex(odataText(d[DOCUMENTI.impronta]), w('sha256', DOCUMENTI.impronta)), w('sha256', DOCUMENTI.impronta)),
      size: required(odataWhole(file.Length, w('size', 'File.Length'), { min: 0 }), w('size', 'File.Length')),
      date: required(odataLocalDate(d[DOCUMENTI.data], w('date', DOCUMENTI.data)), w('date', DOCUMENTI.data)),
    };
  });
}

export function consentsOf(id: number, site: Site): unknown[] {
  return childrenOf(site.bodies.consensi, id).map((c, i) => {
    const w: Where = (field, native) => at(`consents[${i}].${field}`, `Consensi[${i}].${native}`);
    const enti = multi(c[CONSENSI.destinatariEnti]);
    const modulo = odataWhole(c[CONSENSI.modulo], w('documentId', CONSENSI.modulo), { min: 1 });
    return {
      id: `${PREFIX.consensi}-${String(c.Id)}`,
      kind: codes.TIPO_CONSENSO.value(label(c[CONSENSI.tipo]), w('kind', CONSENSI.tipo)),
      grantedOn: required(odataLocalDate(c[CONSENSI.firma], w('grantedOn', CONSENSI.firma)), w('grantedOn', CONSENSI.firma)),
      validUntil: odataLocalDate(c[CONSENSI.validoFino], w('validUntil', CONSENSI.validoFino)),
      revokedOn: odataLocalDate(c[CONSENSI.revocato], w('revokedOn', CONSENSI.revocato)),
      recipients: [
        ...enti.map((e, j) => site.enti.institution(e, w(`recipients[${j}]`, `${CONSENSI.destinatariEnti}[${j}]`))),
        ...multi(c[CONSENSI.tipiDestinatari]).map((t, j) => codes.DESTINATARI.value(t, w(`recipients[${enti.length + j}]`, `${CONSENSI.tipiDestinatari}[${j}]`))),
      ],
      purposes: multi(c[CONSENSI.finalita]).map((p, j) => codes.FINALITA.value(p, w(`purposes[${j}]`, `${CONSENSI.finalita}[${j}]`))),
      dataCategories: multi(c[CONSENSI.categorie]).map((k, j) => codes.CATEGORIE_DATI.value(k, w(`dataCategories[${j}]`, `${CONSENSI.categorie}[${j}]`))),
      documentId: modulo === undefined ? undefined : `${PREFIX.documenti}-${modulo}`,
    };
  });
}
