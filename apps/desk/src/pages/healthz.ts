import type { APIRoute } from 'astro';

/** For a load balancer or `npm start`: the desk's process answers. */
export const GET: APIRoute = () => new Response('ok\n', { headers: { 'content-type': 'text/plain' } });
