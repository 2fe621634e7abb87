import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { describe, expect, it } from 'vitest';
import { forwardedHeaders } from '../../src/ops/proxy.js';
import { startTestGateway } from '../support/gateway.js';

const peer = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

function app(trustProxy: false | true | string[], publicUrl = 'http://127.0.0.1:8080'): Hono {
  const a = new Hono();
  a.use('*', forwardedHeaders({ trustProxy, publicUrl }));
  a.get('/where', (c) => {
    setCookie(c, 'probe', '1', { path: '/', httpOnly: true, secure: c.req.url.startsWith('https:') });
    return c.json({ url: c.req.url });
  });
  return a;
}

const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'passerelle.be.example' };

describe('behind a reverse proxy', () => {
  it('ignores forwarded headers unless the proxy is trusted', async () => {
    const response = await app(false).request('/where', { headers: forwarded }, peer('10.0.0.5'));
    expect(((await response.json()) as { url: string }).url).toBe('http://localhost/where');
    expect(response.headers.get('set-cookie')).not.toMatch(/Secure/);
  });

  it('takes the caller’s scheme and host from a trusted proxy: links and cookies follow', async () => {
    for (const trust of [true, ['10.0.0.5']] as const) {
      const response = await app(trust as true | string[]).request('/where', { headers: forwarded }, peer('::ffff:10.0.0.5'));
      expect(((await response.json()) as { url: string }).url).toBe('https://passerelle.be.example/where');
      expect(response.headers.get('set-cookie')).toMatch(/; Secure/);
    }
    const other = await app(['10.0.0.5']).request('/where', { headers: forwarded }, peer('10.0.0.9'));
    expect(((await other.json()) as { url: string }).url).toBe('http://localhost/where');
    const forged = await app(true).request('/where', { headers: { 'x-forwarded-host': 'evil.example/<script>' } }, peer('10.0.0.5'));
    expect(((await forged.json()) as { url: string }).url).toBe('http://localhost/where');
  });

  it('marks every cookie Secure when the public URL is https, whatever set it', async () => {
    const response = await app(false, 'https://passerelle.be.example').request('/where', {}, peer('127.0.0.1'));
    expect(response.headers.get('set-cookie')).toMatch(/probe=1; Path=\/; HttpOnly; Secure/);
  });
});

describe('a listener of its own for metrics and health (PASSERELLE_METRICS_PORT)', () => {
  it('answers /metrics, /health and /ready without a token, and closes with the gateway', async () => {
    const t = await startTestGateway({ name: 'ops-metrics-port', services: 'embedded', env: { PASSERELLE_METRICS_PORT: '0' } });
    let port = 0;
    try {
      const listener = await t.gateway.operations.listen(async () => true);
      expect(listener).not.toBeNull();
      port = listener!.port;
      const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('passerelle_transfers');
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/ready`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/v1/transfers`)).status).toBe(404);
      // On the API port, /metrics still wants the role ops.
      expect((await t.request('GET', '/metrics')).status).toBe(401);
    } finally {
      await t.close();
    }
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });

  it('is not opened when the setting is unset', async () => {
    const t = await startTestGateway({ name: 'ops-metrics-noport', services: 'embedded' });
    try {
      expect(await t.gateway.operations.listen(async () => true)).toBeNull();
    } finally {
      await t.close();
    }
  });
});
