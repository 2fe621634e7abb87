import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_DIR, REPO } from '../support/paths.js';
import { findPersonalValues, fixturePersonalValues } from '../support/personal-data.js';
import type { TestGateway } from '../support/gateway.js';
import { demoWithOneDelivery } from '../security/setup.js';

/** What /metrics answered, kept where the privacy scan after the run reads every log. */
function keep(text: string, n: number): void {
  mkdirSync(LOG_DIR, { recursive: true });
  writeFileSync(path.join(LOG_DIR, `metrics-${n}-${Date.now()}.log`), text);
}

/** The value of one sample line, by name and labels in any order. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (.+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe('/metrics after a flow', () => {
  let t: TestGateway;
  let transferId: string;
  let text: string;

  beforeAll(async () => {
    ({ t, transferId } = await demoWithOneDelivery('ops-metrics'));
    const response = await t.request('GET', '/metrics', { token: await t.token('be-asi', ['ops']) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    text = await response.text();
    keep(text, 1);
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows the transfers by state and target, and the moves this process made', () => {
    expect(sample(text, 'passerelle_transfers', { state: 'delivered', target: 'be-koeniz' })).toBe(1);
    expect(sample(text, 'passerelle_transfer_moves_total', { state: 'delivered', target: 'be-koeniz' })).toBe(1);
    expect(sample(text, 'passerelle_delivery_attempts_total', { target: 'be-koeniz' })).toBe(1);
  });

  it('shows the delivery latency histogram and the attempts per delivery', () => {
    expect(sample(text, 'passerelle_delivery_seconds_count', { target: 'be-koeniz' })).toBe(1);
    expect(sample(text, 'passerelle_delivery_seconds_bucket', { target: 'be-koeniz', le: '+Inf' })).toBe(1);
    expect(sample(text, 'passerelle_delivery_seconds_sum', { target: 'be-koeniz' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'passerelle_delivery_attempts_bucket', { target: 'be-koeniz', le: '1' })).toBe(1);
  });

  it('shows queue depth and age per lane, the audit chain’s lag, requests and the process', () => {
    for (const state of ['waiting', 'delayed', 'active', 'failed']) expect(sample(text, 'passerelle_queue_jobs', { lane: 'nfam', state })).toBe(0);
    expect(sample(text, 'passerelle_queue_oldest_job_age_seconds', { lane: 'inbox' })).toBe(0);
    // The flow's entries are in the chain or waiting for the sequencer's next round: both are shown.
    const chained = sample(text, 'passerelle_audit_head_seq') ?? Number.NaN;
    const unchained = sample(text, 'passerelle_audit_unchained_entries') ?? Number.NaN;
    expect(chained).toBeGreaterThanOrEqual(0);
    expect(unchained).toBeGreaterThanOrEqual(0);
    expect(chained + unchained).toBeGreaterThan(0);
    expect(sample(text, 'passerelle_audit_unsigned_entries')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'passerelle_http_requests_total', { method: 'POST', route: '/v1/events', status: '202' })).toBe(1);
    expect(sample(text, 'process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'passerelle_metrics_scrape_errors_total')).toBeUndefined();
  });

  it('holds no personal data and no unbounded label: no transfer, event or person id', () => {
    expect(findPersonalValues(text, fixturePersonalValues())).toEqual([]);
    expect(text).not.toContain(transferId);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    const labels = new Set([...text.matchAll(/(\w+)="/g)].map((m) => m[1]));
    const bounded = ['state', 'target', 'lane', 'code', 'method', 'route', 'status', 'le', 'version', 'policy_version', 'part', 'kind', 'type', 'space', 'major', 'minor', 'patch'];
    expect([...labels].filter((l) => !bounded.includes(l!))).toEqual([]);
  });

  it('has every series the Grafana dashboard in docs/ reads', () => {
    const dashboard = JSON.parse(readFileSync(path.join(REPO, 'docs/grafana-dashboard.json'), 'utf8')) as { panels: { targets: { expr: string }[] }[] };
    const names = new Set(dashboard.panels.flatMap((p) => p.targets.flatMap((t) => [...t.expr.matchAll(/\b((?:passerelle|process|nodejs)_\w+)/g)].map((m) => m[1]!))));
    expect(names.size).toBeGreaterThan(8);
    // Counters that nothing has increased yet (errors, failed readings) have no sample; their HELP line is there.
    for (const name of names) expect(text, name).toMatch(new RegExp(`^# HELP ${name.replace(/_(bucket|sum|count)$/, '')} `, 'm'));
  });

  it('answers the ops role only', async () => {
    expect((await t.request('GET', '/metrics')).status).toBe(401);
    for (const [institution, role] of [['be-asi', 'source-system'], ['be-koeniz', 'receiver'], ['be-dpo', 'dpo']] as const) {
      expect((await t.request('GET', '/metrics', { token: await t.token(institution, [role]) })).status).toBe(403);
    }
  });

  it('counts failed attempts by error code, with codes kept bounded', async () => {
    const { metrics } = t.gateway.operations;
    const base = { targetInstitutionId: 'be-koeniz', createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(), attempts: 1 };
    metrics.transferMoved({ ...base, state: 'retrying', error: { code: 'inbox.unavailable', message: 'x' } } as never);
    metrics.transferMoved({ ...base, state: 'failed', error: { code: 'Robert Müller, 756.1234', message: 'x' } } as never);
    metrics.transferMoved({ ...base, targetInstitutionId: '936c2b28-9578-5df8-b7cc-24f085b11f9c', state: 'retrying', error: { code: 'inbox.unavailable', message: 'x' } } as never);
    const after = await (await t.request('GET', '/metrics', { token: await t.token('be-asi', ['ops']) })).text();
    keep(after, 2);
    expect(sample(after, 'passerelle_transfer_errors_total', { target: 'be-koeniz', code: 'inbox.unavailable', state: 'retrying' })).toBe(1);
    expect(sample(after, 'passerelle_transfer_errors_total', { target: 'be-koeniz', code: 'other', state: 'failed' })).toBe(1);
    expect(sample(after, 'passerelle_transfer_errors_total', { target: 'other', code: 'inbox.unavailable', state: 'retrying' })).toBe(1);
    expect(after).not.toContain('Müller');
  });
});
