import { readFileSync } from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../contract/types.js';
import type { Adapter, Connection, ConnectionSettings } from '../port.js';
import { readExpected, samplesDir } from '../samples.js';
import { mockedNetwork } from '../testing/network.js';
import { readRequests, type ExpectedRequest } from './requests.js';

export interface TransportSample {
  /** What the sample exercises: a read of one case, a poll of every page, … */
  run(connection: Connection): Promise<CaseRecord[]>;
  /** Scopes the sample does not list but the transport needs (a token endpoint). */
  prepare?(): void;
}

export interface TransportConformanceOptions {
  systemDir: string;
  settings: Omit<ConnectionSettings, 'now' | 'fetch'>;
  samples: Readonly<Record<string, TransportSample>>;
  /** What paths are relative to when a requests.md does not say (the API's origin). */
  base?: string;
}

/** A sample's run that polls from `cursor` page after page, `limit` a page, until the connection has caught up: every record, in order. */
export function wholePoll(cursor: string | null, limit: number): TransportSample['run'] {
  return async (connection) => {
    const records: CaseRecord[] = [];
    let page = await connection.listChanges!(cursor, limit);
    records.push(...page.records);
    while (page.more) {
      page = await connection.listChanges!(page.nextCursor, limit);
      records.push(...page.records);
    }
    return records;
  };
}

const withoutExtractedAt = (records: readonly CaseRecord[]): unknown[] =>
  records.map((r) => {
    const { extractedAt: _e, ...source } = r.source;
    return { ...r, source };
  });

function intercept(request: ExpectedRequest, dir: string): nock.Scope {
  const url = new URL(request.url);
  let scope = nock(url.origin);
  for (const [name, pattern] of Object.entries(request.headers)) scope = scope.matchHeader(name, (v: string) => pattern.test(v));
  return scope
    .intercept(url.pathname, request.method)
    .query((actual) => JSON.stringify(sorted(actual as Record<string, string>)) === JSON.stringify(sorted(request.query)))
    .reply(200, readFileSync(path.join(dir, request.answeredBy)), { 'content-type': 'application/json' });
}

const sorted = (q: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(q).sort(([a], [b]) => a.localeCompare(b)));

/**
 * The transport half of the conformance kit: each sample's `NAME.requests.md` replayed
 * under nock with the network disabled. The adapter must make exactly the requests the
 * file lists (method, path, query, headers) and consume every scope, and the records it
 * returns must be `NAME.expected.json`.
 */
export function describeTransportConformance(adapter: Adapter, options: TransportConformanceOptions): void {
  const dir = samplesDir(options.systemDir);
  describe(`adapter ${adapter.id}: transport conformance`, () => {
    mockedNetwork();

    it.each(Object.keys(options.samples))('sample %s makes exactly the requests of its requests.md', async (name) => {
      const listed = readRequests(dir, name, options.base);
      expect(listed, `${name}.requests.md`).toBeDefined();
      const sample = options.samples[name]!;
      sample.prepare?.();
      const scopes = listed!.requests.map((r) => intercept(r, dir));
      const connection = adapter.connect!({ ...options.settings, now: () => new Date('2026-01-15T10:00:00Z') });
      const records = await sample.run(connection);
      const pending = scopes.flatMap((s) => s.pendingMocks());
      expect(pending, 'requests the adapter did not make').toEqual([]);
      expect(withoutExtractedAt(records)).toEqual(readExpected(options.systemDir, name));
    });
  });
}
