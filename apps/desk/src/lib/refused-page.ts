import { escapeHtml } from './escape-html';

const reasons = {
  'cross-site': 'This form was sent from another site, so the desk did nothing.',
  token:
    'This form has expired or did not come from the desk, so the desk did nothing. Go back, reload the page and try again.',
} as const;

/**
 * The 403 page for a request the CSRF check refused, made here rather than by a page: nothing
 * of the page (or the API) may run for it.
 */
export function refusedPage(reason: keyof typeof reasons): Response {
  const body = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Refused | Newsroom desk</title></head>
<body><main><h1>Refused</h1><p>${escapeHtml(reasons[reason])}</p><p><a href="/">Back to the desk</a></p></main></body>
</html>
`;
  return new Response(body, { status: 403, headers: { 'content-type': 'text/html; charset=utf-8' } });
}
