import type { ParseArgsConfig } from 'node:util';
import type { Store } from '@newsroom/db';
import type { CliIo } from '../run-cli.js';

export interface CommandContext {
  store: Store;
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
  io: CliIo;
}

export interface Command {
  options: NonNullable<ParseArgsConfig['options']>;
  /** Returns the process exit code. */
  run(context: CommandContext): Promise<number>;
}
