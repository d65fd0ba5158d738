import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { followApiEvents } from './api-events.ts';
import { CapturedResponse } from './captured-response.ts';
import { bestBrotli } from './content-encoding.ts';
import { PageCache } from './page-cache.ts';
import { answerClientError, refusalOf, sendRefusal } from './refused-requests.ts';
import { type Representation, representationOf, sendRepresentation } from './representation.ts';
import { fileSecurityHeaders } from './security-headers.ts';
import { createSiteMetrics, type SiteMetrics } from './site-metrics.ts';
import { loadStaticFiles } from './static-files.ts';

/**
 * Astro's Node handler: static files and server-rendered pages. `locals` become the pages'
 * `Astro.locals`; the middleware names the route that answered there.
 */
export type AstroHandler = (req: IncomingMessage, res: ServerResponse, locals: App.Locals) => unknown;

export interface SiteServerOptions {
  astro: AstroHandler;
  /** The built site's client folder (dist/client). */
  clientDir: string;
  /** Memory for rendered pages, in MB; 0 renders every request. */
  pageCacheMb: number;
  /** Whose `GET /events` purges the page cache; none for tests that purge by hand. */
  apiUrl?: string;
  log?: (message: string) => void;
  /** Count requests and the page cache's work for Prometheus (WEB_METRICS_PORT set). */
  metrics?: boolean;
  /** How long a reader may take to send a request's headers (10 s), and all of it (30 s). */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
}

export interface SiteServer {
  server: Server;
  /** Null when the page cache is off. */
  cache: PageCache | null;
  /** Null unless asked for: its registry is what WEB_METRICS_PORT serves (server.mjs). */
  metrics: SiteMetrics | null;
  /** Stops following the API's changes (the HTTP server is closed by its owner); resolves once it has. */
  stop(): Promise<void>;
}

const hit = ['x-cache', 'HIT'];
const miss = ['x-cache', 'MISS'];

/** A page may be shown again for this long before it is rendered anew. */
const freshMs = 10_000;
/** And while that happens, or while the API is down, for this long after. */
const staleMs = 300_000;

/** The cache keys a page names (src/middleware.ts): what it was built from. */
function keysOf(page: Representation): string[] {
  const header = page.headers['surrogate-key'];
  return typeof header === 'string' ? header.split(' ').filter(Boolean) : [];
}

/**
 * What a shared cache may keep, the site's own Cache-Control says (src/middleware.ts); and it
 * must name its keys, or nothing could ever purge it.
 */
function isKeepable(page: Representation): boolean {
  const cacheControl = String(page.headers['cache-control'] ?? '');
  return (
    [200, 301, 308, 404, 410].includes(page.status) &&
    /\bpublic\b/.test(cacheControl) &&
    !/\b(no-store|private)\b/.test(cacheControl) &&
    page.headers['set-cookie'] === undefined &&
    keysOf(page).length > 0
  );
}

/** A kept page's brotli form is remade at brotli's best in the background, then replaces the quick one. */
function compressBest(page: Representation): void {
  if (!page.compressible || page.body.byteLength < 1_024) return;
  bestBrotli(page.body).then(
    (best) => page.encoded.set('br', best),
    () => {},
  );
}

/**
 * The site's HTTP server: the built client files from memory, and pages rendered by Astro
 * through a page cache. A page is rendered once and then sent, compressed, to every reader
 * who asks for it (`X-Cache: HIT`; `MISS` when rendered for the asking) until an event from the
 * API names one of its keys (`GET /events`: only the pages built from what changed go) or it
 * grows old; readers asking for a page being rendered wait for that render instead of
 * starting their own. Everything else (the comment form's POST) goes straight to Astro.
 */
