import { pino, type DestinationStream, type Logger } from 'pino';
import { currentContext } from './context.js';

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
      serializers: { err: serializeError, error: serializeError },
      base: undefined,
    },
    options.destination,
  );
}

/** Error lines carry the stable code and the field, never a value. */
function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: 'non-error thrown' };
  const out: Record<string, unknown> = { type: error.name, message: error.message };
  const coded = error as Error & { code?: unknown; details?: { field?: unknown; nativeField?: unknown } };
  if (typeof coded.code === 'string') out.code = coded.code;
  if (coded.details && typeof coded.details.field === 'string') out.field = coded.details.field;
  if (coded.details && typeof coded.details.nativeField === 'string') out.nativeField = coded.details.nativeField;
  if (error.stack) out.stack = error.stack.split('\n').slice(0, 8).join('\n');
  return out;
}
