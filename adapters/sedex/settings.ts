import { fileSettingsSchema, settingError } from '../../src/adapters/sdk.js';
import { CANTONS } from './codes.js';

/** The sedex message type of Passerelle's case transfer (to be assigned by the sedex service desk). */
export const DEFAULT_MESSAGE_TYPE = 2945;

/** eCH-0090 v1 `participantIdType`: the sedex client refuses anything else. */
const PARTICIPANT = /^T?[1-9]-[0-9A-Z]+-[0-9]+$|^T?0-sedex-0$/;
const PARTICIPANT_ID = { type: 'string', pattern: PARTICIPANT.source } as const;

/**
 * The settings of the institutions an installation reaches through sedex (README.md):
 * - `participants`: sedex participant id → { registry institution id → its canton }: which
 *   institutions a participant may send cases for (read) and speaks for (write).
 * - `participantId`: this gateway's own participant id (sender of what it writes when the
 *   record's institution is not in `participants`; sender of responses).
 * - `recipientId`: the target's participant id, when it is not found in `participants` by the
 *   target institution (`ctx.institutionId`).
 * - `messageType` (2945), `acceptTestDeliveries` (false), `testDelivery` (false),
 *   `personIdCategory` (`CT.<canton>` of the record) for records of other systems.
 */
export interface SedexSettings {
  messageType: number;
  participantId?: string;
  recipientId?: string;
  participants: ReadonlyMap<string, ReadonlyMap<string, string>>;
  acceptTestDeliveries: boolean;
  testDelivery: boolean;
  personIdCategory?: string;
}

function participantId(value: unknown, key: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !PARTICIPANT.test(value)) throw settingError(key, 'must be a sedex participant id such as 2-LU-4');
  return value;
}

function flag(value: unknown, key: string): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw settingError(key, 'must be true or false');
  return value;
}

function participants(value: unknown): Map<string, Map<string, string>> {
  const table = new Map<string, Map<string, string>>();
  if (value === undefined) return table;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw settingError('participants', 'must map sedex participant ids to { institutionId: canton }');
  for (const [id, institutions] of Object.entries(value as Record<string, unknown>)) {
    participantId(id, `participants.${id}`);
    if (institutions === null || typeof institutions !== 'object' || Array.isArray(institutions)) {
      throw settingError(`participants.${id}`, 'must map registry institution ids to their canton');
    }
    const entry = new Map<string, string>();
    for (const [institution, canton] of Object.entries(institutions as Record<string, unknown>)) {
      if (typeof canton !== 'string' || !(CANTONS as readonly string[]).includes(canton)) throw settingError(`participants.${id}.${institution}`, 'must be a canton code such as LU');
      entry.set(institution, canton);
    }
    table.set(id, entry);
  }
  return table;
}

export function sedexSettings(settings: Readonly<Record<string, unknown>>): SedexSettings {
  const type = settings.messageType ?? DEFAULT_MESSAGE_TYPE;
  if (typeof type !== 'number' || !Number.isInteger(type) || type < 0 || type > 2_699_999) throw settingError('messageType', 'must be a sedex message type (an integer)');
  const category = settings.personIdCategory;
  if (category !== undefined && (typeof category !== 'string' || !/^\S{1,20}$/.test(category) || category.includes(':'))) {
    throw settingError('personIdCategory', 'must be an eCH-0044 personIdCategory such as CT.LU');
  }
  const own = participantId(settings.participantId, 'participantId');
  const recipient = participantId(settings.recipientId, 'recipientId');
  return {
    messageType: type,
    participants: participants(settings.participants),
    acceptTestDeliveries: flag(settings.acceptTestDeliveries, 'acceptTestDeliveries'),
    testDelivery: flag(settings.testDelivery, 'testDelivery'),
    ...(own ? { participantId: own } : {}),
    ...(recipient ? { recipientId: recipient } : {}),
    ...(typeof category === 'string' ? { personIdCategory: category } : {}),
  };
}

/** The participant that speaks for a registry institution, if the table names one. */
export function participantOf(settings: SedexSettings, institutionId: string): string | undefined {
  for (const [id, institutions] of settings.participants) if (institutions.has(institutionId)) return id;
  return undefined;
}

/**
 * The JSON Schema of these settings with the folders, transport and watch interval every
 * file-based adapter has. sedex routes by participant (`participants`), not by native
 * codes: the `organisations` table the SDK's schema requires has no meaning here and is
 * left out (an installation that set one would be told it is unknown).
 */
export const SETTINGS_SCHEMA: Readonly<Record<string, unknown>> = (() => {
  const schema = fileSettingsSchema({
    properties: {
      messageType: { type: 'integer', minimum: 0, maximum: 2_699_999, description: 'The sedex message type of the case transfer (2945).' },
      participantId: { ...PARTICIPANT_ID, description: "This gateway's own sedex participant id." },
      recipientId: { ...PARTICIPANT_ID, description: "The target's participant id when participants does not list the target institution." },
      participants: {
        type: 'object',
        description: 'sedex participant id → { registry institution id: its canton }.',
        propertyNames: PARTICIPANT_ID,
        additionalProperties: { type: 'object', additionalProperties: { enum: [...CANTONS] } },
      },
      acceptTestDeliveries: { type: 'boolean' },
      testDelivery: { type: 'boolean' },
      personIdCategory: { type: 'string', pattern: '^[^\\s:]{1,20}$', description: 'eCH-0044 personIdCategory for records of other systems (CT.<canton>).' },
    },
  });
  const { organisations: _unused, ...properties } = schema.properties as Record<string, unknown>;
  return { ...schema, required: [], properties };
})();
