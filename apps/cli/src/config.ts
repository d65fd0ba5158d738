import { DatabaseUrlSchema, resolveDatabaseUrl } from '@newsroom/db';
import { issuesLine } from '@newsroom/domain';
import { z } from 'zod';

const CliEnvSchema = z.object({
  DATABASE_URL: DatabaseUrlSchema,
  INIT_CWD: z.string().optional(),
});

/**
 * The CLI's environment. A relative database path, like a relative input path, counts from
 * where npm was run (INIT_CWD): npm runs the workspace's script in apps/cli.
 */
export function loadCliConfig(
  env: Record<string, string | undefined>,
): { ok: true; databaseUrl: string; cwd: string } | { ok: false; message: string } {
  const result = CliEnvSchema.safeParse(env);
  if (!result.success) {
    return { ok: false, message: `Invalid configuration: ${issuesLine(result.error)}` };
  }
  const cwd = result.data.INIT_CWD ?? process.cwd();
  return { ok: true, databaseUrl: resolveDatabaseUrl(result.data.DATABASE_URL, cwd), cwd };
}
