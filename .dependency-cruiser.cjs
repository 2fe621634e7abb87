/**
 * The dependency direction of docs/architecture.md, checked in npm test
 * (`npm run lint:deps`). An arrow there is "may import"; these rules forbid the rest.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'An import cycle ties two parts so neither can change alone (store ↔ audit, SDK ↔ adapters).',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'adapter-knows-only-the-sdk',
      severity: 'error',
      comment: 'An adapter knows its system, the SDK and the contract (its types and validator), nothing else: no queue, no store, no policy.',
      from: { path: '^adapters/([^/]+)/' },
      to: { path: '^src/', pathNot: ['^src/adapters/', '^src/contract/'] },
    },
    {
      name: 'adapter-knows-no-other-adapter',
      severity: 'error',
      comment: 'What two adapters share belongs in the SDK.',
      from: { path: '^adapters/([^/]+)/' },
      to: { path: '^adapters/', pathNot: '^adapters/$1/' },
    },
    {
      name: 'sdk-knows-no-adapter',
      severity: 'error',
      comment: 'The core knows adapters only through the SDK; the composition root alone lists them.',
      from: { path: '^src/', pathNot: ['^src/composition\\.ts$'] },
      to: { path: '^adapters/' },
    },
    {
      name: 'sdk-knows-no-core',
      severity: 'error',
      comment: 'The SDK is what adapters may import: it must not pull the queue, the store, the flow or the API in with it.',
      from: { path: '^src/adapters/' },
      to: { path: '^src/(transfers|store|queue|api|cli|audit|policy|routing|console|clerk|ops)/' },
    },
    {
      name: 'policy-is-pure',
      severity: 'error',
      comment: 'Routing and the decision engine are pure functions over data.',
      from: { path: '^src/(policy|routing)/' },
      to: { path: '^src/(transfers|store|queue|api|cli|audit|console|clerk|ops)/' },
    },
    {
      name: 'store-below-the-flow',
      severity: 'error',
      comment: 'The store and the queue are ports the flow uses, never the other way round.',
      from: { path: '^src/(store|queue)/' },
      to: { path: '^src/(transfers|api|cli|console|clerk|ops|audit)/' },
    },
    {
      name: 'flow-below-the-surfaces',
      severity: 'error',
      comment: 'The flow is driven by the API and the CLI; it never reaches up into them.',
      from: { path: '^src/(transfers|audit|policy|routing|store|queue|adapters)/' },
      to: { path: '^src/(api|cli|console|clerk)/' },
    },
    {
      name: 'nothing-imports-the-cli',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'no-tests-in-production-code',
      severity: 'error',
      from: { path: '^(src|adapters)/', pathNot: ['\\.test\\.ts$', '/testing(\\.ts|/)', '/test-support\\.ts$', '/conformance/'] },
      to: { path: ['\\.test\\.ts$', '^tests/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^node_modules', '^dist', '\\.test\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.json'] },
  },
};
