import { describe, expect, it } from 'vitest';
import { connectionClient } from './client.js';

describe('the client of a connection', () => {
  it('sends to the settings’ base URL with their timeout, through the fetch the gateway injects', async () => {
    const seen: { url: string; signal: boolean }[] = [];
    const fetchStub: typeof fetch = async (url, init) => {
      seen.push({ url: String(url), signal: init?.signal instanceof AbortSignal });
      return new Response('{"ok":true}', { status: 200 });
    };
    const http = connectionClient({ fetch: fetchStub }, { baseUrl: 'https://nav.example/odata', timeoutSeconds: 5 }, { system: 'navision', headers: { accept: 'application/json' } });
    const answer = await http.request('GET', 'Beneficiaires', { what: 'the poll' });
    expect(answer.json()).toEqual({ ok: true });
    expect(seen).toEqual([{ url: 'https://nav.example/odata/Beneficiaires', signal: true }]);
  });
});
