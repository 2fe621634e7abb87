import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const LOG_DIR = path.join(REPO, 'tests/.artifacts/logs');
export const TEST_POLICIES = path.join(REPO, 'tests/fixtures/policies');
