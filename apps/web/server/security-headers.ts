import { createHash } from 'node:crypto';

/** How CSP names an inline script it allows: the SHA-256 of its exact text. */
export function scriptHash(source: string): string {
  return `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;
}

/**
 * The site's Content-Security-Policy. Everything comes from this site, but for article
 * pictures, which editors may take from any https address. No inline script runs unless its
 * text is one of `inlineScripts` (the pages' own, hashed), so markup that slips into a page
 * from content cannot run; no inline style either (Astro links the site's stylesheet). Forms
 * post only here, a <base> cannot move relative links, no plugins, no framing by other sites.
 * `inlineStyles` is for Astro's dev server only, which puts the stylesheet inline.
 */
export function contentSecurityPolicy(
  inlineScripts: readonly string[] = [],
  options: { inlineStyles?: boolean } = {},
): string {
  return [
    "default-src 'self'",
    ["script-src 'self'", ...inlineScripts.map(scriptHash)].join(' '),
    options.inlineStyles ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "img-src 'self' https:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
}

/**
 * What every answer of the site carries, pages, feeds and files alike: the policy, no type
 * sniffing (a comment cannot be read as a script), and only the origin sent to other sites.
 */
export function securityHeaders(policy: string): Record<string, string> {
  return {
    'content-security-policy': policy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
  };
}

/** For answers that hold no page script: the site's files, the server's own error. */
export const fileSecurityHeaders = securityHeaders(contentSecurityPolicy());
