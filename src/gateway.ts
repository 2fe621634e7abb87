import { hkdfSync } from 'node:crypto';
import type { Hono } from 'hono';
import { createApp } from './api/app.js';
import { RefusalLog } from './api/refusals.js';
import { checkSettings } from './adapters/settings/check.js';
import { startCheckpoints } from './audit/checkpoint.js';
import { startSequencer } from './audit/sequencer.js';
import { applyRetention } from './audit/retention.js';
import type { AdapterRegistry } from './adapters/registry.js';
import { defaultRegistry } from './composition.js';
import { devIssuerJwks } from './auth/dev-issuer.js';
import { createVerifier, type Verifier } from './auth/verifier.js';
import type { Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { loadPolicyBundle } from './policy/bundle.js';
import { createJobQueue } from './queue/index.js';
import type { RetryPolicy } from './queue/port.js';
import { loadOrCreateKeys } from './seal/keys.js';
import { createVault } from './seal/vault.js';
import { openStore } from './store/index.js';
import { createOperations, type Operations } from './ops/index.js';
import { Connections } from './transfers/connections.js';
import { createJobHandler } from './transfers/engine.js';
import { inboxSink } from './transfers/inbox.js';
import { fileConnection, fileStoreOf } from './transfers/file-connection.js';
import { startFileWatch } from './transfers/file-watch.js';
import { startPoller } from './transfers/poller.js';
import { startReconciler } from './transfers/reconciler.js';
import type { Services } from './transfers/services.js';

export interface GatewayOptions {
  logger?: Logger;
  clock?: () => Date;
  env?: Readonly<Record<string, string | undefined>>;
  /** Transport override for every connection (tests route it to a local stand-in). */
  fetch?: typeof fetch;
  registry?: AdapterRegistry;
  /** Key directory; defaults to `<dataDir>`; embedded tests pass a temp dir. */
  keysDir?: string;
  /** Keep the embedded store in memory (tests). */
  inMemoryStore?: boolean;
}

export interface Gateway {
  services: Services;
  app: Hono;
  verifier: Verifier;
  /** The audit of refused requests; `flush` writes the anonymous ones counted so far. */
  refusals: RefusalLog;
  /** Metrics and the queue view (`/metrics`, `/v1/ops/queues`, `/ops/queues`). */
  operations: Operations;
  /** Starts consuming the queue lanes of every target system, and the reconciler. */
  startWorkers(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Builds the whole gateway from one config: policies (a bad bundle stops here), store
 * (migrated), queue, keys, adapters, API. Embedded defaults when no URLs are set.
 */
export async function createGateway(config: Config, options: GatewayOptions = {}): Promise<Gateway> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const clock = options.clock ?? (() => new Date());
  const env = options.env ?? process.env;
  const registry = options.registry ?? defaultRegistry();
  const bundle = await loadPolicyBundle(config.policiesDir);
  // Every institution's system is known and its settings are what its adapter expects: else the start stops here.
  for (const institution of bundle.institutions) checkSettings(registry.get(institution.system), institution);

  const keysDir = options.keysDir ?? config.dataDir;
  const keys = await loadOrCreateKeys({ dir: keysDir, ...(config.signingKeyPem ? { signingKeyPem: config.signingKeyPem } : {}) });
  const vault = await createVault({ dir: keysDir, ...(config.masterKey ? { masterKey: config.masterKey } : {}) });
  const store = await openStore({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    schema: config.databaseSchema,
    dataDir: options.inMemoryStore ? null : config.dataDir,
    connectTimeoutMs: config.dependencyTimeoutMs,
    migrate: config.migrateOnStart,
    onError: (error) => logger.warn({ err: error }, 'a database connection was lost; the next statement reconnects'),
  });
  const retry: RetryPolicy = { attempts: config.attempts, backoffMs: config.backoffMs, maxBackoffMs: config.maxBackoffMs };
  const queue = createJobQueue({
    ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
    prefix: config.redisPrefix,
    // The store counts attempts; the queue's own count is only a ceiling it should never reach.
    retry: { ...retry, attempts: retry.attempts * 2 + 10 },
    lockDurationMs: config.lockDurationMs,
    stalledIntervalMs: config.stalledIntervalMs,
    operationTimeoutMs: config.dependencyTimeoutMs,
    logger,
  });
  const connections = new Connections(bundle, registry, {
    env,
    clock,
    inbox: inboxSink(store, vault, clock),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const pseudonymKey = new Uint8Array(hkdfSync('sha256', vault.masterKeyMaterial(), 'passerelle', 'person pseudonym v1', 32));
  const cursorKey = new Uint8Array(hkdfSync('sha256', vault.masterKeyMaterial(), 'passerelle', 'api cursor v1', 32));
  const services: Services = { config, store, queue, bundle, registry, connections, keys, vault, logger, clock, retry, pseudonymKey, cursorKey };

  const tokenRules = {
    maxLifetimeSec: config.authMaxLifetimeSeconds,
    claims: { institution: config.authInstitutionClaim, roles: config.authRolesClaim, ...(config.authRoleMap ? { roleMap: config.authRoleMap } : {}) },
    isKnownInstitution: (id: string) => bundle.institution(id) !== undefined,
  };
  const verifier = createVerifier(
    config.authJwksUrl
      ? { jwksUrl: config.authJwksUrl, ...issuerAudience(config), ...tokenRules }
      : config.authJwksFile
        ? { jwksFile: config.authJwksFile, ...issuerAudience(config), ...tokenRules }
        : { jwks: await devIssuerJwks(keysDir), issuer: 'passerelle-dev', audience: 'passerelle', ...tokenRules },
  );
  if (!config.authJwksUrl && !config.authJwksFile && config.databaseUrl) {
    logger.warn('no PASSERELLE_AUTH_JWKS_URL or _FILE: only development tokens of this gateway are accepted; set your identity provider before going live');
  }
  connections.useFiles((institution, adapter, settings) => fileConnection(services, institution, adapter, settings, fileStoreOf(institution, settings.env)));
  const refusals = new RefusalLog(store, logger, { anonymousPerMinute: config.anonymousRefusalsPerMinute });
  const operations = createOperations(services, verifier);
  const app = createApp(services, verifier, refusals, operations);

  let stopReconciler: (() => void) | undefined;
  let stopPoller: (() => void) | undefined;
  let stopFiles: (() => void) | undefined;
  let stopCheckpoints: (() => Promise<void>) | undefined;
  // Every process chains the audit log in rounds; the round's lock keeps them in one order.
  const stopSequencer = startSequencer(store.sql, config.sequencerIntervalMs, (error) => logger.warn({ err: error }, 'chaining the audit log failed; the next round will try again'));
  let retentionTimer: NodeJS.Timeout | undefined;
  return {
    services,
    app,
    verifier,
    refusals,
    operations,
    async startWorkers() {
      const lanes = [...new Set(bundle.institutions.map((i) => i.system))];
      await queue.work(createJobHandler(services), {
        lanes,
        concurrency: config.concurrency,
        onDeadLetter: async (job, error) => {
          logger.warn({ transferId: job.transferId, attempt: job.attempt, err: error }, 'job dead-lettered');
        },
      });
      stopReconciler = startReconciler(services, { intervalMs: config.reconcileIntervalMs, checkIntervalMs: config.queueCheckIntervalMs, lanes });
      stopPoller = startPoller(services);
      stopFiles = startFileWatch(services);
      stopCheckpoints = startCheckpoints(store.sql, keys, config.checkpointIntervalMs, (error) =>
        logger.warn({ err: error }, 'audit checkpoint failed; the next one will try again'),
      );
      const retention = async (): Promise<void> => {
        try {
          const result = await applyRetention(store, { now: clock(), auditDays: config.auditRetentionDays, inboxDays: config.inboxRetentionDays });
          if (result.archived || result.destroyedInboxItems) logger.info({ ...result }, 'retention applied');
        } catch (error) {
          logger.warn({ err: error }, 'retention failed; the next round will try again');
        }
      };
      retentionTimer = setInterval(() => void retention(), 6 * 3600_000);
      retentionTimer.unref();
      void retention();
    },
    async close() {
      stopReconciler?.();
      stopPoller?.();
      stopFiles?.();
      clearInterval(retentionTimer);
      await stopSequencer();
      await stopCheckpoints?.();
      await refusals.close();
      await operations.close();
      await queue.close();
      await store.close();
    },
  };
}

function issuerAudience(config: Config): { issuer?: string; audience?: string } {
  return {
    ...(config.authIssuer ? { issuer: config.authIssuer } : {}),
    ...(config.authAudience ? { audience: config.authAudience } : {}),
  };
}
