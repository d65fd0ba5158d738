import type { ParseArgsConfig } from 'node:util';
import type { Store } from '@newsroom/db';
import type { CliIo } from '../cli-io.js';
import type { MediaLimits } from '../config.js';

export interface ParsedArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

/**
 * The work a command does once its arguments have been checked. Returns the exit code. `cwd`
 * is where the operator ran the command (INIT_CWD under npm), for relative paths.
 */
export type CommandAction = (context: {
  store: Store;
  io: CliIo;
  cwd?: string;
  /** The resolved DATABASE_URL, for commands that work on the database file itself. */
  databaseUrl?: string;
  /** DESK_URL without a trailing slash, for the links people open (invitations, resets). */
  deskUrl?: string;
  /** NEWSROOM_FETCH_PRIVATE=allow: URLs may lead to private and loopback addresses. */
  allowPrivateNetworks?: boolean;
  /** WEBHOOK_ALLOW_PRIVATE=true: webhooks may point at private and loopback addresses. */
  webhookAllowPrivate?: boolean;
  /** MEDIA_MAX_BYTES and MEDIA_MAX_PIXELS, for pictures fetched into the media library. */
  mediaLimits?: MediaLimits;
}) => Promise<number>;

export interface Command {
  options: NonNullable<ParseArgsConfig['options']>;
  /**
   * Checks the arguments (throwing a ZodError or a UsageError) before the database is opened,
   * so a wrong flag never touches it.
   */
  prepare(args: ParsedArgs): CommandAction;
}

/**
 * A command that opens the databases it names itself (copy, restore): runCli opens no Store
 * from DATABASE_URL for it, which would create and migrate a database the command never uses,
 * or hold open the file a restore must find unused.
 */
export interface StandaloneCommand {
  opensOwnDatabases: true;
  options: NonNullable<ParseArgsConfig['options']>;
  /**
   * As Command's: checks the arguments before anything is opened; `cwd` is for relative paths.
   * `databaseUrl` is the resolved DATABASE_URL, for a command that works on that file (restore).
   */
  prepare(args: ParsedArgs, cwd: string): (context: { io: CliIo; databaseUrl: string }) => Promise<number>;
}

/** Arguments that do not make a command; reported with the command's usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}
