import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Astro makes every file under src/pages a public route and bundles whatever it imports into
// the server. A test file there once became a URL that answered 500 and put vitest, the Store
// and a test API into the site readers are served. These checks read the built site itself
// (`npm test` builds it first; see turbo.json).

const webDir = new URL('..', import.meta.url).pathname;
const pagesDir = join(webDir, 'src/pages');
const serverDir = join(webDir, 'dist/server');

const testFile = /\.(test|spec)\.[cm]?[jt]sx?$/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The files Astro turns into routes: everything under src/pages but `_`-prefixed names. */
function routeFiles(): string[] {
  return filesUnder(pagesDir)
    .map((file) => relative(webDir, file))
    .filter((file) => !file.split('/').some((part) => part.startsWith('_')))
    .sort();
}

interface BuiltRoute {
  route: string;
  component: string;
  origin: string;
}

/** The routes the built server answers, from the manifest Astro writes into the server bundle. */
function builtRoutes(): BuiltRoute[] {
  const call = 'deserializeManifest(';
  for (const file of filesUnder(serverDir)) {
    const text = readFileSync(file, 'utf8');
    const at = text.indexOf(`${call}{`);
    if (at < 0) continue;
    const json = text.slice(at + call.length, text.indexOf('\n', at)).replace(/\);\s*$/, '');
    const manifest = JSON.parse(json) as { routes: { routeData: BuiltRoute }[] };
    return manifest.routes.map(({ routeData: { route, component, origin } }) => ({
      route,
      component,
      origin,
    }));
  }
  throw new Error(`no route manifest in ${serverDir}: run "npm run build" first`);
}

describe('the built site', () => {
  it('has no test files under src/pages, where Astro would serve them', () => {
    expect(routeFiles().filter((file) => testFile.test(file))).toEqual([]);
  });

  it('serves exactly the routes of src/pages, none of them from a test file', () => {
    const routes = builtRoutes();
    expect(routes.filter((r) => testFile.test(r.component) || /\.(test|spec)$/.test(r.route))).toEqual([]);
    const fromPages = routes
      .filter((r) => r.origin === 'project')
      .map((r) => r.component)
      .sort();
    // A difference here with no test file involved means dist/ is older than src/: rebuild.
    expect(fromPages).toEqual(routeFiles());
    expect(fromPages).toContain('src/pages/articles/[slug].astro');
  });

  it('carries no test runner, Store, database driver or API server in its server bundle', () => {
    // Rolldown names each bundled module in a comment, so inlined workspace code shows as its path.
    const forbidden = [
      'vitest',
      'astro/container',
      '@newsroom/db',
      'packages/db/',
      '@newsroom/ingest',
      'packages/ingest/',
      '@newsroom/api/testing',
      'node:sqlite',
      'kysely',
      'fastify',
    ];
    const found = filesUnder(serverDir).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return forbidden
        .filter((word) => text.includes(word))
        .map((word) => `${relative(webDir, file)}: ${word}`);
    });
    expect(found).toEqual([]);
  });
});
