import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { TransferState } from '../contract/types.js';
import type { TransferRecord } from '../store/index.js';

/**
 * The gateway's Prometheus metrics. Labels are bounded by construction: states and steps
 * are the contract's, `target` an institution id of the registry and `lane` a system id
 * of this build (anything else counts as `other`), `code` a stable error code (at most
 * `MAX_CODES` of them). No label ever holds a transfer id, an event id, a person or a value
 * of a record.
 */
export interface Metrics {
  readonly registry: Registry;
  /** A transfer moved (the store's compare-and-set succeeded): counts, latency, attempts, errors. */
  transferMoved(transfer: TransferRecord): void;
  readonly http: Counter<'method' | 'route' | 'status'>;
  readonly transfers: Gauge<'state' | 'target'>;
  readonly queueJobs: Gauge<'lane' | 'state'>;
  readonly queueOldestAge: Gauge<'lane'>;
  readonly auditHead: Gauge;
  readonly auditUnchained: Gauge;
  readonly auditUnsigned: Gauge;
  readonly auditCheckpointAge: Gauge;
  readonly scrapeErrors: Counter<'part'>;
  /** A label value as the metrics may carry it. */
  target(id: string): string;
  lane(id: string): string;
}

const MAX_CODES = 100;
const CODE = /^[a-z][a-z0-9-]{0,40}(\.[a-z0-9-]{1,40}){0,3}$/;

export function createMetrics(options: { institutions: readonly string[]; systems: readonly string[]; policyVersion: string; version: string; defaults?: boolean }): Metrics {
  const registry = new Registry();
  if (options.defaults !== false) collectDefaultMetrics({ register: registry });
  const institutions = new Set(options.institutions);
  const systems = new Set(options.systems);
  const codes = new Set<string>();
  const target = (id: string): string => (institutions.has(id) ? id : 'other');
  const lane = (id: string): string => (systems.has(id) ? id : 'other');
  const code = (value: string | undefined): string => {
    if (!value || !CODE.test(value)) return 'other';
    if (codes.has(value)) return value;
    if (codes.size >= MAX_CODES) return 'other';
    codes.add(value);
    return value;
  };

  new Gauge({ name: 'passerelle_info', help: 'This gateway: its version and the version of its policy bundle', labelNames: ['version', 'policy_version'], registers: [registry] }).set(
    { version: options.version, policy_version: options.policyVersion.slice(0, 19) },
    1,
  );
  const moves = new Counter({ name: 'passerelle_transfer_moves_total', help: 'Transfers moved into a state by this process', labelNames: ['state', 'target'], registers: [registry] });
  const attempts = new Counter({ name: 'passerelle_delivery_attempts_total', help: 'Delivery attempts started by this process', labelNames: ['target'], registers: [registry] });
  const errors = new Counter({ name: 'passerelle_transfer_errors_total', help: 'Failed attempts by error code (the adapter\'s or the gateway\'s), as retrying, failed or rejected', labelNames: ['target', 'code', 'state'], registers: [registry] });
  const latency = new Histogram({
    name: 'passerelle_delivery_seconds',
    help: 'From the accepted event to the delivery confirmed by the target',
    labelNames: ['target'],
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 4 * 3600, 24 * 3600],
    registers: [registry],
  });
  const attemptsPerDelivery = new Histogram({
    name: 'passerelle_delivery_attempts',
    help: 'Attempts a delivered transfer took',
    labelNames: ['target'],
    buckets: [1, 2, 3, 5, 8, 13, 21],
    registers: [registry],
  });

  const ERROR_STATES: readonly TransferState[] = ['retrying', 'failed', 'rejected'];
  return {
    registry,
    target,
    lane,
    transferMoved(transfer) {
      const t = target(transfer.targetInstitutionId);
      moves.inc({ state: transfer.state, target: t });
      if (transfer.state === 'extracting') attempts.inc({ target: t });
      if (ERROR_STATES.includes(transfer.state)) errors.inc({ target: t, code: code(transfer.error?.code), state: transfer.state });
      if (transfer.state === 'delivered') {
        const seconds = (Date.parse(transfer.updatedAt) - Date.parse(transfer.createdAt)) / 1000;
        if (Number.isFinite(seconds) && seconds >= 0) latency.observe({ target: t }, seconds);
        attemptsPerDelivery.observe({ target: t }, Math.max(1, transfer.attempts));
      }
    },
    http: new Counter({ name: 'passerelle_http_requests_total', help: 'HTTP requests answered, by route pattern and status', labelNames: ['method', 'route', 'status'], registers: [registry] }),
    transfers: new Gauge({ name: 'passerelle_transfers', help: 'Transfers in the store by state and target institution (the same in every process: take max, not sum)', labelNames: ['state', 'target'], registers: [registry] }),
    queueJobs: new Gauge({ name: 'passerelle_queue_jobs', help: 'Jobs of each lane (target system) by state: from Redis, or from the store in the embedded mode', labelNames: ['lane', 'state'], registers: [registry] }),
    queueOldestAge: new Gauge({ name: 'passerelle_queue_oldest_job_age_seconds', help: 'Age of the oldest unfinished job of each lane', labelNames: ['lane'], registers: [registry] }),
    auditHead: new Gauge({ name: 'passerelle_audit_head_seq', help: 'Entries in the audit chain', registers: [registry] }),
    auditUnchained: new Gauge({ name: 'passerelle_audit_unchained_entries', help: 'Audit entries written but not yet given their place in the chain (the sequencer\'s lag)', registers: [registry] }),
    auditUnsigned: new Gauge({ name: 'passerelle_audit_unsigned_entries', help: 'Chained audit entries after the last signed checkpoint', registers: [registry] }),
    auditCheckpointAge: new Gauge({ name: 'passerelle_audit_checkpoint_age_seconds', help: 'Seconds since the last signed checkpoint of the audit chain', registers: [registry] }),
    scrapeErrors: new Counter({ name: 'passerelle_metrics_scrape_errors_total', help: 'Readings of the store or the queue that failed during a scrape', labelNames: ['part'], registers: [registry] }),
  };
}
