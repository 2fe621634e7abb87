import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { REPO } from '../../support/paths.js';

const RICH_CASE_ID = '41edf21d-9a20-55bb-a326-b37da52742a7';

export type Mode = 'ok' | 'slow' | 'garbage' | '500' | '503' | '429';

/**
 * NFAM on loopback, as source and as target, for gateway processes under fault: it serves
 * the rich sample case, hands out tokens, and takes case transfers with NFAM's
 * idempotency (the same Idempotency-Key gives the same case), counting by transfer id
 * what it created, so that a duplicate delivery shows.
 */
export class LoopbackNfam {
  private server: http.Server;
  private readonly created = new Map<string, number>();
  private readonly keys = new Map<string, string>();
  mode: Mode = 'ok';
  /** How long `slow` holds an answer (past the adapter's timeout). */
  slowMs = 3000;
  posts = 0;
  private listening = false;

  constructor(readonly port: number) {
    const caseBody = readFileSync(path.join(REPO, 'adapters/nfam/fixtures/rich.case.json'));
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = req.url ?? '';
        if (req.method === 'POST' && url === '/oauth2/token') {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: 't', token_type: 'Bearer', expires_in: 900 }));
        } else if (req.method === 'GET' && url.startsWith(`/v2/cases/${RICH_CASE_ID}`)) {
          res.writeHead(200, { 'content-type': 'application/json' }).end(caseBody);
        } else if (req.method === 'GET' && url.startsWith('/v2/cases?')) {
          // The change feed: the gateway learns the case's id from it.
          res.writeHead(200, { 'content-type': 'application/json' }).end(`{"data":[${caseBody.toString('utf8')}],"page":{"nextCursor":null}}`);
        } else if (req.method === 'POST' && url === '/v2/case-transfers') {
          this.posts += 1;
          this.transfer(req, res, Buffer.concat(chunks));
        } else {
          res.writeHead(404).end();
        }
      });
    });
  }

  private transfer(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): void {
    const answer = (): void => {
      const key = String(req.headers['idempotency-key']);
      const known = this.keys.get(key);
      if (known) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(known);
        return;
      }
      const { transferId } = JSON.parse(body.toString('utf8')) as { transferId: string };
      this.created.set(transferId, (this.created.get(transferId) ?? 0) + 1);
      const receipt = JSON.stringify({ transferId, caseId: `case-${transferId}`, caseNumber: 'NFAM-2026-000001', status: 'ACCEPTED', acceptedAt: new Date().toISOString() });
      this.keys.set(key, receipt);
      res.writeHead(201, { 'content-type': 'application/json' }).end(receipt);
    };
    switch (this.mode) {
      case 'ok':
        return answer();
      // The case is created, but the answer comes too late: the retry must not create a second.
      case 'slow':
        return void setTimeout(answer, this.slowMs);
      case 'garbage':
        return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Anmeldung fehlgeschlagen: Muster Hans</body></html>');
      case '500':
        return void res.writeHead(500, { 'content-type': 'application/json' }).end('{"title":"internal"}');
      case '503':
        return void res.writeHead(503, { 'content-type': 'application/json' }).end('{"title":"maintenance"}');
      case '429':
        return void res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '2' }).end('{"title":"slow down"}');
    }
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Transfers created more than once (a duplicate the gateway caused). */
  duplicates(): number {
    return [...this.created.values()].filter((n) => n > 1).length;
  }

  createdCount(): number {
    return this.created.size;
  }

  async start(): Promise<void> {
    if (this.listening) return;
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
    this.listening = true;
  }

  /** Down: nothing listens on the port, connections are refused. */
  async stop(): Promise<void> {
    if (!this.listening) return;
    this.listening = false;
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }
}
