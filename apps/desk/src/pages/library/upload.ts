import type { Media } from '@newsroom/domain';
import type { APIRoute } from 'astro';
import { fetchWithDeadline, forwardedHeaders } from '../../lib/api';
import { clientAddressOf } from '../../lib/client-address';
import { deskConfig } from '../../lib/desk-config';
import { json } from '../../lib/json-endpoint';
import { libraryPicture } from '../../lib/library-picture';
import { refusalWords } from '../../lib/upload-refusals';

/** An upload may take longer than a page's API call: up to 20 MB over a slow line, then cleaning. */
const uploadTimeoutMs = 120_000;

/**
 * A picture for the library, sent on to the API's `POST /media` as it arrives (never held
 * whole here), with the person's session. The library's script asks for JSON (`accept:
 * application/json`) and shows each file's progress; a plain form without script is answered
 * with a redirect: to the picture's page, or back to the library saying why it was refused.
 */
export const POST: APIRoute = async (context) => {
  const { request, locals } = context;
  const wantsJson = (request.headers.get('accept') ?? '').includes('application/json');
  if (!locals.session) {
    return wantsJson
      ? json({ message: 'Your session has ended: sign in again.' }, 401)
      : context.redirect('/sign-in', 303);
  }
  const length = request.headers.get('content-length');
  const answer = await fetchWithDeadline(uploadTimeoutMs)(`${deskConfig.API_URL}/media`, {
    method: 'POST',
    body: request.body,
    // A stream as the body: sent as it is read.
    duplex: 'half',
    headers: {
      ...forwardedHeaders({
        clientAddress: clientAddressOf(context),
        userAgent: request.headers.get('user-agent'),
      }),
      authorization: `Bearer ${locals.session}`,
      'content-type': request.headers.get('content-type') ?? 'application/octet-stream',
      ...(length ? { 'content-length': length } : {}),
    },
  } as RequestInit).catch((error: unknown) => {
    console.error(
      'Upload to the API failed:',
      error instanceof Error ? (error.cause ?? error.message) : error,
    );
    return null;
  });

  if (answer?.ok) {
    const picture = (await answer.json()) as Media;
    if (wantsJson)
      return json({ picture: libraryPicture(picture), created: answer.status === 201 }, answer.status);
    return context.redirect(
      `/library/${picture.hash}?uploaded=${answer.status === 201 ? 'new' : 'again'}`,
      303,
    );
  }
  const status = answer && answer.status < 500 ? answer.status : 503;
  const said = answer ? await apiMessage(answer) : null;
  if (wantsJson) return json({ message: said ?? refusalWords(status) }, status);
  return context.redirect(`/library?refused=${status}`, 303);
};

/** The message of the API's refusal (tRPC's error shape), or null if it gave none. */
async function apiMessage(answer: Response): Promise<string | null> {
  const body = (await answer.json().catch(() => null)) as { error?: { message?: unknown } } | null;
  const message = body?.error?.message;
  return typeof message === 'string' && answer.status < 500 ? message : null;
}
