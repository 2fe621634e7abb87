import type { FileStore } from '../adapters/files/store.js';
import { folderSettings } from '../adapters/files/capability.js';
import type { Institution } from '../policy/types.js';
import { readDropFolder } from './drops.js';
import { fileStoreOf } from './file-connection.js';
import { readReceipts, redeliverOverdue } from './receipts.js';
import type { Services } from './services.js';

/** One round over every institution's folders: drops, answers, then transfers whose answer is overdue. */
export async function watchFilesOnce(services: Services, storeOf: (institution: Institution) => FileStore = (i) => fileStoreOf(i, services.connections.env)): Promise<void> {
  for (const institution of services.bundle.institutions) {
    const adapter = services.registry.get(institution.system);
    if (!adapter.files || !folderSettings(institution.settings)) continue;
    let store: FileStore | undefined;
    try {
      store = storeOf(institution);
      await readDropFolder(services, institution, adapter, adapter.files, store);
      await readReceipts(services, institution, adapter, store);
    } catch (error) {
      services.logger.warn({ institution: institution.id, err: error }, "reading an institution's folders failed; the next round tries again");
    } finally {
      // A round's connection (SFTP) is not kept between rounds.
      await store?.close().catch(() => undefined);
    }
  }
  await redeliverOverdue(services);
}

/** Watches the folders at the shortest interval any institution asks for (`settings.pollIntervalSeconds`, 30 s by default). */
export function startFileWatch(services: Services, storeOf?: (institution: Institution) => FileStore): () => void {
  const watched = services.bundle.institutions.filter((i) => services.registry.get(i.system).files && folderSettings(i.settings));
  if (watched.length === 0) return () => undefined;
  const seconds = Math.min(...watched.map((i) => (typeof i.settings.pollIntervalSeconds === 'number' ? i.settings.pollIntervalSeconds : 30)));
  let running = false;
  const tick = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      await watchFilesOnce(services, storeOf);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), seconds * 1000);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
