import type { APIRoute } from 'astro';
import { failureOf } from '../../../lib/api-errors';
import { deskConfig } from '../../../lib/desk-config';

/**
 * "Preview": an hour-long link of the desk's own, opened on the reader site, so the draft is
 * rendered by the site itself exactly as readers will see it. A POST (with the page's CSRF
 * token), since it makes a link.
 */
export const POST: APIRoute = async ({ locals, params, redirect }) => {
  try {
    const link = await locals.api.preview.create.mutate({ articleId: params.id ?? '', purpose: 'desk' });
    return redirect(`${deskConfig.SITE_URL}${link.path}`, 303);
  } catch (error) {
    const failure = failureOf(error);
    return new Response(`The preview could not be made: ${failure.message}\n`, {
      status: failure.status,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
};
