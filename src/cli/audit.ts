import { existsSync } from 'node:fs';
import path from 'node:path';
import { proveConsistency, proveInclusion, type ConsistencyProof, type InclusionProof } from '../audit/proof.js';
import { verifyAuditLog, type VerifyReport } from '../audit/verify.js';
import type { Config } from '../config.js';
import { PasserelleError } from '../errors.js';
import { loadOrCreateKeys } from '../seal/keys.js';
import { openStore } from '../store/index.js';
import { describeStore, requireExistingStore } from './store-access.js';

export type StoredReport = VerifyReport & { store: string; empty?: true; message?: string };

/**
 * Verifies the audit log of the configured store against the gateway's own keys, and
 * says where it looked. It creates nothing: a store or a key folder that is not there is
 * named, and an empty store is reported as empty, never as an intact log.
 */
export async function verifyStoredAudit(config: Config): Promise<StoredReport> {
  const store = describeStore(config);
  await requireExistingStore(config);
  if (!config.signingKeyPem && !existsSync(path.join(config.dataDir, 'keys', 'signing.jwk.json'))) {
    throw new PasserelleError('cli.no-keys', `no signing key in ${path.join(config.dataDir, 'keys')} (PASSERELLE_DATA_DIR) and no PASSERELLE_SIGNING_KEY: the checkpoints cannot be checked`, {
      status: 404,
      details: { field: 'PASSERELLE_DATA_DIR' },
    });
  }
  const keys = await loadOrCreateKeys({ dir: config.dataDir, ...(config.signingKeyPem ? { signingKeyPem: config.signingKeyPem } : {}) });
  const opened = await openStore({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    schema: config.databaseSchema,
    dataDir: config.dataDir,
    migrate: false,
  });
  try {
    const report = await verifyAuditLog(opened.sql, keys.jwks());
    if (report.entries === 0) {
      return {
        ...report,
        ok: false,
        empty: true,
        store,
        message: `the store holds no audit entry: an empty store, not an intact log. If you expected entries, check ${config.databaseUrl ? 'PASSERELLE_DATABASE_URL and PASSERELLE_DATABASE_SCHEMA' : 'PASSERELLE_DATA_DIR (or set PASSERELLE_DATABASE_URL)'}`,
      };
    }
    return { ...report, store };
  } finally {
    await opened.close();
  }
}

/** An inclusion proof of one entry, or a consistency proof between two tree heads, from the configured store. */
export async function proveStored(config: Config, what: { seq: number } | { first: number; second: number }): Promise<InclusionProof | ConsistencyProof> {
  await requireExistingStore(config);
  const keys = await loadOrCreateKeys({ dir: config.dataDir, ...(config.signingKeyPem ? { signingKeyPem: config.signingKeyPem } : {}) });
  const opened = await openStore({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    schema: config.databaseSchema,
    dataDir: config.dataDir,
    migrate: false,
  });
  try {
    return 'seq' in what ? await proveInclusion(opened.sql, keys, what.seq) : await proveConsistency(opened.sql, what.first, what.second);
  } finally {
    await opened.close();
  }
}
