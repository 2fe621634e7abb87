import { acceptEvent } from './intake.js';
import type { Services } from './services.js';
import { eventsOfChanges, putSnapshot } from './snapshots.js';

/**
 * Polls the change feed of every source whose registry entry asks for it
 * (`settings.pollIntervalSeconds`), so the gateway learns the systems' own case ids (NFAM
 * reads a case by its UUID) even for cases no webhook announced. Resumes where it stood.
 */
export async function pollOnce(services: Services): Promise<{ institutions: number; refs: number; rejected: number; events: number }> {
  const { bundle, connections, store, logger } = services;
  let institutions = 0;
  let refs = 0;
  let rejected = 0;
  let events = 0;
  for (const institution of bundle.institutions) {
    if (typeof institution.settings.pollIntervalSeconds !== 'number') continue;
    const endpoint = connections.endpoint(institution.id);
    const { connection } = endpoint;
    if (!connection.listChanges) continue;
    institutions += 1;
    let cursor = await store.pollCursor(institution.id);
    for (let pages = 0; pages < 1000; pages += 1) {
      const page = await connection.listChanges(cursor, 200);
      for (const [localCaseId, nativeId] of Object.entries(page.refs)) {
        await store.rememberCaseRef(institution.system, institution.id, localCaseId, nativeId);
        refs += 1;
      }
      rejected += page.rejections.length;
      // Systems without a change log: what changed since the last snapshot becomes events.
      const eventIdOf = endpoint.adapter.mapper.changeEventId?.bind(endpoint.adapter.mapper);
      if (eventIdOf) {
        for (const [i, record] of page.records.entries()) {
          const stamp = page.stamps?.[i];
          const update = await putSnapshot(services, institution, record, stamp);
          for (const event of eventsOfChanges(record, update.changes, stamp, eventIdOf, services.clock)) {
            await acceptEvent(services, event, { actor: `poll:${institution.system}` });
            events += 1;
          }
          await update.settle();
        }
      }
      cursor = page.nextCursor;
      await store.savePollCursor(institution.id, cursor);
      if (!page.more) break;
    }
  }
  if (rejected > 0) logger.warn({ rejected }, 'polled cases that break the contract; they will be rejected when a transfer reads them');
  return { institutions, refs, rejected, events };
}

/** Polls at the shortest interval any source asks for; one round at a time. */
export function startPoller(services: Services): () => void {
  const intervals = services.bundle.institutions
    .map((i) => i.settings.pollIntervalSeconds)
    .filter((s): s is number => typeof s === 'number' && s > 0);
  if (intervals.length === 0) return () => undefined;
  let running = false;
  let first = true;
  const tick = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      const round = await pollOnce(services);
      // Once: from here on the sources' case ids are known (operators and tests wait for this line).
      if (first) services.logger.info({ institutions: round.institutions, refs: round.refs }, 'first poll round done');
      first = false;
    } catch (error) {
      services.logger.warn({ err: error }, 'polling a source failed; the next round will try again');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), Math.min(...intervals) * 1000);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
