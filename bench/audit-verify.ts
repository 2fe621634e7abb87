/**
 * Time to verify an audit log of BENCH_AUDIT_ENTRIES entries (default 1,000,000) in
 * PostgreSQL: seeds a schema of its own, checkpoints, verifies, prints, drops the schema.
 *
 *   node --import tsx bench/audit-verify.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkpoint } from '../src/audit/checkpoint.js';
import { seedAuditLog } from '../src/audit/seed.js';
import { verifyAuditLog } from '../src/audit/verify.js';
import { loadOrCreateKeys } from '../src/seal/keys.js';
import { openStore } from '../src/store/index.js';
import { report, type Figure } from './support.js';

export async function auditVerifyFigure(url: string, entries: number): Promise<Figure> {
  const schema = `bench_audit_${Date.now().toString(36)}`;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-audit-'));
  const store = await openStore({ databaseUrl: url, schema, dataDir: null });
  try {
    const keys = await loadOrCreateKeys({ dir });
    const seeded = performance.now();
    for (let done = 0; done < entries; done += 100_000) {
      await seedAuditLog(store.sql, Math.min(100_000, entries - done));
      await checkpoint(store.sql, keys);
    }
    const seedMs = performance.now() - seeded;
    const verified = await verifyAuditLog(store.sql, keys.jwks());
    if (!verified.ok) throw new Error('the seeded audit log did not verify');
    return report({
      figure: 'audit.verify',
      value: Math.round((verified.entries / verified.durationMs) * 1000),
      unit: 'entries/s',
      entries: verified.entries,
      checkpoints: verified.checkpoints,
      verifyMs: Math.round(verified.durationMs),
      seedMs: Math.round(seedMs),
    });
  } finally {
    await store.sql.query(`drop schema "${schema}" cascade`);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await auditVerifyFigure(process.env.PASSERELLE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', Number(process.env.BENCH_AUDIT_ENTRIES ?? 1_000_000));
}
