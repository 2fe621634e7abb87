import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

interface SimCase {
  id: string;
  caseNumber: string;
  updatedAt: string;
  [key: string]: unknown;
}

export interface NfamSimulator {
  fetch: typeof fetch;
  /** Case transfers received, by idempotency key. */
  deliveries: Map<string, { status: number; body: Record<string, unknown> }>;
}

/**
 * NFAM in process, on the fixtures: token endpoint, case reads, the poll with cursors,
 * and case transfers (idempotent on Idempotency-Key). For the demo topology; the
 * gateway's tests use nock or a loopback server instead.
 */
export function createNfamSimulator(): NfamSimulator {
  const cases = new Map<string, SimCase>();
  for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.json') && !f.includes('expected') && !f.includes('webhook'))) {
    const body = JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8')) as { data?: SimCase[] } & SimCase;
    for (const c of body.data ?? [body]) cases.set(c.id, c);
  }
  const ordered = [...cases.values()].sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.id.localeCompare(b.id));
  const deliveries = new Map<string, { status: number; body: Record<string, unknown> }>();
  const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  const handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (request.method === 'POST' && url.pathname.endsWith('/oauth2/token')) {
      return json(200, { access_token: 'simulated', token_type: 'Bearer', expires_in: 900 });
    }
    const match = /\/v2\/cases\/([^/]+)$/.exec(url.pathname);
    if (request.method === 'GET' && match) {
      const found = cases.get(decodeURIComponent(match[1]!));
      return found ? json(200, found) : json(404, { title: 'case not found' });
    }
    if (request.method === 'GET' && url.pathname.endsWith('/v2/cases')) {
      const since = url.searchParams.get('updatedSince') ?? '1970-01-01T00:00:00Z';
      const limit = Math.min(200, Number(url.searchParams.get('limit') ?? 50));
      const start = Number(Buffer.from(url.searchParams.get('cursor') ?? 'MA', 'base64url').toString() || 0);
      const matching = ordered.filter((c) => Date.parse(c.updatedAt) >= Date.parse(since));
      const page = matching.slice(start, start + limit);
      const next = start + limit < matching.length ? Buffer.from(String(start + limit)).toString('base64url') : null;
      return json(200, { data: page, page: { limit, nextCursor: next } });
    }
    if (request.method === 'POST' && url.pathname.endsWith('/v2/case-transfers')) {
      const key = request.headers.get('idempotency-key');
      if (!key) return json(422, { errors: [{ pointer: '/Idempotency-Key' }] });
      const known = deliveries.get(key);
      if (known) return json(200, known.body);
      const body = (await request.json()) as { transferId?: string; case?: { caseNumber?: string } };
      const receipt = {
        transferId: body.transferId,
        caseId: crypto.randomUUID(),
        caseNumber: body.case?.caseNumber ?? 'NFAM-SIM',
        status: 'ACCEPTED',
        acceptedAt: new Date().toISOString(),
      };
      deliveries.set(key, { status: 201, body: receipt });
      return json(201, receipt);
    }
    return json(404, { title: 'not simulated' });
  };
  return {
    fetch: ((input: Parameters<typeof fetch>[0], init?: RequestInit) => handle(new Request(input, init))) as typeof fetch,
    deliveries,
  };
}
