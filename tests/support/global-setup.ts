import { mkdirSync, rmSync } from 'node:fs';
import { LOG_DIR } from './paths.js';

/** Every run starts with an empty log folder; `tests/privacy-scan.ts` reads it afterwards. */
export function setup(): void {
  rmSync(LOG_DIR, { recursive: true, force: true });
  mkdirSync(LOG_DIR, { recursive: true });
}
