import type { CaseRecord } from '../../src/adapters/sdk.js';
import { CONSENT_KIND, DOCUMENT_KIND, INSTITUTION_TYPES, JOURNAL, PURPOSE } from './codes.js';
import { encode, journalTime, loraId, orNull, serviceCode, type WriteEnv } from './write-values.js';

const TYPES: ReadonlySet<string> = new Set(INSTITUTION_TYPES);

/**
 * JOURNAL. An entry of an institution without a service code is left out: Lora refuses
 * entries of services missing from its configuration (README).
 */
export function journal(record: CaseRecord, env: WriteEnv): Record<string, unknown> | undefined {
  const notes = (record.journal ?? []).flatMap((j, i) => {
    const service = env.orgs.nativeOf(j.institutionId);
    if (service === undefined) return [];
    return [{ id: loraId(j.id), date: journalTime(env, j.at), service, type: encode(JOURNAL, j.category, `journal[${i}].category`, 'JOURNAL.notes.type'), texte: j.text, auteur: null }];
  });
  return notes.length > 0 ? { notes } : undefined;
}

/** DOCUMENTS, metadata only (quirk 9 backwards: `sha256:<hex>`). */
export function documents(record: CaseRecord, env: WriteEnv): Record<string, unknown> | undefined {
  const list = (record.documents ?? []).map((d, i) => ({
    id: loraId(d.id),
    titre: d.title,
    type: encode(DOCUMENT_KIND, d.kind, `documents[${i}].kind`, 'DOCUMENTS.documents.type', d.nativeCode, env.own),
    mime: d.mediaType,
    hash: `sha256:${d.sha256}`,
    octets: d.size,
    date: d.date,
  }));
  return list.length > 0 ? { documents: list } : undefined;
}

/** AUTORISATIONS: recipients as institution types, or service codes. */
export function autorisations(record: CaseRecord, env: WriteEnv): Record<string, unknown> | undefined {
  const list = (record.consents ?? []).map((c, i) => {
    const f = `consents[${i}]`;
    return {
      id: loraId(c.id),
      portee: encode(CONSENT_KIND, c.kind, `${f}.kind`, 'AUTORISATIONS.autorisations.portee'),
      signee: c.grantedOn,
      echeance: orNull(c.validUntil),
      revocation: orNull(c.revokedOn),
      destinataires: c.recipients.map((to, j) => (TYPES.has(to) ? to : serviceCode(env, to, `${f}.recipients[${j}]`, 'AUTORISATIONS.autorisations.destinataires'))),
      finalites: c.purposes.map((x, j) => encode(PURPOSE, x, `${f}.purposes[${j}]`, 'AUTORISATIONS.autorisations.finalites')),
      categories: c.dataCategories,
      document: c.documentId === undefined ? null : loraId(c.documentId),
    };
  });
  return list.length > 0 ? { autorisations: list } : undefined;
}
