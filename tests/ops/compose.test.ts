import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO } from '../support/paths.js';

type Json = Record<string, any>;

const text = readFileSync(path.join(REPO, 'docker-compose.yml'), 'utf8');
const compose = parse(text, { merge: true }) as Json;
const services = compose.services as Record<string, Json>;
const dockerfile = readFileSync(path.join(REPO, 'Dockerfile'), 'utf8');
const documented = readFileSync(path.join(REPO, 'docs/configuration.md'), 'utf8');
const command = (s: Json): string => (Array.isArray(s.command) ? s.command.join(' ') : String(s.command ?? ''));

describe('the deployment runs as documented', () => {
  it('passes the compose specification and the linter (dclint, offline), as npm test checks it', () => {
    const run = spawnSync(process.execPath, [path.join(REPO, 'node_modules/dclint/bin/dclint.cjs'), 'docker-compose.yml', '--max-warnings', '0', '--color', 'false'], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
    expect(`${run.stdout}${run.stderr}`.trim()).toBe('');
    expect(run.status).toBe(0);
  });

  it('pins every image by version, the base image too', () => {
    for (const [name, s] of Object.entries(services)) {
      expect(s.image, name).toMatch(/^[\w./-]+:(\$\{[A-Z_]+:-)?\d+\.\d+(\.\d+)?[\w.-]*\}?$/);
    }
    expect(dockerfile).toMatch(/^FROM node:20\.\d+\.\d+-bookworm-slim$/m);
  });

  it('publishes the API on 127.0.0.1 only, and nothing else at all', () => {
    for (const [name, s] of Object.entries(services)) {
      for (const port of s.ports ?? []) expect(String(port), name).toMatch(/^127\.0\.0\.1:/);
      if (name !== 'api') expect(s.ports, name).toBeUndefined();
    }
  });

  it('has health checks for the API, the workers, PostgreSQL and Redis', () => {
    for (const name of ['api', 'worker', 'postgres', 'redis']) expect(services[name]!.healthcheck?.test, name).toBeDefined();
    expect(services.worker!.healthcheck.test.join(' ')).toContain(`127.0.0.1:${services.worker!.environment.PASSERELLE_METRICS_PORT}/ready`);
    expect(services.api!.healthcheck.test.join(' ')).toContain('/ready');
  });

  it('migrates once, as the owner, before the gateway starts as a role that cannot alter tables', () => {
    const migrate = services.migrate!;
    expect(command(migrate)).toMatch(/^migrate --yes --grant passerelle_app$/);
    expect(migrate.restart).toBe('no');
    expect(migrate.environment.PASSERELLE_DATABASE_URL).toMatch(/^postgres:\/\/passerelle_owner@/);
    for (const name of ['api', 'worker']) {
      const s = services[name]!;
      expect(s.depends_on.migrate.condition, name).toBe('service_completed_successfully');
      expect(s.environment.PASSERELLE_DATABASE_URL, name).toMatch(/^postgres:\/\/passerelle_app@/);
      expect(s.environment.PASSERELLE_MIGRATE_ON_START, name).toBe('false');
    }
    expect(compose.configs['postgres-init'].content).toContain('create role passerelle_app login');
  });

  it('keeps Redis append-only with noeviction, and data in volumes', () => {
    const redis = command(services.redis!);
    expect(redis).toContain('--appendonly yes');
    expect(redis).toContain('--maxmemory-policy noeviction');
    expect(services.redis!.volumes).toContain('redis-data:/data');
    expect(services.postgres!.volumes).toContain('pg-data:/var/lib/postgresql/data');
    for (const name of ['api', 'worker']) {
      expect(services[name]!.volumes, name).toContain('passerelle-data:/data');
      expect(services[name]!.volumes.some((v: string) => /:\/policies:ro$/.test(v)), name).toBe(true);
      expect(services[name]!.environment.PASSERELLE_POLICIES, name).toBe('/policies');
    }
    // A named volume takes the owner of the image's folder: the image's user owns /data.
    expect(dockerfile).toMatch(/chown node:node \/data/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).not.toMatch(/^COPY policies \/policies/m);
  });

  it('takes secrets from files, never from the compose file', () => {
    for (const [name, s] of Object.entries(services)) {
      for (const [key, value] of Object.entries((s.environment ?? {}) as Record<string, string>)) {
        if (/PASSWORD|MASTER_KEY|SIGNING_KEY|SECRET/.test(key)) expect(key, `${name}: ${key}`).toMatch(/_FILE$/);
        expect(String(value), `${name}: ${key}`).not.toMatch(/:\/\/[^@/]*:[^@/]+@/);
      }
      for (const secret of s.secrets ?? []) expect(compose.secrets[secret].file, secret).toMatch(/^\.\/secrets\//);
    }
    expect(services.api!.environment.PASSERELLE_MASTER_KEY_FILE).toBe('/run/secrets/master_key');
  });

  it('sets only settings the configuration guide documents', () => {
    for (const s of Object.values(services)) {
      for (const key of Object.keys(s.environment ?? {})) if (key.startsWith('PASSERELLE_')) expect(documented, key).toContain(key.replace(/_FILE$/, ''));
    }
    const example = readFileSync(path.join(REPO, '.env.example'), 'utf8');
    for (const line of example.split('\n').filter((l) => /^[A-Z_]+=/.test(l))) expect(text, line).toContain(`\${${line.split('=')[0]}`);
  });
});
