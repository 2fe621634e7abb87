import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './errors.js';

/**
 * Every `PASSERELLE_*` setting, read once and checked at start: a bad value stops the
 * start and names the variable. Defaults are the embedded mode (`npm start` on a laptop).
 */
export interface Config {
  port: number;
  host: string;
  /** PostgreSQL URL; unset means the embedded engine (PGlite) under `dataDir`. */
  databaseUrl: string | undefined;
  /** PostgreSQL schema the gateway's tables live in. */
  databaseSchema: string;
  /** Redis URL; unset means the in-process queue. */
  redisUrl: string | undefined;
  redisPrefix: string;
  dataDir: string;
  policiesDir: string;
  /** JWKS that verifies callers' tokens; unset means the embedded development issuer. */
  authJwksUrl: string | undefined;
  authJwksFile: string | undefined;
  authIssuer: string | undefined;
  authAudience: string | undefined;
  /** Longest token lifetime accepted (`exp` − `iat`). */
  authMaxLifetimeSeconds: number;
  /** Claim holding the institution id (dot path for nested claims). */
  authInstitutionClaim: string;
  /** Claim holding the roles (`realm_access.roles` for Keycloak, `roles` for Entra ID). */
  authRolesClaim: string;
  /** The identity provider's role names for ours, when they differ (`passerelle-ops=ops`). */
  authRoleMap: Readonly<Record<string, 'source-system' | 'receiver' | 'ops' | 'dpo'>> | undefined;
  signingKeyPem: string | undefined;
  masterKey: string | undefined;
  attempts: number;
  backoffMs: number;
  maxBackoffMs: number;
  concurrency: number;
  reconcileIntervalMs: number;
  /** How often the queue is compared with the store's open transfers (recovery after a Redis loss). */
  queueCheckIntervalMs: number;
  stalledIntervalMs: number;
  lockDurationMs: number;
  maxBodyBytes: number;
  /** How long a request waits for PostgreSQL or Redis before it is answered 503. */
  dependencyTimeoutMs: number;
  /** `Retry-After` of a 503 while a dependency is down. */
  retryAfterSeconds: number;
  /** Anonymous refused requests one client may cause per minute before it is answered 429. */
  anonymousRefusalsPerMinute: number;
  /** How often the head of the audit chain is signed. */
  checkpointIntervalMs: number;
  /** How often written audit entries are chained (a round takes them all, in batches). */
  sequencerIntervalMs: number;
  /** Audit entries older than this move to the archive (the ordinance asks for one year at least). */
  auditRetentionDays: number;
  /** Inbox payloads older than this are destroyed (their key is deleted). */
  inboxRetentionDays: number;
  logLevel: string;
  /** Public base URL, for the printed example and links in the docs page. */
  publicUrl: string;
  /** Who seals deliveries (`iss` of every seal): the public URL unless set. */
  gatewayId: string;
  /** False: the start applies no migration and stops if one is missing (`passerelle migrate` runs them as the owner). */
  migrateOnStart: boolean;
  /** A port of its own for `/metrics`, `/health` and `/ready` without a token (workers too); unset: `/metrics` on the API port, role `ops`. */
  metricsPort: number | undefined;
  metricsHost: string;
  /** Whose `X-Forwarded-Proto`, `-Host` and `-For` count: nobody, any peer (`true`), or these peer addresses. */
  trustProxy: false | true | readonly string[];
  /** Sign-in to the console and the clerk's inbox through the canton's identity provider; unset: token paste (embedded development mode). */
  oidc: OidcConfig | undefined;
}

/** OpenID Connect authorization code flow with PKCE (`PASSERELLE_OIDC_*`). */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** Unset for a public client (PKCE alone). */
  clientSecret: string | undefined;
  scopes: string;
  /** Resource indicator (RFC 8707) asked for, so that the access token is addressed to the gateway. */
  resource: string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError('config.invalid', `${name} must be a whole number from ${min} to ${max}`, { field: name });
  }
  return value;
}

