import type { APIRoute } from 'astro';

/**
 * For load balancers and orchestrators: the site's process is up and rendering. It asks nothing
 * of the API, so an API outage (pages answer 503 then) does not get healthy site instances
 * restarted; the API has its own /readyz.
 */
export const GET: APIRoute = () =>
  new Response(JSON.stringify({ status: 'ok' }), {
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
