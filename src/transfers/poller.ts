import type { Institution } from '../policy/types.js';
import { acceptEvent } from './intake.js';
import type { Services } from './services.js';
import { eventsOfChanges, putSnapshot } from './snapshots.js';

/**
 * Polls the change feed of every source whose registry entry asks for it
 * (`settings.pollIntervalSeconds`), so the gateway learns the systems' own case ids (NFAM
 * reads a case by its UUID) even for cases no webhook announced. Resumes where it stood.
 */
export async function pollOnce(services: Services): Promise<Round & { institutions: number }> {
  const total = { institutions: 0, refs: 0, rejected: 0, events: 0 };
  for (const institution of services.bundle.institutions) {
    const round = await pollInstitution(services, institution);
    if (!round) continue;
    total.institutions += 1;
    total.refs += round.refs;
    total.rejected += round.rejected;
    total.events += round.events;
  }
  return total;
}

interface Round {
  refs: number;
  rejected: number;
  events: number;
}

const intervalOf = (institution: Institution): number | undefined => {
  const seconds = institution.settings.pollIntervalSeconds;
  return typeof seconds === 'number' && seconds > 0 ? seconds : undefined;
};

/** One institution's poll, page after page, resuming where it stood; null when it is not polled. */
async function pollInstitution(services: Services, institution: Institution): Promise<Round | null> {
  const { connections, store, logger } = services;
  if (intervalOf(institution) === undefined) return null;
  const endpoint = connections.endpoint(institution.id);
  const { connection } = endpoint;
  if (!connection.listChanges) return null;
  const round: Round = { refs: 0, rejected: 0, events: 0 };
  let cursor = await store.pollCursor(institution.id);
  for (let pages = 0; pages < 1000; pages += 1) {
    const page = await connection.listChanges(cursor, 200);
    for (const [localCaseId, nativeId] of Object.entries(page.refs)) {
      await store.rememberCaseRef(institution.system, institution.id, localCaseId, nativeId);
      round.refs += 1;
    }
    round.rejected += page.rejections.length;
    // Systems without a change log: what changed since the last snapshot becomes events.
    const eventIdOf = endpoint.adapter.mapper.changeEventId?.bind(endpoint.adapter.mapper);
    if (eventIdOf) {
      for (const [i, record] of page.records.entries()) {
        const stamp = page.stamps?.[i];
        const update = await putSnapshot(services, institution, record, stamp);
        for (const event of eventsOfChanges(record, update.changes, stamp, eventIdOf, services.clock)) {
          await acceptEvent(services, event, { actor: `poll:${institution.system}` });
          round.events += 1;
        }
        await update.settle();
      }
    }
    cursor = page.nextCursor;
    await store.savePollCursor(institution.id, cursor);
    if (!page.more) break;
  }
  if (round.rejected > 0) logger.warn({ institution: institution.id, rejected: round.rejected }, 'polled cases that break the contract; they will be rejected when a transfer reads them');
  return round;
}

/**
 * Polls each source at its own interval, one round at a time per source: one that fails
 * or is slow holds no other back, and a file-based system's watch interval sets nothing here.
 */
export function startPoller(services: Services): () => void {
  const polled = services.bundle.institutions.filter((i) => {
    if (intervalOf(i) === undefined) return false;
    try {
      return services.connections.endpoint(i.id).connection.listChanges !== undefined;
    } catch {
      return false;
    }
  });
  if (polled.length === 0) return () => undefined;
  let firstRounds = polled.length;
  let refs = 0;
  const timers = polled.map((institution) => {
    let running = false;
    let first = true;
    const tick = async (): Promise<void> => {
      if (running) return;
      running = true;
      try {
        refs += (await pollInstitution(services, institution))?.refs ?? 0;
        if (first) {
          first = false;
          firstRounds -= 1;
          // Once every source had a round, their case ids are known (operators and tests wait for this line).
          if (firstRounds === 0) services.logger.info({ institutions: polled.length, refs }, 'first poll round done');
        }
      } catch (error) {
        services.logger.warn({ err: error, institution: institution.id }, 'polling a source failed; its next round will try again');
      } finally {
        running = false;
      }
    };
    const timer = setInterval(() => void tick(), intervalOf(institution)! * 1000);
    timer.unref();
    void tick();
    return timer;
  });
  return () => {
    for (const timer of timers) clearInterval(timer);
  };
}
