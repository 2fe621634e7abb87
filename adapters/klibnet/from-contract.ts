import { domainOf, el, formatDmy, groupHouseholds, formatLocalDmy, invalid, entriesPerHolder, listElement, writeXml, writing, zurichDate, zurichTimestamp, type CaseRecord, type DeliveryNaming, type HouseholdDomain, type MapContext, type NativeInput, type XmlOut } from '../../src/adapters/sdk.js';
import { DOCUMENT_KIND, JOURNAL, MEDIA_TYPE, PHASE } from './codes.js';
import { ROOT } from './head.js';
import { settingsOf, type Database, type KlibnetSettings } from './native.js';
import { code, needed, opt } from './write-kit.js';
import { personElement } from './write-person.js';

// Contract records → KLIBnet import files `KLIB_IMP_<Datenbank>_<transferId>.xml`, the
// export's layout (FORMAT.md, "Writing"): one UE per household, in the database its
// head's current status belongs to; numbers left empty for KLIBnet to assign.

const DATABASE: Readonly<Record<HouseholdDomain, Database>> = { asylum: 'ASYL', refugee: 'FLUE', regular: 'WSH' };

export function fromContract(records: readonly CaseRecord[], ctx: MapContext, delivery?: DeliveryNaming): NativeInput[] {
  const settings = settingsOf(ctx);
  const byDatabase = new Map<Database, XmlOut[]>();
  for (const members of groupHouseholds(records)) {
    const head = members[0]!;
    // The UE's database is its head's current status: a delivery without the residence has none.
    const db = writing(head, () => {
      needed(head.residence, 'residence', 'StatusHistorie');
      return DATABASE[domainOf(head)];
    });
    byDatabase.set(db, [...(byDatabase.get(db) ?? []), ueElement(members, db, settings)]);
  }
  return [...byDatabase].map(([db, ues]) => ({
    name: delivery ? `KLIB_IMP_${db}_${delivery.transferId}.xml` : `KLIB_IMP_${db}.xml`,
    content: writeXml(el(ROOT, {}, kopf(db, ues.length, settings, delivery), ues), 'windows-1252'),
  }));
}

function kopf(db: Database, count: number, settings: KlibnetSettings, delivery: DeliveryNaming | undefined): XmlOut {
  return el(
    'Kopf',
    {},
    el('Schnittstelle', {}, 'AIS-Fall'),
    el('Version', {}, '3.4'),
    el('Mandant', {}, settings.mandant),
    el('Datenbank', {}, db),
    opt('Stichtag', delivery && formatDmy(zurichDate(delivery.at))),
    opt('ErstelltAm', delivery && formatLocalDmy(zurichTimestamp(delivery.at), true)),
    el('AnzahlUE', {}, count),
  );
}

/** What every member shares is written once, from the head's record (KLIBnet has one per UE). */
function ueElement(members: readonly CaseRecord[], db: Database, settings: KlibnetSettings): XmlOut {
  const head = members[0]!;
  const own = (r: CaseRecord): boolean => r.source.system === 'klibnet';
  const orgs = settings.organisations;
  return writing(head, () => {
    const name = needed(head.person?.officialName, 'person.officialName', 'Person/Name');
    const firstName = needed(head.person?.firstName, 'person.firstName', 'Person/Vorname');
    const r = needed(head.responsibility, 'responsibility', 'Zustaendigkeit');
    const asyl = db !== 'WSH';
    return el(
      'UE',
      {},
      el('UENr'),
      el('UEBezeichnung', {}, `${name} ${firstName}`),
      el('EroeffnetAm'),
      opt('AbgeschlossenAm', closedOn(head, db)),
      opt('UnterstuetztAb', head.socialAssistance?.receives && head.socialAssistance.since ? formatDmy(head.socialAssistance.since) : undefined),
      opt('WohngemeindeBFS', head.person.municipality?.bfsNumber),
      opt('Wohngemeinde', head.person.municipality?.name),
      el(
        'Zustaendigkeit',
        {},
        asyl ? el('PhaseCd', {}, PHASE.encode(r.phase)) : undefined,
        el('StelleCd', {}, orgs.requireNative(r.institutionId, 'responsibility.institutionId', 'Zustaendigkeit/StelleCd')),
        el('ZustaendigAb', {}, formatDmy(r.since)),
        // A staff Kürzel means something only in the installation that gave it.
        own(head) ? opt('FallfuehrungKuerzel', r.caseManagerId) : undefined,
      ),
      r.history?.length
        ? el(
            'ZustaendigkeitHistorie',
            {},
            r.history.map((h, i) =>
              el(
                'Zeile',
                {},
                asyl ? el('PhaseCd', {}, PHASE.encode(h.phase)) : undefined,
                el('StelleCd', {}, orgs.requireNative(h.institutionId, `responsibility.history[${i}].institutionId`, 'ZustaendigkeitHistorie/Zeile/StelleCd')),
                el('Von', {}, formatDmy(h.from)),
                el('Bis', {}, formatDmy(h.to)),
              ),
            ),
          )
        : undefined,
      el(
        'Personen',
        {},
        members.map((m, i) => writing(m, () => personElement(m, i === 0 ? 'AS' : 'WP', db, orgs, own(m)))),
      ),
      notes(members),
      documents(members, own),
    );
  });
}

/**
 * KLIBnet knows a UE open (supported) or closed. A person not supported in an open case
 * cannot be said: refused rather than turned into "supported". A closed UE takes the day
 * its responsibility closed.
 */
function closedOn(head: CaseRecord, db: Database): string | undefined {
  const r = head.responsibility;
  const closedPhase = r.phase === 'closed';
  if (head.socialAssistance?.receives === false || (db === 'WSH' && closedPhase)) {
    if (!closedPhase) throw invalid('mapping.cannot-write', { field: 'socialAssistance.receives', nativeField: 'AbgeschlossenAm' }, 'cannot be written: KLIBnet knows an open UE only as supported');
    return formatDmy(r.since);
  }
  return undefined;
}

/** Notes every member holds are written once; the others once per member, naming it by `FremdId` (it has no `PersNr` yet). */
function notes(members: readonly CaseRecord[]): XmlOut | undefined {
  return listElement('Aktennotizen', entriesPerHolder(members, (m) => m.journal), ({ entry, holder, named }) =>
    writing(holder, () =>
      el(
        'Aktennotiz',
        {},
        el('NotizNr', {}, entry.id),
        el('ErfasstAm', {}, formatLocalDmy(entry.at, true)),
        el('ArtCd', {}, JOURNAL.encode(entry.category)),
        named ? el('FremdId', {}, holder.recordId) : undefined,
        el('Text', {}, entry.text),
      ),
    ),
  );
}

function documents(members: readonly CaseRecord[], own: (r: CaseRecord) => boolean): XmlOut | undefined {
  return listElement('Dokumente', entriesPerHolder(members, (m) => m.documents), ({ entry: d, holder, named }) =>
    writing(holder, () =>
      el(
        'Dokument',
        {},
        el('DokNr', {}, d.id),
        el('Bezeichnung', {}, d.title),
        el('DokArtCd', {}, DOCUMENT_KIND.encode(d.kind, d.nativeCode, own(holder))),
        el('Dateityp', {}, code(MEDIA_TYPE.encode(d.mediaType), 'documents.mediaType', 'Dokument/Dateityp')),
        el('GroesseBytes', {}, d.size),
        el('Pruefsumme', {}, d.sha256.toUpperCase()),
        el('Datum', {}, formatDmy(d.date)),
        named ? el('FremdId', {}, holder.recordId) : undefined,
      ),
    ),
  );
}
