import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { defaultRegistry } from '../composition.js';
import { issueDevToken } from '../auth/dev-issuer.js';
import { loadConfig } from '../config.js';
import { checkCaseRecord } from '../contract/validate.js';
import { InputError, PasserelleError } from '../errors.js';
import { loadPolicyBundle, type PolicyBundle } from '../policy/bundle.js';
import { explainDecision } from '../policy/explain.js';
import { decide } from '../policy/engine.js';
import { rotateSigningKey } from '../seal/keys.js';
import { startOfZurichDay } from '../time.js';
import { verifyStoredAudit } from './audit.js';
import { importExport } from './import.js';
import { convertToContract, convertToNative } from './convert.js';
import { serve, work } from './serve.js';

const USAGE = `passerelle: hands a person's case from one case system to another

  passerelle serve [--demo] [--no-worker]     API and workers (embedded defaults without URLs)
  passerelle worker                           workers only (needs PASSERELLE_REDIS_URL to share work)
  passerelle convert --adapter ID --institution ID [--canton XX] FILE|FOLDER...
                                              native files → contract NDJSON on stdout
  passerelle convert --adapter ID --reverse [--out DIR] FILE...
                                              contract NDJSON → native files
  passerelle import --adapter ID --institution ID FILE|FOLDER
                                              a whole export into snapshots (bulk onboarding)
  passerelle adapters list [--json]
  passerelle contract validate FILE           NDJSON, a JSON array or one record
  passerelle policy explain --record FILE --to INSTITUTION --purpose P [--at DATE|TIMESTAMP]
  passerelle token --institution ID --roles R,...   development token for the embedded mode
  passerelle audit verify                     recompute the audit chain and its signed checkpoints
  passerelle keys rotate                      new signing key; the old public key stays published

Settings are PASSERELLE_* variables; see docs/configuration.md.`;

const out = (line: string): void => void process.stdout.write(line + '\n');
const err = (line: string): void => void process.stderr.write(line + '\n');

