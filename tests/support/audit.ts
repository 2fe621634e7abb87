import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkpoint } from '../../src/audit/checkpoint.js';
import { seedAuditLog } from '../../src/audit/seed.js';
import { loadOrCreateKeys, type GatewayKeys } from '../../src/seal/keys.js';
import { openStore, type Store } from '../../src/store/index.js';
import { freshSchema, POSTGRES_URL } from './services.js';

export interface SeededLog {
  store: Store;
  keys: GatewayKeys;
  schema: string;
  dataDir: string;
  /** What someone with the database's superuser could do: switch the triggers off. */
  tamper(sql: string, params?: unknown[]): Promise<void>;
  close(): Promise<void>;
}

/** A PostgreSQL schema of its own holding a chained log of `count` entries, checkpointed at the middle and the end. */
export async function seededAuditLog(count: number): Promise<SeededLog> {
  const schema = await freshSchema();
  const store = await openStore({ databaseUrl: POSTGRES_URL, schema: schema.schema, dataDir: null });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'audit-'));
  const keys = await loadOrCreateKeys({ dir: dataDir });
  await seedAuditLog(store.sql, count / 2);
  await checkpoint(store.sql, keys);
  await seedAuditLog(store.sql, count / 2);
  await checkpoint(store.sql, keys);
  return {
    store,
    keys,
    schema: schema.schema,
    dataDir,
    tamper: (sql, params = []) =>
      store.sql.transaction(async (tx) => {
        await tx.query('set local session_replication_role = replica');
        await tx.query(sql, params);
      }),
    async close() {
      await store.close();
      await schema.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
