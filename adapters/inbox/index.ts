import { defineAdapter, type ConnectionSettings, type Connection, type DeliveryRequest, type Receipt } from '../../src/adapters/sdk.js';
import { ConfigError, UpstreamError } from '../../src/adapters/sdk.js';
import { inboxMapper } from './mapper.js';

/**
 * A target for an institution with no system of its own: the gateway keeps the sealed
 * record and the institution fetches and acknowledges it through `/v1/inbox`.
 */
export const adapter = defineAdapter(new URL('./adapter.yaml', import.meta.url), {
  mapper: inboxMapper,
  connect(settings: ConnectionSettings): Connection {
    const sink = settings.inbox;
    if (!sink) throw new ConfigError('inbox.unavailable', 'the inbox adapter needs the gateway inbox; it runs only inside the gateway');
    return {
      async read() {
        throw new UpstreamError('inbox.not-a-source', 'an inbox receives cases; it is not a source to read from', {
          retryable: false,
        });
      },
      deliver: (request: DeliveryRequest): Promise<Receipt> => sink.deposit(request),
    };
  },
});