async function bundleIfPresent(dir: string): Promise<PolicyBundle | undefined> {
  try {
    return await loadPolicyBundle(dir);
  } catch (error) {
    if (error instanceof PasserelleError && error.code === 'policy.not-found') return undefined;
    throw error;
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  const registry = defaultRegistry();
  switch (command) {
    case 'serve': {
      const { values } = parseArgs({ args: rest, options: { demo: { type: 'boolean' }, 'no-worker': { type: 'boolean' } } });
      return serve(config, { demo: values.demo ?? false, worker: !(values['no-worker'] ?? false) });
    }
    case 'worker':
      return work(config);
    case 'convert': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          adapter: { type: 'string' },
          institution: { type: 'string' },
          canton: { type: 'string' },
          reverse: { type: 'boolean' },
          out: { type: 'string' },
        },
      });
      if (!values.adapter) throw new InputError('cli.missing-option', '--adapter is required', { field: 'adapter' });
      const bundle = await bundleIfPresent(config.policiesDir);
      const base = {
        adapter: values.adapter,
        files: positionals,
        now: () => new Date(),
        ...(values.institution ? { institution: values.institution } : {}),
        ...(values.canton ? { canton: values.canton } : {}),
      };
      if (values.reverse) {
        await convertToNative(registry, bundle, { ...base, ...(values.out ? { outDir: values.out } : {}) }, {
          out,
          err,
          raw: (bytes) => void process.stdout.write(bytes),
        });
        return 0;
      }
      const rejected = await convertToContract(registry, bundle, base, { out, err });
      return rejected > 0 ? 1 : 0;
    }
    case 'import': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { adapter: { type: 'string' }, institution: { type: 'string' } } });
      if (!values.adapter || !values.institution || positionals.length !== 1) {
        throw new InputError('cli.usage', 'usage: passerelle import --adapter ID --institution ID FILE|FOLDER');
      }
      const summary = await importExport(config, { adapter: values.adapter, institution: values.institution, target: positionals[0]!, out, err, tty: Boolean(process.stderr.isTTY) });
      return summary.rejected > 0 ? 1 : 0;
    }
    case 'adapters': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { json: { type: 'boolean' } } });
      if (positionals[0] !== 'list') throw new InputError('cli.usage', 'usage: passerelle adapters list [--json]');
      const list = registry.list().map((a) => ({ id: a.id, title: a.title, capabilities: a.capabilities }));
      if (values.json) out(JSON.stringify(list, null, 2));
      else for (const a of list) out(`${a.id.padEnd(16)} ${a.title}`);
      return 0;
    }
    case 'contract': {
      const [sub, file] = rest;
      if (sub !== 'validate' || !file) throw new InputError('cli.usage', 'usage: passerelle contract validate FILE');
      const result = registry.get('inbox').mapper.toContract(
        [{ name: file, content: new Uint8Array(await readFile(file)) }],
        { institutionId: 'cli', canton: 'BE', settings: {}, now: () => new Date() },
      );
      for (const r of result.records) out(JSON.stringify({ recordId: r.recordId, valid: true }));
      for (const r of result.rejections) {
        err(JSON.stringify({ nativeId: r.nativeId, valid: false, code: r.error.code, field: r.error.details.field ?? null, message: r.error.message }));
      }
      return result.rejections.length > 0 ? 1 : 0;
    }
    case 'policy': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { record: { type: 'string' }, to: { type: 'string' }, purpose: { type: 'string' }, at: { type: 'string' }, text: { type: 'boolean' } },
      });
      if (positionals[0] !== 'explain' || !values.record || !values.to || !values.purpose) {
        throw new InputError('cli.usage', 'usage: passerelle policy explain --record FILE --to INSTITUTION --purpose P [--at DATE]');
      }
      const bundle = await loadPolicyBundle(config.policiesDir);
      const recipient = bundle.institution(values.to);
      if (!recipient) throw new InputError('institution.unknown', `institution "${values.to}" is not in the registry`, { field: 'to' });
      const parsed = checkCaseRecord(JSON.parse(await readFile(values.record, 'utf8')) as unknown);
      if (!parsed.ok) throw parsed.errors[0]!;
      const decision = decide({ record: parsed.record, recipient, purpose: values.purpose, at: parseAt(values.at), bundle });
      out(JSON.stringify(decision, null, 2));
      if (values.text) for (const line of explainDecision(decision)) err(line);
      return 0;
    }
    case 'token': {
      const { values } = parseArgs({ args: rest, options: { institution: { type: 'string' }, roles: { type: 'string' }, ttl: { type: 'string' } } });
      if (!values.institution || !values.roles) throw new InputError('cli.usage', 'usage: passerelle token --institution ID --roles R,...');
      const token = await issueDevToken(config.dataDir, {
        institutionId: values.institution,
        roles: values.roles.split(',').map((r) => r.trim()),
        ...(values.ttl ? { ttlSeconds: Number(values.ttl) } : {}),
      });
      out(token);
      return 0;
    }
    case 'audit': {
      if (rest[0] !== 'verify') throw new InputError('cli.usage', 'usage: passerelle audit verify');
      const report = await verifyStoredAudit(config);
      out(JSON.stringify(report, null, 2));
      if (!report.ok && report.firstBad) err(`the audit log is broken at entry ${report.firstBad.seq}: ${report.firstBad.reason}`);
      return report.ok ? 0 : 1;
    }
    case 'keys': {
      if (rest[0] !== 'rotate') throw new InputError('cli.usage', 'usage: passerelle keys rotate');
      if (config.signingKeyPem) {
        throw new InputError('cli.usage', 'the signing key comes from PASSERELLE_SIGNING_KEY: rotate it there, and keep the old public key in keys/retired.jwks.json');
      }
      out(JSON.stringify(await rotateSigningKey(config.dataDir)));
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
      out(USAGE);
      return 0;
    default:
      err(USAGE);
      return 2;
  }
}

/** `--at` is an RFC 3339 timestamp, or a date meaning the start of that day in Zurich. */
function parseAt(value: string | undefined): Date {
  if (value === undefined) return new Date();
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return startOfZurichDay(value);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(value) && !Number.isNaN(Date.parse(value))) {
    return new Date(value);
  }
  throw new InputError('cli.invalid-option', '--at takes an RFC 3339 timestamp or a date YYYY-MM-DD', { field: 'at' });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof PasserelleError) {
      err(JSON.stringify({ code: error.code, field: error.details.field ?? null, message: error.message }));
    } else {
      err(JSON.stringify({ code: 'internal', message: error instanceof Error ? error.message : 'unexpected error' }));
    }
    process.exitCode = error instanceof InputError ? 2 : 1;
  },
);
