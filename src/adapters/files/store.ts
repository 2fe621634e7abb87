import { createReadStream } from 'node:fs';
import { link, mkdir, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../../errors.js';

/** One file in a folder, as a listing gives it. */
export interface FileEntry {
  name: string;
  size: number;
  /** Modification time, epoch ms (deliveries waiting too long are reported). */
  modifiedAt: number;
  /** The server's version tag where there is one (WebDAV ETag). */
  etag?: string;
}

export interface WriteOptions {
  /** Never replace a file of that name: an outbox is written once per name (names carry the transfer). */
  createOnly?: boolean;
}

/** What a write did: `created` false when `createOnly` found the name taken (the file was left as it was). */
export interface Written {
  created: boolean;
  /** The server's version tag of the new file, where it gives one (WebDAV ETag). */
  etag?: string;
}

/**
 * Where a system's files are: a local folder, an SFTP server, a WebDAV library. Paths are
 * relative to the store's root and never leave it. Writes are atomic: a file appears
 * under its name only once it is whole.
 */
export interface FileStore {
  list(dir: string): Promise<FileEntry[]>;
  read(file: string): Promise<Uint8Array>;
  /** The file in chunks, for whole-canton exports read in constant memory. */
  stream(file: string): AsyncIterable<Uint8Array>;
  /** Written under a temporary name, then renamed: a reader never sees half a file. */
  write(file: string, content: Uint8Array, options?: WriteOptions): Promise<Written>;
  move(from: string, to: string): Promise<void>;
  remove(file: string): Promise<void>;
  close(): Promise<void>;
}

/** A local folder (or a share mounted as one). */
export class LocalFileStore implements FileStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  private resolve(relative: string): string {
    const full = path.resolve(this.root, relative);
    if (full !== this.root && !full.startsWith(this.root + path.sep)) {
      throw new ConfigError('files.outside-root', 'a file path leaves the configured folder', { field: 'settings.folders' });
    }
    return full;
  }

  async list(dir: string): Promise<FileEntry[]> {
    const full = this.resolve(dir);
    let names: string[];
    try {
      names = await readdir(full);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const entries: FileEntry[] = [];
    for (const name of names.sort()) {
      const info = await stat(path.join(full, name)).catch(() => undefined);
      if (info?.isFile()) entries.push({ name, size: info.size, modifiedAt: info.mtimeMs });
    }
    return entries;
  }

  async read(file: string): Promise<Uint8Array> {
    return new Uint8Array(await readFile(this.resolve(file)));
  }

  async *stream(file: string): AsyncIterable<Uint8Array> {
    for await (const chunk of createReadStream(this.resolve(file), { highWaterMark: 256 * 1024 })) yield new Uint8Array(chunk as Buffer);
  }

  async write(file: string, content: Uint8Array, options: WriteOptions = {}): Promise<Written> {
    const full = this.resolve(file);
    await mkdir(path.dirname(full), { recursive: true });
    const draft = path.join(path.dirname(full), `.${path.basename(full)}.${process.pid}.tmp`);
    await writeFile(draft, content, { flag: 'w' });
    if (!options.createOnly) {
      await rename(draft, full);
      return { created: true };
    }
    // link() fails on a taken name where rename() would replace it.
    try {
      await link(draft, full);
      return { created: true };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { created: false };
      throw error;
    } finally {
      await unlink(draft).catch(() => undefined);
    }
  }

  async move(from: string, to: string): Promise<void> {
    const target = this.resolve(to);
    await mkdir(path.dirname(target), { recursive: true });
    await rename(this.resolve(from), target);
  }

  async remove(file: string): Promise<void> {
    await rm(this.resolve(file), { force: true });
  }

  async close(): Promise<void> {}
}
