import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@newsroom/api/testing';

const root = new URL('../../../', import.meta.url).pathname;

interface Started {
  child: ChildProcess;
  /** The last of what it printed, stdout and stderr, for a failure's message. */
  output(): string;
}

function start(args: string[], env: Record<string, string>): Started {
  let output = '';
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: 'pipe' });
  const keep = (chunk: Buffer) => {
    output = (output + chunk).slice(-65_536);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => output };
}

/**
 * Resolves once `started` has printed `pattern` (the line that says it is ready), with the
 * pattern's first group if it has one.
 */
function printed(started: Started, pattern: RegExp, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} did not start in 60 s:\n${started.output()}`)),
      60_000,
    );
    const look = () => {
      const found = pattern.exec(started.output());
      if (!found) return;
      clearTimeout(timer);
      started.child.stdout?.off('data', look);
      resolve(found[1] ?? found[0]);
    };
    started.child.stdout?.on('data', look);
    // It may have said so already, with an earlier line.
    look();
    started.child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`${name} exited early:\n${started.output()}`));
    });
  });
}

export interface RunningNewsroom {
  siteUrl: string;
  apiUrl: string;
  /** A new API token with `role`, made by the CLI as an operator would. */
  mintToken(role: 'admin' | 'editor'): string;
  stop(): Promise<void>;
}

/**
 * Seeds a fresh database and starts the built API and site on free ports, as `npm start` does.
 * `apiEnv` adds to the API's environment (a test that writes a lot raises the rate limits).
 */
export async function startNewsroom(
  options: { apiEnv?: Record<string, string> } = {},
): Promise<RunningNewsroom> {
  for (const built of ['apps/api/dist/main.js', 'apps/web/dist/server/entry.mjs', 'apps/cli/dist/main.js']) {
    if (!existsSync(join(root, built))) throw new Error(`${built} is missing: run "npm run build" first`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'newsroom-e2e-'));
  const databaseUrl = `file:${join(dir, 'newsroom.db')}`;
  const seeded = spawnSync(process.execPath, ['apps/cli/dist/main.js', 'seed', '--count', '20'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
  if (seeded.status !== 0) throw new Error(`seeding failed: ${seeded.stderr}`);

  // The API takes a port of its own (API_PORT=0) and says which once it is ready. The site
  // cannot: its public address (SITE_URL, in every canonical link, feed and sitemap) must be
  // known before it starts, so it gets a port that was free a moment ago.
  const api = start(['apps/api/dist/main.js'], {
    DATABASE_URL: databaseUrl,
    API_PORT: '0',
    // The site forwards each reader's address so the API's per-address limits see readers, not the site.
    API_TRUST_PROXY: '127.0.0.1',
    // Info, for the line that names the port; the requests logged with it are kept only for a failure's message.
    LOG_LEVEL: 'info',
    ...options.apiEnv,
  });
  const siteUrl = `http://127.0.0.1:${await freePort()}`;
  let web: Started | null = null;
  const stop = async () => {
    for (const { child } of [api, web].filter((s): s is Started => s !== null)) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  let apiUrl: string;
  try {
    apiUrl = await printed(api, /"msg":"Server listening at (http:\/\/[^"]+)"/, 'The API');
    await printed(api, /"msg":"API ready"/, 'The API');
    web = start(['apps/web/server.mjs'], {
      WEB_PORT: new URL(siteUrl).port,
      API_URL: apiUrl,
      SITE_URL: siteUrl,
    });
    await printed(web, /^Site listening on (http:\/\/\S+)$/m, 'The site');
  } catch (error) {
    await stop();
    throw error;
  }
  const mintToken = (role: 'admin' | 'editor') => {
    const made = spawnSync(
      process.execPath,
      ['apps/cli/dist/main.js', 'token', 'create', '--role', role, '--name', `e2e ${role}`],
      { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: 'utf8' },
    );
    // The token is the last line the command prints.
    const token = made.stdout.trim().split('\n').at(-1);
    if (made.status !== 0 || !token) throw new Error(`token create failed: ${made.stderr}`);
    return token;
  };
  return { siteUrl, apiUrl, mintToken, stop };
}
