import type { CaseEvent, CaseRecord, Decision, Receipt } from '../contract/types.js';

export type { Receipt };
import type { MappingError } from '../errors.js';
import type { RecordChange } from './changes/diff.js';
import type { FileCapability } from './files/capability.js';

/**
 * The port every adapter implements. An adapter knows its own system and the contract,
 * nothing else: no queue, no store, no policy. The core reaches it only through this
 * interface and the registry.
 *
 * Contract an implementation keeps:
 * - `mapper` functions are pure and deterministic: same input and context, same output.
 *   They never invent a value: a native record that lacks a required field, or holds a
 *   value that breaks the contract, becomes a `Rejection` naming the native field and the
 *   contract path; the other records of the same input still map.
 * - `source.extractedAt` is the only field taken from the clock (`MapContext.now`).
 * - Transport calls throw `UpstreamError` with `retryable` set from the remote answer
 *   (5xx, 408, 429 retryable; other 4xx permanent) and never put personal data into an
 *   error message.
 * - `deliver` is idempotent on `transferId`: the same transfer delivered twice is one
 *   case in the target.
 */
export interface Adapter {
  /** System id of `../shared/systems/README.md`, the `source.system` of what it maps. */
  readonly id: string;
  readonly title: string;
  readonly capabilities: AdapterCapabilities;
  readonly mapper: Mapper;
  /** Absent for adapters that only map files (a drop folder) or only receive (inbox). */
  connect?(settings: ConnectionSettings): Connection;
  /** Present when the system pushes changes to the gateway. */
  readonly webhook?: WebhookReceiver;
  /** Present when the system answers deliveries later, in files of its own. */
  readonly receipts?: ReceiptReader;
  /** Present for systems that exchange files (drop folder, outbox): the gateway reads and writes them. */
  readonly files?: FileCapability;
  /** JSON Schema of the institution's `settings` for this adapter, checked when the gateway starts. */
  readonly settingsSchema?: Readonly<Record<string, unknown>>;
  /**
   * An in-process stand-in for the remote system, built on the adapter's fixtures, for
   * the demo topology (`settings.simulator: true`) and for trying a setup without it.
   */
  simulator?(): { fetch: typeof fetch };
}

export interface AdapterCapabilities {
  read: boolean;
  listChanges: boolean;
  deliver: boolean;
  webhook: boolean;
  /** Contract paths (prefixes) the native format cannot carry, for round-trip checks. */
  cannotCarry: readonly string[];
}

export interface MapContext {
  /** Registry id of the institution that runs the source system. */
  institutionId: string;
  canton: string;
  /** Adapter settings of that institution (organisation maps and the like). */
  settings: Readonly<Record<string, unknown>>;
  now: () => Date;
}

export interface Rejection {
  /** The native record's id (case number), so a person can find it; never a personal value. */
  nativeId: string;
  error: MappingError;
}

export interface MapResult {
  records: CaseRecord[];
  rejections: Rejection[];
  /**
   * Per record, in the same order: the native version stamp and time of its last change,
   * for the ids and times of events derived by comparing snapshots. Formats that carry
   * their events themselves (`eventsOf`) leave it out.
   */
  stamps?: RecordStamp[];
}

/** The event that caused a transfer, as far as a format carries it (sedex: subMessageType, eventDate, `ct:trigger`). */
export type DeliveryEvent = Pick<CaseEvent, 'eventId' | 'type'> & { change?: CaseEvent['change'] };

/** What a delivery's native files are named after, and the event they answer. */
export interface DeliveryNaming {
  transferId: string;
  /** The time of the delivery (file names with a timestamp). */
  at: Date;
  /** The event that caused the transfer, when the core knows it. */
  event?: DeliveryEvent;
}

/**
 * An answer a system gives later to something the gateway delivered (Tutoris' quittung,
 * KLIBnet's Rückmeldung, a sedex receipt): which transfer, and what it says.
 */
export interface ParsedReceipt {
  /** The transfer the answer is about (from the file name or the answer's own reference). */
  transferId: string;
  /**
   * `accepted` closes the transfer as delivered; `rejected` fails it permanently; `retry`
   * fails this attempt (the delivery goes again, as a counted attempt); `interim` changes
   * nothing (a sedex "sent" notice).
   */
  outcome: 'accepted' | 'rejected' | 'retry' | 'interim';
  /** The system's own status word or code (`OK`, `FEHLER`, `100`). */
  status: string;
  /** The target's id for what it created (a case or person number). */
  reference?: string;
  /** For a rejection: the native field the system names (never its value). */
  nativeField?: string;
  details?: Record<string, string | number>;
}

