import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../src/cli/commands.js';
import { everyCommand } from '../../src/cli/framework.js';
import { issueDevToken } from '../../src/auth/dev-issuer.js';
import { loadConfig } from '../../src/config.js';
import { createGateway } from '../../src/gateway.js';
import { createLogger } from '../../src/logger.js';
import { RICH_CASE, RICH_CASE_ID, richEvent } from '../support/events.js';
import { REPO } from '../support/paths.js';
import { dumpRedis, freshRedisPrefix, freshSchema, POSTGRES_URL, REDIS_URL } from '../support/services.js';
import { passerelleAsync, pool } from './support.js';

/** Every file under a folder with its digest and modification time. */
function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      const info = statSync(full);
      if (info.isDirectory()) walk(full);
      else out[path.relative(dir, full)] = `${createHash('sha256').update(readFileSync(full)).digest('hex')} ${info.mtimeMs}`;
    }
  };
  walk(dir);
  return out;
}

/** Every row of every table of the schema, as text. */
async function rows(schema: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    const tables = (await client.query<{ t: string }>(`select table_name as t from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE' order by 1`, [schema])).rows;
    const out: Record<string, string> = {};
    for (const { t } of tables) out[t] = JSON.stringify((await client.query(`select * from "${schema}"."${t}" order by 1`)).rows);
    return out;
  } finally {
    await client.end();
  }
}

describe('every command and subcommand answers --help, and does nothing else', () => {
  const schema = freshSchema();
  const redis = freshRedisPrefix();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-help-'));
  let env: Record<string, string>;
  let before: { files: Record<string, string>; rows: Record<string, string>; redis: string };

  beforeAll(async () => {
    const s = await schema;
    env = {
      PASSERELLE_DATA_DIR: dataDir,
      PASSERELLE_POLICIES: path.join(REPO, 'policies'),
      PASSERELLE_DATABASE_URL: POSTGRES_URL,
      PASSERELLE_DATABASE_SCHEMA: s.schema,
      PASSERELLE_REDIS_URL: REDIS_URL,
      PASSERELLE_REDIS_PREFIX: redis.prefix,
      PASSERELLE_LOG_LEVEL: 'silent',
    };
    // Something to change: keys, a store with an event and its transfer, a job waiting in Redis.
    const gateway = await createGateway(loadConfig(env, REPO), { env: { ...env, NFAM_CLIENT_SECRET: 'x', NFAM_WEBHOOK_SECRET: 'y' }, logger: createLogger({ level: 'silent' }) });
    await gateway.services.store.rememberCaseRef('nfam', 'be-asi', RICH_CASE.localCaseId, RICH_CASE_ID);
    const token = await issueDevToken(dataDir, { institutionId: 'be-asi', roles: ['source-system'] });
    const answer = await gateway.app.request('/v1/events', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(richEvent()) });
    expect(answer.status, await answer.clone().text()).toBe(202);
    await gateway.close();
    before = { files: files(dataDir), rows: await rows(s.schema), redis: (await dumpRedis(redis.prefix)).text };
    expect(Object.keys(before.files).some((f) => f.startsWith('keys'))).toBe(true);
    expect(before.rows.transfers).toContain('accepted');
    expect(before.redis).not.toBe('');
  });

  afterAll(async () => {
    await (await schema).drop();
    await redis.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const paths = everyCommand(ROOT).map((p) => p.slice(1).map((c) => c.name));

  it('walks a tree of at least every command the issue names', () => {
    const names = paths.map((p) => p.join(' '));
    for (const name of ['serve', 'worker', 'migrate', 'convert', 'import', 'adapters list', 'institutions list', 'contract validate', 'policy explain', 'policy check', 'transfers list', 'transfers show', 'transfers replay', 'transfers cancel', 'token', 'audit verify', 'keys rotate']) {
      expect(names).toContain(name);
    }
  });

  it('prints each command’s usage and exits 0, with --help, -h or `help`, and nothing changed: key files, store, queue', async () => {
    const forms = paths.flatMap((p) => [[...p, '--help'], ...(p.length > 0 ? [[...p, '-h', '--bogus'], ['help', ...p]] : [])]);
    const runs = await pool(forms, 4, (args) => passerelleAsync(args, env));
    const failures = runs
      .map((run, i) => ({ args: forms[i]!.join(' '), run }))
      .filter(({ args, run }) => {
        const name = ['passerelle', ...args.split(' ').filter((a) => !a.startsWith('-') && a !== 'help')].join(' ');
        return run.code !== 0 || run.stderr !== '' || !run.stdout.startsWith(`Usage: ${name}`) || !run.stdout.includes('--help');
      })
      .map(({ args, run }) => `${args}: exit ${run.code}, stderr ${run.stderr.slice(0, 200)}`);
    expect(failures).toEqual([]);
    expect(runs.length).toBeGreaterThanOrEqual(paths.length * 3 - 2);
    expect(files(dataDir)).toEqual(before.files);
    expect(await rows((await schema).schema)).toEqual(before.rows);
    expect((await dumpRedis(redis.prefix)).text).toBe(before.redis);
  });
});
