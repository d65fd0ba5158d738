import { parseArgs } from 'node:util';
import { openStore, type Store } from '@newsroom/db';
import { issuesLine } from '@newsroom/domain';
import { z } from 'zod';
import { type CliIo, processIo } from './cli-io.js';
import { backupCommand } from './commands/backup.js';
import { copyCommand } from './commands/copy.js';
import { importCommand } from './commands/import.js';
import { migrateCommand } from './commands/migrate.js';
import { restoreCommand } from './commands/restore.js';
import { seedCommand } from './commands/seed.js';
import { tokenCommand } from './commands/token.js';
import { userCommand } from './commands/user.js';
import { webhookCommand } from './commands/webhook.js';
import { loadCliConfig } from './config.js';

export const usage = `Usage: newsroom <command> [options]

Commands:
  migrate                         apply pending database migrations
  import <files|urls…> [--status draft|published] [--section SLUG] [--dry-run] [--json] [--force]
         [--fetch-images] [--allow-private]
                                  import web pages, scraped text, Markdown or RSS/Atom feeds; again
                                  is safe: unchanged stories are skipped, changed ones updated in
                                  place; --fetch-images keeps the pictures they point to in the
                                  library; --allow-private fetches from your own network
  seed [--count N] [--seed S] [--if-empty]
                                  add the sample stories and N generated articles (default 50)
  token create --role ROLE --name NAME [--author SLUG]
                                  create an API token (printed once; only its hash is stored)
  token revoke ID                 revoke a token
  backup FILE                     copy the embedded database into a new file (VACUUM INTO),
                                  checked before it is reported; PostgreSQL: use pg_dump
  restore FILE                    put a backup in place of the embedded database once it is
                                  checked, the database unused and the old one saved beside it
  copy --from URL --to URL        copy a whole newsroom into an empty database (SQLite to
                                  PostgreSQL, or either way), checked by counts and checksums
  user invite --email EMAIL --name NAME --role ROLE [--author SLUG]
                                  invite a person to the desk: prints a link, working once for
                                  72 hours, where they set a password (no mail is sent)
  user list [--status invited|active|suspended]
                                  everyone with a desk account: role, status, last sign-in
  user suspend EMAIL              stop a person signing in; their sessions end at once
  user reactivate EMAIL           let a suspended person sign in again
  user reset EMAIL                print a one-time link to choose a new password (2 hours;
                                  a new invitation link for someone who never accepted one)
  user role EMAIL ROLE            change a person's role: contributor, author, editor or admin
  webhook add --url URL --events TYPE,TYPE… [--description TEXT]
                                  register a webhook endpoint for those event types; prints its
                                  signing secret once
  webhook list                    every endpoint: its events, whether it is enabled, and why not

Environment:
  DATABASE_URL                    default file:./data/newsroom.db
  DESK_URL                        the desk's address, where links point;
                                  default http://localhost:4322
  WEBHOOK_ALLOW_PRIVATE           true lets a webhook point inside your own network; default false`;

const commands = {
  migrate: migrateCommand,
  import: importCommand,
  seed: seedCommand,
  token: tokenCommand,
  backup: backupCommand,
  restore: restoreCommand,
  copy: copyCommand,
  user: userCommand,
  webhook: webhookCommand,
} as const;

/** Runs one command and returns the exit code; every failure is one clear line on stderr. */
export async function runCli(
  argv: string[],
  env: Record<string, string | undefined>,
  io: CliIo = processIo,
): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(usage);
    return name ? 0 : 1;
  }
  if (!Object.hasOwn(commands, name)) {
    io.err(`Unknown command "${name}". Run "newsroom help" for the list.`);
    return 2;
  }
  const config = loadCliConfig(env);
  if (!config.ok) {
    io.err(config.message);
    return 2;
  }
  const command = commands[name as keyof typeof commands];
  let run: () => Promise<number>;
  let store: Store | undefined;
  try {
    const parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    if ('opensOwnDatabases' in command) {
      const action = command.prepare(parsed, config.cwd);
      run = () => action({ io, databaseUrl: config.databaseUrl });
    } else {
      const action = command.prepare(parsed);
      run = async () => {
        store = await openStore(config.databaseUrl);
        return action({
          store,
          io,
          cwd: config.cwd,
          databaseUrl: config.databaseUrl,
          deskUrl: config.deskUrl,
          allowPrivateNetworks: config.allowPrivateNetworks,
          webhookAllowPrivate: config.webhookAllowPrivate,
          mediaLimits: config.mediaLimits,
        });
      };
    }
  } catch (error) {
    const reason = error instanceof z.ZodError ? issuesLine(error) : (error as Error).message;
    io.err(`${name}: ${reason}`);
    return 2;
  }
  try {
    return await run();
  } catch (error) {
    io.err(`${name}: ${(error as Error).message}`);
    return 1;
  } finally {
    await store?.close();
  }
}
