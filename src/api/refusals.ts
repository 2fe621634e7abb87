import type { Context } from 'hono';
import type { PasserelleError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/index.js';

export interface RefusalOptions {
  /** Anonymous refusals a client may cause in a minute before it is answered 429 without more work. */
  anonymousPerMinute: number;
  /** Distinct (route, code) pairs kept per minute; beyond, they count under one `other`. */
  maxKeys?: number;
}

interface Bucket {
  minute: string;
  method: string;
  route: string;
  code: string;
  status: number;
  count: number;
}

/**
 * The audit of refused requests. An authenticated refusal is one entry, at once. Anonymous
 * ones are counted and written once a minute, one entry per route, code and minute with
 * its count, so that a flood cannot grow the append-only log without bound; a client past
 * its budget of anonymous refusals is answered 429 until the minute ends. Nothing of the
 * request is kept: code, route, status and a count.
 */
export class RefusalLog {
  private buckets = new Map<string, Bucket>();
  private clients = new Map<string, { minute: string; count: number }>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly options: RefusalOptions,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.timer = setInterval(() => void this.flush(), 60_000);
    this.timer.unref();
  }

  private minute(): string {
    return this.now().toISOString().slice(0, 16);
  }

  /** True when this anonymous client has used up its budget for the minute. */
  overBudget(client: string): boolean {
    const seen = this.clients.get(client);
    return seen !== undefined && seen.minute === this.minute() && seen.count >= this.options.anonymousPerMinute;
  }

  async record(c: Context, error: PasserelleError, client: string): Promise<void> {
    const principal = c.get('principal');
    const base = { code: error.code, status: error.status, method: c.req.method, route: c.req.routePath };
    if (principal) {
      try {
        await this.store.appendAudit({
          kind: 'request.refused',
          actor: `token:${principal.subject}`,
          institutionId: principal.institutionId,
          requestId: c.get('requestId') ?? null,
          data: { ...base, ...(error.details.field ? { field: error.details.field } : {}) },
        });
      } catch (auditError) {
        this.logger.error({ err: auditError }, 'could not audit a refused request');
      }
      return;
    }
    const minute = this.minute();
    const seen = this.clients.get(client);
    this.clients.set(client, seen && seen.minute === minute ? { minute, count: seen.count + 1 } : { minute, count: 1 });
    if (this.clients.size > 10_000) this.clients = new Map([...this.clients].filter(([, v]) => v.minute === minute).slice(-5000));
    const full = this.buckets.size >= (this.options.maxKeys ?? 1000);
    const key = full ? `${minute}|other` : `${minute}|${base.method}|${base.route}|${base.code}|${base.status}`;
    const bucket = this.buckets.get(key) ?? { minute, ...(full ? { method: '*', route: 'other', code: 'other', status: 0 } : base), count: 0 };
    bucket.count += 1;
    this.buckets.set(key, bucket);
  }

  /** Writes the counts of anonymous refusals gathered so far (each minute, and on close). */
  async flush(): Promise<void> {
    const buckets = [...this.buckets.values()];
    this.buckets = new Map();
    for (const b of buckets) {
      try {
        await this.store.appendAudit({
          kind: 'request.refused',
          actor: 'anonymous',
          data: { code: b.code, status: b.status, method: b.method, route: b.route, minute: b.minute, count: b.count },
        });
      } catch (error) {
        this.logger.error({ err: error, count: b.count }, 'could not audit anonymous refusals');
      }
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}

/** The client's address as the socket says (a proxy's header is not trusted here). */
export function clientOf(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'local';
}
