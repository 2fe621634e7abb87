import { pairRule, type DropRule, type NativeInput } from '../../src/adapters/sdk.js';
import { NS } from './native.js';

// The sedex client's `inbox/`: a message is `data_<id>.xml` plus `envl_<id>.xml`, the
// envelope written last. The inbox is shared by every application of the participant.

const MESSAGE_FILE = /^(?:data|envl)_(.+)\.xml$/;

/** How far into a data file its root element is looked for (declaration, comments, then the root's start tag). */
const HEAD_BYTES = 8192;
const START_TAG = /^(?:\u00EF\u00BB\u00BF)?\s*(?:(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->)\s*)*<([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/;
const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * Whether a data file is a case-transfer `ct:delivery`, from its root's start tag alone (the
 * root declares its own namespace; nothing else of the file is read). `undefined` when the
 * head does not tell (a DOCTYPE, another encoding): the mapping then decides.
 */
export function isCaseTransfer(content: Uint8Array): boolean | undefined {
  const head = Buffer.from(content.buffer, content.byteOffset, Math.min(content.byteLength, HEAD_BYTES)).toString('latin1');
  const tag = START_TAG.exec(head);
  if (!tag) return undefined;
  const [prefix, local] = tag[1]!.includes(':') ? tag[1]!.split(':') : ['', tag[1]!];
  const declares = prefix ? `xmlns:${prefix}` : 'xmlns';
  let ns: string | undefined;
  for (const a of tag[2]!.matchAll(ATTRIBUTE)) if (a[1] === declares) ns = a[2] ?? a[3];
  return local === 'delivery' && ns === NS.ct;
}

/**
 * Messages of other applications stay where they are for them (FORMAT "Reading"): the
 * check holds them back, unread and unmoved. The rule cannot see the configured
 * `messageType` (a check has no settings), so it tells ours by the data file's root; a
 * case-transfer message of another type is refused by the mapping (`sedex.foreign-message-type`).
 */
function ours(files: readonly NativeInput[]): { complete: true } | { complete: false; reason: string } {
  const data = files.find((f) => f.name.startsWith('data_'));
  if (data && isCaseTransfer(data.content) === false) return { complete: false, reason: 'a message of another application: left in the inbox for it' };
  return { complete: true };
}

/** Complete once both files are there (the envelope comes last), and ours; files given as [envelope, data]. */
export const inboxRule: DropRule = {
  ...pairRule({ first: (id) => `data_${id}.xml`, last: (id) => `envl_${id}.xml`, idOf: (name) => MESSAGE_FILE.exec(name)?.[1] }),
  check: ours,
};
