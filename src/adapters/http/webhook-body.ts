import type { OrganisationMap } from '../mapping/organisations.js';
import type { CaseEventType, Phase, ResidenceStatus } from '../../contract/types.js';
import { InputError } from '../../errors.js';
import type { CodeList } from '../mapping/codes.js';
import { isObject, type JsonObject } from '../mapping/json.js';
import { Reject, type At } from '../mapping/reject.js';

// A system's webhook body (JSON) read into a CaseEvent. Unlike a record's fault, a fault
// here refuses the whole delivery (422), naming the body's field, never its value.

/** A body that is not a JSON object of UTF-8 text is refused. */
export function webhookBody(rawBody: Uint8Array): JsonObject {
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(rawBody));
  } catch {
    throw new InputError('webhook.malformed', 'the webhook body is not UTF-8 JSON', { field: 'body' });
  }
  if (!isObject(body)) throw new InputError('webhook.malformed', 'the webhook body is not a JSON object', { field: 'body' }, 422);
  return body;
}

export function malformedBody(field: string, what: string): InputError {
  return new InputError('webhook.malformed', `the webhook body's ${field} ${what}`, { field: `body.${field}` }, 422);
}

/** A string of the body, trimmed; blank or another JSON type is absent. */
export function bodyText(body: JsonObject, field: string): string | undefined {
  const value = body[field];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function requiredBodyText(body: JsonObject, field: string): string {
  const value = bodyText(body, field);
  if (value === undefined) throw malformedBody(field, 'is missing');
  return value;
}

/** A value of the body read through the adapter's tables and parsers; one they refuse is an InputError naming the field. */
export function bodyValue<T>(field: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof Reject) throw new InputError(`webhook.${error.code.replace(/^mapping\./, '')}`, `the webhook body's ${field} ${error.why.replace(/^\S+ /, '')}`, { field: `body.${field}` }, 422);
    throw error;
  }
}

/** What a `*-changed` event's old or new value is read through: the phase, status or institution table. */
export interface ChangeTables {
  phase: CodeList<Phase>;
  status: CodeList<ResidenceStatus>;
  orgs: OrganisationMap;
}

/** A `*-changed` event's value (`from`, `to`): a phase, a status, or an institution (kept as written when the table has none). */
export function changedValue(type: CaseEventType, code: string, field: string, where: At, tables: ChangeTables): string {
  return bodyValue(field, () => {
    if (type === 'case.phase-changed') return tables.phase.value(code, where);
    if (type === 'case.status-changed') return tables.status.value(code, where);
    return tables.orgs.institution(code, where) ?? code;
  });
}
