import { eventIdFor } from '../../src/adapters/sdk.js';

// A sedex receipt names only the messageId. So that the gateway can tell which transfer a
// receipt is about without remembering anything, the messageId of a transfer's message is
// the transfer id (a UUID) with its bits flipped by a fixed mask: a new UUID, the same one
// for every delivery of the same transfer (the receiver drops the duplicate), and mapped back
// by flipping again. The mask leaves the version and variant bits alone, so the result is a
// well-formed UUID of the transfer id's version.
const MASK = '5e7d1c3a9b2f0d4e2a6c8f1b3d5e7a9c';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function flip(uuid: string): string {
  const hex = uuid.replace(/-/g, '').toLowerCase();
  let out = '';
  for (let i = 0; i < 32; i += 1) out += (parseInt(hex[i]!, 16) ^ parseInt(MASK[i]!, 16)).toString(16);
  return `${out.slice(0, 8)}-${out.slice(8, 12)}-${out.slice(12, 16)}-${out.slice(16, 20)}-${out.slice(20)}`;
}

/** The messageId of a transfer's message. A transfer id that is not a UUID gets a name-based one (not reversible). */
export function messageIdFor(transferId: string): string {
  return UUID.test(transferId) ? flip(transferId) : eventIdFor('sedex', 'message', transferId);
}

/** The transfer a messageId of ours stands for (the inverse of `messageIdFor` for UUID transfer ids). */
export function transferIdOfMessage(messageId: string): string | undefined {
  return UUID.test(messageId.trim()) ? flip(messageId.trim()) : undefined;
}

/** A message written without a delivery (an export, a conversion): named after its records. */
export function exportMessageId(recordIds: readonly string[]): string {
  return eventIdFor('sedex', 'export', ...recordIds);
}

/** The answer to a received message: one per message, the same when written again. */
export function responseMessageId(senderId: string, messageId: string): string {
  return eventIdFor('sedex', 'response', senderId, messageId);
}