export function createSiteServer(options: SiteServerOptions): SiteServer {
  const { astro } = options;
  const staticFiles = loadStaticFiles(options.clientDir);
  const cache =
    options.pageCacheMb > 0
      ? new PageCache({ maxBytes: options.pageCacheMb * 1_048_576, freshMs, staleMs })
      : null;
  const rendering = new Map<string, Promise<Representation>>();
  const metrics = options.metrics ? createSiteMetrics(cache) : null;
  /** The route that rendered each kept page: its hits are counted under it. */
  const routes = new WeakMap<Representation, string>();

  function render(req: IncomingMessage): Promise<Representation> {
    const captured = new CapturedResponse(req);
    const locals: App.Locals = {};
    const failed = Promise.resolve()
      .then(() => astro(req, captured, locals))
      .then(() => new Promise<never>(() => {}));
    return Promise.race([captured.page, failed]).then((page) => {
      const rendered = representationOf(page.status, page.headers, page.body);
      if (metrics) routes.set(rendered, locals.route ?? 'unknown');
      return rendered;
    });
  }

  /** Times the answer to `req` under `route` (read once it is sent) when metrics are on. */
  function timed(req: IncomingMessage, res: ServerResponse, route: () => string): void {
    if (!metrics) return;
    const started = performance.now();
    res.once('finish', () =>
      metrics.requests.observe(
        route(),
        req.method ?? 'GET',
        res.statusCode,
        (performance.now() - started) / 1_000,
      ),
    );
  }

  /** Renders a page once however many ask at the same time, and keeps it if it may be kept. */
  function renderShared(key: string, req: IncomingMessage, pageCache: PageCache): Promise<Representation> {
    const pending = rendering.get(key);
    if (pending) return pending;
    const sequence = pageCache.sequence;
    const rendered = render(req)
      .then((page) => {
        if (isKeepable(page)) {
          pageCache.set(key, page, sequence, keysOf(page));
          compressBest(page);
        }
        return page;
      })
      .finally(() => rendering.delete(key));
    rendering.set(key, rendered);
    return rendered;
  }

  function fail(res: ServerResponse, error: unknown): void {
    options.log?.(`Rendering failed: ${(error as Error).message}`);
    if (res.headersSent) return void res.destroy();
    res.writeHead(500, {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      ...fileSecurityHeaders,
    });
    res.end('The page could not be shown.');
  }

  const timeouts = {
    headersTimeout: options.headersTimeoutMs ?? 10_000,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    // Node looks for timed-out requests every 30 s by default: a slow sender would hold its
    // connection that much longer.
    connectionsCheckingInterval: 1_000,
  };
  /** Astro answers `req` itself, straight to the reader (a form's POST, a HEAD nothing kept answers). */
  function passed(req: IncomingMessage, res: ServerResponse): void {
    const locals: App.Locals = {};
    timed(req, res, () => locals.route ?? 'unknown');
    astro(req, res, locals);
  }

  const server = createServer(timeouts, (req, res) => {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const refusal = refusalOf(req);
    if (refusal) {
      timed(req, res, () => 'refused');
      return sendRefusal(res, refusal);
    }
    if (method !== 'GET' && method !== 'HEAD') return passed(req, res);
    const file = staticFiles.get(url.split('?')[0] ?? url);
    if (file) {
      timed(req, res, () => 'static');
      return sendRepresentation(req, res, file);
    }

    if (cache) {
      const found = cache.lookup(url);
      if (found.state !== 'missing') {
        timed(req, res, () => routes.get(found.page) ?? 'unknown');
        metrics?.pageCache(found.state === 'stale' ? 'stale' : 'hit');
        sendRepresentation(req, res, found.page, hit);
        if (found.state === 'stale') renderShared(url, req, cache).catch(() => {});
        return;
      }
    }
    // A HEAD that finds nothing kept is rare: Astro answers it as it is.
    if (method === 'HEAD') return passed(req, res);
    let route = 'unknown';
    timed(req, res, () => route);
    const page = cache ? renderShared(url, req, cache) : render(req);
    page.then(
      (rendered) => {
        route = routes.get(rendered) ?? route;
        const kept = cache !== null && isKeepable(rendered);
        if (kept) metrics?.pageCache('miss');
        sendRepresentation(req, res, rendered, kept ? miss : []);
      },
      (error) => fail(res, error),
    );
  });

  server.on('clientError', answerClientError);

  const stop =
    cache && options.apiUrl
      ? followApiEvents(
          options.apiUrl,
          {
            onEvent: (keys) => {
              const dropped = cache.purge(keys);
              metrics?.pageCachePurged(dropped);
            },
            onFresh: () => cache.clear(),
          },
          {
            onConnectionLost: (error) =>
              options.log?.(`Lost the API's event stream (${(error as Error).message}); reconnecting`),
          },
        )
      : async () => {};
  return { server, cache, metrics, stop };
}
