import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startTestApi } from '@newsroom/api/testing';
import { openStore, type Store } from '@newsroom/db';
import type { Role } from '@newsroom/domain';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations } from '../../web/e2e/axe.ts';

const deskDir = new URL('../', import.meta.url).pathname;

export interface RunningDesk {
  /** The desk's public address, http://localhost:<port>: pages are opened there. */
  deskUrl: string;
  apiUrl: string;
  /** The reader site's address, when started with `site: true`. */
  siteUrl: string | null;
  /** The API's Store (a SQLite file of its own), for inviting people as an admin would. */
  store: Store;
  /** An invited person's invitation address on the desk. */
  invite(person: { email: string; name: string }): Promise<string>;
  stop(): Promise<void>;
}

interface Child {
  process: ChildProcess;
  stop(): Promise<void>;
}

/** A built server started with node, resolved once it prints its ready line. */
async function startChild(
  name: string,
  script: string,
  cwd: string,
  env: Record<string, string>,
  ready: RegExp,
): Promise<Child> {
  let output = '';
  const child = spawn(process.execPath, [script], { cwd, env: { ...process.env, ...env }, stdio: 'pipe' });
  const keep = (chunk: Buffer) => {
    output = (output + chunk).slice(-65_536);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not start in 60 s:\n${output}`)), 60_000);
      const look = () => {
        if (!ready.test(output)) return;
        clearTimeout(timer);
        resolve();
      };
      child.stdout?.on('data', look);
      child.once('exit', () => {
        clearTimeout(timer);
        reject(new Error(`${name} exited early:\n${output}`));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { process: child, stop };
}

/**
 * The built API over a fresh, migrated SQLite file and the built desk (`server.mjs`) in front of
 * it, both on 127.0.0.1 at free ports; with `site`, the built reader site too, where the desk's
 * previews open. The desk is reached at `localhost`, as its README asks.
 */
export async function startDesk(options: { site?: boolean } = {}): Promise<RunningDesk> {
  // A port free a moment ago may be taken by the time a server binds it (by the API's own port-0
  // listener, or by another test process): then everything starts again on new ports.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startDeskOnce(options);
    } catch (error) {
      if (attempt === 3 || !/EADDRINUSE/.test(String(error))) throw error;
    }
  }
}

async function startDeskOnce(options: { site?: boolean }): Promise<RunningDesk> {
  const webDir = join(deskDir, '../web');
  const builtFiles = [join(deskDir, 'server.mjs'), join(deskDir, 'dist/server/entry.mjs')];
  if (options.site) builtFiles.push(join(webDir, 'dist/server/entry.mjs'));
  for (const built of builtFiles) {
    if (!existsSync(built)) throw new Error(`${built} is missing: run "npm run build" first`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'newsroom-desk-e2e-'));
  const store = await openStore(`file:${join(dir, 'newsroom.db')}`);
  // DESK_URL and SITE_URL must be known before anything starts (the API's passkeys and links
  // name the desk, the desk's previews the site), so each gets a port that was free a moment ago.
  const deskPort = await freePort();
  const deskUrl = `http://localhost:${deskPort}`;
  const sitePort = options.site ? await freePort() : null;
  const siteUrl = sitePort ? `http://127.0.0.1:${sitePort}` : null;
  const api = await startTestApi(store, { DESK_URL: deskUrl, API_TRUST_PROXY: ['127.0.0.1'] });
  const children: Child[] = [];
  const stop = async () => {
    await Promise.all(children.map((child) => child.stop()));
    await api.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (sitePort && siteUrl) {
      const siteEnv = {
        WEB_PORT: String(sitePort),
        WEB_HOST: '127.0.0.1',
        API_URL: api.url,
        SITE_URL: siteUrl,
      };
      children.push(
        await startChild('The site', 'server.mjs', webDir, siteEnv, /^Site listening on http:\/\/\S+$/m),
      );
    }
    const deskEnv = {
      DESK_PORT: String(deskPort),
      DESK_HOST: '127.0.0.1',
      DESK_URL: deskUrl,
      API_URL: api.url,
      ...(siteUrl ? { SITE_URL: siteUrl } : {}),
    };
    children.push(
      await startChild('The desk', 'server.mjs', deskDir, deskEnv, /^Desk listening on http:\/\/\S+$/m),
    );
  } catch (error) {
    await stop();
    throw error;
  }

  const invite = async (person: { email: string; name: string }) => {
    const invited = await store.people.invite({ ...person, role: 'editor', authorSlug: null });
    const link = await store.links.create(invited.id, 'invitation', { ttlMs: 3_600_000 });
    return `${deskUrl}/invitation?key=${encodeURIComponent(link.secret)}`;
  };
  return { deskUrl, apiUrl: api.url, siteUrl, store, invite, stop };
}

/** The password every person of the browser tests sets: strong enough for the API's policy. */
export const testPassword = 'tangerine orbit fossil kettle';

/**
 * Someone the Store invites with `role`, signed in through their invitation in a browser
 * context of their own (closed with `context.close()`), on the desk's home page.
 */
export async function signedInAs(
  browser: Browser,
  desk: RunningDesk,
  person: { role: Role; name: string; email: string; authorSlug?: string | null },
  viewport?: { width: number; height: number },
): Promise<{ context: BrowserContext; page: Page }> {
  const invited = await desk.store.people.invite({ authorSlug: null, ...person });
  const { secret } = await desk.store.links.create(invited.id, 'invitation', { ttlMs: 3_600_000 });
  const context = await browser.newContext(viewport ? { viewport } : {});
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await page.goto(`${desk.deskUrl}/invitation?key=${encodeURIComponent(secret)}`);
  await page.getByLabel('New password').fill(testPassword);
  await page.getByRole('button', { name: 'Set password' }).click();
  await page.getByRole('heading', { level: 1, name: `Welcome, ${person.name}` }).waitFor();
  return { context, page };
}

/**
 * What a page as it is now gets wrong for people: axe-core's violations, and sideways scrolling
 * at 390 px (the page is shown at that width for the check, then put back).
 */
export async function accessibilityProblems(page: Page): Promise<unknown[]> {
  const problems: unknown[] = [...(await axeViolations(page))];
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) problems.push(`${overflow}px too wide at 390 px`);
  if (size) await page.setViewportSize(size);
  return problems;
}
