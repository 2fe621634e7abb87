import { createHash } from 'node:crypto';
import path from 'node:path';
import SftpClient from 'ssh2-sftp-client';
import { ConfigError, UpstreamError } from '../../errors.js';
import type { FileEntry, FileStore, WriteOptions, Written } from './store.js';

export interface SftpSettings {
  host: string;
  port: number;
  username: string;
  /** One of the two, read from the environment by the caller. */
  password?: string;
  privateKey?: string;
  /**
   * The server's host key as OpenSSH prints it (`SHA256:…`, `ssh-keygen -lf`): required,
   * since a server that cannot be told from another would receive the canton's cases.
   */
  hostKey: string;
  /** The folder the relative paths start from (default: the login folder). */
  root: string;
  /** Bound on connecting and on each operation. */
  timeoutMs: number;
}

/** `SHA256:` and the unpadded base64 digest of the key blob, as `ssh-keygen -l` prints it. */
export const sshFingerprint = (key: Buffer): string => `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;

const unreachable = (cause: unknown): UpstreamError =>
  new UpstreamError('files.unreachable', 'the SFTP server did not answer or broke off; the next round tries again', { retryable: true, cause });

/**
 * A folder on an SFTP server (Ecase, CM-T). One connection, opened on first use and again
 * after it broke; the host key is checked on every connection.
 */
export class SftpFileStore implements FileStore {
  private client: SftpClient | undefined;
  private connecting: Promise<SftpClient> | undefined;

  constructor(private readonly settings: SftpSettings) {}

  private resolve(relative: string): string {
    const full = path.posix.resolve('/', this.settings.root, relative);
    const root = path.posix.resolve('/', this.settings.root);
    if (full !== root && !full.startsWith(root === '/' ? '/' : root + '/')) {
      throw new ConfigError('files.outside-root', 'a file path leaves the configured folder', { field: 'settings.folders' });
    }
    return full;
  }

  private async connect(): Promise<SftpClient> {
    if (this.client) return this.client;
    this.connecting ??= (async () => {
      const client = new SftpClient('passerelle');
      let presented: string | undefined;
      try {
        await client.connect({
          host: this.settings.host,
          port: this.settings.port,
          username: this.settings.username,
          ...(this.settings.password !== undefined ? { password: this.settings.password } : {}),
          ...(this.settings.privateKey !== undefined ? { privateKey: this.settings.privateKey } : {}),
          readyTimeout: this.settings.timeoutMs,
          hostVerifier: (key: Buffer) => {
            presented = sshFingerprint(key);
            return presented === this.settings.hostKey;
          },
        });
      } catch (error) {
        await client.end().catch(() => undefined);
        if (presented !== undefined && presented !== this.settings.hostKey) {
          throw new UpstreamError('files.host-key-mismatch', `the SFTP server presented the host key ${presented}, not the one configured (settings.transport.hostKey)`, {
            retryable: false,
            details: { field: 'settings.transport.hostKey' },
          });
        }
        if (/authentication/i.test(String((error as Error).message))) {
          throw new UpstreamError('files.auth-refused', 'the SFTP server refused the user name and credential of settings.transport', {
            retryable: false,
            details: { field: 'settings.transport.username' },
          });
        }
        throw unreachable(error);
      }
      // A connection that ends is opened again on the next operation.
      client.on('end', () => this.forget(client));
      client.on('close', () => this.forget(client));
      client.on('error', () => this.forget(client));
      this.client = client;
      return client;
    })().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private forget(client: SftpClient): void {
    if (this.client === client) this.client = undefined;
  }

  /** One operation, bounded; a broken connection is dropped so the next one reconnects. */
  private async op<T>(run: (client: SftpClient) => Promise<T>): Promise<T> {
    const client = await this.connect();
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        run(client),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(unreachable(new Error('timeout'))), this.settings.timeoutMs);
        }),
      ]);
    } catch (error) {
      if (error instanceof UpstreamError || error instanceof ConfigError) {
        if (error.code === 'files.unreachable') this.drop(client);
        throw error;
      }
      if (isMissing(error)) throw new UpstreamError('files.missing', 'the file or folder is not on the SFTP server (any more)', { retryable: true });
      this.drop(client);
      throw unreachable(error);
    } finally {
      clearTimeout(timer);
    }
  }

  private drop(client: SftpClient): void {
    this.forget(client);
    void client.end().catch(() => undefined);
  }

  async list(dir: string): Promise<FileEntry[]> {
    const full = this.resolve(dir);
    try {
      const entries = await this.op((c) => c.list(full));
      return entries
        .filter((e) => e.type === '-')
        .map((e) => ({ name: e.name, size: e.size, modifiedAt: e.modifyTime }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (error) {
      if ((error as { code?: unknown }).code === 'files.missing') return [];
      throw error;
    }
  }

  async read(file: string): Promise<Uint8Array> {
    const full = this.resolve(file);
    const content = await this.op((c) => c.get(full));
    return new Uint8Array(content as Buffer);
  }

  async *stream(file: string): AsyncIterable<Uint8Array> {
    const full = this.resolve(file);
    const client = await this.connect();
    const stream = (client as unknown as { createReadStream(p: string, o?: object): NodeJS.ReadableStream }).createReadStream(full, { highWaterMark: 256 * 1024 });
    try {
      for await (const chunk of stream) yield new Uint8Array(chunk as Buffer);
    } catch (error) {
      this.drop(client);
      throw unreachable(error);
    }
  }

  async write(file: string, content: Uint8Array, options: WriteOptions = {}): Promise<Written> {
    const full = this.resolve(file);
    const dir = path.posix.dirname(full);
    const draft = path.posix.join(dir, `.${path.posix.basename(full)}.${process.pid}.tmp`);
    return this.op(async (c) => {
      await c.mkdir(dir, true);
      if (options.createOnly && (await c.exists(full))) return { created: false };
      await c.put(Buffer.from(content), draft);
      // SFTP's rename never replaces: a file that must be replaced goes first.
      if (!options.createOnly) await c.delete(full, true);
      try {
        await c.rename(draft, full);
      } catch (error) {
        await c.delete(draft, true).catch(() => undefined);
        if (options.createOnly && (await c.exists(full))) return { created: false };
        throw error;
      }
      return { created: true };
    });
  }

  async move(from: string, to: string): Promise<void> {
    const source = this.resolve(from);
    const target = this.resolve(to);
    await this.op(async (c) => {
      await c.mkdir(path.posix.dirname(target), true);
      await c.delete(target, true);
      await c.rename(source, target);
    });
  }

  async remove(file: string): Promise<void> {
    const full = this.resolve(file);
    await this.op((c) => c.delete(full, true));
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 2 || code === 'ENOENT' || /no such file/i.test(String((error as Error)?.message ?? ''));
}
