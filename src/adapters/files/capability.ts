import type { CaseEvent, CaseRecord } from '../../contract/types.js';
import type { MapContext, NativeInput, ParsedReceipt, RecordStamp, Rejection } from '../port.js';
import type { DropRule } from './rules.js';

/** One item of a streamed export: a record with its stamp, a rejection, or an event the export carries. */
export type StreamItem =
  | { kind: 'record'; record: CaseRecord; stamp?: RecordStamp }
  | { kind: 'rejection'; rejection: Rejection }
  | { kind: 'event'; event: CaseEvent };

/** What the gateway made of a delivery it read, for the answer its sender expects (`FileDrop.respond`). */
export interface DropOutcome {
  /** Each record taken, by its `source.localPersonId`, with the transfers its events created here (ids). */
  accepted: { localPersonId: string; transferIds: string[] }[];
  /** The records refused, as the mapping named them. */
  rejections: Rejection[];
}

/** The export side of a file-based system: its drop folder. */
export interface FileDrop {
  /** Which files make a delivery, and when it is whole. */
  rule: DropRule;
  /**
   * Answers to the gateway's own deliveries that arrive in the drop folder rather than in
   * `receipts` (a sedex report comes into `inbox/` as a message of class 1). A delivery
   * that gives answers is applied like the answer files (`applyReceipt`) and not mapped;
   * `[]`: the delivery is mapped as usual.
   */
  answers?(inputs: readonly NativeInput[], ctx: MapContext): ParsedReceipt[];
  /**
   * Earlier deliveries of the same folder that this one withdraws, by their ids as `rule`
   * names them (a sedex recall, action 3, names the message it recalls). What they raised
   * is cancelled, delivered or not; one that comes after its withdrawal is not imported.
   */
  withdraws?(inputs: readonly NativeInput[], ctx: MapContext): string[];
  /**
   * The answer the sender expects once a delivery is read (a sedex positive or negative
   * report): files written once, in their order, to the institution's outbox; `[]` for none.
   */
  respond?(inputs: readonly NativeInput[], outcome: DropOutcome, ctx: MapContext, at: Date): NativeInput[];
}

/**
 * What a file-based system offers (Tutoris, KLIBnet, KiSS, sedex, Ecase, CM-T, the Excel
 * tool): a drop folder it exports into, with its completion rule; an outbox it imports
 * from; and how long it takes to answer an import. The gateway does the rest: reads each
 * complete delivery once, keeps snapshots, raises events, writes imports atomically and
 * matches the answers (`Adapter.receipts`).
 */
export interface FileCapability {
  /** The export side: which files make a delivery, when it is whole, and what else the folder carries. */
  drop?: FileDrop;
  /** The import side: deliveries are `mapper.fromContract` files written to the outbox, in their order. */
  outbox?: boolean;
  /** No answer within this window: the transfer is delivered again, with the same transfer id. */
  receiptWindowMs?: number;
  /** A whole-canton export in constant memory (`passerelle import`); without it, `mapper.toContract` on the whole file. */
  stream?(chunks: AsyncIterable<Uint8Array>, file: string, ctx: MapContext): AsyncIterable<StreamItem>;
}

/**
 * The folders of an institution's system, in its registry settings (`settings.folders`),
 * relative to the transport's root (a local folder, or the SFTP/WebDAV server's).
 */
export interface FolderSettings {
  drop?: string;
  /** Where read deliveries go (default: `<drop>/processed`). */
  processed?: string;
  /** Where broken deliveries go with their report (default: `<drop>/quarantine`). */
  quarantine?: string;
  outbox?: string;
  receipts?: string;
}

/** The JSON Schema of `settings.folders`, for the settings schema of a file-based adapter. */
export const FOLDERS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  description: 'Folders relative to the transport root: drop (exports read), processed, quarantine, outbox (imports written), receipts (answers read).',
  properties: Object.fromEntries(['drop', 'processed', 'quarantine', 'outbox', 'receipts'].map((k) => [k, { type: 'string', minLength: 1 }])),
} as const;

export function folderSettings(settings: Readonly<Record<string, unknown>>): FolderSettings | undefined {
  const folders = settings.folders;
  if (folders === undefined || folders === null || typeof folders !== 'object') return undefined;
  const f = folders as Record<string, unknown>;
  const text = (key: string): string | undefined => (typeof f[key] === 'string' && f[key] !== '' ? (f[key] as string) : undefined);
  const out: FolderSettings = {};
  for (const key of ['drop', 'processed', 'quarantine', 'outbox', 'receipts'] as const) {
    const v = text(key);
    if (v) out[key] = v;
  }
  return out;
}
