#!/usr/bin/env node
// After `npm test` with TEST_DATABASE_URL set (CI): proves the PostgreSQL-server suites ran.
// Without a server they show as skipped, so a green run could otherwise hide that nothing ran
// against a real server. Reads each workspace's Vitest JSON report (test-results/vitest.json,
// written when `npm test -- --reporter=default --reporter=json --outputFile.json=…` asks) and
// fails unless every workspace that has server suites ran them all, none skipped.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
// The same words as serverSuiteMarker in packages/db/src/testing/server-database.ts.
const marker = 'on a PostgreSQL server';
const workspaces = ['packages/db', 'packages/sample', 'apps/api', 'apps/cli'];
const required = ['packages/db', 'apps/api', 'apps/cli'];

let failed = false;
for (const workspace of workspaces) {
  const report = path.join(root, workspace, 'test-results', 'vitest.json');
  if (!existsSync(report)) {
    if (required.includes(workspace)) {
      console.error(`${workspace}: no test report at ${path.relative(root, report)}`);
      failed = true;
    }
    continue;
  }
  const { testResults } = JSON.parse(readFileSync(report, 'utf8'));
  const serverTests = testResults.flatMap((file) =>
    file.assertionResults.filter((test) => test.fullName.includes(marker)),
  );
  const passed = serverTests.filter((test) => test.status === 'passed').length;
  const notRun = serverTests.filter((test) => test.status !== 'passed' && test.status !== 'failed').length;
  console.log(`${workspace}: ${passed} server tests passed, ${notRun} not run`);
  if (notRun > 0 || (required.includes(workspace) && passed === 0)) failed = true;
}
if (failed) {
  console.error(
    'The PostgreSQL-server suites did not all run: is TEST_DATABASE_URL set and reaching the tests?',
  );
  process.exit(1);
}
