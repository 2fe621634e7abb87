import { mkdirSync, mkdtempSync, rmSync, createWriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { issueDevToken } from '../../src/auth/dev-issuer.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/gateway.js';
import { createLogger } from '../../src/logger.js';
import { FINAL_STATES } from '../../src/store/index.js';
import { freshRedisPrefix, freshSchema, POSTGRES_URL, REDIS_URL } from './services.js';

import { LOG_DIR, REPO, TEST_POLICIES } from './paths.js';

export { LOG_DIR, REPO, TEST_POLICIES } from './paths.js';

export interface TestGateway {
  gateway: Gateway;
  config: Config;
  logFile: string;
  token(institutionId: string, roles: string[]): Promise<string>;
  request(method: string, url: string, init?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  close(): Promise<void>;
}

export interface TestGatewayOptions {
  /** Real PostgreSQL and Redis (integration); otherwise the embedded defaults. */
  services?: 'real' | 'embedded';
  policiesDir?: string;
  clock?: () => Date;
  env?: Record<string, string>;
  attempts?: number;
  backoffMs?: number;
  name: string;
  /** Reuse a data folder (keys, embedded database on disk) and leave it in place on close. */
  dataDir?: string;
}

/**
 * A whole gateway for one test: its own PostgreSQL schema, Redis prefix, key folder and
 * log file, all removed by `close()`. Logs go to tests/.artifacts/logs so the privacy
 * check at the end of the run can read every line any test produced.
 */
export async function startTestGateway(options: TestGatewayOptions): Promise<TestGateway> {
  const real = (options.services ?? 'real') === 'real';
  const schema = real ? await freshSchema() : undefined;
  const redis = real ? freshRedisPrefix() : undefined;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'passerelle-test-'));
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = path.join(LOG_DIR, `${options.name.replace(/[^\w.-]+/g, '_')}-${Date.now()}.log`);
  const stream = createWriteStream(logFile, { flags: 'a' });
  const env: Record<string, string> = {
    PASSERELLE_DATA_DIR: dataDir,
    PASSERELLE_POLICIES: options.policiesDir ?? TEST_POLICIES,
    PASSERELLE_LOG_LEVEL: 'debug',
    PASSERELLE_DELIVERY_ATTEMPTS: String(options.attempts ?? 4),
    PASSERELLE_BACKOFF_MS: String(options.backoffMs ?? 20),
    PASSERELLE_MAX_BACKOFF_MS: '200',
    PASSERELLE_RECONCILE_INTERVAL_MS: '60000',
    PASSERELLE_STALLED_INTERVAL_MS: '1000',
    PASSERELLE_LOCK_DURATION_MS: '2000',
    NFAM_CLIENT_SECRET: 'test-client-secret',
    NFAM_WEBHOOK_SECRET: 'whsec_nfam_test_3c7e1b5a9d',
    ...(schema ? { PASSERELLE_DATABASE_URL: POSTGRES_URL, PASSERELLE_DATABASE_SCHEMA: schema.schema } : {}),
    ...(redis ? { PASSERELLE_REDIS_URL: REDIS_URL, PASSERELLE_REDIS_PREFIX: redis.prefix } : {}),
    ...options.env,
  };
  const config = loadConfig(env, REPO);
  const logger = createLogger({ level: 'debug', destination: stream });
  const gateway = await createGateway(config, {
    logger,
    env,
    inMemoryStore: !real && !options.dataDir,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return {
    gateway,
    config,
    logFile,
    token: (institutionId, roles) => issueDevToken(dataDir, { institutionId, roles }),
    async request(method, url, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      let body: string | undefined;
      if (init.body !== undefined) {
        body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
        headers['content-type'] ??= 'application/json';
      }
      return gateway.app.request(url, { method, headers, ...(body === undefined ? {} : { body }) });
    },
    async close() {
      await gateway.close();
      await new Promise<void>((resolve) => stream.end(() => resolve()));
      await schema?.drop();
      await redis?.drop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a value, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until a transfer reaches a final state, and returns it. */
export function settled(t: TestGateway, id: string, timeoutMs = 20_000) {
  return eventually(async () => {
    const transfer = await t.gateway.services.store.getTransfer(id);
    return transfer && FINAL_STATES.includes(transfer.state) ? transfer : undefined;
  }, timeoutMs, `transfer ${id} to settle`);
}
