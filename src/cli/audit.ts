import { verifyAuditLog, type VerifyReport } from '../audit/verify.js';
import type { Config } from '../config.js';
import { loadOrCreateKeys } from '../seal/keys.js';
import { openStore } from '../store/index.js';

/** Verifies the audit log of the configured store against the gateway's own keys. */
export async function verifyStoredAudit(config: Config): Promise<VerifyReport> {
  const keys = await loadOrCreateKeys({ dir: config.dataDir, ...(config.signingKeyPem ? { signingKeyPem: config.signingKeyPem } : {}) });
  const store = await openStore({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    schema: config.databaseSchema,
    dataDir: config.dataDir,
  });
  try {
    return await verifyAuditLog(store.sql, keys.jwks());
  } finally {
    await store.close();
  }
}