/** Settings that are secrets may come from a file instead (`NAME_FILE`, as Docker secrets are mounted). */
const FROM_FILE = new Set(['PASSERELLE_DATABASE_URL', 'PASSERELLE_DATABASE_PASSWORD', 'PASSERELLE_REDIS_URL', 'PASSERELLE_MASTER_KEY', 'PASSERELLE_SIGNING_KEY', 'PASSERELLE_OIDC_CLIENT_SECRET']);

function str(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw !== undefined && raw !== '') return raw;
  const file = FROM_FILE.has(name) ? env[`${name}_FILE`] : undefined;
  if (file === undefined || file === '') return undefined;
  try {
    return readFileSync(file, 'utf8').trim() || undefined;
  } catch {
    throw new ConfigError('config.invalid', `${name}_FILE names a file that cannot be read`, { field: `${name}_FILE` });
  }
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (/^(true|1|yes|on)$/i.test(raw)) return true;
  if (/^(false|0|no|off)$/i.test(raw)) return false;
  throw new ConfigError('config.invalid', `${name} must be true or false`, { field: name });
}

/** The database URL, with the password of `PASSERELLE_DATABASE_PASSWORD` (or its file) when the URL has none. */
function databaseUrl(env: Env): string | undefined {
  const raw = url(env, 'PASSERELLE_DATABASE_URL', ['postgres:', 'postgresql:']);
  const password = str(env, 'PASSERELLE_DATABASE_PASSWORD');
  if (raw === undefined || password === undefined) return raw;
  const parsed = new URL(raw);
  if (!parsed.password) parsed.password = password;
  return parsed.href;
}

function trustProxy(env: Env): Config['trustProxy'] {
  const raw = str(env, 'PASSERELLE_TRUST_PROXY');
  if (raw === undefined || /^(false|0|no|off)$/i.test(raw)) return false;
  if (/^(true|1|yes|on)$/i.test(raw)) return true;
  const list = raw.split(',').map((a) => a.trim()).filter(Boolean);
  if (list.length === 0 || !list.every((a) => /^[0-9a-fA-F.:]+$/.test(a))) {
    throw new ConfigError('config.invalid', 'PASSERELLE_TRUST_PROXY is false, true, or a comma-separated list of the proxies\' IP addresses', { field: 'PASSERELLE_TRUST_PROXY' });
  }
  return list;
}

