import { type ChildProcess, spawn } from 'node:child_process';
import { freePort, startTestApi } from '@newsroom/api/testing';
import { openStore, type Store } from '@newsroom/db';
import { seedIfEmpty } from '@newsroom/sample';
import type { APIContext, APIRoute } from 'astro';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { vi } from 'vitest';

// The site under test, two ways. In this process: pages and endpoints rendered by Astro's
// container against a real API server over HTTP, as in production. src/lib/api.ts reads the
// environment when it is first imported, so a test file points the site at its API before it
// imports any page (each test file runs in its own module graph). As a process: the built
// site (server.mjs), for what only the real server does: addresses, signals, configuration.

/** The public address the tests give the site, to tell absolute URLs from relative ones. */
export const testSiteUrl = 'https://news.example';
/** A site name that needs escaping, for tests that must see it escaped in every document. */
export const ampersandSiteName = 'Newsroom & Co';

/** Points the site's environment at `apiUrl`; undone by vi.unstubAllEnvs(). */
export function pointSiteAt(apiUrl: string, siteName = 'Newsroom'): void {
  vi.stubEnv('API_URL', apiUrl);
  vi.stubEnv('SITE_URL', testSiteUrl);
  vi.stubEnv('SITE_NAME', siteName);
}

/**
 * An address where no API listens: a port the system just handed out and took back. Tests of
 * an API that is down need one; there is no server to bind to port 0 instead.
 */
export async function closedApiUrl(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}`;
}

export interface SiteOptions {
  /** Generated stories besides the three sample ones (25); null for an empty newsroom. */
  stories?: number | null;
  /** More content, stored before the API starts. */
  seed?: (store: Store) => Promise<void>;
  apiConfig?: Parameters<typeof startTestApi>[1];
  /** The site's name; a name that needs escaping shows it escaped everywhere. */
  siteName?: string;
}

export interface NewsroomApiUnderTest {
  store: Store;
  apiUrl: string;
  close(): Promise<void>;
}

/** An in-memory Store with the sample newsroom, served by a real API on 127.0.0.1 (port 0). */
export async function startNewsroomApi(
  options: Omit<SiteOptions, 'siteName'> = {},
): Promise<NewsroomApiUnderTest> {
  const store = await openStore(':memory:');
  const { stories = 25 } = options;
  if (stories !== null) await seedIfEmpty(store, { count: stories, seed: 3 });
  await options.seed?.(store);
  const api = await startTestApi(store, options.apiConfig);
  return {
    store,
    apiUrl: api.url,
    close: async () => {
      await api.close();
      await store.close();
    },
  };
}

export interface SiteUnderTest extends NewsroomApiUnderTest {
  container: AstroContainer;
}

/** The newsroom of startNewsroomApi, and the site's pages in this process pointed at it. */
export async function startSite(options: SiteOptions = {}): Promise<SiteUnderTest> {
  const newsroom = await startNewsroomApi(options);
  pointSiteAt(newsroom.apiUrl, options.siteName);
  const container = await AstroContainer.create();
  return {
    ...newsroom,
    container,
    close: async () => {
      vi.unstubAllEnvs();
      await newsroom.close();
    },
  };
}

export interface Rendered {
  status: number;
  headers: Headers;
  html: string;
}

type PageModule = { default: Parameters<AstroContainer['renderToResponse']>[0] };

/** Renders a page module for `path` (GET, or POST with `form` fields). */
export async function render(
  container: AstroContainer,
  module: PageModule,
  path: string,
  init: {
    params?: Record<string, string>;
    form?: Record<string, string>;
    headers?: Record<string, string>;
  } = {},
): Promise<Rendered> {
  const url = `http://localhost${path}`;
  const request = init.form
    ? new Request(url, {
        method: 'POST',
        body: new URLSearchParams(init.form),
        headers: { origin: 'http://localhost', ...init.headers },
      })
    : new Request(url, { headers: init.headers ?? {} });
  const response = await container.renderToResponse(module.default, { params: init.params ?? {}, request });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

/** Calls an endpoint's GET (a feed, a sitemap) the way Astro does, with the route's params. */
export async function callGet(module: { GET: APIRoute }, path: string, params: Record<string, string> = {}) {
  const url = new URL(path, 'http://localhost');
  const context = { params, url, request: new Request(url) } as unknown as APIContext;
  return module.GET(context);
}

/** `count` published stories with one tag, older than the seeded ones, for paging through. */
export async function addTaggedStories(store: Store, tag: string, count: number): Promise<void> {
  await store.tags.upsert({ slug: tag, name: 'Deep dive', description: 'Long reads.', type: 'topic' });
  await store.articles.importMany(
    Array.from({ length: count }, (_, i) => {
      const at = new Date(Date.UTC(2020, 0, 1, 12, i)).toISOString();
      return {
        headline: `Deep dive number ${i + 1}`,
        body: [{ type: 'paragraph' as const, text: `The ${i + 1}th long read.` }],
        status: 'published' as const,
        createdAt: at,
        publishedAt: at,
        sectionSlug: 'science',
        authorSlugs: ['grace-mensah'],
        tagSlugs: [tag],
      };
    }),
  );
}

const webDir = new URL('..', import.meta.url).pathname;

export interface SiteProcess {
  child: ChildProcess;
  /** Everything it has printed, stdout and stderr. */
  output(): string;
  /** Resolves with the exit code (null after a signal) once the process has ended. */
  exited: Promise<number | null>;
}

/** Runs the built site's server.mjs, as `npm start` does, with `env` added to this process's. */
export function runBuiltSite(env: Record<string, string>): SiteProcess {
  return watched(
    spawn(process.execPath, ['server.mjs'], {
      cwd: webDir,
      env: { ...process.env, WEB_HOST: '127.0.0.1', WEB_PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/** A child process with what it prints kept, and its exit awaited. */
export function watched(child: ChildProcess): SiteProcess {
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

export interface BuiltSite extends SiteProcess {
  /** Where it listens, e.g. `http://127.0.0.1:40123` (it took a free port itself). */
  url: string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** The built site listening on a port of its own choosing, once it says where. */
export async function startBuiltSite(env: Record<string, string>): Promise<BuiltSite> {
  const site = runBuiltSite(env);
  const url = await new Promise<string>((resolve, reject) => {
    const listening = () => {
      const found = /^Site listening on (http:\/\/\S+)$/m.exec(site.output());
      if (!found?.[1]) return;
      site.child.stdout?.off('data', listening);
      resolve(found[1]);
    };
    site.child.stdout?.on('data', listening);
    listening();
    site.exited.then((code) =>
      reject(new Error(`the site exited (${code}) before listening:\n${site.output()}`)),
    );
  });
  const stop = () => {
    if (site.child.exitCode === null && site.child.signalCode === null) site.child.kill('SIGTERM');
    return site.exited;
  };
  return { ...site, url, stop };
}
