import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listSamples, readExpected, samplesDir } from '../../src/adapters/samples.js';
import { REPO } from '../support/paths.js';

const SHARED = path.resolve(REPO, '../shared/systems/nfam');
const NFAM = existsSync(SHARED) ? SHARED : path.join(REPO, 'adapters/nfam/fixtures');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'passerelle-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function passerelle(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [path.join(REPO, 'bin/passerelle.js'), ...args], {
    cwd: REPO,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', PASSERELLE_DATA_DIR: tmp },
    ...(input === undefined ? {} : { input }),
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const lines = (text: string): Record<string, any>[] => text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, any>);
const withoutExtractedAt = (records: Record<string, any>[]) => records.map(({ source: { extractedAt: _e, ...source }, ...r }) => ({ ...r, source }));

/** The response bodies of a sample's read, in the order its requests.md lists them. */
function sampleFiles(name: string): string[] {
  const dir = samplesDir(NFAM);
  return [...readFileSync(path.join(dir, `${name}.requests.md`), 'utf8').matchAll(/answered by `([^`]+)`/g)].map((m) => path.join(dir, m[1]!));
}

describe('passerelle convert', () => {
  it.each(listSamples(NFAM))('turns the NFAM sample %s into exactly its expected records, as NDJSON', (name) => {
    const run = passerelle(['convert', '--adapter', 'nfam', '--institution', 'be-asi', '--canton', 'BE', ...sampleFiles(name)]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const records = lines(run.stdout);
    expect(records.every((r) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/.test(r.source.extractedAt))).toBe(true);
    expect(withoutExtractedAt(records)).toEqual(readExpected(NFAM, name));
  });

  it('converts every sample of a sample folder', () => {
    const run = passerelle(['convert', '--adapter', 'nfam', '--institution', 'be-asi', '--canton', 'BE', samplesDir(NFAM)]);
    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toHaveLength(listSamples(NFAM).reduce((n, s) => n + readExpected(NFAM, s).length, 0));
  });

  it('reports each rejected record on stderr with native id, code, field and contract path, converts the rest, exits 1', () => {
    const page = JSON.parse(readFileSync(path.join(samplesDir(NFAM), 'edge.page1.json'), 'utf8')) as { data: Record<string, any>[] };
    page.data[0]!.person.ahvn13 = '7566048123773';
    page.data[1]!.assignment.stage = 'ON_THE_MOON';
    const file = path.join(tmp, 'bad-page.json');
    writeFileSync(file, JSON.stringify(page));
    const run = passerelle(['convert', '--adapter', 'nfam', '--institution', 'be-asi', '--canton', 'BE', file]);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([
      expect.objectContaining({ nativeId: 'NFAM-2016-000377', code: 'mapping.invalid-ahv', field: 'person.vn', nativeField: 'person.ahvn13' }),
      expect.objectContaining({ nativeId: 'NFAM-2022-002290', code: 'mapping.unknown-code', field: 'responsibility.phase', nativeField: 'assignment.stage' }),
    ]);
    expect(run.stderr).not.toContain('7566048123773');
    expect(run.stdout).toBe('');
  });

  it('writes contract NDJSON back as an NFAM case (--reverse)', () => {
    const record = { ...readExpected(NFAM, 'minimal')[0], source: { ...readExpected(NFAM, 'minimal')[0]!.source, extractedAt: '2025-03-03T09:15:22+01:00' } };
    const file = path.join(tmp, 'minimal.ndjson');
    writeFileSync(file, JSON.stringify(record) + '\n');
    const run = passerelle(['convert', '--adapter', 'nfam', '--institution', 'be-asi', '--reverse', file]);
    expect(run.code).toBe(0);
    const nfamCase = JSON.parse(run.stdout) as Record<string, any>;
    expect(nfamCase).toMatchObject({ caseNumber: 'NFAM-2023-001842', person: { familyName: 'Ghebremedhin', sex: 'MALE', birthDate: { year: 1998, month: 3, day: 2 } } });
    expect(nfamCase.assignment).toMatchObject({ stage: 'COLLECTIVE_ACCOMMODATION', organisationId: 'ORG-1101' });
  });

  it('names a missing option, and an unknown adapter', () => {
    expect(lines(passerelle(['convert', '--adapter', 'nfam', 'x.json']).stderr)[0]).toMatchObject({ code: 'cli.missing-option', field: 'institution' });
    const unknown = passerelle(['convert', '--adapter', 'nope', '--institution', 'be-asi', 'x.json']);
    expect(unknown.code).not.toBe(0);
    expect(lines(unknown.stderr)[0]).toMatchObject({ code: 'adapter.unknown' });
  });
});

describe('passerelle policy explain', () => {
  const recordFile = path.join(tmp, 'rich.json');
  const rich = readExpected(NFAM, 'rich')[0]!;
  writeFileSync(recordFile, JSON.stringify({ ...rich, source: { ...rich.source, extractedAt: '2025-03-03T09:15:22+01:00' } }));

  it('prints the decision object for a record, recipient, purpose and day', () => {
    const run = passerelle(['policy', 'explain', '--record', recordFile, '--to', 'be-koeniz', '--purpose', 'case-transfer', '--at', '2025-03-03']);
    expect(run.code).toBe(0);
    const decision = JSON.parse(run.stdout) as Record<string, any>;
    expect(decision).toMatchObject({ recipient: 'be-koeniz', purpose: 'case-transfer', evaluatedAt: '2025-03-03T00:00:00+01:00', rejected: false, obligations: [] });
    expect(decision.policyVersion).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(decision.withheld).toEqual([
      { category: 'health', reason: 'consent-out-of-scope' },
      { category: 'social-assistance', reason: 'consent-out-of-scope' },
      { category: 'journal', reason: 'consent-out-of-scope' },
      { category: 'documents', reason: 'consent-out-of-scope' },
    ]);
  });

  it('takes an RFC 3339 timestamp, and explains denials, revoked consents and obligations', () => {
    const at = (ts: string) => JSON.parse(passerelle(['policy', 'explain', '--record', recordFile, '--to', 'be-iv-bern', '--purpose', 'benefit-assessment', '--at', ts]).stdout) as Record<string, any>;
    const decision = at('2025-08-31T23:59:00+02:00');
    expect(decision.evaluatedAt).toBe('2025-08-31T23:59:00+02:00');
    expect(decision.obligations).toEqual(['notify-person']);
    expect(decision.withheld).toContainEqual({ category: 'health', reason: 'consent-revoked', consentId: '4aebf505-d204-594f-90ad-9ef2c3858f4e' });
    expect(decision.withheld).toContainEqual({ category: 'journal', reason: 'denied', rule: 'never-journal-to-orp' });
  });

  it('refuses an --at that is neither a date nor a timestamp', () => {
    const run = passerelle(['policy', 'explain', '--record', recordFile, '--to', 'be-koeniz', '--purpose', 'case-transfer', '--at', 'tomorrow']);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)[0]).toMatchObject({ code: 'cli.invalid-option', field: 'at' });
  });
});

describe('the other commands', () => {
  it('lists the adapters as JSON', () => {
    const list = JSON.parse(passerelle(['adapters', 'list', '--json']).stdout) as { id: string; capabilities: Record<string, unknown> }[];
    expect(list.map((a) => a.id).sort()).toEqual(['casenet', 'centralis', 'cm-t', 'duff', 'ecase', 'excel-sh', 'inbox', 'kiss', 'klibnet', 'lora', 'navision', 'nfam', 'sedex', 'sharepoint-ti', 'tutoris']);
    expect(list.find((a) => a.id === 'nfam')!.capabilities).toMatchObject({ read: true, deliver: true, webhook: true });
    expect(list.find((a) => a.id === 'tutoris')!.capabilities).toMatchObject({ read: true, deliver: true, webhook: false });
  });

  it('validates contract records, naming the field at fault', () => {
    const good = readExpected(NFAM, 'minimal')[0]!;
    const file = path.join(tmp, 'records.ndjson');
    writeFileSync(file, [{ ...good, source: { ...good.source, extractedAt: '2025-03-03T09:15:22+01:00' } }, { ...good, source: { ...good.source, extractedAt: 'yesterday' } }].map((r) => JSON.stringify(r)).join('\n'));
    const run = passerelle(['contract', 'validate', file]);
    expect(run.code).toBe(1);
    expect(lines(run.stdout)).toEqual([{ recordId: good.recordId, valid: true }]);
    expect(lines(run.stderr)[0]).toMatchObject({ valid: false, field: 'source.extractedAt' });
  });

  it('issues a development token with the claims the API checks', () => {
    const run = passerelle(['token', '--institution', 'be-koeniz', '--roles', 'receiver']);
    expect(run.code).toBe(0);
    const claims = JSON.parse(Buffer.from(run.stdout.trim().split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ institution: 'be-koeniz', roles: ['receiver'], iss: 'passerelle-dev', aud: 'passerelle' });
    expect(lines(passerelle(['token', '--institution', 'x', '--roles', 'root']).stderr)[0]).toMatchObject({ field: 'roles' });
  });
});

describe('starting the gateway', () => {
  it('stops on a bad policy bundle, naming file, line and rule', () => {
    const dir = path.join(tmp, 'bad-policies');
    spawnSync('cp', ['-r', path.join(REPO, 'policies'), dir]);
    const file = path.join(dir, 'routes.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('purpose: integration-measures', 'purpose: curiosity'));
    const result = spawnSync(process.execPath, [path.join(REPO, 'bin/passerelle.js'), 'serve'], {
      cwd: REPO,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', PASSERELLE_DATA_DIR: tmp, PASSERELLE_POLICIES: dir, PASSERELLE_PORT: '0' },
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    const error = lines(result.stderr).at(-1)!;
    expect(error.code).toBe('policy.invalid');
    expect(error.message).toMatch(/routes\.yaml:\d+: rule "refugee-status-to-integration-office": purpose must be one of/);
  });

  it('stops on a bad setting, naming the variable', () => {
    const result = spawnSync(process.execPath, [path.join(REPO, 'bin/passerelle.js'), 'serve'], {
      cwd: REPO,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', PASSERELLE_DATA_DIR: tmp, PASSERELLE_PORT: 'eighty' },
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(lines(result.stderr).at(-1)).toMatchObject({ code: 'config.invalid', field: 'PASSERELLE_PORT' });
  });
});