function url(env: Env, name: string, protocols: readonly string[]): string | undefined {
  const raw = str(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError('config.invalid', `${name} is not a URL`, { field: name });
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError('config.invalid', `${name} must use ${protocols.join(' or ')}`, { field: name });
  }
  return raw;
}

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const port = int(env, 'PASSERELLE_PORT', 8080, 0, 65535);
  const host = str(env, 'PASSERELLE_HOST') ?? '127.0.0.1';
  const schema = str(env, 'PASSERELLE_DATABASE_SCHEMA') ?? 'passerelle';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new ConfigError('config.invalid', 'PASSERELLE_DATABASE_SCHEMA must be a lower-case SQL identifier', {
      field: 'PASSERELLE_DATABASE_SCHEMA',
    });
  }
  const logLevel = str(env, 'PASSERELLE_LOG_LEVEL') ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError('config.invalid', 'PASSERELLE_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent', {
      field: 'PASSERELLE_LOG_LEVEL',
    });
  }
  const publicUrl = str(env, 'PASSERELLE_PUBLIC_URL') ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  const authJwksUrl = url(env, 'PASSERELLE_AUTH_JWKS_URL', ['https:', 'http:']);
  const authJwksFile = str(env, 'PASSERELLE_AUTH_JWKS_FILE');
  const authIssuer = str(env, 'PASSERELLE_AUTH_ISSUER');
  const authAudience = str(env, 'PASSERELLE_AUTH_AUDIENCE');
  if (authJwksUrl || authJwksFile) {
    // A JWKS alone would accept any token its keys sign, for any audience.
    for (const [name, value] of [['PASSERELLE_AUTH_ISSUER', authIssuer], ['PASSERELLE_AUTH_AUDIENCE', authAudience]] as const) {
      if (!value) throw new ConfigError('config.invalid', `${name} is required when a JWKS is configured: tokens of other issuers or audiences must be refused`, { field: name });
    }
  }
  return {
    port,
    host,
    databaseUrl: databaseUrl(env),
    databaseSchema: schema,
    redisUrl: url(env, 'PASSERELLE_REDIS_URL', ['redis:', 'rediss:']),
    redisPrefix: str(env, 'PASSERELLE_REDIS_PREFIX') ?? 'passerelle',
    dataDir: path.resolve(cwd, str(env, 'PASSERELLE_DATA_DIR') ?? 'data'),
    policiesDir: path.resolve(cwd, str(env, 'PASSERELLE_POLICIES') ?? 'policies'),
    authJwksUrl,
    authJwksFile,
    authIssuer,
    authAudience,
    authMaxLifetimeSeconds: int(env, 'PASSERELLE_AUTH_MAX_TOKEN_LIFETIME_SECONDS', 12 * 3600, 60, 7 * 86_400),
    authInstitutionClaim: claimPath(env, 'PASSERELLE_AUTH_INSTITUTION_CLAIM', 'institution'),
    authRolesClaim: claimPath(env, 'PASSERELLE_AUTH_ROLES_CLAIM', 'roles'),
    authRoleMap: roleMap(env),
    signingKeyPem: str(env, 'PASSERELLE_SIGNING_KEY'),
    masterKey: str(env, 'PASSERELLE_MASTER_KEY'),
    attempts: int(env, 'PASSERELLE_DELIVERY_ATTEMPTS', 8, 1, 100),
    backoffMs: int(env, 'PASSERELLE_BACKOFF_MS', 5_000, 1, 86_400_000),
    maxBackoffMs: int(env, 'PASSERELLE_MAX_BACKOFF_MS', 3_600_000, 1, 86_400_000),
    concurrency: int(env, 'PASSERELLE_CONCURRENCY', 4, 1, 256),
    reconcileIntervalMs: int(env, 'PASSERELLE_RECONCILE_INTERVAL_MS', 60_000, 100, 86_400_000),
    queueCheckIntervalMs: int(env, 'PASSERELLE_QUEUE_CHECK_INTERVAL_MS', 2_000, 100, 3_600_000),
    stalledIntervalMs: int(env, 'PASSERELLE_STALLED_INTERVAL_MS', 30_000, 100, 3_600_000),
    lockDurationMs: int(env, 'PASSERELLE_LOCK_DURATION_MS', 30_000, 100, 3_600_000),
    maxBodyBytes: int(env, 'PASSERELLE_MAX_BODY_BYTES', 1_048_576, 1024, 104_857_600),
    // Below 2 s, so that with Redis or PostgreSQL away a caller still has its answer within 2 s.
    dependencyTimeoutMs: int(env, 'PASSERELLE_DEPENDENCY_TIMEOUT_MS', 1500, 100, 60_000),
    retryAfterSeconds: int(env, 'PASSERELLE_RETRY_AFTER_SECONDS', 5, 1, 3600),
    anonymousRefusalsPerMinute: int(env, 'PASSERELLE_ANONYMOUS_REFUSALS_PER_MINUTE', 300, 1, 1_000_000),
    checkpointIntervalMs: int(env, 'PASSERELLE_CHECKPOINT_INTERVAL_MS', 600_000, 1000, 86_400_000),
    sequencerIntervalMs: int(env, 'PASSERELLE_SEQUENCER_INTERVAL_MS', 200, 10, 60_000),
    auditRetentionDays: int(env, 'PASSERELLE_AUDIT_RETENTION_DAYS', 730, 365, 36_500),
    inboxRetentionDays: int(env, 'PASSERELLE_INBOX_RETENTION_DAYS', 90, 1, 36_500),
    logLevel,
    publicUrl,
    gatewayId: str(env, 'PASSERELLE_GATEWAY_ID') ?? publicUrl,
    migrateOnStart: bool(env, 'PASSERELLE_MIGRATE_ON_START', true),
    metricsPort: env.PASSERELLE_METRICS_PORT ? int(env, 'PASSERELLE_METRICS_PORT', 0, 0, 65535) : undefined,
    metricsHost: str(env, 'PASSERELLE_METRICS_HOST') ?? '127.0.0.1',
    trustProxy: trustProxy(env),
    oidc: oidcConfig(env, Boolean(authJwksUrl || authJwksFile)),
  };
}

