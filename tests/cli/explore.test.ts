import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readExpected } from '../../src/adapters/samples.js';
import { colours } from '../../src/cli/terminal.js';
import { loadOrCreateKeys } from '../../src/seal/keys.js';
import { REPO } from '../support/paths.js';
import { jsonLines, passerelle } from './support.js';

const NFAM = path.join(REPO, 'adapters/nfam/fixtures');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'passerelle-explore-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const fresh = (name: string): string => mkdtempSync(path.join(tmp, `${name}-`));

describe('a command line that is safe to explore', () => {
  it('prints its version', () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const run = passerelle([flag]);
      expect(run).toMatchObject({ code: 0, stdout: `passerelle ${pkg.version}\n`, stderr: '' });
    }
  });

  it('names an unknown command and suggests the nearest, exit 2', () => {
    const run = passerelle(['tranfsers', 'list']);
    expect(run.code).toBe(2);
    expect(jsonLines(run.stderr)[0]).toMatchObject({ code: 'cli.unknown-command', message: expect.stringMatching(/"tranfsers" is not a command.*did you mean transfers\?/) });
    const sub = passerelle(['transfers', 'lsit']);
    expect(sub.code).toBe(2);
    expect(jsonLines(sub.stderr)[0]!.message).toMatch(/"lsit" is not a command of passerelle transfers; did you mean list\?/);
    const bare = passerelle(['bogus']);
    expect(bare.code).toBe(2);
    expect(jsonLines(bare.stderr)[0]!.message).toContain('"bogus" is not a command of passerelle');
  });

  it('names an unknown or mistyped option and suggests the nearest, exit 2, before doing anything', () => {
    const run = passerelle(['convert', '--adpter', 'nfam', 'x.json']);
    expect(run.code).toBe(2);
    expect(jsonLines(run.stderr)[0]).toMatchObject({ code: 'cli.unknown-option', message: expect.stringMatching(/--adpter is not an option of passerelle convert; did you mean --adapter\?/), help: 'passerelle convert --help' });
    const state = passerelle(['transfers', 'list', '--stat', 'failed']);
    expect(state.code).toBe(2);
    expect(jsonLines(state.stderr)[0]!.message).toMatch(/did you mean --state\?/);
    expect(jsonLines(passerelle(['policy', 'explain', '--to']).stderr)[0]).toMatchObject({ code: 'cli.missing-value', field: 'to' });
    expect(jsonLines(passerelle(['adapters', 'list', '--json=yes']).stderr)[0]).toMatchObject({ code: 'cli.invalid-option' });
    expect(passerelle(['adapters', 'list', 'extra']).code).toBe(2);
  });

  it('asks for --yes before rotating the key when no terminal can answer, and changes nothing until then', async () => {
    const dataDir = fresh('keys');
    await loadOrCreateKeys({ dir: dataDir });
    const before = readFileSync(path.join(dataDir, 'keys', 'signing.jwk.json'), 'utf8');
    const refused = passerelle(['keys', 'rotate'], { PASSERELLE_DATA_DIR: dataDir });
    expect(refused.code).toBe(2);
    expect(jsonLines(refused.stderr)[0]).toMatchObject({ code: 'cli.confirmation-required', field: 'yes', message: expect.stringContaining('--yes') });
    expect(readFileSync(path.join(dataDir, 'keys', 'signing.jwk.json'), 'utf8')).toBe(before);
    const rotated = passerelle(['keys', 'rotate', '--yes'], { PASSERELLE_DATA_DIR: dataDir });
    expect(rotated.code).toBe(0);
    expect(JSON.parse(rotated.stdout)).toMatchObject({ retired: expect.any(String), current: expect.any(String) });
    expect(readFileSync(path.join(dataDir, 'keys', 'signing.jwk.json'), 'utf8')).not.toBe(before);
    // Nothing to rotate where no gateway ever ran: said so, and nothing created.
    const empty = fresh('no-keys');
    expect(jsonLines(passerelle(['keys', 'rotate', '--yes'], { PASSERELLE_DATA_DIR: empty }).stderr)[0]).toMatchObject({ code: 'cli.no-keys' });
    expect(readdirSync(empty)).toEqual([]);
  });

  it('policy explain refuses an unknown purpose or institution, listing the valid ones and the nearest', () => {
    const record = path.join(tmp, 'record.json');
    const rich = readExpected(NFAM, 'rich')[0]!;
    writeFileSync(record, JSON.stringify({ ...rich, source: { ...rich.source, extractedAt: '2025-03-03T09:15:22+01:00' } }));
    const purpose = passerelle(['policy', 'explain', '--record', record, '--to', 'be-koeniz', '--purpose', 'case-transfr']);
    expect(purpose.code).toBe(2);
    expect(purpose.stdout).toBe('');
    const p = jsonLines(purpose.stderr)[0]!;
    expect(p).toMatchObject({ code: 'policy.unknown-purpose', field: 'purpose' });
    expect(p.message).toMatch(/did you mean case-transfer\?/);
    for (const valid of ['case-transfer', 'integration-measures', 'labour-market-placement', 'benefit-assessment', 'statistics']) expect(p.message).toContain(valid);
    const to = passerelle(['policy', 'explain', '--record', record, '--to', 'be-koenix', '--purpose', 'case-transfer']);
    expect(to.code).toBe(2);
    const t = jsonLines(to.stderr)[0]!;
    expect(t).toMatchObject({ code: 'institution.unknown', field: 'to' });
    expect(t.message).toMatch(/did you mean be-koeniz\?.*be-asi/);
    expect(jsonLines(passerelle(['policy', 'explain', '--to', 'be-koeniz', '--purpose', 'case-transfer']).stderr)[0]).toMatchObject({ code: 'cli.missing-option', field: 'record' });
  });

  it('contract validate reports every fault of every record', () => {
    const good = readExpected(NFAM, 'minimal')[0]!;
    const ok = { ...good, source: { ...good.source, extractedAt: '2025-03-03T09:15:22+01:00' } };
    const three = { ...ok, source: { ...ok.source, extractedAt: 'yesterday' }, person: { ...ok.person, sex: 'robot' }, responsibility: { ...ok.responsibility, phase: 'lunar' } };
    const two = { ...ok, person: { ...ok.person, dateOfBirth: '2025-02-30' }, residence: { ...ok.residence, status: 'tourist' } };
    const file = path.join(tmp, 'faults.ndjson');
    writeFileSync(file, [ok, three, two].map((r) => JSON.stringify(r)).join('\n') + '\nnot json\n');
    const run = passerelle(['contract', 'validate', file]);
    expect(run.code).toBe(1);
    expect(jsonLines(run.stdout)).toEqual([{ recordId: ok.recordId, valid: true }]);
    const faults = jsonLines(run.stderr);
    const at = (line: string) => faults.filter((f) => f.at === line).map((f) => f.field);
    expect(at('line 2')).toEqual(expect.arrayContaining(['source.extractedAt', 'person.sex', 'responsibility.phase']));
    expect(at('line 3').length).toBeGreaterThanOrEqual(2);
    expect(faults.find((f) => f.at === 'line 4')).toMatchObject({ code: 'contract.not-json' });
    expect(run.stderr).not.toContain('robot');
  });

  it('audit verify says where it looked and never calls a store that is not there, or empty, intact', async () => {
    const nothing = fresh('nothing');
    const missing = passerelle(['audit', 'verify'], { PASSERELLE_DATA_DIR: nothing });
    expect(missing.code).toBe(1);
    const m = jsonLines(missing.stderr)[0]!;
    expect(m).toMatchObject({ code: 'cli.no-store', field: 'PASSERELLE_DATA_DIR' });
    expect(m.message).toContain(nothing);
    expect(m.message).toContain('PASSERELLE_DATABASE_URL');
    expect(readdirSync(nothing)).toEqual([]);

    const emptyDir = fresh('empty');
    await loadOrCreateKeys({ dir: emptyDir });
    expect(passerelle(['migrate', '--yes'], { PASSERELLE_DATA_DIR: emptyDir }).code).toBe(0);
    const empty = passerelle(['audit', 'verify'], { PASSERELLE_DATA_DIR: emptyDir });
    expect(empty.code).toBe(1);
    const report = JSON.parse(empty.stdout) as Record<string, any>;
    expect(report).toMatchObject({ ok: false, empty: true, entries: 0, store: expect.stringContaining(path.join(emptyDir, 'db')) });
    expect(empty.stderr).toContain('PASSERELLE_DATA_DIR');
  });

  it('migrate asks before creating a store, and says when there is nothing to do', () => {
    const dir = fresh('migrate');
    const refused = passerelle(['migrate'], { PASSERELLE_DATA_DIR: dir });
    expect(refused.code).toBe(2);
    expect(jsonLines(refused.stderr)[0]).toMatchObject({ code: 'cli.confirmation-required' });
    expect(existsSync(path.join(dir, 'db'))).toBe(false);
    const first = passerelle(['migrate', '--yes'], { PASSERELLE_DATA_DIR: dir });
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).applied.length).toBeGreaterThan(5);
    const again = passerelle(['migrate'], { PASSERELLE_DATA_DIR: dir });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ applied: [], upToDate: true });
  });

  it('policy check validates a bundle without starting, and names file and line of a fault', () => {
    const ok = passerelle(['policy', 'check', path.join(REPO, 'policies')]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, version: expect.stringMatching(/^sha256:/), institutions: expect.any(Number) });
    const dir = path.join(tmp, 'broken-policies');
    cpSync(path.join(REPO, 'policies'), dir, { recursive: true });
    const routes = path.join(dir, 'routes.yaml');
    writeFileSync(routes, readFileSync(routes, 'utf8').replace('purpose: integration-measures', 'purpose: curiosity'));
    const bad = passerelle(['policy', 'check', dir]);
    expect(bad.code).toBe(1);
    expect(jsonLines(bad.stderr)[0]).toMatchObject({ code: 'policy.invalid', message: expect.stringMatching(/routes\.yaml:\d+:/) });
  });

  it('institutions list gives the registry', () => {
    const run = passerelle(['institutions', 'list'], { PASSERELLE_POLICIES: path.join(REPO, 'policies') });
    expect(run.code).toBe(0);
    expect(jsonLines(run.stdout)).toContainEqual(expect.objectContaining({ id: 'be-koeniz', type: 'commune', canton: 'BE' }));
  });

  it('colours only on a terminal, never with NO_COLOR', () => {
    expect(colours(true, {})).toBe(true);
    expect(colours(true, { NO_COLOR: '' })).toBe(false);
    expect(colours(true, { NO_COLOR: '1' })).toBe(false);
    expect(colours(true, { TERM: 'dumb' })).toBe(false);
    expect(colours(false, {})).toBe(false);
    // Piped: no escape codes. On a terminal (script gives one): in words, red, and plain again with NO_COLOR.
    expect(passerelle(['bogus']).stderr).not.toContain('\u001b[');
    const onTty = (env: string) =>
      spawnSync('script', ['-qec', `${env} ${process.execPath} ${path.join(REPO, 'bin/passerelle.js')} bogus`, '/dev/null'], { cwd: REPO, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', TERM: 'xterm' }, timeout: 60_000 });
    const coloured = onTty('');
    expect(coloured.stdout).toContain('\u001b[31mpasserelle:');
    expect(coloured.stdout).toContain('see: passerelle --help');
    expect(onTty('NO_COLOR=1').stdout).not.toContain('\u001b[');
  });
});
