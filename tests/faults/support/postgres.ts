import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './ports.js';

const BIN = '/usr/lib/postgresql/15/bin';

/**
 * A PostgreSQL cluster of the test's own: initdb in a temporary folder, on a free port,
 * run as the `postgres` user, so that restarting it never touches the machine's server.
 */
export class TestPostgres {
  private constructor(
    readonly dir: string,
    readonly port: number,
    /** More server settings (`name=value`), as `-c` options. */
    private readonly settings: readonly string[] = [],
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  static async create(settings: readonly string[] = []): Promise<TestPostgres> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-pg-'));
    chmodSync(dir, 0o777);
    const port = await freePort();
    const pgdata = path.join(dir, 'data');
    asPostgres([`${BIN}/initdb`, '-D', pgdata, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
    const db = new TestPostgres(dir, port, settings);
    db.start();
    return db;
  }

  private ctl(...args: string[]): void {
    asPostgres([`${BIN}/pg_ctl`, '-D', path.join(this.dir, 'data'), '-w', '-t', '60', ...args]);
  }

  private get options(): string {
    return [`-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, ...this.settings.map((s) => `-c ${s}`)].join(' ');
  }

  start(): void {
    this.ctl('-l', path.join(this.dir, 'log'), '-o', this.options, 'start');
  }

  /** `restart -m immediate`: the server dies at once and every connection with it. */
  restartImmediate(): void {
    this.ctl('-m', 'immediate', '-l', path.join(this.dir, 'log'), '-o', this.options, 'restart');
  }

  stop(mode: 'fast' | 'immediate' = 'fast'): void {
    this.ctl('-m', mode, 'stop');
  }

  async createDatabase(name: string): Promise<string> {
    const client = new pg.Client({ connectionString: this.url });
    await client.connect();
    try {
      await client.query(`create database "${name}"`);
    } finally {
      await client.end();
    }
    return `postgres://postgres@127.0.0.1:${this.port}/${name}`;
  }

  destroy(): void {
    try {
      this.stop('immediate');
    } catch {
      // already down
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function asPostgres(command: string[]): void {
  const run = process.getuid?.() === 0 ? spawnSync('runuser', ['-u', 'postgres', '--', ...command], { encoding: 'utf8' }) : spawnSync(command[0]!, command.slice(1), { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${path.basename(command[0]!)} failed: ${run.stderr || run.stdout}`);
}

export function postgresAvailable(): boolean {
  try {
    execFileSync(`${BIN}/initdb`, ['--version']);
    return true;
  } catch {
    return false;
  }
}
