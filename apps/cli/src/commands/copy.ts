import { type CopyProgress, type CopyReport, copyNewsroom, resolveDatabaseUrl } from '@newsroom/db';
import type { CliIo } from '../cli-io.js';
import { type StandaloneCommand, UsageError } from './command.js';

const use = 'use "copy --from URL --to URL", naming the database to copy and an empty one to copy into';
const redrawEveryMs = 100;

/**
 * `newsroom copy --from URL --to URL`: the whole newsroom into an empty database, checked
 * table by table (copyNewsroom). Both URLs are required: DATABASE_URL is not taken as the
 * source, since during a move it may already name the new database, and a copy is the one
 * command where mistaking one database for the other matters most.
 */
export const copyCommand: StandaloneCommand = {
  opensOwnDatabases: true,
  options: { from: { type: 'string' }, to: { type: 'string' } },
  prepare({ values, positionals }, cwd) {
    const { from, to } = values;
    if (typeof from !== 'string' || typeof to !== 'string' || positionals.length > 0) {
      throw new UsageError(use);
    }
    const source = resolvedUrl('--from', from, cwd);
    const destination = resolvedUrl('--to', to, cwd);
    if (source === destination) throw new UsageError('--from and --to name the same database');
    return async ({ io }) => {
      let report: CopyReport;
      try {
        report = await copyNewsroom(source, destination, { onProgress: progressLine(io) });
      } finally {
        io.status?.('');
      }
      for (const line of reportLines(report)) io.out(line);
      return 0;
    };
  },
};

/** The URL with a relative file path made absolute, as DATABASE_URL is; a bad URL is a usage error. */
function resolvedUrl(flag: string, url: string, cwd: string): string {
  try {
    return resolveDatabaseUrl(url, cwd);
  } catch (error) {
    throw new UsageError(`${flag}: ${(error as Error).message.replace(/^DATABASE_URL /, 'the URL ')}`);
  }
}

/** One line per table, then the summary. */
function reportLines(report: CopyReport): string[] {
  const seconds = report.milliseconds / 1000;
  const nameWidth = Math.max(...report.tables.map((t) => t.table.length));
  const rowsWidth = Math.max(...report.tables.map((t) => t.rows.toLocaleString('en').length));
  const backend = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
  return [
    ...report.tables.map(
      (t) =>
        `${t.table.padEnd(nameWidth)}  ${t.rows.toLocaleString('en').padStart(rowsWidth)} rows  ` +
        `sha256 ${t.checksum.slice(0, 16)}…`,
    ),
    `Copied ${report.rows.toLocaleString('en')} rows in ${report.tables.length} tables from ` +
      `${backend[report.source]} to ${backend[report.destination]} in ${seconds.toFixed(1)} s ` +
      `(${Math.round(report.rows / Math.max(seconds, 0.001)).toLocaleString('en')} rows/s); ` +
      'every count and checksum matches the source.',
  ];
}

/** "copying articles 5,000 of 10,023" on the terminal's status line, at most every 100 ms. */
function progressLine(io: CliIo): ((progress: CopyProgress) => void) | undefined {
  const status = io.status;
  if (!status) return undefined;
  let drawn = 0;
  return ({ phase, table, rows, totalRows }) => {
    const now = Date.now();
    if (now - drawn < redrawEveryMs) return;
    drawn = now;
    status(
      phase === 'copying'
        ? `copying ${table} ${rows.toLocaleString('en')} of ${totalRows.toLocaleString('en')}`
        : `verifying ${table} (${totalRows.toLocaleString('en')} rows)`,
    );
  };
}
