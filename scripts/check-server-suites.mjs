#!/usr/bin/env node
// After `npm test` in CI: proves the PostgreSQL-server suites and the promtool suites ran.
// Without a server (or promtool) they show as skipped, so a green run could otherwise hide that
// nothing ran against a real server. Reads each workspace's Vitest JSON report (test-results/vitest.json,
// written when `npm test -- --reporter=default --reporter=json --outputFile.json=…` asks) and
// fails unless every workspace that has server suites ran them all, none skipped.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
// Suites that need a server or a tool CI installs name it in their title (the same words as
// serverSuiteMarker in packages/db/src/testing/server-database.ts and promtoolSuiteMarker in
// packages/metrics/src/testing/promtool.ts).
const suites = [
  {
    marker: 'on a PostgreSQL server',
    workspaces: ['packages/db', 'packages/sample', 'apps/api', 'apps/cli'],
    required: ['packages/db', 'apps/api', 'apps/cli'],
    hint: 'is TEST_DATABASE_URL set and reaching the tests?',
  },
  {
    marker: 'checked by promtool',
    workspaces: ['packages/metrics', 'apps/api', 'apps/web', 'apps/desk'],
    required: ['packages/metrics', 'apps/api', 'apps/web', 'apps/desk'],
    hint: 'is promtool (Debian package prometheus) installed?',
  },
];

let failed = false;
for (const { marker, workspaces, required, hint } of suites) {
  let suiteFailed = false;
  for (const workspace of workspaces) {
    const report = path.join(root, workspace, 'test-results', 'vitest.json');
    if (!existsSync(report)) {
      if (required.includes(workspace)) {
        console.error(`${workspace}: no test report at ${path.relative(root, report)}`);
        suiteFailed = true;
      }
      continue;
    }
    const { testResults } = JSON.parse(readFileSync(report, 'utf8'));
    const tests = testResults.flatMap((file) =>
      file.assertionResults.filter((test) => test.fullName.includes(marker)),
    );
    const passed = tests.filter((test) => test.status === 'passed').length;
    const notRun = tests.filter((test) => test.status !== 'passed' && test.status !== 'failed').length;
    console.log(`${workspace}: ${passed} tests ${marker} passed, ${notRun} not run`);
    if (notRun > 0 || (required.includes(workspace) && passed === 0)) suiteFailed = true;
  }
  if (suiteFailed) console.error(`The suites ${marker} did not all run: ${hint}`);
  failed ||= suiteFailed;
}
if (failed) process.exit(1);
