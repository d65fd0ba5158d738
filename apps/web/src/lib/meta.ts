import { webConfig } from './api';

/** A URL readers and crawlers can follow from anywhere: paths on this site get SITE_URL. */
export function absoluteUrl(pathOrUrl: string, siteUrl: string = webConfig.SITE_URL): string {
  return /^https?:\/\//i.test(pathOrUrl) ? pathOrUrl : `${siteUrl}${pathOrUrl}`;
}

/**
 * JSON for a `<script type="application/ld+json">`: `<` (and `>`, `&`, the JS line separators)
 * as \u escapes, so no text from an article can close the script element or open a comment.
 * JSON parsers read the escapes back as the same characters.
 */
export function serializeJsonLd(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export interface FeedLink {
  title: string;
  href: string;
}
