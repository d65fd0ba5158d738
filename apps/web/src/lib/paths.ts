// Every link to a page of the site is built here, so a slug in any script is always encoded.

export const articlePath = (slug: string) => `/articles/${encodeURIComponent(slug)}`;
export const sectionPath = (slug: string) => `/sections/${encodeURIComponent(slug)}`;
export const tagPath = (slug: string) => `/tags/${encodeURIComponent(slug)}`;
export const authorPath = (slug: string) => `/authors/${encodeURIComponent(slug)}`;

export const sectionFeedPath = (slug: string) => `${sectionPath(slug)}/rss.xml`;
export const tagFeedPath = (slug: string) => `${tagPath(slug)}/rss.xml`;

/** `path` with `params` as its query (params with no value are left out). */
export function withQuery(path: string, params: Record<string, string | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
