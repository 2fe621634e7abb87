import path from 'node:path';
import { AuthType, createClient, type FileStat, type WebDAVClient } from 'webdav';
import { ConfigError, UpstreamError } from '../../errors.js';
import type { FileEntry, FileStore, WriteOptions, Written } from './store.js';

export interface WebDavSettings {
  /** The library's address (https; http only on this machine). */
  url: string;
  username?: string;
  password?: string;
  /** A bearer token instead of a password (SharePoint with an app registration). */
  token?: string;
  timeoutMs: number;
}

const statusOf = (error: unknown): number | undefined => {
  const status = (error as { status?: unknown; response?: { status?: unknown } }).status ?? (error as { response?: { status?: unknown } }).response?.status;
  return typeof status === 'number' ? status : undefined;
};

function upstream(error: unknown): UpstreamError {
  const status = statusOf(error);
  if (status === 401 || status === 403) {
    return new UpstreamError('files.auth-refused', `the WebDAV server refused the credentials of settings.transport (${status})`, {
      retryable: false,
      details: { field: 'settings.transport', httpStatus: status },
    });
  }
  const retryable = status === undefined || status === 408 || status === 429 || status >= 500;
  return new UpstreamError('files.unreachable', status ? `the WebDAV server answered ${status}` : 'the WebDAV server did not answer', {
    retryable,
    ...(status ? { details: { httpStatus: status } } : {}),
    cause: error,
  });
}

/**
 * A folder of a WebDAV library (the Excel tool's SharePoint library): listed with
 * `PROPFIND` (Depth 1) and each file's ETag, written with `If-None-Match: *` where a
 * name must not be taken twice.
 */
export class WebDavFileStore implements FileStore {
  private readonly client: WebDAVClient;

  constructor(private readonly settings: WebDavSettings) {
    this.client = createClient(settings.url, {
      ...(settings.token !== undefined
        ? { authType: AuthType.Token, token: { access_token: settings.token, token_type: 'Bearer' } }
        : settings.username !== undefined
          ? { authType: AuthType.Password, username: settings.username, password: settings.password ?? '' }
          : {}),
    });
  }

  private resolve(relative: string): string {
    const full = path.posix.resolve('/', relative);
    if (full.split('/').includes('..')) throw new ConfigError('files.outside-root', 'a file path leaves the configured folder', { field: 'settings.folders' });
    return full;
  }

  private signal(): AbortSignal {
    return AbortSignal.timeout(this.settings.timeoutMs);
  }

  async list(dir: string): Promise<FileEntry[]> {
    let entries: FileStat[];
    try {
      entries = (await this.client.getDirectoryContents(this.resolve(dir), { signal: this.signal() } as never)) as unknown as FileStat[];
    } catch (error) {
      if (statusOf(error) === 404) return [];
      throw upstream(error);
    }
    return entries
      .filter((e) => e.type === 'file')
      .map((e) => ({ name: e.basename, size: e.size, modifiedAt: Date.parse(e.lastmod) || 0, ...(e.etag ? { etag: e.etag.replace(/^W\//, '').replace(/"/g, '') } : {}) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async read(file: string): Promise<Uint8Array> {
    try {
      const content = await this.client.getFileContents(this.resolve(file), { format: 'binary', signal: this.signal() });
      return new Uint8Array(content as ArrayBuffer);
    } catch (error) {
      throw upstream(error);
    }
  }

  async *stream(file: string): AsyncIterable<Uint8Array> {
    try {
      for await (const chunk of this.client.createReadStream(this.resolve(file)) as unknown as AsyncIterable<Buffer>) yield new Uint8Array(chunk);
    } catch (error) {
      throw upstream(error);
    }
  }

  async write(file: string, content: Uint8Array, options: WriteOptions = {}): Promise<Written> {
    const full = this.resolve(file);
    await this.ensureFolder(path.posix.dirname(full));
    let response: { headers: { get(name: string): string | null } };
    try {
      // One PUT: a WebDAV server shows a file only once its body is whole.
      response = await this.client.customRequest(full, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(content.byteLength), ...(options.createOnly ? { 'If-None-Match': '*' } : {}) },
        data: Buffer.from(content),
        signal: this.signal(),
      } as never);
    } catch (error) {
      if (options.createOnly && statusOf(error) === 412) return { created: false };
      throw upstream(error);
    }
    const etag = response.headers.get('etag');
    return { created: true, ...(etag ? { etag: etag.replace(/^W\//, '').replace(/"/g, '') } : {}) };
  }

  private async ensureFolder(dir: string): Promise<void> {
    if (dir === '/' || dir === '') return;
    try {
      await this.client.createDirectory(dir, { recursive: true });
    } catch (error) {
      // 405: it exists already.
      if (statusOf(error) !== 405) throw upstream(error);
    }
  }

  async move(from: string, to: string): Promise<void> {
    const target = this.resolve(to);
    await this.ensureFolder(path.posix.dirname(target));
    try {
      await this.client.moveFile(this.resolve(from), target);
    } catch (error) {
      throw upstream(error);
    }
  }

  async remove(file: string): Promise<void> {
    try {
      await this.client.deleteFile(this.resolve(file));
    } catch (error) {
      if (statusOf(error) !== 404) throw upstream(error);
    }
  }

  async close(): Promise<void> {}
}
