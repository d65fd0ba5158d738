import { relayPicture } from '@newsroom/api/client';
import type { APIRoute } from 'astro';
import { fetchWithDeadline, webConfig } from '../../../lib/api';

/** A picture's variant from the site's own address, so a CDN in front of the site caches it too. */
export const GET: APIRoute = ({ params, request }) =>
  relayPicture(request, params, {
    apiUrl: webConfig.API_URL,
    fetch: fetchWithDeadline(webConfig.API_TIMEOUT_MS),
  });
