/**
 * Whether a form POST came from this site's own pages (the CSRF check). Browsers send Origin
 * with every POST; a request without one is accepted only with a Referer on this site. "This
 * site" is the address the request reached or SITE_URL, the public one behind a proxy.
 */
export function isSameOriginPost(request: Request, requestUrl: URL, siteUrl: string): boolean {
  const allowed = new Set([requestUrl.origin, new URL(siteUrl).origin]);
  const origin = request.headers.get('origin');
  if (origin !== null) return allowed.has(origin);
  const referer = request.headers.get('referer');
  if (!referer) return false;
  try {
    return allowed.has(new URL(referer).origin);
  } catch {
    return false;
  }
}
