import { createRequire } from 'node:module';
import { join } from 'node:path';
import { paths } from './paths.ts';
import { freePort, type RunningProcess, runToEnd, startProcess, waitUntilAnswering } from './processes.ts';

/** A server under test, running from the built output on 127.0.0.1. */
export interface Service {
  name: string;
  /** http://127.0.0.1:<port> */
  url: string;
  process: RunningProcess;
}

/**
 * Only what a process needs from the suite's own environment: an API_RESPONSE_CACHE_MB or
 * WEB_PORT left in the shell must not change what the "normal" path measures.
 */
function baseEnv(): NodeJS.ProcessEnv {
  const { PATH, HOME, LANG, TMPDIR } = process.env;
  return Object.fromEntries(
    Object.entries({ PATH, HOME, LANG, TMPDIR }).filter(([, value]) => value !== undefined),
  );
}

/**
 * The built API (apps/api/dist/main.js) on its own Node process, spawned directly (not through
 * npm) so its pid is the server's, whose peak memory the report reads. No scheduler, quiet logs,
 * rate limits out of reach (reads are never limited, but nothing measured should meet one).
 * `env` adds what one benchmark needs (webhooks to 127.0.0.1); `entry` runs another script
 * with the same environment instead (src/api-store-variant.ts and its arguments).
 */
export async function startApi(
  name: string,
  databaseFile: string,
  options: { responseCache: boolean; env?: Record<string, string>; entry?: readonly string[] },
) {
  const port = await freePort();
  const env = {
    ...baseEnv(),
    DATABASE_URL: `file:${databaseFile}`,
    API_PORT: String(port),
    API_HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    API_SCHEDULER_INTERVAL_MS: '0',
    API_RATE_LIMIT_WRITES: '1000000',
    API_RATE_LIMIT_COMMENTS: '1000000',
    API_RATE_LIMIT_BAD_TOKENS: '1000000',
    ...(options.responseCache ? {} : { API_RESPONSE_CACHE_MB: '0' }),
    ...options.env,
  };
  // Started as docs/deploy.md says, with its flag.
  return serve(
    name,
    ['--max-semi-space-size=8', ...(options.entry ?? [paths.apiMain])],
    env,
    port,
    '/readyz',
  );
}

/** The built site (apps/web/server.mjs), reading from `apiUrl`. */
export async function startSite(name: string, apiUrl: string, options: { pageCache: boolean }) {
  const port = await freePort();
  const env = {
    ...baseEnv(),
    WEB_PORT: String(port),
    WEB_HOST: '127.0.0.1',
    API_URL: apiUrl,
    SITE_URL: `http://127.0.0.1:${port}`,
    // Ignored by a site that has no page cache yet.
    ...(options.pageCache ? {} : { WEB_PAGE_CACHE_MB: '0' }),
  };
  return serve(name, [paths.siteServer], env, port, '/healthz');
}

/**
 * bench/hello-site: one Astro page that says hello, with the site's Astro and adapter versions,
 * built here and started as the site is (the standalone entry, on its own Node process), so its
 * req/s is the least any server-rendered Astro page costs on this machine.
 */
export async function buildHelloSite(): Promise<void> {
  const astro = join(createRequire(import.meta.url).resolve('astro/package.json'), '..', 'bin', 'astro.mjs');
  await runToEnd('astro build (bench/hello-site)', process.execPath, [astro, 'build', '--silent'], {
    cwd: paths.helloSite,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
}

export async function startHelloSite() {
  const port = await freePort();
  const env = { ...baseEnv(), HOST: '127.0.0.1', PORT: String(port) };
  return serve('hello site', [paths.helloSiteEntry], env, port, '/');
}

/** bench/src/trpc-floor-server.ts answering `answerFile`'s body; ready when `readyPath` answers. */
export async function startTrpcFloor(answerFile: string, readyPath: string) {
  const port = await freePort();
  return serve('tRPC floor', [paths.trpcFloorServer, answerFile, String(port)], baseEnv(), port, readyPath);
}

async function serve(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  port: number,
  readyPath: string,
): Promise<Service> {
  const url = `http://127.0.0.1:${port}`;
  const started = startProcess(name, process.execPath, args, { cwd: paths.root, env });
  await waitUntilAnswering(started, `${url}${readyPath}`);
  return { name, url, process: started };
}
