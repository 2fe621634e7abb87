import { InputError, mapRecords, recordIdFor, type MapContext, type MapResult, type NativeInput, type XmlElement } from '../../src/adapters/sdk.js';
import { localPersonIdOf, readMessage, type ReadMessage, type SedexMessage } from './message.js';
import { readAssessments, readConsents, readDocuments, readEmployment, readJournal, readPlan, readSocialAssistance } from './read-case.js';
import { readPerson, readResidence, readResponsibility, readSource } from './read-person.js';
import { sedexSettings, type SedexSettings } from './settings.js';

/**
 * Whether a message brings cases to import: a transfer (class 0) that is new (action 1) or a
 * correction (4); not a recall (3), a response (class 1, read by receipts.ts), nor a test
 * delivery on a gateway that does not accept them. Other types and classes are refused.
 */
export function importsCases(message: SedexMessage, settings: SedexSettings, file: string): boolean {
  const { envelope, header } = message;
  if (envelope.messageType !== settings.messageType) {
    throw new InputError('sedex.foreign-message-type', `${file}: eCH-0090:messageType is not this gateway's (settings.messageType); leave the message to its application`, { field: 'file', file, nativeField: 'eCH-0090:messageType' }, 422);
  }
  if (envelope.messageClass === 1) return false;
  if (envelope.messageClass !== 0) {
    throw new InputError('sedex.unknown-message-class', `${file}: eCH-0090:messageClass is neither 0 (transfer) nor 1 (response)`, { field: 'file', file, nativeField: 'eCH-0090:messageClass' }, 422);
  }
  if (header.action === 'recall') return false;
  if (header.action !== 'new' && header.action !== 'correction') {
    throw new InputError('sedex.unsupported-action', `${file}: eCH-0058:action of a transfer is 1 (new), 3 (recall) or 4 (correction)`, { field: 'file', file, nativeField: 'eCH-0058:action' }, 422);
  }
  if (header.testDelivery && !settings.acceptTestDeliveries) return false;
  return true;
}

/** The `ct:case`s of a message that imports cases; a transfer without them is refused. */
export function casesOf(read: ReadMessage): XmlElement[] {
  const cases = read.data.child('caseTransfer')?.all('case') ?? [];
  if (cases.length === 0) {
    throw new InputError('sedex.missing-body', `${read.dataFile}: a new or corrected transfer needs ct:caseTransfer/ct:case`, { field: 'file', file: read.dataFile, nativeField: 'ct:caseTransfer' }, 422);
  }
  return cases;
}

// Contract paths the schema may fault, and their native names (a fallback: the mapping
// checks what it can itself, naming the exact element).
const NATIVE_PREFIXES: readonly [RegExp, string][] = [
  [/^person\.(vn|officialName|firstName|sex|dateOfBirth)/, 'eCH-0044:$1'],
  [/^person\.zemisId/, 'eCH-0044:otherPersonId[CH.ZEMIS]'],
  [/^person\.languages\[(\d+)\]/, 'ct:person/ct:language[$1]'],
  [/^person\.(\w+)/, 'ct:person/ct:$1'],
  [/^source\.localPersonId/, 'eCH-0044:localPersonId'],
  [/^source\.(\w+)/, 'ct:source/ct:$1'],
  [/^residence\.statusHistory/, 'ct:residence/ct:status'],
  [/^responsibility\.history/, 'ct:responsibility/ct:previous'],
  [/^responsibility\.(\w+)/, 'ct:responsibility/@$1'],
  [/^potentialAssessments/, 'ct:potentialAssessment'],
  [/^integrationPlan\.measures\[(\d+)\]/, 'ct:integrationPlan/ct:measure[$1]'],
  [/^integrationPlan\.goals\[(\d+)\]/, 'ct:integrationPlan/ct:goal[$1]'],
  [/^integrationPlan/, 'ct:integrationPlan'],
  [/^journal/, 'ct:journalEntry'],
  [/^documents\[(\d+)\]/, 'ct:document[$1]'],
  [/^consents\[(\d+)\]/, 'ct:consent[$1]'],
  [/^(employment|socialAssistance)/, 'ct:$1'],
];

export function nativeFieldOf(field: string): string {
  for (const [pattern, native] of NATIVE_PREFIXES) {
    const match = pattern.exec(field);
    if (match) return match[0].replace(pattern, native);
  }
  return field;
}

/** One `ct:case` → one record. `source.extractedAt` is the header's messageDate, not the clock. */
function caseRecord(c: XmlElement, message: SedexMessage, settings: SedexSettings): unknown {
  const source = readSource(c, message.header.senderId, settings);
  const { localPersonId, person } = readPerson(c);
  return {
    contractVersion: '1.0',
    recordId: recordIdFor('sedex', localPersonId),
    source: { system: 'sedex', ...source, localPersonId, extractedAt: message.header.messageDate },
    person,
    residence: readResidence(c),
    responsibility: readResponsibility(c),
    potentialAssessments: readAssessments(c),
    integrationPlan: readPlan(c),
    employment: readEmployment(c),
    socialAssistance: readSocialAssistance(c),
    journal: readJournal(c),
    documents: readDocuments(c),
    consents: readConsents(c),
  };
}

/**
 * A sedex message (its envelope and data file, any order) → one record per `ct:case`. A message
 * whose envelope and header disagree, or that is not this gateway's, throws an InputError (the
 * whole message is rejected); otherwise each case is checked alone, reported with its
 * localPersonId. Recalls, responses and (by default) test deliveries give no records:
 * `messageOf` tells the transport what to do with them.
 */
export function toContract(inputs: readonly NativeInput[], ctx: MapContext): MapResult {
  const settings = sedexSettings(ctx.settings);
  const read = readMessage(inputs);
  if (!importsCases(read.info, settings, read.dataFile)) return { records: [], rejections: [] };
  return mapRecords(casesOf(read), (c) => caseRecord(c, read.info, settings), {
    nativeIdOf: (c, i) => localPersonIdOf(c) ?? `ct:case[${i}]`,
    nativeFieldOf,
  });
}
