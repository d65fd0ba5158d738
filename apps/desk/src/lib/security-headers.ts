/**
 * The desk's Content-Security-Policy: everything from the desk itself and nothing inline. The
 * passkey script is a bundled module file; the two-factor QR code is inline SVG markup, not an
 * image, so no `data:` is needed. Pictures in stories are given by their https address, and an
 * image cannot run script. Forms post only here, except that "Preview" is sent on to the reader
 * site (`siteOrigin`: browsers hold a form's redirects to form-action). No site may frame the
 * desk (a framed sign-in form invites clickjacking).
 */
export function contentSecurityPolicy(options: { inlineStyles?: boolean; siteOrigin?: string } = {}): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    options.inlineStyles ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "img-src 'self' https:",
    "connect-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    options.siteOrigin ? `form-action 'self' ${options.siteOrigin}` : "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * What every answer of the desk carries. No referrer at all: invitation and reset links carry
 * their key in the address. Nothing is stored anywhere: every page is one person's.
 */
export function securityHeaders(policy: string): Record<string, string> {
  return {
    'content-security-policy': policy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
  };
}
