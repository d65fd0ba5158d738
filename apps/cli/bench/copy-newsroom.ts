/**
 * How fast `newsroom copy` moves a newsroom: a SQLite file seeded with 10,000 generated
 * articles (plus the sample stories with their revisions and import records, bylines, tags),
 * copied with copyNewsroom, as the command does, into a new SQLite file (the baseline), into
 * PGlite, and into a new database on the PostgreSQL server that TEST_DATABASE_URL names, if
 * set. Each time is the command's whole work: opening and migrating both sides, copying,
 * reading every table back from both sides for the counts and checksums, and ANALYZE; PGlite's
 * start-up is not counted, as a server's would not be. Median of several runs; every run's
 * checksums must agree. Prints figures and never fails on a slow machine.
 *
 *   npm run bench                       (from the root: every workspace's benchmarks)
 *   BENCH_ITEMS=2000 BENCH_RUNS=5 TEST_DATABASE_URL=postgres://… npm run bench --workspace=@newsroom/cli
 *
 * PGlite and pg are the db package's (dev) dependencies, found through the workspace root.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { type CopyReport, type CopyTarget, copyNewsroom, openSqliteStore } from '@newsroom/db';
import { freshServerDatabase } from '@newsroom/db/testing/server-database';
import { seed } from '@newsroom/sample';
import pg from 'pg';

// `npm run bench -- --quick` sets BENCH_QUICK: a smaller run that only shows the bench still works.
const quick = process.env.BENCH_QUICK === '1';
const articles = Number(process.env.BENCH_ITEMS ?? (quick ? 1_000 : 10_000));
const runs = Number(process.env.BENCH_RUNS ?? (quick ? 1 : 3));
const serverUrl = process.env.TEST_DATABASE_URL;
const serverDatabase = 'newsroom_bench_copy';

interface Target {
  label: string;
  /** A new, empty destination, and how to dispose of it after the run. */
  open: (run: number) => Promise<{ target: CopyTarget; dispose: () => Promise<void> }>;
}

const targets: Target[] = [
  {
    label: 'SQLite → SQLite file (baseline)',
    open: async (run) => ({ target: `file:${join(dir(), `copy-${run}.db`)}`, dispose: async () => {} }),
  },
  {
    label: 'SQLite → PGlite',
    open: async () => {
      const pglite = new PGlite({ extensions: { unaccent } });
      await pglite.waitReady;
      return { target: pglite, dispose: () => pglite.close() };
    },
  },
  ...(serverUrl
    ? [
        {
          label: 'SQLite → PostgreSQL server',
          open: async () => ({
            target: await freshServerDatabase(serverUrl, serverDatabase),
            dispose: async () => {},
          }),
        },
      ]
    : []),
];

let workDir: string | undefined;
function dir(): string {
  workDir ??= mkdtempSync(join(tmpdir(), 'newsroom-copy-bench-'));
  return workDir;
}

try {
  await main();
} finally {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
  if (serverUrl) await dropServerDatabase(serverUrl);
}

async function main() {
  const source = join(dir(), 'source.db');
  const store = await openSqliteStore(source);
  try {
    await seed(store, { count: articles, seed: 3 });
  } finally {
    await store.close();
  }
  const sourceUrl = `file:${source}`;

  const times = new Map<string, { total: number; copy: number }[]>();
  let reference: CopyReport | undefined;
  for (let run = 1; run <= runs; run++) {
    for (const target of targets) {
      const destination = await target.open(run);
      try {
        let copied = 0;
        const started = performance.now();
        const report = await copyNewsroom(sourceUrl, destination.target, {
          onProgress: (progress) => {
            if (progress.phase === 'verifying' && copied === 0) copied = seconds(started);
          },
        });
        const total = seconds(started);
        times.set(target.label, [...(times.get(target.label) ?? []), { total, copy: copied }]);
        reference ??= report;
        if (checksumsOf(report) !== checksumsOf(reference)) {
          throw new Error(`${target.label} gave other checksums than ${targets[0]?.label}`);
        }
      } finally {
        await destination.dispose();
      }
    }
  }
  if (!reference) return;

  const rows = reference.rows;
  const articleRows = reference.tables.find((t) => t.table === 'articles')?.rows ?? 0;
  console.log(
    `copy a generated newsroom: ${articleRows.toLocaleString('en')} articles, ${rows.toLocaleString('en')} rows ` +
      `in ${reference.tables.length} tables (a ${(statSync(source).size / 1_048_576).toFixed(1)} MB SQLite file), ` +
      `median of ${runs} runs`,
  );
  const baseline = median((times.get(targets[0]?.label ?? '') ?? []).map((t) => t.total));
  for (const target of targets) {
    const measured = times.get(target.label) ?? [];
    const total = median(measured.map((t) => t.total));
    const copy = median(measured.map((t) => t.copy));
    console.log(
      `  ${target.label.padEnd(32)} ${total.toFixed(2).padStart(6)} s  ` +
        `${Math.round(rows / total)
          .toLocaleString('en')
          .padStart(7)} rows/s  ${Math.round(articleRows / total)
          .toLocaleString('en')
          .padStart(6)} articles/s  ` +
        `(copy ${copy.toFixed(2)} s, checks ${(total - copy).toFixed(2)} s)  ${(total / baseline).toFixed(1)}× the baseline`,
    );
  }
  console.log(
    `  runs: ${targets
      .map(
        (t) =>
          `${t.label.split(' → ')[1]?.split(' ')[0]} ${(times.get(t.label) ?? []).map((m) => m.total.toFixed(2)).join(', ')} s`,
      )
      .join('; ')}`,
  );
  console.log(
    `  every copy matched its source: ${reference.tables.map((t) => t.table).join(', ')} by count and sha256`,
  );
}

function checksumsOf(report: CopyReport): string {
  return report.tables.map((t) => `${t.table}:${t.rows}:${t.checksum}`).join(' ');
}

/** The benchmark's database on the server holds a copy of the whole newsroom: not left behind. */
async function dropServerDatabase(url: string) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${serverDatabase} with (force)`);
  } finally {
    await admin.end();
  }
}

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
