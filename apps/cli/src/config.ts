import { DatabaseUrlSchema, resolveDatabaseUrl } from '@newsroom/db';
import { issuesLine } from '@newsroom/domain';
import { z } from 'zod';

export const defaultDeskUrl = 'http://localhost:4322';

/**
 * The desk's public address, where invitation and reset links point: http(s), with no query
 * or fragment (the link's own path and key follow it), kept without a trailing slash so
 * `${deskUrl}/invitation` never has two.
 */
const DeskUrlSchema = z
  .string()
  .max(2000, 'at most 2000 characters')
  .default(defaultDeskUrl)
  .transform((value, ctx) => {
    const url = URL.parse(value);
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      ctx.addIssue({ code: 'custom', message: 'an http:// or https:// address' });
      return z.NEVER;
    }
    if (url.search || url.hash || value.includes('?') || value.includes('#')) {
      ctx.addIssue({
        code: 'custom',
        message: 'an address without ?query or #fragment, since links add their own',
      });
      return z.NEVER;
    }
    return url.href.replace(/\/+$/, '');
  });

/** MEDIA_MAX_BYTES and MEDIA_MAX_PIXELS: the most a picture kept in the media library may be. */
export interface MediaLimits {
  maxBytes: number;
  maxPixels: number;
}

/** The API's defaults (apps/api/src/config.ts), so a picture the CLI keeps is one the API would take. */
export const defaultMediaLimits: Readonly<MediaLimits> = { maxBytes: 20_971_520, maxPixels: 50_000_000 };

const count = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const CliEnvSchema = z.object({
  DATABASE_URL: DatabaseUrlSchema,
  DESK_URL: DeskUrlSchema,
  /** Whether imports may fetch from private and loopback addresses (the newsroom's own network). */
  NEWSROOM_FETCH_PRIVATE: z.enum(['refuse', 'allow']).default('refuse'),
  /** Whether a webhook may point at a private or loopback address, as the API's own setting. */
  WEBHOOK_ALLOW_PRIVATE: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
  /** The API's limits on an uploaded picture, which `import --fetch-images` holds downloads to as well. */
  MEDIA_MAX_BYTES: count(1_024, 200_000_000, defaultMediaLimits.maxBytes),
  MEDIA_MAX_PIXELS: count(1_000_000, 500_000_000, defaultMediaLimits.maxPixels),
  INIT_CWD: z.string().optional(),
});

export type CliConfig = {
  ok: true;
  databaseUrl: string;
  deskUrl: string;
  cwd: string;
  allowPrivateNetworks: boolean;
  webhookAllowPrivate: boolean;
  mediaLimits: MediaLimits;
};

/**
 * The CLI's environment. A relative database path, like a relative input path, counts from
 * where npm was run (INIT_CWD): npm runs the workspace's script in apps/cli.
 */
export function loadCliConfig(
  env: Record<string, string | undefined>,
): CliConfig | { ok: false; message: string } {
  const result = CliEnvSchema.safeParse(env);
  if (!result.success) {
    return { ok: false, message: `Invalid configuration: ${issuesLine(result.error)}` };
  }
  const cwd = result.data.INIT_CWD ?? process.cwd();
  return {
    ok: true,
    databaseUrl: resolveDatabaseUrl(result.data.DATABASE_URL, cwd),
    deskUrl: result.data.DESK_URL,
    cwd,
    allowPrivateNetworks: result.data.NEWSROOM_FETCH_PRIVATE === 'allow',
    webhookAllowPrivate: result.data.WEBHOOK_ALLOW_PRIVATE === 'true',
    mediaLimits: { maxBytes: result.data.MEDIA_MAX_BYTES, maxPixels: result.data.MEDIA_MAX_PIXELS },
  };
}
