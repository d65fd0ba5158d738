import { createHash } from 'node:crypto';
import scalarApiReference from '@scalar/fastify-api-reference';
import type { FastifyPluginAsync, RouteOptions } from 'fastify';

/** Where the reference is: `/docs` redirects to `/docs/`, whose page loads `/docs/js/scalar.js`. */
export const referencePrefix = '/docs';

/**
 * The interactive API reference at `/docs`: Scalar's page and its script, both served from
 * here (the package bundles them), reading the description from `documentUrl`. Nothing on the
 * page reaches another site: Scalar's web fonts, telemetry, AI agent and MCP links are off, its
 * "try it" requests go straight to this API (no proxy), and the page's Content-Security-Policy
 * allows only this origin, whatever the script might try. Encapsulated (not wrapped with
 * fastify-plugin), so that policy is this page's alone; every other answer keeps the API's own,
 * which allows nothing at all.
 */
export const apiReference: FastifyPluginAsync<{
  documentUrl: string;
  /** The API's error handler, for failures raised before the page's handler (a closing API, say). */
  errorHandler: NonNullable<RouteOptions['errorHandler']>;
}> = async (app, { documentUrl, errorHandler }) => {
  app.addHook('onRoute', (route) => {
    route.errorHandler ??= errorHandler;
  });
  const policies = new Map<string, string>();
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (typeof payload !== 'string' || !String(reply.getHeader('content-type')).startsWith('text/html')) {
      return done(null, payload);
    }
    let policy = policies.get(payload);
    if (policy === undefined) {
      policy = pagePolicy(payload);
      // The page is the same every time; the map holds one entry unless Scalar varies it.
      if (policies.size < 16) policies.set(payload, policy);
    }
    reply.header('content-security-policy', policy);
    done(null, payload);
  });

  await app.register(scalarApiReference, {
    routePrefix: referencePrefix,
    configuration: {
      url: documentUrl,
      pageTitle: 'Newsroom API reference',
      withDefaultFonts: false,
      telemetry: false,
      agent: { disabled: true },
      mcp: { disabled: true },
      hideClientButton: true,
    },
  });
};

/**
 * The page's Content-Security-Policy: its own script file, its inline start-up script by hash
 * (so no other inline script runs), styles (Scalar sets them inline as it renders), pictures
 * and downloads it makes itself (data: and blob:), and requests to this API only.
 */
function pagePolicy(html: string): string {
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    ([, body]) =>
      `'sha256-${createHash('sha256')
        .update(body ?? '')
        .digest('base64')}'`,
  );
  return [
    "default-src 'none'",
    `script-src 'self' ${hashes.join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
