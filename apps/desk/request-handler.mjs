// The desk's answer to each request: what it refuses before reading a body (refused-requests.mjs),
// else Astro's handler (the built client files, then the pages), timed for Prometheus when
// metrics are on, under the route pattern that answered, never the address.
import { refusalOf } from './refused-requests.mjs';
import { requestRoute } from './request-route.mjs';

/**
 * @param {{
 *   astro: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => unknown,
 *   maxUploadBytes: number,
 *   requests?: import('@newsroom/metrics').RequestMetrics | null,
 * }} options
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void}
 */
export function deskRequestHandler({ astro, maxUploadBytes, requests = null }) {
  return (req, res) => {
    const refusal = refusalOf(req.method, req.headers, req.url, maxUploadBytes);
    if (requests) {
      /** @type {{ route?: string }} Where the middleware names the route that answered. */
      const answered = {};
      const started = performance.now();
      res.once('finish', () => {
        // Astro serves the built client files before any route runs: those have none.
        const route = refusal ? 'refused' : (answered.route ?? 'static');
        requests.observe(route, req.method ?? 'GET', res.statusCode, (performance.now() - started) / 1_000);
      });
      if (!refusal) return void requestRoute.run(answered, () => astro(req, res));
    } else if (!refusal) {
      return void astro(req, res);
    }
    // Closed after the answer, so the unread body is never read.
    res.writeHead(refusal.status, {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'close',
    });
    res.end(`${refusal.text}\n`);
  };
}
