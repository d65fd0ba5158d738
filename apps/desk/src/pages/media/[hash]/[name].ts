import { relayPicture } from '@newsroom/api/client';
import type { APIRoute } from 'astro';
import { fetchWithDeadline } from '../../../lib/api';
import { deskConfig } from '../../../lib/desk-config';

/**
 * A picture's variant from the desk's own address: the desk's pages may load images only from
 * the desk (its Content-Security-Policy), and the library, the editor and the hero field show them.
 */
export const GET: APIRoute = ({ params, request }) =>
  relayPicture(request, params, {
    apiUrl: deskConfig.API_URL,
    fetch: fetchWithDeadline(deskConfig.API_TIMEOUT_MS),
  });
