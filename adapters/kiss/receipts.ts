import { attrValue, baseName, fieldNamer, parseXml, receiptError, type InputError, type NativeInput, type ParsedReceipt, type ReceiptReader } from '../../src/adapters/sdk.js';

// KiSS's answer to an import: `import/sortant/UA_IMPORT_<transferId>.accuse.xml`.

const NAME = /^UA_IMPORT_(.+)\.accuse\.xml$/;

/**
 * The KiSS names a `motif` may give for the field it refuses. Only names no French sentence
 * uses as a word (`noAVS`, `dateNaissance`, `prenom` without its accent): `sexe`, `statut`,
 * `service`, `des`, `du`, `au` are left out, so that ordinary text never names a field.
 */
const FIELDS = (
  'noUA noPersonne idExterne nomOfficiel prenom dateNaissance noAVS noSymic nationalite dateEntreeSuisse dateDecisionAsile ' +
  'aideFinanciere soutienDes ouvertLe fermeLe noOFS capaciteTravail etabliLe validePar signeeLe valableJusque revoqueeLe ' +
  'destinataireType destinataireService saisieLe reconnueCH refDocument sha256'
).split(' ');

/** The one field a free-text motif names, or nothing: the text itself is never kept. */
export const fieldNamedIn = fieldNamer(FIELDS);

const unreadable = (file: string, what: string): InputError => receiptError('kiss', file, what);

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
  // of a refusal is free text: only the field it names is kept.
  const details: Record<string, string | number> = {};
  for (const membre of root.all('membre')) {
    const external = attrValue(membre, 'idExterne');
    const no = attrValue(membre, 'noPersonne');
    if (external && no) details[external] = no;
  }
  const nativeField = statut === 'refuse' ? fieldNamedIn(root.all('motif').map((m) => m.text).join(' ')) : undefined;
  return {
    transferId,
    // A refusal fails the transfer without retry: KiSS would refuse the same file again.
    outcome: statut === 'accepte' ? 'accepted' : 'rejected',
    status: statut,
    ...(noUA ? { reference: noUA } : {}),
    ...(nativeField ? { nativeField } : {}),
    details,
  };
}

export const receipts: ReceiptReader = {
  matches: (fileName) => NAME.test(baseName(fileName)),
  parse: (input: NativeInput) => [parseAccuse(input)],
};