function claimPath(env: Env, name: string, fallback: string): string {
  const raw = str(env, name) ?? fallback;
  if (!/^[A-Za-z_][\w:/-]*(\.[A-Za-z_][\w:/-]*)*$/.test(raw)) throw new ConfigError('config.invalid', `${name} must be a claim name or a dot path (realm_access.roles)`, { field: name });
  return raw;
}

const OUR_ROLES = ['source-system', 'receiver', 'ops', 'dpo'] as const;

/** `passerelle-ops=ops,passerelle-dpo=dpo`: the identity provider's role names for ours. */
function roleMap(env: Env): Config['authRoleMap'] {
  const raw = str(env, 'PASSERELLE_AUTH_ROLE_MAP');
  if (raw === undefined) return undefined;
  const map: Record<string, (typeof OUR_ROLES)[number]> = {};
  for (const pair of raw.split(',')) {
    const [theirs, ours] = pair.split('=').map((p) => p.trim());
    if (!theirs || !ours || !OUR_ROLES.includes(ours as never)) {
      throw new ConfigError('config.invalid', `PASSERELLE_AUTH_ROLE_MAP is a list of idp-role=our-role with our roles among ${OUR_ROLES.join(', ')}`, {
        field: 'PASSERELLE_AUTH_ROLE_MAP',
      });
    }
    map[theirs] = ours as (typeof OUR_ROLES)[number];
  }
  return map;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function oidcConfig(env: Env, hasJwks: boolean): OidcConfig | undefined {
  const issuer = url(env, 'PASSERELLE_OIDC_ISSUER', ['https:', 'http:']);
  if (issuer === undefined) return undefined;
  // Plain http only to this machine (a test's provider): elsewhere codes and tokens would travel in the clear.
  if (new URL(issuer).protocol === 'http:' && !LOOPBACK.has(new URL(issuer).hostname)) {
    throw new ConfigError('config.invalid', 'PASSERELLE_OIDC_ISSUER must use https (http only on 127.0.0.1 or localhost)', { field: 'PASSERELLE_OIDC_ISSUER' });
  }
  const clientId = str(env, 'PASSERELLE_OIDC_CLIENT_ID');
  if (!clientId) throw new ConfigError('config.invalid', 'PASSERELLE_OIDC_CLIENT_ID is required with PASSERELLE_OIDC_ISSUER', { field: 'PASSERELLE_OIDC_CLIENT_ID' });
  // The signed-in person's access token is verified like any API token: against the identity provider's keys.
  if (!hasJwks) {
    throw new ConfigError('config.invalid', "PASSERELLE_AUTH_JWKS_URL (or _FILE) is required with PASSERELLE_OIDC_ISSUER: the identity provider's tokens are verified against its keys", {
      field: 'PASSERELLE_AUTH_JWKS_URL',
    });
  }
  const scopes = str(env, 'PASSERELLE_OIDC_SCOPES') ?? 'openid';
  if (!scopes.split(/\s+/).includes('openid')) throw new ConfigError('config.invalid', 'PASSERELLE_OIDC_SCOPES must include openid', { field: 'PASSERELLE_OIDC_SCOPES' });
  return { issuer, clientId, clientSecret: str(env, 'PASSERELLE_OIDC_CLIENT_SECRET'), scopes, resource: str(env, 'PASSERELLE_OIDC_RESOURCE') };
}
