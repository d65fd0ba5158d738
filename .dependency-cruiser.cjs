// The import rules `npm run lint` holds (dependency-cruiser): data flows one way, outside copy →
// ingest → domain → db ← api ← web and desk, with no cycles anywhere. A workspace is matched both by its
// folder and by its package name, so a rule holds whether or not the workspace is built yet (an
// unbuilt one is known only by its name).
const workspace = (folder, name) => `^(${folder}/|${name}(/|$))`;
const domain = workspace('packages/domain', '@newsroom/domain');
const db = workspace('packages/db', '@newsroom/db');
const ingest = workspace('packages/ingest', '@newsroom/ingest');
const sample = workspace('packages/sample', '@newsroom/sample');
const media = workspace('packages/media', '@newsroom/media');
const metrics = workspace('packages/metrics', '@newsroom/metrics');
const api = workspace('apps/api', '@newsroom/api');
const anyWorkspace = '^(packages/|apps/|bench/|@newsroom/)';

// Tests, test helpers, fuzzers, stress runs and benchmarks may reach further than the code they
// exercise (a site test starts a real API over a seeded Store); the layer rules are for the code
// that ships.
const testCode = [
  '\\.test\\.ts$',
  '/testing/',
  '^apps/[^/]+/(test|e2e|stress|bench)/',
  '^apps/api/src/fuzz/',
  '^packages/[^/]+/src/.*\\.bench\\.ts$',
  '^bench/',
  '^scripts/',
];

/** A rule that `folder`'s shipped code imports no workspace but its own and `allowed`. */
function onlyImports(ruleName, folder, allowed, comment) {
  return {
    name: ruleName,
    comment,
    severity: 'error',
    from: { path: `^${folder}/`, pathNot: testCode },
    to: { path: anyWorkspace, pathNot: [`^${folder}/`, ...allowed] },
  };
}

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle means two files cannot be understood, tested or loaded apart.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    onlyImports(
      'domain-imports-no-workspace',
      'packages/domain',
      [],
      'The domain is pure: schemas and functions.',
    ),
    onlyImports(
      'ingest-imports-only-domain',
      'packages/ingest',
      [domain],
      'Parsers turn copy into drafts; they never see a Store.',
    ),
    onlyImports(
      'db-imports-only-domain',
      'packages/db',
      [domain],
      'The Store accepts domain shapes; it knows nothing of parsers or servers.',
    ),
    onlyImports(
      'media-imports-only-domain',
      'packages/media',
      [domain],
      'The image pipeline takes bytes and gives bytes; it knows nothing of Stores or servers.',
    ),
    onlyImports(
      'metrics-imports-no-workspace',
      'packages/metrics',
      [],
      'Counting and serving metrics needs nothing of the newsroom: any app may use it.',
    ),
    onlyImports(
      'sample-imports-domain-db-ingest',
      'packages/sample',
      [domain, db, ingest],
      'The sample newsroom is imported through ingest into a Store.',
    ),
    onlyImports(
      'api-imports-db-domain-media-and-public-fetch',
      'apps/api',
      [
        domain,
        db,
        media,
        metrics,
        '^(packages/ingest/(src|dist)/public-fetch\\.(ts|js|d\\.ts)$|@newsroom/ingest/public-fetch$)',
      ],
      'The API serves the Store, and pictures through the image pipeline; it reaches addresses users gave (webhooks) only through the fetch that keeps to the public internet.',
    ),
    onlyImports(
      'web-imports-only-api-client-and-domain',
      'apps/web',
      [domain, metrics, '^(apps/api/(src|dist)/client\\.(ts|js|d\\.ts)$|@newsroom/api/client$)'],
      'The site talks to the API over HTTP only, so no server code can reach a page.',
    ),
    onlyImports(
      'desk-imports-only-api-client-and-domain',
      'apps/desk',
      [domain, metrics, '^(apps/api/(src|dist)/client\\.(ts|js|d\\.ts)$|@newsroom/api/client$)'],
      'The desk talks to the API over HTTP only, so no server code (nor the Store) can reach a page.',
    ),
    onlyImports(
      'cli-imports-no-server',
      'apps/cli',
      [domain, db, ingest, sample, media],
      'The command works on the Store directly; it never embeds the API or the site.',
    ),
    {
      name: 'packages-import-no-app',
      comment: 'Nothing in packages/ imports from apps/, tests included.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: `^(apps/|${api.slice(1)})` },
    },
  ],
  options: {
    includeOnly: '^(packages|apps|bench|scripts|@newsroom)/',
    exclude: { path: ['node_modules', '/\\.astro/', '/\\.turbo/'] },
    doNotFollow: { path: ['node_modules', '/dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'types', 'default'],
      extensions: ['.ts', '.js', '.mjs', '.d.ts'],
    },
  },
};
