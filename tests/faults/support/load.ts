import { randomUUID } from 'node:crypto';
import { richToRegionalPartner } from '../../support/events.js';
import type { GatewayCluster } from './processes.js';
import { sleep, until } from './ports.js';

export interface LoadFigures {
  /** Events the gateway answered 202 (after retries of 503s and refused connections, same eventId). */
  accepted: number;
  transferIds: string[];
  byStatus: Record<string, number>;
  /** 5xx other than the documented 503. */
  unexpected5xx: number;
  /** The longest wait for an answer, in ms (a figure for the note, not asserted). */
  slowestMs: number;
}

/**
 * Posts `count` events as a source system would: each with its own eventId, retried with
 * the same eventId after a 503 (honouring Retry-After) or a refused connection, within a
 * time budget. The eventId makes every retry safe.
 */
export async function postEvents(cluster: GatewayCluster, count: number, options: { concurrency?: number; budgetMs?: number; during?: (sent: number) => Promise<void> } = {}): Promise<LoadFigures> {
  const token = await cluster.token('be-asi', ['source-system']);
  const figures: LoadFigures = { accepted: 0, transferIds: [], byStatus: {}, unexpected5xx: 0, slowestMs: 0 };
  const deadline = Date.now() + (options.budgetMs ?? 180_000);
  let next = 0;
  let sent = 0;
  const one = async (): Promise<void> => {
    const event = { ...richToRegionalPartner(), eventId: randomUUID() };
    while (Date.now() < deadline) {
      const started = Date.now();
      let status = 0;
      let body: { transfers?: { id: string }[] } = {};
      try {
        const answer = await fetch(`${cluster.base}/v1/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(event),
          signal: AbortSignal.timeout(30_000),
        });
        status = answer.status;
        body = (await answer.json().catch(() => ({}))) as typeof body;
        if (status === 503) await sleep(Number(answer.headers.get('retry-after') ?? '1') * 200);
      } catch {
        status = 0;
      }
      figures.slowestMs = Math.max(figures.slowestMs, Date.now() - started);
      figures.byStatus[status] = (figures.byStatus[status] ?? 0) + 1;
      if (status >= 500 && status !== 503) figures.unexpected5xx += 1;
      if (status === 202) {
        figures.accepted += 1;
        for (const t of body.transfers ?? []) figures.transferIds.push(t.id);
        return;
      }
      if (status !== 503 && status !== 0) return;
      await sleep(300);
    }
  };
  const workers = Array.from({ length: options.concurrency ?? 8 }, async () => {
    while (next < count) {
      next += 1;
      await one();
      sent += 1;
      if (options.during) await options.during(sent);
    }
  });
  await Promise.all(workers);
  return figures;
}

export interface Outcome {
  delivered: number;
  failed: number;
  rejected: number;
  cancelled: number;
  stuck: number;
  maxAttempts: number;
  total: number;
  drainMs: number;
}

/** Waits, within a bound, until every transfer is final; what is still open then is stuck. */
export async function drain(cluster: GatewayCluster, boundMs = 120_000): Promise<Outcome> {
  const ops = await cluster.token('be-asi', ['ops']);
  const started = Date.now();
  let outcome: Outcome | undefined;
  const read = async (): Promise<Outcome | undefined> => {
    const counts: Record<string, number> = {};
    let maxAttempts = 0;
    let cursor: string | null = null;
    do {
      const answer = await fetch(`${cluster.base}/v1/transfers?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: { authorization: `Bearer ${ops}` } }).catch(() => undefined);
      if (!answer || answer.status !== 200) return undefined;
      const page = (await answer.json()) as { items: { state: string; attempts: number }[]; nextCursor: string | null };
      for (const t of page.items) {
        counts[t.state] = (counts[t.state] ?? 0) + 1;
        maxAttempts = Math.max(maxAttempts, t.attempts);
      }
      cursor = page.nextCursor;
    } while (cursor);
    const final = ['delivered', 'failed', 'rejected', 'cancelled'];
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    return {
      delivered: counts.delivered ?? 0,
      failed: counts.failed ?? 0,
      rejected: counts.rejected ?? 0,
      cancelled: counts.cancelled ?? 0,
      stuck: Object.entries(counts).filter(([s]) => !final.includes(s)).reduce((a, [, n]) => a + n, 0),
      maxAttempts,
      total,
      drainMs: Date.now() - started,
    };
  };
  try {
    await until(async () => {
      outcome = (await read()) ?? outcome;
      return outcome !== undefined && outcome.stuck === 0;
    }, boundMs, 'every transfer to be final', 500);
  } catch {
    // What is open by now is reported as stuck.
  }
  return outcome ?? { delivered: 0, failed: 0, rejected: 0, cancelled: 0, stuck: -1, maxAttempts: 0, total: 0, drainMs: Date.now() - started };
}
