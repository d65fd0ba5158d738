import { DatabaseUrlSchema, resolveDatabaseUrl } from '@newsroom/db';
import { issuesLine } from '@newsroom/domain';
import { z } from 'zod';

/** The API's environment, validated once at start-up. Defaults suit a developer's machine. */
export const ApiConfigSchema = z.object({
  API_PORT: z.coerce.number().int().min(0).max(65_535).default(3001),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: DatabaseUrlSchema,
  /** Largest request body accepted, in bytes. */
  API_MAX_BODY_BYTES: z.coerce.number().int().min(1_024).max(50_000_000).default(1_000_000),
  /** Where npm was run: a relative database path counts from there. */
  INIT_CWD: z.string().optional(),
});
export type ApiConfig = Omit<z.infer<typeof ApiConfigSchema>, 'INIT_CWD'>;

/** The config, or one line that says which variable is wrong and why. */
export function loadApiConfig(
  env: Record<string, string | undefined>,
): { ok: true; config: ApiConfig } | { ok: false; message: string } {
  const result = ApiConfigSchema.safeParse(env);
  if (!result.success) {
    return { ok: false, message: `Invalid configuration: ${issuesLine(result.error)}` };
  }
  const { INIT_CWD, ...config } = result.data;
  return {
    ok: true,
    config: { ...config, DATABASE_URL: resolveDatabaseUrl(config.DATABASE_URL, INIT_CWD ?? process.cwd()) },
  };
}
