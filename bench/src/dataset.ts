import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sampleStories } from '@newsroom/sample';
import { paths } from './paths.ts';
import { runToEnd } from './processes.ts';

export interface Dataset {
  /** Generated articles asked for. */
  size: number;
  file: string;
  /** Published articles in it: the generated ones and the sample stories. */
  articles: number;
  /** How long seeding took; null when an earlier run's file was reused. */
  seededSeconds: number | null;
}

/**
 * A SQLite file seeded by the CLI (`newsroom seed --count <size> --seed 1`, what
 * `npm run cli -- seed` runs) and kept in bench-results/datasets/, since 100,000 articles take a
 * while to make. A file is reused when the CLI's `migrate` counts the articles it should hold;
 * seeding writes to another name and renames when done, so an interrupted seed is never reused.
 */
export async function datasetOf(size: number, log: (line: string) => void): Promise<Dataset> {
  mkdirSync(paths.datasets, { recursive: true });
  const file = join(paths.datasets, `newsroom-${size}.db`);
  const articles = size + sampleStories.length;
  if (existsSync(file)) {
    const found = await articleCount(file);
    if (found === articles) return { size, file, articles, seededSeconds: null };
    log(`${relative(paths.root, file)} holds ${found} articles, not ${articles}: seeding it again`);
  }
  const partial = `${file}.partial`;
  removeDatabase(partial);
  log(
    `seeding ${size.toLocaleString('en')} articles into ${relative(paths.root, file)} (later runs reuse it)`,
  );
  const started = performance.now();
  await cli(partial, ['seed', '--count', String(size), '--seed', '1']);
  const seededSeconds = (performance.now() - started) / 1000;
  removeDatabase(file);
  for (const suffix of databaseSuffixes) {
    if (existsSync(`${partial}${suffix}`)) renameSync(`${partial}${suffix}`, `${file}${suffix}`);
  }
  const found = await articleCount(file);
  if (found !== articles) throw new Error(`the seeded ${file} holds ${found} articles, not ${articles}`);
  return { size, file, articles, seededSeconds };
}

/** What `newsroom migrate` reports: "Database is up to date (1003 articles)." */
async function articleCount(file: string): Promise<number> {
  const { stdout } = await cli(file, ['migrate']);
  const match = /\(([\d,]+) articles?\)/.exec(stdout);
  if (!match?.[1]) throw new Error(`newsroom migrate reported no article count: ${stdout.trim()}`);
  return Number(match[1].replaceAll(',', ''));
}

function cli(file: string, args: string[]) {
  return runToEnd(`newsroom ${args[0]}`, process.execPath, [paths.cliMain, ...args], {
    env: { ...process.env, DATABASE_URL: `file:${file}` },
  });
}

/** A SQLite database is its file and, while in use or after a crash, these companions. */
const databaseSuffixes = ['', '-wal', '-shm', '-journal'];

function removeDatabase(file: string): void {
  for (const suffix of databaseSuffixes) rmSync(`${file}${suffix}`, { force: true });
}
