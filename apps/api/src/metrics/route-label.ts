import type { FastifyRequest } from 'fastify';
import { typeOf } from '../procedures.js';

/**
 * The `route` label of a request: the procedure a tRPC call names (`article.bySlug`), `batch` for
 * a batch, the route pattern otherwise (`/v1/articles/:slug`, `/healthz`), `unmatched` for a path
 * no route serves. Never the raw URL or a name the client made up (an unknown procedure is
 * `unknown`): each label value is a series Prometheus keeps.
 */
export function routeLabelOf(request: FastifyRequest): string {
  const call = request.trpcCall;
  if (call) {
    if (call.batch) return 'batch';
    const path = call.paths[0] ?? '';
    return typeOf(path) === undefined ? 'unknown' : path;
  }
  return request.routeOptions.url ?? 'unmatched';
}
