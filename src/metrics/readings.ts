import type { Store } from '../store/index.js';
import type { QueueView } from '../ops/queues.js';
import type { Metrics } from './metrics.js';

/**
 * Reads what only the store and the queue know, right before a scrape: transfers by state
 * and target, each lane's jobs and the age of its oldest, and how far the audit chain and
 * its signed checkpoints lag behind what was written. A part that cannot be read (the
 * store or Redis down) is counted in `passerelle_metrics_scrape_errors_total` and the rest
 * is still answered.
 */
export async function readGauges(metrics: Metrics, sources: { store: Store; queue: QueueView; now?: () => number }): Promise<void> {
  const now = sources.now ?? Date.now;
  const part = async (name: string, fn: () => Promise<void>): Promise<void> => {
    try {
      await fn();
    } catch {
      metrics.scrapeErrors.inc({ part: name });
    }
  };
  await Promise.all([
    part('transfers', async () => {
      const rows = await sources.store.sql.query<{ state: string; target: string; n: string }>(
        'select state, target_institution_id as target, count(*)::text as n from transfers group by 1, 2',
      );
      metrics.transfers.reset();
      for (const row of rows) metrics.transfers.inc({ state: row.state, target: metrics.target(row.target) }, Number(row.n));
    }),
    part('queue', async () => {
      const lanes = await sources.queue.summary();
      metrics.queueJobs.reset();
      metrics.queueOldestAge.reset();
      for (const lane of lanes) {
        const name = metrics.lane(lane.lane);
        for (const [state, n] of Object.entries(lane.counts)) metrics.queueJobs.set({ lane: name, state }, n);
        metrics.queueOldestAge.set({ lane: name }, lane.oldestAgeSeconds ?? 0);
      }
    }),
    part('audit', async () => {
      const [head] = await sources.store.sql.query<{ seq: string }>('select seq::text as seq from audit_head where id = 1');
      const [signed] = await sources.store.sql.query<{ seq: string | null; at: string | Date | null }>('select max(seq)::text as seq, max(at) as at from audit_checkpoints');
      const [unchained] = await sources.store.sql.query<{ n: string }>('select count(*)::text as n from audit_entries where seq is null or hash is null');
      const headSeq = Number(head?.seq ?? 0);
      metrics.auditHead.set(headSeq);
      metrics.auditUnchained.set(Number(unchained?.n ?? 0));
      metrics.auditUnsigned.set(Math.max(0, headSeq - Number(signed?.seq ?? 0)));
      metrics.auditCheckpointAge.set(signed?.at ? Math.max(0, (now() - new Date(signed.at).getTime()) / 1000) : 0);
    }),
  ]);
}
