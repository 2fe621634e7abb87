import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RICH_CASE, RICH_CASE_ID, richEvent } from '../support/events.js';
import { REPO, settled, startTestGateway } from '../support/gateway.js';
import { freshSchema, POSTGRES_URL, uniqueName } from '../support/services.js';
import { jsonLines, passerelle } from './support.js';

type Json = Record<string, any>;

const MIGRATIONS = readdirSync(path.join(REPO, 'src/store/migrations')).filter((f) => /^\d{3}_.*\.sql$/.test(f));

async function as<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The SQLSTATE a statement fails with, or null when it succeeds (inside a transaction rolled back). */
async function failure(url: string, schema: string, statement: string): Promise<string | null> {
  return as(url, async (client) => {
    await client.query('begin');
    try {
      await client.query(`set local search_path = "${schema}"`);
      await client.query(statement);
      return null;
    } catch (error) {
      return (error as { code?: string }).code ?? 'unknown';
    } finally {
      await client.query('rollback');
    }
  });
}

describe('passerelle migrate as the owner, then the gateway as a role without DDL rights', () => {
  const role = uniqueName('papp').toLowerCase();
  const roleUrl = (() => {
    const url = new URL(POSTGRES_URL);
    url.username = role;
    url.password = '';
    return url.href;
  })();
  const schema = freshSchema();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-role-'));
  const env = async () => ({ PASSERELLE_DATABASE_URL: POSTGRES_URL, PASSERELLE_DATABASE_SCHEMA: (await schema).schema, PASSERELLE_DATA_DIR: '/nonexistent-passerelle' });

  beforeAll(async () => {
    await as(POSTGRES_URL, (c) => c.query(`create role "${role}" login`));
  });
  afterAll(async () => {
    await (await schema).drop();
    rmSync(dataDir, { recursive: true, force: true });
    await as(POSTGRES_URL, async (c) => {
      await c.query(`drop owned by "${role}"`);
      await c.query(`drop role "${role}"`);
    });
  });

  it('asks before it changes the database, then applies every migration and grants the runtime role', async () => {
    const refused = passerelle(['migrate', '--grant', role], await env());
    expect(refused.code).toBe(2);
    expect(jsonLines(refused.stderr)[0]).toMatchObject({ code: 'cli.confirmation-required' });
    const run = passerelle(['migrate', '--grant', role, '--yes'], await env());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as Json;
    expect(out).toMatchObject({ applied: MIGRATIONS, upToDate: true, granted: role, store: expect.stringContaining(`schema "${(await schema).schema}"`) });
    expect(out.store).not.toContain('password');
    const again = passerelle(['migrate'], await env());
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ applied: [], upToDate: true });
    expect(jsonLines(passerelle(['migrate', '--yes', '--grant', 'no_such_role_x'], await env()).stderr)[0]).toMatchObject({ code: 'cli.unknown-role' });
  });

  it('the gateway runs as that role: a case goes through, the audit log verifies', async () => {
    const s = (await schema).schema;
    const t = await startTestGateway({
      name: 'cli-runtime-role',
      services: 'real',
      policiesDir: path.join(REPO, 'policies'),
      env: { PASSERELLE_DATABASE_URL: roleUrl, PASSERELLE_DATABASE_SCHEMA: s, PASSERELLE_MIGRATE_ON_START: 'false' },
    });
    try {
      expect(t.config.databaseUrl).toContain(role);
      await t.gateway.startWorkers();
      await t.gateway.services.store.rememberCaseRef('nfam', 'be-asi', RICH_CASE.localCaseId, RICH_CASE_ID);
      const answer = await t.request('POST', '/v1/events', { token: await t.token('be-asi', ['source-system']), body: richEvent() });
      expect(answer.status).toBe(202);
      const id = ((await answer.json()) as Json).transfers[0].id as string;
      expect((await settled(t, id, 60_000)).state).toBe('delivered');
      const verify = await t.request('GET', '/v1/audit/verify', { token: await t.token('be-dpo', ['dpo']) });
      expect(verify.status).toBe(200);
      expect((await verify.json()) as Json).toMatchObject({ ok: true });
    } finally {
      await t.close();
    }
  });

  it('that role cannot alter, drop or truncate a table, nor update or delete an audit entry', async () => {
    const s = (await schema).schema;
    const statements = [
      'alter table audit_entries add column forged text',
      'alter table transfers add column forged text',
      'drop table audit_checkpoints',
      'drop trigger audit_entries_append_only on audit_entries',
      'create table forged (a int)',
      'truncate audit_entries',
      "update audit_entries set kind = 'forged'",
      'update audit_entries set hash = hash',
      'delete from audit_entries',
      "update audit_checkpoints set jws = 'x'",
      'delete from audit_checkpoints',
      "update audit_archive set kind = 'forged'",
      'delete from audit_archive',
    ];
    for (const statement of statements) {
      expect(await failure(roleUrl, s, statement), statement).toBe('42501');
    }
    // What it may do: read and append.
    expect(await failure(roleUrl, s, 'select count(*) from audit_entries')).toBeNull();
    expect(await failure(roleUrl, s, "insert into poll_cursors (institution_id, cursor) values ('x', 'y')")).toBeNull();
  });

  it('a start as that role stops, naming the command, when the database lacks a migration', async () => {
    const s = (await schema).schema;
    await as(POSTGRES_URL, (c) => c.query(`delete from "${s}".schema_migrations where version = (select max(version) from "${s}".schema_migrations)`));
    try {
      const run = passerelle(['transfers', 'list'], { PASSERELLE_DATABASE_URL: roleUrl, PASSERELLE_DATABASE_SCHEMA: s, PASSERELLE_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'), PASSERELLE_DATA_DIR: dataDir, PASSERELLE_POLICIES: path.join(REPO, 'policies') });
      expect(run.code).toBe(1);
      expect(jsonLines(run.stderr).at(-1)).toMatchObject({ code: 'store.migrations-pending', message: expect.stringContaining('passerelle migrate') });
    } finally {
      await as(POSTGRES_URL, (c) => c.query(`insert into "${s}".schema_migrations (version) values ($1)`, [MIGRATIONS.at(-1)!.slice(0, 3)]));
    }
  });
});
