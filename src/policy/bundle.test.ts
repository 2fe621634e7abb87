import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { loadPolicyBundle } from './bundle.js';

const DEMO = path.resolve(import.meta.dirname, '../../policies');

describe('policy bundles', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  function copy(edit: (dir: string) => void): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'policies-'));
    dirs.push(dir);
    cpSync(DEMO, dir, { recursive: true });
    edit(dir);
    return dir;
  }

  async function failure(dir: string): Promise<ConfigError> {
    try {
      await loadPolicyBundle(dir);
    } catch (error) {
      if (error instanceof ConfigError) return error;
      throw error;
    }
    throw new Error('the bundle loaded');
  }

  it('loads the demo bundle, versioned by the SHA-256 of its files', async () => {
    const bundle = await loadPolicyBundle(DEMO);
    expect(bundle.version).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(bundle.institution('be-koeniz')?.municipalities).toEqual([355]);
    expect(bundle.routes.map((r) => r.id)).toContain('cantonal-to-communal');
  });

  it('names file and line of broken YAML', async () => {
    const dir = copy((d) => writeFileSync(path.join(d, 'routes.yaml'), '- id: a\n  on: { type: case.updated\n'));
    const error = await failure(dir);
    expect(error.code).toBe('policy.invalid');
    expect(error.message).toMatch(/routes\.yaml:\d+: not valid YAML/);
  });

  it('names file, line and rule of a schema violation', async () => {
    const dir = copy((d) => {
      const file = path.join(d, 'disclosure.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('permit: [identity, residence, education-work, health]', 'permit: [identity, residence, education-work, wellbeing]'));
    });
    const error = await failure(dir);
    expect(error.message).toMatch(/disclosure\.yaml:\d+: rule "ai-benefit-assessment":/);
    expect(error.details).toMatchObject({ rule: 'ai-benefit-assessment' });
    expect(Number(error.details.line)).toBeGreaterThan(1);
  });

  it('names a route whose target is not registered', async () => {
    const dir = copy((d) => {
      const file = path.join(d, 'routes.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('institution: be-integration', 'institution: be-nowhere'));
    });
    const error = await failure(dir);
    const line = readFileSync(path.join(dir, 'routes.yaml'), 'utf8').split('\n').findIndex((l) => l.includes('be-nowhere')) + 1;
    expect(error.message).toBe(`${path.join(path.relative(process.cwd(), dir), 'routes.yaml')}:${line}: rule "refugee-status-to-integration-office": target.institution "be-nowhere" is not in institutions.yaml`);
  });

  it('refuses a municipality claimed by two communes', async () => {
    const dir = copy((d) => {
      const file = path.join(d, 'institutions.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('municipalities: [351]', 'municipalities: [351, 355]'));
    });
    expect((await failure(dir)).message).toMatch(/municipality 355 is claimed by the communes "be-koeniz" and "be-bern"/);
  });

  it('refuses duplicate rule ids', async () => {
    const dir = copy((d) => {
      const file = path.join(d, 'disclosure.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('id: provider-course', 'id: orp-placement'));
    });
    expect((await failure(dir)).message).toMatch(/rule id "orp-placement" appears twice/);
  });
});
