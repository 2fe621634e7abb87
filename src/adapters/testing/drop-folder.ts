import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { DropRule } from '../files/rules.js';
import { LocalFileStore, type FileStore } from '../files/store.js';
import type { NativeInput } from '../port.js';

// A file-based adapter's folders as the gateway drives them (src/transfers/drops.ts), on a
// real temporary folder: list, group by the drop rule, read, check.

/** A delivery of one pass: its files read, or waiting with the reason. */
export type DropRead = { id: string; inputs: NativeInput[] } | { id: string; waiting: string };

/**
 * One pass over a drop folder, as the gateway makes it: each complete delivery's files
 * read in the rule's order and checked (`rule.check`), the others waiting with their reason.
 */
export async function dropPass(rule: DropRule, store: FileStore, dir: string): Promise<DropRead[]> {
  const out: DropRead[] = [];
  for (const delivery of rule.group(await store.list(dir))) {
    if (!delivery.complete) {
      out.push({ id: delivery.id, waiting: 'files missing' });
      continue;
    }
    const inputs: NativeInput[] = [];
    for (const name of delivery.files) inputs.push({ name, content: await store.read(path.posix.join(dir, name)) });
    const check = rule.check?.(inputs);
    out.push(check && !check.complete ? { id: delivery.id, waiting: check.reason } : { id: delivery.id, inputs });
  }
  return out;
}

/** The inputs a pass read of one delivery (it must have been read, not waiting). */
export function inputsRead(reads: readonly DropRead[], id: string): NativeInput[] {
  const read = reads.find((d) => d.id === id);
  if (!read || !('inputs' in read)) throw new Error(`the pass read no delivery ${id}`);
  return read.inputs;
}

/** A folder for each test: its path and a store on it. */
export interface TempFolder {
  readonly root: string;
  readonly store: LocalFileStore;
}

/** In the enclosing `describe` (or file): a new temporary folder for each test, `prefix` naming it, removed after the test. */
export function tempFolder(prefix: string): TempFolder {
  let current: { root: string; store: LocalFileStore } | undefined;
  beforeEach(() => {
    const root = mkdtempSync(path.join(os.tmpdir(), prefix));
    current = { root, store: new LocalFileStore(root) };
  });
  afterEach(() => {
    if (current) rmSync(current.root, { recursive: true, force: true });
    current = undefined;
  });
  const now = (): { root: string; store: LocalFileStore } => {
    if (!current) throw new Error('tempFolder is only there while a test runs');
    return current;
  };
  return {
    get root() {
      return now().root;
    },
    get store() {
      return now().store;
    },
  };
}
