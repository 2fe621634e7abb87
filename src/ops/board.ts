import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { Queue } from 'bullmq';

export const BOARD_PATH = '/ops/queues';

/**
 * bull-board over the gateway's BullMQ lanes, read-only: operations look, and act through
 * the gateway (`passerelle transfers replay|cancel`), whose store is the truth; the board's
 * own retry, clean and promote would change the queue behind the store's back. A job shows
 * its ids only: the data is cut to the transfer id, return values to nothing.
 */
export function queueBoard(queues: ReadonlyMap<string, Queue>): Hono {
  const adapters = [...queues.values()].map((queue) => {
    const adapter = new BullMQAdapter(queue, { readOnlyMode: true, allowRetries: false, description: 'deliveries to one target system' });
    adapter.setFormatter('data', (data: { transferId?: unknown } | undefined) => ({ transferId: typeof data?.transferId === 'string' ? data.transferId : null }));
    adapter.setFormatter('returnValue', () => null);
    adapter.setFormatter('name', (job: { id?: string }) => job.id ?? 'job');
    return adapter;
  });
  const server = new HonoAdapter(serveStatic);
  server.setBasePath(BOARD_PATH);
  createBullBoard({ queues: adapters, serverAdapter: server, options: { uiConfig: { boardTitle: 'Passerelle queues', hideDocsLink: true, miscLinks: [{ text: 'Sign out', url: '/ops/logout' }] } } });
  return server.registerPlugin();
}
