import { issueDevToken } from '../auth/dev-issuer.js';
import { defaultRegistry } from '../composition.js';
import { loadConfig } from '../config.js';
import { InputError, PasserelleError } from '../errors.js';
import { loadPolicyBundle, type PolicyBundle } from '../policy/bundle.js';
import { proveStored, verifyStoredAudit } from './audit.js';
import { convertToContract, convertToNative } from './convert.js';
import type { RunContext } from './framework.js';
import { importExport } from './import.js';
import { serve, work } from './serve.js';

export const serveCommand = (ctx: RunContext): Promise<number> => serve(loadConfig(), { demo: ctx.values.demo === true, worker: ctx.values['no-worker'] !== true });

export const workerCommand = (): Promise<number> => work(loadConfig());

async function bundleIfPresent(dir: string): Promise<PolicyBundle | undefined> {
  try {
    return await loadPolicyBundle(dir);
  } catch (error) {
    if (error instanceof PasserelleError && error.code === 'policy.not-found') return undefined;
    throw error;
  }
}

const required = (ctx: RunContext, name: string): string => {
  const value = ctx.values[name];
  if (typeof value !== 'string') throw new InputError('cli.missing-option', `--${name} is required`, { field: name });
  return value;
};

export async function convertCommand(ctx: RunContext): Promise<number> {
  const { values, io } = ctx;
  const adapter = required(ctx, 'adapter');
  const registry = defaultRegistry();
  const bundle = await bundleIfPresent(loadConfig().policiesDir);
  const base = {
    adapter,
    files: ctx.positionals,
    now: () => new Date(),
    ...(typeof values.institution === 'string' ? { institution: values.institution } : {}),
    ...(typeof values.canton === 'string' ? { canton: values.canton } : {}),
  };
  if (values.reverse) {
    await convertToNative(registry, bundle, { ...base, ...(typeof values.out === 'string' ? { outDir: values.out } : {}) }, io);
    return 0;
  }
  return (await convertToContract(registry, bundle, base, io)) > 0 ? 1 : 0;
}

export async function importCommand(ctx: RunContext): Promise<number> {
  const adapter = required(ctx, 'adapter');
  const institution = required(ctx, 'institution');
  const target = ctx.positionals[0]!;
  await ctx.confirm(`Import ${target} into the snapshots of ${institution} (no events are raised)?`);
  const summary = await importExport(loadConfig(), { adapter, institution, target, out: ctx.io.out, err: ctx.io.err, tty: ctx.io.errTty });
  return summary.rejected > 0 ? 1 : 0;
}

export async function adaptersList(ctx: RunContext): Promise<number> {
  const list = defaultRegistry()
    .list()
    .map((a) => ({ id: a.id, title: a.title, capabilities: a.capabilities }));
  if (ctx.values.json) ctx.io.out(JSON.stringify(list, null, 2));
  else for (const a of list) ctx.io.out(`${a.id.padEnd(16)} ${a.title}`);
  return 0;
}

export async function tokenCommand(ctx: RunContext): Promise<number> {
  const institutionId = required(ctx, 'institution');
  const roles = required(ctx, 'roles');
  const ttl = ctx.values.ttl;
  if (ttl !== undefined && !/^\d{1,6}$/.test(String(ttl))) throw new InputError('cli.invalid-option', '--ttl is a number of seconds', { field: 'ttl' });
  const token = await issueDevToken(loadConfig().dataDir, {
    institutionId,
    roles: roles.split(',').map((r) => r.trim()),
    ...(ttl !== undefined ? { ttlSeconds: Number(ttl) } : {}),
  });
  ctx.io.out(token);
  return 0;
}

/** A whole number argument, or a usage error naming it. */
function count(text: string | undefined, name: string): number {
  const n = Number(text);
  if (text === undefined || !/^[1-9]\d{0,15}$/.test(text) || !Number.isSafeInteger(n)) throw new InputError('cli.invalid-argument', `${name} is a whole number, 1 or more`, { field: name });
  return n;
}

export async function auditProve(ctx: RunContext): Promise<number> {
  const proof = await proveStored(loadConfig(), { seq: count(ctx.positionals[0], 'ENTRY') });
  ctx.io.out(JSON.stringify(proof, null, 2));
  return 0;
}

export async function auditConsistency(ctx: RunContext): Promise<number> {
  const proof = await proveStored(loadConfig(), { first: count(ctx.positionals[0], 'FIRST'), second: count(ctx.positionals[1], 'SECOND') });
  ctx.io.out(JSON.stringify(proof, null, 2));
  return 0;
}

export async function auditVerify(ctx: RunContext): Promise<number> {
  const { io } = ctx;
  const report = await verifyStoredAudit(loadConfig());
  io.out(JSON.stringify(report, null, 2));
  if (report.empty) io.err(io.style.yellow(report.message ?? 'the store is empty'));
  else if (!report.ok && report.firstBad) io.err(io.style.red(`the audit log is broken at entry ${report.firstBad.seq}: ${report.firstBad.reason}`));
  else if (report.ok && io.tty) io.err(io.style.green(`intact: ${report.entries} entries, ${report.checkpoints} checkpoints, in ${report.store}`));
  return report.ok ? 0 : 1;
}
