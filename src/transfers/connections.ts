import type { Adapter, Connection, ConnectionSettings, InboxSink, MapContext } from '../adapters/port.js';
import type { AdapterRegistry } from '../adapters/registry.js';
import { ConfigError, InputError } from '../errors.js';
import type { PolicyBundle } from '../policy/bundle.js';
import type { Institution } from '../policy/types.js';

export interface Endpoint {
  institution: Institution;
  adapter: Adapter;
  connection: Connection;
  settings: ConnectionSettings;
}

/**
 * One connection per institution, built from its registry entry on first use. The core
 * reaches systems only through here and the SDK port.
 */
export class Connections {
  private readonly cache = new Map<string, Endpoint>();
  private readonly simulators = new Map<string, typeof fetch>();
  private files: ((institution: Institution, adapter: Adapter, settings: ConnectionSettings) => Connection) | undefined;

  constructor(
    private readonly bundle: PolicyBundle,
    private readonly registry: AdapterRegistry,
    private readonly deps: {
      env: Readonly<Record<string, string | undefined>>;
      clock: () => Date;
      inbox: InboxSink;
      /** Overrides the transport's fetch for every connection (tests). */
      fetch?: typeof fetch;
    },
  ) {}

  /** The environment the connections read their secrets from. */
  get env(): Readonly<Record<string, string | undefined>> {
    return this.deps.env;
  }

  institution(id: string, field = 'institutionId'): Institution {
    const found = this.bundle.institution(id);
    if (!found) throw new InputError('institution.unknown', `${field} names an institution that is not in the registry`, { field }, 422);
    return found;
  }

  mapContext(institution: Institution): MapContext {
    return { institutionId: institution.id, canton: institution.canton, settings: institution.settings, now: this.deps.clock };
  }

  settingsFor(institution: Institution): ConnectionSettings {
    const adapter = this.registry.get(institution.system);
    const settings: ConnectionSettings = {
      ...this.mapContext(institution),
      env: this.deps.env,
      inbox: this.deps.inbox,
    };
    const fetchImpl = this.deps.fetch ?? (institution.settings.simulator === true ? this.simulatorFetch(adapter) : undefined);
    if (fetchImpl) settings.fetch = fetchImpl;
    return settings;
  }

  /** How systems that exchange files are reached (snapshots and the outbox): set once the store exists. */
  useFiles(factory: (institution: Institution, adapter: Adapter, settings: ConnectionSettings) => Connection): void {
    this.files = factory;
  }

  endpoint(institutionId: string): Endpoint {
    const cached = this.cache.get(institutionId);
    if (cached) return cached;
    const institution = this.institution(institutionId);
    const adapter = this.registry.get(institution.system);
    if (!adapter.connect && adapter.files && this.files) {
      const settings = this.settingsFor(institution);
      const endpoint = { institution, adapter, connection: this.files(institution, adapter, settings), settings };
      this.cache.set(institutionId, endpoint);
      return endpoint;
    }
    if (!adapter.connect) {
      throw new ConfigError('adapter.no-transport', `adapter "${adapter.id}" of institution "${institution.id}" has no transport`, {
        field: `institutions.${institution.id}.system`,
      });
    }
    const settings = this.settingsFor(institution);
    const endpoint = { institution, adapter, connection: adapter.connect(settings), settings };
    this.cache.set(institutionId, endpoint);
    return endpoint;
  }

  private simulatorFetch(adapter: Adapter): typeof fetch {
    const existing = this.simulators.get(adapter.id);
    if (existing) return existing;
    if (!adapter.simulator) {
      throw new ConfigError('adapter.no-simulator', `adapter "${adapter.id}" has no simulator; remove settings.simulator`);
    }
    const simulated = adapter.simulator().fetch;
    this.simulators.set(adapter.id, simulated);
    return simulated;
  }
}
