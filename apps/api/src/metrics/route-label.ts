import type { FastifyRequest } from 'fastify';
import { typeOf } from '../procedures.js';

/** Different batches labelled by their procedures; past this many, a new one counts as `batch`. */
const maxBatchLabels = 100;
const batchLabels = new Set<string>();

/**
 * The `route` label of a request: the procedure a tRPC call (or its /v1 path) names
 * (`article.bySlug`); a batch's procedures, sorted (`article.bySlug,section.list`: the site
 * batches its calls, so most of its traffic is batches); the route pattern otherwise
 * (`/healthz`, `/docs`); `unmatched` for a path no route serves. Never the raw URL, nor a name
 * the client made up (`unknown`): each label value is a series Prometheus keeps, so batches
 * are bounded too, since a client may combine procedures at will.
 */
export function routeLabelOf(request: FastifyRequest): string {
  const call = request.trpcCall;
  if (!call) return request.routeOptions.url ?? 'unmatched';
  if (!call.paths.every((path) => typeOf(path) !== undefined)) return 'unknown';
  if (!call.batch) return call.paths[0] ?? 'unknown';
  const label = [...new Set(call.paths)].sort().join(',');
  if (batchLabels.has(label)) return label;
  if (batchLabels.size >= maxBatchLabels) return 'batch';
  batchLabels.add(label);
  return label;
}
