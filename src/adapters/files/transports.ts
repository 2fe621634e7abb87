import { ConfigError } from '../../errors.js';
import { FOLDERS_SCHEMA } from './capability.js';
import { secretOf } from '../settings/secrets.js';
import { SftpFileStore } from './sftp.js';
import { LocalFileStore, type FileStore } from './store.js';
import { WebDavFileStore } from './webdav.js';

type Env = Readonly<Record<string, string | undefined>>;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The JSON Schema of `settings.transport`, for the settings schema of a file-based
 * adapter: where its folders are (a local folder or share, an SFTP server, a WebDAV library).
 */
export const TRANSPORT_SCHEMA = {
  description: 'Where the folders are: a local folder (default), an SFTP server or a WebDAV library; secrets as { env: NAME }.',
  oneOf: [
    {
      type: 'object',
      additionalProperties: false,
      required: ['kind'],
      properties: { kind: { const: 'local' }, root: { type: 'string', minLength: 1 } },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'host', 'username', 'hostKey'],
      properties: {
        kind: { const: 'sftp' },
        host: { type: 'string', minLength: 1 },
        port: { type: 'integer', minimum: 1, maximum: 65535 },
        username: { type: 'string', minLength: 1 },
        password: { $ref: '#/$defs/secret' },
        privateKey: { $ref: '#/$defs/secret' },
        hostKey: { type: 'string', pattern: '^SHA256:[A-Za-z0-9+/]{43}$' },
        root: { type: 'string' },
        timeoutSeconds: { type: 'integer', minimum: 1, maximum: 600 },
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'url'],
      properties: {
        kind: { const: 'webdav' },
        url: { type: 'string', pattern: '^https?://' },
        username: { type: 'string', minLength: 1 },
        password: { $ref: '#/$defs/secret' },
        token: { $ref: '#/$defs/secret' },
        timeoutSeconds: { type: 'integer', minimum: 1, maximum: 600 },
      },
    },
  ],
} as const;

/** `{ env: NAME }`: a secret read from the environment (the registry never holds one). */
export const SECRET_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['env'],
  properties: { env: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$' } },
} as const;

/** The folder store of an institution's `settings.transport` (a local folder when unset). */
export function openFileStore(institutionId: string, settings: Readonly<Record<string, unknown>>, env: Env): FileStore {
  const raw = settings.transport ?? { kind: 'local' };
  const field = `institutions.${institutionId}.settings.transport`;
  const bad = (rule: string, at = field): ConfigError => new ConfigError('adapter.settings-invalid', `institution "${institutionId}": ${rule}`, { field: at });
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw bad('settings.transport must be an object with a kind');
  const t = raw as Record<string, unknown>;
  const text = (key: string): string | undefined => (typeof t[key] === 'string' && t[key] !== '' ? (t[key] as string) : undefined);
  const timeoutMs = (typeof t.timeoutSeconds === 'number' ? t.timeoutSeconds : 30) * 1000;
  const secret = (key: string): string | undefined => (t[key] === undefined ? undefined : secretOf(t, key, env));
  switch (t.kind ?? 'local') {
    case 'local':
      return new LocalFileStore(text('root') ?? '/');
    case 'sftp': {
      const host = text('host');
      const username = text('username');
      const hostKey = text('hostKey');
      if (!host) throw bad('settings.transport.host is required for sftp', `${field}.host`);
      if (!username) throw bad('settings.transport.username is required for sftp', `${field}.username`);
      if (!hostKey || !/^SHA256:[A-Za-z0-9+/]{43}$/.test(hostKey)) {
        throw bad('settings.transport.hostKey must be the server key as ssh-keygen -lf prints it (SHA256:…)', `${field}.hostKey`);
      }
      const password = secret('password');
      const privateKey = secret('privateKey');
      if (password === undefined && privateKey === undefined) throw bad('settings.transport needs password or privateKey, each as { env: NAME }', `${field}.password`);
      return new SftpFileStore({
        host,
        port: typeof t.port === 'number' ? t.port : 22,
        username,
        hostKey,
        root: text('root') ?? '.',
        timeoutMs,
        ...(password !== undefined ? { password } : {}),
        ...(privateKey !== undefined ? { privateKey } : {}),
      });
    }
    case 'webdav': {
      const url = text('url');
      let parsed: URL;
      try {
        parsed = new URL(url ?? '');
      } catch {
        throw bad('settings.transport.url must be the library address (https://…)', `${field}.url`);
      }
      // Cases travel in the clear over http: only to this machine.
      if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname))) {
        throw bad('settings.transport.url must use https (http only on 127.0.0.1 or localhost)', `${field}.url`);
      }
      const password = secret('password');
      const token = secret('token');
      const username = text('username');
      return new WebDavFileStore({
        url: parsed.href.replace(/\/$/, ''),
        timeoutMs,
        ...(username !== undefined ? { username } : {}),
        ...(password !== undefined ? { password } : {}),
        ...(token !== undefined ? { token } : {}),
      });
    }
    default:
      throw bad('settings.transport.kind must be local, sftp or webdav', `${field}.kind`);
  }
}

/**
 * The settings schema of a file-based adapter: its `organisations` table (native codes →
 * registry ids), its folders, their transport and the watch interval, plus the adapter's own.
 */
export function fileSettingsSchema(own: { required?: readonly string[]; properties?: Readonly<Record<string, unknown>>; organisations?: string } = {}): Readonly<Record<string, unknown>> {
  return {
    type: 'object',
    additionalProperties: false,
    required: [...(own.required ?? []), 'organisations'],
    properties: {
      ...own.properties,
      organisations: { type: 'object', additionalProperties: { type: 'string', minLength: 1 }, description: own.organisations ?? 'native codes → registry institution ids' },
      folders: FOLDERS_SCHEMA,
      transport: TRANSPORT_SCHEMA,
      pollIntervalSeconds: { type: 'number', exclusiveMinimum: 0 },
    },
    $defs: { secret: SECRET_SCHEMA },
  };
}
