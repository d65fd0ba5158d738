import { DatabaseUrlSchema, resolveDatabaseUrl } from '@newsroom/db';
import { issuesLine } from '@newsroom/domain';
import { z } from 'zod';

const CliEnvSchema = z.object({
  DATABASE_URL: DatabaseUrlSchema,
  INIT_CWD: z.string().optional(),
});

/** The CLI's environment; a relative database path counts from where npm was run. */
export function loadCliConfig(
  env: Record<string, string | undefined>,
): { ok: true; databaseUrl: string } | { ok: false; message: string } {
  const result = CliEnvSchema.safeParse(env);
  if (!result.success) {
    return { ok: false, message: `Invalid configuration: ${issuesLine(result.error)}` };
  }
  return {
    ok: true,
    databaseUrl: resolveDatabaseUrl(result.data.DATABASE_URL, result.data.INIT_CWD ?? process.cwd()),
  };
}
