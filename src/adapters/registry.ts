import { NotFoundError } from '../errors.js';
import type { Adapter } from './port.js';

/** The adapters this build knows, by system id (the composition root, `src/composition.ts`, lists them). */
export class AdapterRegistry {
  private readonly byId: Map<string, Adapter>;

  constructor(adapters: readonly Adapter[]) {
    this.byId = new Map(adapters.map((a) => [a.id, a]));
  }

  get(id: string): Adapter {
    const found = this.byId.get(id);
    if (!found) {
      throw new NotFoundError('adapter.unknown', `no adapter "${id}"; known: ${[...this.byId.keys()].join(', ')}`, {
        field: 'adapter',
      });
    }
    return found;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  list(): Adapter[] {
    return [...this.byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  }
}
