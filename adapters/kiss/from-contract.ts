import { domainOf, el, formatDmy, groupHouseholds, formatLocalIso, entriesPerHolder, listElement, sharedEntries, writeXml, writing, zurichTimestamp, type CaseRecord, type DeliveryNaming, type HouseholdDomain, type MapContext, type NativeInput, type XmlOut } from '../../src/adapters/sdk.js';
import { DOCUMENT_KIND, JOURNAL, PHASE } from './codes.js';
import { settingsOf, type KissSettings } from './native.js';
import { memberElement, needed, opt, ouiNon, serviceOf } from './write-member.js';

// Contract records → `import/entrant/UA_IMPORT_<transferId>.xml` (FORMAT.md, "Writing"):
// root `importKiSS`, the export's `uniteAssistance` layout, one UA per household; the
// numbers left empty for KiSS to assign, `@idExterne` = recordId.

const DOMAIN: Readonly<Record<HouseholdDomain, string>> = { asylum: 'ASILE', refugee: 'REFUGIES', regular: 'ASE' };

export function fromContract(records: readonly CaseRecord[], ctx: MapContext, delivery?: DeliveryNaming): NativeInput[] {
  const settings = settingsOf(ctx);
  const uas = groupHouseholds(records).map((members) => uaElement(members, settings));
  const entete = el('entete', { mandant: settings.mandant, creeLe: delivery && formatLocalIso(zurichTimestamp(delivery.at)), declencheur: 'import' });
  return [
    {
      name: delivery ? `UA_IMPORT_${delivery.transferId}.xml` : 'UA_IMPORT.xml',
      content: writeXml(el('importKiSS', { version: '5.2', edition: 'romandie' }, entete, uas), 'utf-8'),
    },
  ];
}

/** What members share is written once, from the head's record (KiSS has one per UA). */
function uaElement(members: readonly CaseRecord[], settings: KissSettings): XmlOut {
  const head = members[0]!;
  const own = (r: CaseRecord): boolean => r.source.system === 'kiss';
  const service = serviceOf(settings.organisations);
  return writing(head, () => {
    // The head's person (the UA's designation), status (its domaine) and responsibility come first: a delivery without them is refused.
    const name = needed(head.person?.officialName, 'person.officialName', 'membre/nomOfficiel');
    const firstName = needed(head.person?.firstName, 'person.firstName', 'membre/prenom');
    needed(head.residence, 'residence', 'statuts');
    const r = needed(head.responsibility, 'responsibility', 'responsabilite');
    const aid = head.socialAssistance;
    const commune = head.person.municipality;
    return el(
      'uniteAssistance',
      // `@aideFinanciere` is left out when the record does not say (social assistance withheld).
      { noUA: '', domaine: DOMAIN[domainOf(head)], aideFinanciere: aid === undefined ? undefined : ouiNon(aid.receives) },
      el('designation', {}, `${name} ${firstName}`),
      opt('soutienDes', aid?.receives && aid.since ? formatDmy(aid.since) : undefined),
      // `@npa` is required on import and unknown to the contract: left empty (FORMAT, "cannot carry").
      commune ? el('commune', { noOFS: commune.bfsNumber, npa: '' }, commune.name) : undefined,
      el('responsabilite', { phase: PHASE.encode(r.phase), service: service(r.institutionId), des: formatDmy(r.since), gestionnaire: own(head) ? r.caseManagerId : undefined }),
      r.history?.length
        ? el('historiqueResponsabilite', {}, r.history.map((h) => el('periode', { phase: PHASE.encode(h.phase), service: service(h.institutionId), du: formatDmy(h.from), au: formatDmy(h.to) })))
        : undefined,
      el('membres', {}, members.map((m, i) => writing(m, () => memberElement(m, i === 0 ? 'REQ' : 'AUTRE', settings.organisations, own(m))))),
      journal(members, service),
      documents(members, own),
    );
  });
}

/** A note every member holds names nobody; the others list their members in `concerne` (by `idExterne`, as they have no number yet). */
function journal(members: readonly CaseRecord[], service: (id: string | undefined) => string | undefined): XmlOut | undefined {
  return listElement('journal', sharedEntries(members.map((m) => m.journal)), ({ entry: n, members: holders, everyone }) =>
    el(
      'note',
      { no: n.id, saisieLe: formatLocalIso(n.at), type: JOURNAL.encode(n.category), service: service(n.institutionId) },
      everyone ? undefined : holders.map((h) => el('concerne', {}, members[h]!.recordId)),
      el('texte', {}, n.text),
    ),
  );
}

/** A document names one member at most: one held by some members is written once per member. */
function documents(members: readonly CaseRecord[], own: (r: CaseRecord) => boolean): XmlOut | undefined {
  return listElement('documents', entriesPerHolder(members, (m) => m.documents), ({ entry: d, holder, named }) =>
    el('document', { no: d.id, type: DOCUMENT_KIND.encode(d.kind, d.nativeCode, own(holder)), mime: d.mediaType, octets: d.size, sha256: d.sha256, date: formatDmy(d.date), personne: named ? holder.recordId : undefined }, d.title),
  );
}
