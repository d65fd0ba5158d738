#!/usr/bin/env node
// `npm run bench`: builds the production output, then runs every workspace's benchmarks one at a
// time through Turborepo (one at a time: each wants the machine to itself). `--quick` makes each
// of them small (BENCH_QUICK=1); any other flag goes to the HTTP suite in bench/ (BENCH_ARGS),
// e.g. `npm run bench -- --sizes 1000,10000`. Flags are checked here first, so a typo fails at
// once rather than after the build and the other benchmarks.
import { spawnSync } from 'node:child_process';
import { parseBenchArgs, UsageError, usage } from '../bench/src/args.ts';

const root = new URL('..', import.meta.url).pathname;
const argv = process.argv.slice(2);
try {
  if (parseBenchArgs(argv).help) {
    console.log(usage);
    process.exit(0);
  }
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`bench: ${error.message}\n\n${usage}`);
  process.exit(2);
}

const env = { ...process.env };
if (argv.includes('--quick')) env.BENCH_QUICK = '1';
const passed = argv.filter((arg) => arg !== '--quick');
if (passed.length > 0) env.BENCH_ARGS = passed.join(' ');

for (const args of [
  ['turbo', 'run', 'build', '--output-logs=errors-only'],
  // new-only: the builds' logs were shown above; replaying them from the cache says nothing.
  ['turbo', 'run', 'bench', '--concurrency=1', '--output-logs=new-only'],
]) {
  const { status, signal } = spawnSync('npx', args, { cwd: root, env, stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? (signal === 'SIGINT' ? 130 : 1));
}
