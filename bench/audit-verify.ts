/**
 * Time to verify an audit log of BENCH_AUDIT_ENTRIES entries (default 1,000,000) in
 * PostgreSQL: seeds a schema of its own, checkpoints, verifies, prints, drops the schema.
 *
 *   node --import tsx bench/audit-verify.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkpoint } from '../src/audit/checkpoint.js';
import { seedAuditLog } from '../src/audit/seed.js';
import { verifyAuditLog } from '../src/audit/verify.js';
import { loadOrCreateKeys } from '../src/seal/keys.js';
import { openStore } from '../src/store/index.js';

const N = Number(process.env.BENCH_AUDIT_ENTRIES ?? 1_000_000);
const url = process.env.PASSERELLE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `bench_audit_${Date.now().toString(36)}`;
const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-audit-'));
const store = await openStore({ databaseUrl: url, schema, dataDir: null });
try {
  const keys = await loadOrCreateKeys({ dir });
  const seeded = performance.now();
  for (let done = 0; done < N; done += 100_000) {
    await seedAuditLog(store.sql, Math.min(100_000, N - done));
    await checkpoint(store.sql, keys);
  }
  const seedMs = performance.now() - seeded;
  const report = await verifyAuditLog(store.sql, keys.jwks());
  console.log(
    JSON.stringify({
      entries: report.entries,
      checkpoints: report.checkpoints,
      ok: report.ok,
      verifyMs: report.durationMs,
      entriesPerSecond: Math.round((report.entries / report.durationMs) * 1000),
      seedMs: Math.round(seedMs),
      rssMiB: Math.round(process.memoryUsage().rss / 1048576),
    }),
  );
} finally {
  await store.sql.query(`drop schema "${schema}" cascade`);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
