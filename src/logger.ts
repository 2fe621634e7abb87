import { pino, type DestinationStream, type Logger } from 'pino';
import { currentContext } from './context.js';
import { PasserelleError } from './errors.js';

export type { Logger } from 'pino';

// Fields that hold personal data wherever they appear. Records are never logged on
// purpose; this is the net under that rule.
const PERSONAL_KEYS = [
  'vn', 'ahvn13', 'zemisId', 'zemisNumber', 'officialName', 'firstName', 'familyName', 'givenNames',
  'dateOfBirth', 'birthDate', 'text', 'note', 'resources', 'obstacles', 'goals', 'restrictions',
  'record', 'case', 'person', 'body', 'payload', 'authorization', 'cookie', 'jws', 'token',
];

const redactPaths = PERSONAL_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

export function createLogger(options: { level?: string; destination?: DestinationStream; name?: string } = {}): Logger {
  return pino(
    {
      name: options.name ?? 'passerelle',
      level: options.level ?? 'info',
      redact: { paths: redactPaths, censor: '[redacted]' },
      // request id and transfer id on every line, from the async context
      mixin: () => ({ ...currentContext() }),
      serializers: { err: (e: unknown) => serializeError(e), error: (e: unknown) => serializeError(e) },
      base: undefined,
    },
    options.destination,
  );
}

/**
 * Error lines carry the stable code and the field, never a value. Our own errors' messages
 * are written to hold none; a system or database error says what failed in its own
 * words. Any other message (a JSON parser quoting the answer it choked on, a TypeError
 * naming a value) is left out, and the stack without its first line.
 */
function serializeError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: 'non-error thrown' };
  const coded = error as Error & { code?: unknown; details?: { field?: unknown; nativeField?: unknown } };
  const trusted = error instanceof PasserelleError || typeof coded.code === 'string';
  const out: Record<string, unknown> = { type: error.name };
  if (trusted) out.message = error.message;
  if (typeof coded.code === 'string') out.code = coded.code;
  if (coded.details && typeof coded.details.field === 'string') out.field = coded.details.field;
  if (coded.details && typeof coded.details.nativeField === 'string') out.nativeField = coded.details.nativeField;
  if (error.stack) out.stack = error.stack.split('\n').slice(1, 8).join('\n');
  if (error.cause !== undefined && error.cause !== error && depth < 3) out.cause = serializeError(error.cause, depth + 1);
  return out;
}
