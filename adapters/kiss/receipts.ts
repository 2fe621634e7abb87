import { attrValue, InputError, parseXml, type NativeInput, type ParsedReceipt, type ReceiptReader } from '../../src/adapters/sdk.js';

// KiSS's answer to an import: `import/sortant/UA_IMPORT_<transferId>.accuse.xml`.

const NAME = /^UA_IMPORT_(.+)\.accuse\.xml$/;
const baseName = (name: string): string => name.split(/[\\/]/).at(-1) ?? name;

function unreadable(file: string, what: string): InputError {
  return new InputError('kiss.invalid-receipt', `${file}: ${what}`, { field: 'file', file }, 422);
}

export function parseAccuse(input: NativeInput): ParsedReceipt {
  const file = baseName(input.name);
  const transferId = NAME.exec(file)?.[1];
  if (transferId === undefined) throw unreadable(file, 'is not named UA_IMPORT_<transferId>.accuse.xml');
  const root = parseXml(input.content, { file });
  if (root.local !== 'accuseReception') throw unreadable(file, 'is not an accuseReception');
  const statut = attrValue(root, 'statut');
  if (statut !== 'accepte' && statut !== 'refuse') throw unreadable(file, '@statut is neither accepte nor refuse');
  const noUA = attrValue(root, 'noUA');
  // idExterne (the record id the gateway sent) → the person number KiSS gave. The `motif`
  // of a refusal is free text: it is not kept.
  const details: Record<string, string | number> = {};
  for (const membre of root.all('membre')) {
    const external = attrValue(membre, 'idExterne');
    const no = attrValue(membre, 'noPersonne');
    if (external && no) details[external] = no;
  }
  return {
    transferId,
    // A refusal fails the transfer without retry: KiSS would refuse the same file again.
    outcome: statut === 'accepte' ? 'accepted' : 'rejected',
    status: statut,
    ...(noUA ? { reference: noUA } : {}),
    details,
  };
}

export const receipts: ReceiptReader = {
  matches: (fileName) => NAME.test(baseName(fileName)),
  parse: (input: NativeInput) => [parseAccuse(input)],
};
