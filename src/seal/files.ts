import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { JWK } from 'jose';
import { ConfigError } from '../errors.js';

/** Where a key file lives, relative to the data folder: the name errors report. */
export const keyFile = (name: string): string => `keys/${name}`;

/** A JWK read from the key folder; anything else stops the start, naming the file. */
export function parseJwk(text: string, name: string): JWK {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === 'object' && value !== null && typeof (value as JWK).kty === 'string') return value as JWK;
  } catch {
    // reported below, without the file's content
  }
  throw new ConfigError('config.invalid', `${keyFile(name)} is not a JSON Web Key; restore it from a backup`, { field: keyFile(name) });
}

/**
 * A secret kept in a file of the key folder: read it, or create it once (mode 0600) so
 * that restarts keep the same keys.
 */
export async function readOrCreate(dir: string, name: string, create: () => Promise<string>): Promise<string> {
  const file = path.join(dir, 'keys', name);
  const existing = await readIfExists(file);
  if (existing !== undefined) return existing;
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const value = await create();
  try {
    await place(file, value);
    return value;
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFile(file, 'utf8');
    throw error;
  }
}

/**
 * Written aside, then linked into place: link never overwrites, and a process starting
 * alongside never reads a half-written key. Where the file system has no hard links,
 * an exclusive create does the same but for that last guarantee.
 */
async function place(file: string, value: string): Promise<void> {
  const draft = `${file}.${randomUUID()}.tmp`;
  await writeFile(draft, value, { mode: 0o600, flag: 'wx' });
  try {
    await link(draft, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
    await writeFile(file, value, { mode: 0o600, flag: 'wx' });
  } finally {
    await rm(draft, { force: true });
  }
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
