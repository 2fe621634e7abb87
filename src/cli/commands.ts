import type { CommandDef, RunContext } from './framework.js';

// Each command's code is loaded when it runs, so `--help` loads (and does) nothing else.
const lazy =
  <M>(load: () => Promise<M>, pick: (m: M) => (ctx: RunContext) => Promise<number>) =>
  async (ctx: RunContext): Promise<number> =>
    pick(await load())(ctx);

const json = { json: { type: 'boolean', help: 'one JSON object a line (the default when stdout is not a terminal)' } } as const;

export const ROOT: CommandDef = {
  name: 'passerelle',
  summary: "Passerelle hands a person's case from one case system to another: lawful, minimal and provable.",
  usage: ['COMMAND [OPTIONS]'],
  subcommands: [
    {
      name: 'serve',
      summary: 'the HTTP API, and the workers unless --no-worker (embedded defaults without URLs)',
      usage: ['[--demo] [--no-worker]'],
      options: {
        demo: { type: 'boolean', help: 'the demo topology: simulated NFAM, printed example tokens and curl commands' },
        'no-worker': { type: 'boolean', help: 'the API only; workers run as `passerelle worker`' },
      },
      run: lazy(() => import('./run.js'), (m) => m.serveCommand),
    },
    {
      name: 'worker',
      summary: 'the workers only (canton shape: needs PASSERELLE_REDIS_URL to share the work)',
      usage: [''],
      description: 'With PASSERELLE_METRICS_PORT set, it answers /health, /ready and /metrics there (its health check).',
      run: lazy(() => import('./run.js'), (m) => m.workerCommand),
    },
    {
      name: 'migrate',
      summary: 'apply the database migrations as the owner role; --grant gives the runtime role its rights',
      usage: ['[--grant ROLE] [--yes]'],
      description:
        'Connects with PASSERELLE_DATABASE_URL (the owner of the tables) or migrates the embedded store. The gateway can then run as ROLE,\nwhich may read and write but not alter a table nor change the audit log, with PASSERELLE_MIGRATE_ON_START=false.',
      options: { grant: { type: 'string', value: 'ROLE', help: "the gateway's runtime role: rights on the tables, none on their definition" } },
      writes: true,
      run: lazy(() => import('./migrate.js'), (m) => m.migrate),
    },
    {
      name: 'convert',
      summary: 'native files → contract records (NDJSON on stdout), or back with --reverse',
      usage: ['--adapter ID --institution ID [--canton XX] FILE|FOLDER...', '--adapter ID --reverse [--out DIR] FILE...'],
      description: 'Each rejected record is one JSON line on stderr (native id, code, field, native field); exit 1 when there is one.',
      options: {
        adapter: { type: 'string', value: 'ID', help: 'the adapter (passerelle adapters list)', required: true },
        institution: { type: 'string', value: 'ID', help: 'the institution the files come from (its settings and canton)' },
        canton: { type: 'string', value: 'XX', help: 'the canton, when the institution is not in the bundle' },
        reverse: { type: 'boolean', help: 'contract NDJSON → the system’s native files' },
        out: { type: 'string', value: 'DIR', help: 'folder for the native files (--reverse)' },
      },
      positionals: { min: 1, max: Infinity },
      run: lazy(() => import('./run.js'), (m) => m.convertCommand),
    },
    {
      name: 'import',
      summary: 'a whole export into snapshots (bulk onboarding), without raising events',
      usage: ['--adapter ID --institution ID [--yes] FILE|FOLDER'],
      description: 'Streams in constant memory; a progress bar on a terminal, a line every 5,000 records otherwise; one JSON summary on stdout.',
      options: {
        adapter: { type: 'string', value: 'ID', help: 'the adapter of the export', required: true },
        institution: { type: 'string', value: 'ID', help: 'the institution whose export it is', required: true },
      },
      positionals: { min: 1, max: 1 },
      writes: true,
      run: lazy(() => import('./run.js'), (m) => m.importCommand),
    },
    {
      name: 'adapters',
      summary: 'the adapters of this build',
      subcommands: [{ name: 'list', summary: 'each adapter and what it can do', usage: ['[--json]'], options: { json: { type: 'boolean', help: 'as JSON' } }, run: lazy(() => import('./run.js'), (m) => m.adaptersList) }],
    },
    {
      name: 'institutions',
      summary: 'the institutions of the policy bundle',
      subcommands: [{ name: 'list', summary: 'id, type, canton, system and installation of each institution', usage: ['[--json]'], options: json, run: lazy(() => import('./transfers.js'), (m) => m.institutions) }],
    },
    {
      name: 'contract',
      summary: 'the common contract',
      subcommands: [
        {
          name: 'validate',
          summary: 'every fault of every record, each naming its contract path (NDJSON, a JSON array or one record)',
          usage: ['FILE...'],
          positionals: { min: 1, max: Infinity },
          run: lazy(() => import('./contract.js'), (m) => m.validate),
        },
      ],
    },
    {
      name: 'policy',
      summary: 'the policy bundle and its decisions',
      subcommands: [
        {
          name: 'explain',
          summary: 'the decision object: what would go, what would be withheld, and why',
          usage: ['--record FILE --to INSTITUTION --purpose PURPOSE [--at DATE|TIMESTAMP] [--text]'],
          options: {
            record: { type: 'string', value: 'FILE', help: 'one contract record (JSON)', required: true },
            to: { type: 'string', value: 'INSTITUTION', help: 'the recipient, an id of the registry', required: true },
            purpose: { type: 'string', value: 'PURPOSE', help: 'a purpose of the contract (case-transfer, …)', required: true },
            at: { type: 'string', value: 'DATE', help: 'when: YYYY-MM-DD (start of that day in Zurich) or an RFC 3339 timestamp; default now' },
            text: { type: 'boolean', help: 'also the explanation in words, on stderr' },
          },
          run: lazy(() => import('./policy.js'), (m) => m.explain),
        },
        {
          name: 'check',
          summary: 'validate a bundle without starting: schemas, references, each adapter’s settings',
          usage: ['[FOLDER]'],
          description: 'FOLDER defaults to PASSERELLE_POLICIES. Exit 1 names file, line and rule of the first fault.',
          positionals: { min: 0, max: 1 },
          run: lazy(() => import('./policy.js'), (m) => m.check),
        },
      ],
    },
    {
      name: 'transfers',
      summary: 'look at transfers and repair them (through the store, as the API does)',
      description: 'The embedded store belongs to one process: stop `passerelle serve` first, or use the API.',
      subcommands: [
        {
          name: 'list',
          summary: 'transfers, oldest first',
          usage: ['[--state STATE] [--target INSTITUTION] [--limit N] [--json]'],
          options: {
            state: { type: 'string', value: 'STATE', help: 'only this state (failed: the dead letters)' },
            target: { type: 'string', value: 'INSTITUTION', help: 'only to this institution' },
            limit: { type: 'string', value: 'N', help: 'at most N (default 50, at most 1000)' },
            ...json,
          },
          run: lazy(() => import('./transfers.js'), (m) => m.list),
        },
        { name: 'show', summary: 'one transfer and its history', usage: ['ID'], positionals: { min: 1, max: 1 }, run: lazy(() => import('./transfers.js'), (m) => m.show) },
        { name: 'replay', summary: 'a failed transfer (dead letter) goes round again, once its cause is fixed', usage: ['ID [--yes]'], positionals: { min: 1, max: 1 }, writes: true, run: lazy(() => import('./transfers.js'), (m) => m.replay) },
        { name: 'cancel', summary: 'an open transfer is cancelled; a delivery in flight finishes', usage: ['ID [--yes]'], positionals: { min: 1, max: 1 }, writes: true, run: lazy(() => import('./transfers.js'), (m) => m.cancel) },
      ],
    },
    {
      name: 'token',
      summary: 'a development token for the embedded mode (its issuer key lives in PASSERELLE_DATA_DIR)',
      usage: ['--institution ID --roles ROLE,... [--ttl SECONDS]'],
      options: {
        institution: { type: 'string', value: 'ID', help: 'the institution of the caller', required: true },
        roles: { type: 'string', value: 'ROLES', help: 'source-system, receiver, ops, dpo (comma-separated)', required: true },
        ttl: { type: 'string', value: 'SECONDS', help: 'lifetime (default 12 h)' },
      },
      run: lazy(() => import('./run.js'), (m) => m.tokenCommand),
    },
    {
      name: 'audit',
      summary: 'the audit log',
      subcommands: [
        {
          name: 'verify',
          summary: 'recompute the audit chain and its signed checkpoints; exit 1 names the first bad entry',
          usage: [''],
          description: 'Says which store it read. An empty store is not an intact log: it is reported, with the settings to check, and exits 1.',
          run: lazy(() => import('./run.js'), (m) => m.auditVerify),
        },
        {
          name: 'prove',
          summary: 'an inclusion proof of one entry against the latest signed tree head (RFC 9162), checkable with the published keys alone',
          usage: ['ENTRY'],
          description: 'ENTRY is the entry\'s number in the chain (seq). Prints the entry, its audit path and the signed tree head as JSON; makes a tree head when none covers the entry yet.',
          positionals: { min: 1, max: 1 },
          run: lazy(() => import('./run.js'), (m) => m.auditProve),
        },
        {
          name: 'consistency',
          summary: 'a consistency proof between two signed tree heads: the smaller log is a prefix of the larger, nothing was rewritten',
          usage: ['FIRST SECOND'],
          description: 'FIRST and SECOND are tree sizes of signed tree heads (checkpoints).',
          positionals: { min: 2, max: 2 },
          run: lazy(() => import('./run.js'), (m) => m.auditConsistency),
        },
      ],
    },
    {
      name: 'keys',
      summary: 'the signing key',
      subcommands: [
        {
          name: 'rotate',
          summary: 'a new signing key; the old public key stays published, so what it signed keeps verifying',
          usage: ['[--yes]'],
          writes: true,
          run: lazy(() => import('./migrate.js'), (m) => m.rotateKeys),
        },
      ],
    },
  ],
};
