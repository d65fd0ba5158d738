import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '@newsroom/api/testing';

const root = new URL('../../../', import.meta.url).pathname;

async function waitFor(url: string, child: ChildProcess, output: () => string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`${url} exited early:\n${output()}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {}
    await sleep(250);
  }
  throw new Error(`${url} did not answer in 30 s:\n${output()}`);
}

function start(args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: 'pipe' });
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  return { child, output: () => output };
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

  const [apiPort, webPort] = [await freePort(), await freePort()];
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const siteUrl = `http://127.0.0.1:${webPort}`;
  // The site forwards each reader's address so the API's per-address limits see readers, not the site.
  const api = start(['apps/api/dist/main.js'], {
    DATABASE_URL: databaseUrl,
    API_PORT: String(apiPort),
    API_TRUST_PROXY: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ...options.apiEnv,
  });
  const web = start(['apps/web/server.mjs'], {
    WEB_PORT: String(webPort),
    API_URL: apiUrl,
    SITE_URL: siteUrl,
  });
  const stop = async () => {
    for (const { child } of [api, web]) {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(`${apiUrl}/readyz`, api.child, api.output);
    await waitFor(siteUrl, web.child, web.output);
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
