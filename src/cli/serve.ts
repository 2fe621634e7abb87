import { randomUUID } from 'node:crypto';
import { serve as serveHttp } from '@hono/node-server';
import { issueDevToken } from '../auth/dev-issuer.js';
import type { Config } from '../config.js';
import { createGateway, type Gateway } from '../gateway.js';
import { pollOnce } from '../transfers/poller.js';
import { zurichTimestamp } from '../time.js';

/** Secrets the demo topology names by reference; real deployments set their own. */
const DEMO_ENV = { NFAM_CLIENT_SECRET: 'demo-client-secret', NFAM_WEBHOOK_SECRET: 'whsec_nfam_test_3c7e1b5a9d' };

export async function serve(config: Config, options: { demo: boolean; worker: boolean }): Promise<number> {
  const env = options.demo ? { ...DEMO_ENV, ...process.env } : process.env;
  const gateway = await createGateway(config, { env });
  if (options.worker) await gateway.startWorkers();
  // The example below must find its case at once: poll the sources before printing it.
  if (options.demo) await pollOnce(gateway.services);
  const server = serveHttp({ fetch: gateway.app.fetch, port: config.port, hostname: config.host });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const metrics = await gateway.operations.listen(() => ready(gateway));
  const { logger } = gateway.services;
  if (metrics) logger.info({ port: metrics.port }, 'metrics and health listening');
  logger.info({ port: config.port, store: config.databaseUrl ? 'postgres' : 'embedded', queue: config.redisUrl ? 'redis' : 'in-process' }, 'gateway listening');
  if (options.demo) process.stdout.write(await demoBanner(config, gateway));
  else process.stdout.write(`Passerelle listening on ${config.publicUrl}; API docs at ${config.publicUrl}/docs\n`);
  return waitForSignal(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await gateway.close();
  });
}

/** Ready when the store and the queue answer. */
async function ready(gateway: Gateway): Promise<boolean> {
  await Promise.all([gateway.services.store.ping(), gateway.services.queue.ping()]);
  return true;
}

export async function work(config: Config): Promise<number> {
  const gateway = await createGateway(config);
  await gateway.startWorkers();
  // A worker has no API: its health check and metrics are this listener (PASSERELLE_METRICS_PORT).
  const metrics = await gateway.operations.listen(() => ready(gateway));
  gateway.services.logger.info({ queue: config.redisUrl ? 'redis' : 'in-process', ...(metrics ? { metricsPort: metrics.port } : {}) }, 'worker started');
  return waitForSignal(() => gateway.close());
}

/** SIGTERM and SIGINT close gracefully: jobs in hand finish, nothing new is taken. */
function waitForSignal(close: () => Promise<void>): Promise<number> {
  return new Promise((resolve) => {
    let closing = false;
    const stop = (): void => {
      if (closing) return;
      closing = true;
      close().then(
        () => resolve(0),
        () => resolve(1),
      );
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}

async function demoBanner(config: Config, gateway: Gateway): Promise<string> {
  const base = config.publicUrl;
  const source = await issueDevToken(config.dataDir, { institutionId: 'be-asi', roles: ['source-system'] });
  const commune = await issueDevToken(config.dataDir, { institutionId: 'be-koeniz', roles: ['receiver'] });
  const ops = await issueDevToken(config.dataDir, { institutionId: 'be-asi', roles: ['ops'] });
  const dpo = await issueDevToken(config.dataDir, { institutionId: 'be-dpo', roles: ['dpo'] });
  const event = {
    eventId: randomUUID(),
    type: 'case.phase-changed',
    occurredAt: zurichTimestamp(gateway.services.clock()),
    source: { system: 'nfam', institutionId: 'be-asi' },
    case: { localCaseId: 'NFAM-2022-004127', localPersonId: '936c2b28-9578-5df8-b7cc-24f085b11f9c' },
    change: { from: 'cantonal', to: 'communal', effectiveDate: '2025-03-01' },
  };
  return `
Passerelle is running: ${base}
  API docs  ${base}/docs      health ${base}/health      keys ${base}/.well-known/jwks.json
  store: ${config.databaseUrl ? 'PostgreSQL' : `embedded (${config.dataDir})`}; queue: ${config.redisUrl ? 'Redis' : 'in-process'}; policies: ${config.policiesDir}

Demo: the canton of Bern (NFAM, simulated in process) hands case NFAM-2022-004127 to the
commune of Köniz, which has no case system and receives through its inbox.

  SOURCE='${source}'
  COMMUNE='${commune}'
  OPS='${ops}'

  # 1. NFAM reports that the case moved from the cantonal to the communal phase
  curl -s -X POST ${base}/v1/events -H "authorization: Bearer $SOURCE" \\
    -H 'content-type: application/json' -d '${JSON.stringify(event)}'

  # 2. Köniz lists its inbox, then reads the case (record, signed JWS, and what was withheld and why)
  curl -s ${base}/v1/inbox -H "authorization: Bearer $COMMUNE"
  curl -s ${base}/v1/inbox/TRANSFER_ID -H "authorization: Bearer $COMMUNE"

  # 3. Köniz acknowledges; operations look at the transfer and its history
  curl -s -X POST ${base}/v1/inbox/TRANSFER_ID/ack -H "authorization: Bearer $COMMUNE"
  curl -s ${base}/v1/transfers/TRANSFER_ID -H "authorization: Bearer $OPS"

(TRANSFER_ID is the "id" in the answer of step 1. Posting step 1 again creates nothing new.)

The data-protection officer's console: ${base}/console/ (sign in with this token, then search
the person by her id in NFAM: nfam:936c2b28-9578-5df8-b7cc-24f085b11f9c, or her AHV number 756.3817.4629.57)
  DPO='${dpo}'

The commune clerk of Köniz signs in at ${base}/inbox/ with the COMMUNE token above and, after
step 1, reads the demo case there (French, German, Italian), downloads its sealed PDF and
acknowledges it. Start page with the docs, the console and the inbox: ${base}/
`;
}
