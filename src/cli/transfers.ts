import os from 'node:os';
import { publicTransfer } from '../api/routes/transfers.js';
import { loadConfig } from '../config.js';
import type { TransferState } from '../contract/types.js';
import { ConflictError, InputError, NotFoundError } from '../errors.js';
import { loadPolicyBundle } from '../policy/bundle.js';
import { FINAL_STATES, isUuid, type TransferRecord } from '../store/index.js';
import { replayTransfer } from '../transfers/replay.js';
import { cancelTransfer } from '../transfers/revoke.js';
import type { Gateway } from '../gateway.js';
import type { RunContext } from './framework.js';
import { unknownChoice } from './policy.js';
import { openGateway } from './store-access.js';

export const STATES: readonly TransferState[] = ['accepted', 'extracting', 'evaluating', 'delivering', 'awaiting-receipt', 'delivered', 'retrying', 'failed', 'rejected', 'cancelled'];

/** Who acted, for the audit: the operator's login on this machine. */
const actor = (): string => `cli:${os.userInfo().username.replace(/[^\w.-]/g, '_').slice(0, 64)}`;

async function withGateway<T>(fn: (gateway: Gateway) => Promise<T>): Promise<T> {
  const gateway = await openGateway(loadConfig());
  try {
    return await fn(gateway);
  } finally {
    await gateway.close();
  }
}

function transferId(ctx: RunContext): string {
  const id = ctx.positionals[0]!;
  if (!isUuid(id)) throw new InputError('cli.invalid-argument', 'a transfer id is a UUID (the "id" of passerelle transfers list)', { field: 'id' });
  return id;
}

const line = (t: TransferRecord): string =>
  [t.id, t.state.padEnd(16), t.targetInstitutionId.padEnd(16), t.purpose.padEnd(24), String(t.attempts).padStart(3), t.updatedAt, t.error?.code ?? ''].join('  ');

export async function list(ctx: RunContext): Promise<number> {
  const { values, io } = ctx;
  const state = values.state as string | undefined;
  if (state !== undefined && !STATES.includes(state as TransferState)) throw unknownChoice('request.invalid-query', 'state', 'a transfer state', state, STATES);
  const limitText = (values.limit as string | undefined) ?? '50';
  const limit = /^\d{1,4}$/.test(limitText) ? Number(limitText) : NaN;
  if (!(limit >= 1 && limit <= 1000)) throw new InputError('cli.invalid-option', '--limit is a whole number from 1 to 1000', { field: 'limit' });
  const items = await withGateway((g) =>
    g.services.store.listTransfers({
      limit,
      ...(state ? { state: state as TransferState } : {}),
      ...(values.target ? { target: String(values.target) } : {}),
    }),
  );
  if (values.json || !io.tty) for (const t of items) io.out(JSON.stringify(publicTransfer(t)));
  else {
    io.out(io.style.bold(['id'.padEnd(36), 'state'.padEnd(16), 'target'.padEnd(16), 'purpose'.padEnd(24), 'att', 'updated'.padEnd(24), 'error'].join('  ')));
    for (const t of items) io.out(line(t));
    io.err(io.style.dim(`${items.length} transfer(s)${items.length === limit ? ` (the first ${limit}; --limit for more)` : ''}`));
  }
  return 0;
}

export async function show(ctx: RunContext): Promise<number> {
  const id = transferId(ctx);
  const found = await withGateway((g) => g.services.store.transferWithHistory(id));
  if (!found) throw new NotFoundError('transfer.not-found', 'no transfer with this id in this store', { field: 'id' });
  ctx.io.out(
    JSON.stringify(
      {
        ...publicTransfer(found.transfer),
        history: found.history.map(({ at, kind, state, step, actor }) => ({ at, kind, state, step, actor })),
      },
      null,
      2,
    ),
  );
  return 0;
}

export async function replay(ctx: RunContext): Promise<number> {
  const id = transferId(ctx);
  const replayed = await withGateway(async (g) => {
    const transfer = await g.services.store.getTransfer(id);
    if (!transfer) throw new NotFoundError('transfer.not-found', 'no transfer with this id in this store', { field: 'id' });
    if (transfer.state !== 'failed') throw new ConflictError('transfer.not-replayable', `only a failed transfer can be replayed; this one is ${transfer.state}`, { field: 'state' });
    await ctx.confirm(`Replay transfer ${transfer.id} to ${transfer.targetInstitutionId} (failed: ${transfer.error?.code ?? 'unknown'})?`);
    return replayTransfer(g.services, transfer.id, actor());
  });
  ctx.io.out(JSON.stringify(publicTransfer(replayed)));
  return 0;
}

export async function cancel(ctx: RunContext): Promise<number> {
  const id = transferId(ctx);
  const after = await withGateway(async (g) => {
    const transfer = await g.services.store.getTransfer(id);
    if (!transfer) throw new NotFoundError('transfer.not-found', 'no transfer with this id in this store', { field: 'id' });
    if (FINAL_STATES.includes(transfer.state)) throw new ConflictError('transfer.final', `the transfer is already ${transfer.state}; nothing to cancel`, { field: 'state' });
    await ctx.confirm(`Cancel transfer ${transfer.id} to ${transfer.targetInstitutionId} (${transfer.state})?`);
    await cancelTransfer(g.services, transfer.id, { actor: actor(), eventId: null, step: 'cancelled-by-ops' });
    return (await g.services.store.getTransfer(transfer.id))!;
  });
  ctx.io.out(JSON.stringify(publicTransfer(after)));
  // A delivery in flight finishes; the flag keeps every later attempt from calling the target.
  if (after.state !== 'cancelled') ctx.io.err(`the transfer is ${after.state}: a delivery in flight finishes, no later attempt calls the target`);
  return 0;
}

export async function institutions(ctx: RunContext): Promise<number> {
  const bundle = await loadPolicyBundle(loadConfig().policiesDir);
  const rows = bundle.institutions.map((i) => ({ id: i.id, type: i.type, canton: i.canton, system: i.system, installation: i.installation, name: i.name }));
  if (ctx.values.json || !ctx.io.tty) for (const r of rows) ctx.io.out(JSON.stringify(r));
  else {
    ctx.io.out(ctx.io.style.bold(['id'.padEnd(20), 'type'.padEnd(12), 'canton', 'system'.padEnd(14), 'installation'].join('  ')));
    for (const r of rows) ctx.io.out([r.id.padEnd(20), r.type.padEnd(12), r.canton.padEnd(6), r.system.padEnd(14), r.installation].join('  '));
    ctx.io.err(ctx.io.style.dim(`${rows.length} institution(s) in ${bundle.dir} (passerelle policy check validates a bundle)`));
  }
  return 0;
}