/** What a native record says of its own version (`Derniere_Modif_Dossier`, the export's `Stichtag`). */
export interface RecordStamp {
  version: string;
  /** RFC 3339, Zurich offset: the `occurredAt` of events derived from this version. */
  occurredAt: string;
}

/** Events a native input carries itself (Tutoris' `Mutation`, a sedex trigger), with the inputs' rejections. */
export interface EventResult {
  events: CaseEvent[];
  rejections: Rejection[];
}

/** One native input: a file's bytes, or one response body of a read. */
export interface NativeInput {
  name: string;
  content: Uint8Array;
}

export interface Mapper {
  /**
   * Native → contract. `inputs` are the files of one export, or the response bodies of
   * one read in the order the system serves them (a page, then the next).
   */
  toContract(inputs: readonly NativeInput[], ctx: MapContext): MapResult;
  /**
   * Contract → native: the bytes the system imports or the body it is sent. A delivery
   * passes its transfer id, which file names and import headers carry so that the
   * target can drop a second delivery of the same transfer.
   */
  fromContract(records: readonly CaseRecord[], ctx: MapContext, delivery?: DeliveryNaming): NativeInput[];
  /** For formats that carry their own events; absent when changes come from snapshots. */
  eventsOf?(inputs: readonly NativeInput[], ctx: MapContext): EventResult;
  /**
   * For formats without a change log: the id of an event derived by comparing a record
   * with its last snapshot (FORMAT.md gives the recipe; use `eventIdFor`).
   */
  changeEventId?(record: CaseRecord, change: RecordChange, stamp: RecordStamp): string;
}

export interface ConnectionSettings extends MapContext {
  /** Environment for secrets named by reference in the settings. */
  env: Readonly<Record<string, string | undefined>>;
  /** Injected so an in-process simulator can stand in for the remote system. */
  fetch?: typeof fetch;
  /** The gateway's own inbox, for the `inbox` adapter (institutions without a system). */
  inbox?: InboxSink;
}

export interface InboxSink {
  deposit(request: DeliveryRequest): Promise<Receipt>;
}

/** How the core addresses one case in a source system. */
export interface CaseRef {
  localCaseId: string;
  localPersonId: string;
  /** The system's own handle when it differs from the case number (NFAM's case UUID). */
  nativeId?: string;
}

export interface ChangePage {
  records: CaseRecord[];
  rejections: Rejection[];
  /** Per record, its native version and time (systems without a change log: events come from snapshots). */
  stamps?: RecordStamp[];
  /** Native handles learnt on the way, keyed by `localCaseId`. */
  refs: Record<string, string>;
  /** Opaque cursor to pass to the next call. */
  nextCursor: string;
  /** True when more changes wait now; false when the poll has caught up. */
  more: boolean;
}

export interface DeliveryRequest {
  transferId: string;
  senderInstitutionId: string;
  targetInstitutionId: string;
  purpose: string;
  /** The filtered record: withheld categories are absent, not blanked. */
  record: CaseRecord;
  /** The same record as a compact JWS signed by the gateway. */
  sealed: string;
  /** What was disclosed and withheld, and why: targets that can show it to people do. */
  decision: Decision;
  /** The event that caused the transfer (its type and change, never a personal value), for formats that carry it. */
  event?: DeliveryEvent;
}

export interface Connection {
  read(ref: CaseRef): Promise<{ record: CaseRecord; nativeId?: string }>;
  listChanges?(cursor: string | null, limit: number): Promise<ChangePage>;
  deliver(request: DeliveryRequest): Promise<Receipt>;
}

export interface ReceiptReader {
  /** Whether a file in the answer folder is one of this system's answers (by its name). */
  matches(fileName: string): boolean;
  /** The answers one file holds; a file that cannot be read throws an InputError naming it. */
  parse(input: NativeInput, ctx: MapContext): ParsedReceipt[];
}

export interface WebhookRequest {
  headers: Readonly<Record<string, string | undefined>>;
  rawBody: Uint8Array;
}

export interface WebhookResult {
  event: CaseEvent;
  /** Native handle of the case the event is about, for the read that follows. */
  nativeId?: string;
  /** The sender's delivery id, for logs (not the idempotency key: `event.eventId` is). */
  deliveryId?: string;
}

export interface WebhookReceiver {
  /**
   * Verifies and translates one push. Throws `AuthError` (nothing is created) when the
   * signature or its time does not hold, `InputError` when the body is not an event.
   */
  receive(request: WebhookRequest, ctx: ConnectionSettings): WebhookResult;
}
