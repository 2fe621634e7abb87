import { at, down, instantKey, invalid, item, missing, ordered, required, type At, type OrganisationMap, type XmlElement } from '../../src/adapters/sdk.js';
import { CATEGORY, CONSENT_KIND, DOCUMENT_KIND, JOURNAL, PURPOSE, RECIPIENT_TYPE } from './codes.js';
import { attr, dateOf, endDateOf, integerOf, optionalAttr, requiredAttr, textOf, timestampOf } from './native.js';

/** `Journal/Eintrag*` (newest first) → `journal[]` by time; every attribute and the text required. */
export function journalOf(journal: XmlElement | undefined, orgs: OrganisationMap): unknown[] {
  const base = at('journal', 'Journal/Eintrag');
  const all = journal?.all('Eintrag') ?? [];
  return ordered(all, base, { newestFirst: true, keyOf: (e, w) => instantKey(required(timestampOf(e.attr('Zeitpunkt'), attr(w, 'at', 'Zeitpunkt')), attr(w, 'at', 'Zeitpunkt'))) }).map(({ value: e, where }) => {
    const when = attr(where, 'at', 'Zeitpunkt');
    const stelle = attr(where, 'institutionId', 'Stelle');
    return {
      id: requiredAttr(e, 'Id', attr(where, 'id', 'Id')),
      at: required(timestampOf(e.attr('Zeitpunkt'), when), when),
      institutionId: required(orgs.institution(e.attr('Stelle'), stelle), stelle),
      category: JOURNAL.value(e.attr('Kategorie'), attr(where, 'category', 'Kategorie')),
      text: required(textOf(e), at(`${where.field}.text`, where.nativeField)),
    };
  });
}

const SHA256 = /^[0-9a-f]{64}$/;
const MEDIA_TYPE = /^[\w.+-]+\/[\w.+-]+$/;

/** `Dokumente/Dokument*` → `documents[]` (metadata only); every attribute and the title required. */
export function documentsOf(dokumente: XmlElement | undefined): unknown[] {
  return (dokumente?.all('Dokument') ?? []).map((d, i) => {
    const where = item(at('documents', 'Dokumente/Dokument'), i);
    const kind = DOCUMENT_KIND.decode(d.attr('Art'), attr(where, 'kind', 'Art'));
    const date = attr(where, 'date', 'Datum');
    const bytes = attr(where, 'size', 'Bytes');
    const media = attr(where, 'mediaType', 'MimeType');
    const hash = attr(where, 'sha256', 'SHA256');
    const mediaType = requiredAttr(d, 'MimeType', media);
    if (!MEDIA_TYPE.test(mediaType)) throw invalid('mapping.invalid-media-type', media, 'is not a media type (type/subtype)');
    const sha256 = requiredAttr(d, 'SHA256', hash);
    if (!SHA256.test(sha256)) throw invalid('mapping.invalid-hash', hash, 'is not 64 lower-case hexadecimal digits');
    return {
      id: requiredAttr(d, 'Id', attr(where, 'id', 'Id')),
      title: required(textOf(d), at(`${where.field}.title`, where.nativeField)),
      kind: kind.value,
      nativeCode: kind.nativeCode,
      mediaType,
      sha256,
      size: required(integerOf(d.attr('Bytes'), bytes, { min: 0 }), bytes),
      date: required(dateOf(d.attr('Datum'), date), date),
    };
  });
}

/** `Vollmachten/Vollmacht*` → `consents[]`; at least one `Empfaenger`, `Zweck` and `Kategorie` each. */
export function consentsOf(vollmachten: XmlElement | undefined, orgs: OrganisationMap): unknown[] {
  return (vollmachten?.all('Vollmacht') ?? []).map((v, i) => {
    const where = item(at('consents', 'Vollmachten/Vollmacht'), i);
    const granted = attr(where, 'grantedOn', 'Unterzeichnet');
    return {
      id: requiredAttr(v, 'Id', attr(where, 'id', 'Id')),
      kind: CONSENT_KIND.value(v.attr('Art'), attr(where, 'kind', 'Art')),
      grantedOn: required(dateOf(v.attr('Unterzeichnet'), granted), granted),
      validUntil: endDateOf(v.attr('GueltigBis'), attr(where, 'validUntil', 'GueltigBis')),
      revokedOn: dateOf(v.attr('Widerrufen'), attr(where, 'revokedOn', 'Widerrufen')),
      recipients: atLeastOne(v.all('Empfaenger'), down(where, 'recipients', 'Empfaenger'), (e, w) => recipientOf(e, w, orgs)),
      purposes: atLeastOne(v.all('Zweck'), down(where, 'purposes', 'Zweck'), (z, w) => PURPOSE.value(z.text, w)),
      dataCategories: atLeastOne(v.all('Kategorie'), down(where, 'dataCategories', 'Kategorie'), (k, w) => CATEGORY.value(k.text, w)),
      documentId: optionalAttr(v, 'Dokument'),
    };
  });
}

function atLeastOne<T>(elements: readonly XmlElement[], base: At, map: (e: XmlElement, where: At) => T): T[] {
  if (elements.length === 0) throw missing(base);
  return elements.map((e, i) => map(e, item(base, i)));
}

/** `@Stelle` is an institution of the configuration table, `@Typ` a kind of institution. */
function recipientOf(e: XmlElement, where: At, orgs: OrganisationMap): string {
  const stelle = optionalAttr(e, 'Stelle');
  if (stelle !== undefined) return required(orgs.institution(stelle, attr(where, '', 'Stelle')), attr(where, '', 'Stelle'));
  return RECIPIENT_TYPE.value(e.attr('Typ'), attr(where, '', 'Typ'));
}
