import { at, invalid, localMidnightUtc, type At } from '../../src/adapters/sdk.js';
import * as codes from './codes.js';
import { guid, type Writer } from './writer.js';

/**
 * Journal entries as activities of their type (`phonecalls`, `smig_decisions`…) regarding
 * the dossier: the first line of `text` is the `subject`, the rest the `description`.
 */
export function journalParts(w: Writer, dossier: string): void {
  for (const [i, j] of (w.record.journal ?? []).entries()) {
    const s = (field: string, native: string): At => at(`journal[${i}].${field}`, `activitypointer.${native}`);
    const type = codes.ACTIVITY.encode(j.category);
    if (type === undefined) throw invalid('mapping.cannot-carry', s('category', 'activitytypecode'), 'has no Centralis activity type');
    const newline = j.text.indexOf('\n');
    w.add(`${type}s`, {
      activityid: guid(w, 'activity', j.id),
      subject: newline < 0 ? j.text : j.text.slice(0, newline),
      description: newline < 0 ? undefined : j.text.slice(newline + 1),
      actualstart: new Date(j.at).toISOString().replace('.000Z', 'Z'),
      [`regardingobjectid_smig_dossier_${type}@odata.bind`]: dossier,
      // Business units are known by name (an alternate key on `name`).
      'owningbusinessunit@odata.bind': `/businessunits(name='${w.businessUnits.requireNative(j.institutionId, s('institutionId', '_owningbusinessunit_value').field, '_owningbusinessunit_value').replace(/'/g, "''")}')`,
    });
  }
}

/**
 * Documents as notes with a file, owned by the consent that names them, else the measure
 * that lists them, else the contact. A note has one owner: a document two owners name
 * cannot be said. A reference to a document the record does not hold (withheld) is left out.
 */
export function documentParts(w: Writer, contact: string, measures: ReadonlyMap<string, string>, consents: readonly { ref: string; documentId?: string }[]): void {
  const owner = new Map<string, string>();
  const claim = (documentId: string, ref: string, where: At): void => {
    if (owner.has(documentId)) throw invalid('mapping.cannot-carry', where, 'names a document another owner already names (a note has one owner)');
    owner.set(documentId, ref);
  };
  consents.forEach((c, i) => c.documentId && claim(c.documentId, c.ref, at(`consents[${i}].documentId`, 'annotation._objectid_value')));
  for (const [i, m] of (w.record.integrationPlan?.measures ?? []).entries()) {
    for (const [j, id] of (m.documentIds ?? []).entries()) claim(id, measures.get(m.id)!, at(`integrationPlan.measures[${i}].documentIds[${j}]`, 'annotation._objectid_value'));
  }
  for (const d of w.record.documents ?? []) {
    const ref = owner.get(d.id) ?? contact;
    const table = ref === contact ? 'contact' : consents.some((c) => c.ref === ref) ? 'cosm_consentement' : 'cosm_mesure';
    const prefix = codes.DOCUMENT_KIND.encode(d.kind, d.nativeCode, w.own) ?? 'Autre';
    w.add('annotations', {
      annotationid: guid(w, 'document', d.id),
      subject: `[${prefix}] ${d.title}`,
      mimetype: d.mediaType,
      isdocument: true,
      // `createdon` is the note's date; a create may set it through `overriddencreatedon`.
      overriddencreatedon: localMidnightUtc(d.date),
      [`objectid_${table}@odata.bind`]: ref,
      'documentbody@passerelle.content': { sha256: d.sha256, size: d.size },
    });
  }
}
