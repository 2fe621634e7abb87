import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, LOG_DIR, REPO } from '../support/gateway.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Runs a block of the printed example exactly as a person would paste it into bash. */
function paste(script: string): string {
  return execFileSync('bash', ['-c', script], { encoding: 'utf8', timeout: 20_000 });
}

describe('npm start: the gateway on embedded defaults with the demo topology', () => {
  let child: ChildProcess | undefined;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-demo-'));
  afterAll(async () => {
    if (child && child.exitCode === null && child.pid) {
      const exited = new Promise((r) => child!.once('exit', r));
      process.kill(-child.pid, 'SIGTERM'); // npm and the gateway under it
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves /health without Redis or PostgreSQL, and the printed example works', async () => {
    const port = await freePort();
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dataDir };
    env.PASSERELLE_PORT = String(port);
    env.PASSERELLE_DATA_DIR = dataDir;
    child = spawn('npm', ['start', '--silent'], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    // Logs and banner join the privacy scan at the end of the run.
    const log = createWriteStream(path.join(LOG_DIR, `demo-${Date.now()}.log`));
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);

    const base = `http://127.0.0.1:${port}`;
    // Generous bounds: how fast it starts is measured in bench/, not asserted here.
    await eventually(async () => (await fetch(`${base}/health`).catch(() => undefined))?.status === 200, 120_000, '/health = 200');
    const banner = await eventually(async () => (stdout.includes('TRANSFER_ID is') ? stdout : undefined), 60_000, 'the banner');
    expect(banner).toContain(`${base}/docs`);
    const lines = banner.split('\n');
    const block = (from: string, to: string): string => {
      const start = lines.findIndex((l) => l.includes(from));
      const end = lines.findIndex((l, i) => i > start && l.includes(to));
      return lines.slice(start, end).join('\n');
    };
    const tokens = block("SOURCE='", '# 1.');
    const step1 = block('# 1.', '# 2.');
    const step2 = block('# 2.', '# 3.');

    const accepted = JSON.parse(paste(`${tokens}\n${step1}`)) as { transfers: { id: string; targetInstitutionId: string }[] };
    expect(accepted.transfers).toHaveLength(1);
    const id = accepted.transfers[0]!.id;
    expect(accepted.transfers[0]!.targetInstitutionId).toBe('be-koeniz');

    const [listLine, readLine] = step2.split('\n').filter((l) => l.trim().startsWith('curl'));
    const inbox = await eventually(async () => {
      const list = JSON.parse(paste(`${tokens}\n${listLine}`)) as { items: { transferId: string }[] };
      return list.items.length > 0 ? list : undefined;
    }, 15_000, 'the case in the inbox');
    expect(inbox.items[0]!.transferId).toBe(id);
    const item = JSON.parse(paste(`${tokens}\n${readLine!.replace('TRANSFER_ID', id)}`)) as { record: { source: { localCaseId: string } }; jws: string };
    expect(item.record.source.localCaseId).toBe('NFAM-2022-004127');
    expect(item.jws.split('.')).toHaveLength(3);

    const again = JSON.parse(paste(`${tokens}\n${step1}`)) as { duplicate: boolean };
    expect(again.duplicate).toBe(true);
    const docs = await fetch(`${base}/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('/v1/events');
  });
});
