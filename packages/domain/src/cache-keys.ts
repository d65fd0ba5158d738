import type { Article } from './article.js';

/**
 * The names caches file their answers under, and which of them a change touches. An answer
 * (an API reply, a page of the site) records the keys of everything it was built from; an
 * event carries the keys of everything it changed; a cache drops the answers holding any of
 * the event's keys, and nothing else. A CDN in front gets the same keys (`Surrogate-Key`).
 */
export const cacheKey = {
  /** Anything showing the article: its page, and lists and pages that name it. */
  article: (id: string) => `article:${id}`,
  /** What is found at a slug: an article's page, or the redirect from an old one. */
  slug: (slug: string) => `slug:${slug}`,
  /** A section's, tag's or author's own page and the lists of its stories. */
  section: (slug: string) => `section:${slug}`,
  tag: (slug: string) => `tag:${slug}`,
  author: (slug: string) => `author:${slug}`,
  /**
   * Answers that show a section's, tag's or author's name without listing its stories (an
   * article's page shows its tags): a new story in the tag leaves them alone, a rename does not.
   */
  label: (kind: 'section' | 'tag' | 'author', slug: string) => `label:${kind}:${slug}`,
  /** The list of every section, tag or author. */
  every: (kind: 'section' | 'tag' | 'author') => `every:${kind}`,
  /** An article's comments as readers see them. */
  comments: (articleId: string) => `comments:${articleId}`,
  media: (hash: string) => `media:${hash}`,
  /** The front page and the lists of latest stories. */
  front: 'front',
  /** RSS, sitemaps and the news sitemap. */
  feeds: 'feeds',
  search: 'search',
  /** What every page shows around its content: the sections in the menu. */
  navigation: 'navigation',
} as const;

/** What of an article decides which answers show it. */
export type ArticleKeySource = Pick<Article, 'id' | 'slug' | 'status' | 'section' | 'tags' | 'authors'>;

/**
 * The keys a change of an article touches, from the article before (null when it is new) and
 * after (null when it is gone). A story readers never saw, before or after, touches only its
 * own keys; one they see (or saw) touches its section's, tags' and authors' lists too, the front
 * page, the feeds and search.
 */
export function articleCacheKeys(before: ArticleKeySource | null, after: ArticleKeySource | null): string[] {
  const states = [before, after].filter((state) => state !== null);
  const keys = new Set<string>();
  for (const state of states) {
    keys.add(cacheKey.article(state.id));
    keys.add(cacheKey.slug(state.slug));
  }
  if (states.some((state) => state.status === 'published')) {
    for (const state of states) {
      if (state.section) keys.add(cacheKey.section(state.section.slug));
      for (const tag of state.tags) keys.add(cacheKey.tag(tag.slug));
      for (const author of state.authors) keys.add(cacheKey.author(author.slug));
    }
    keys.add(cacheKey.front);
    keys.add(cacheKey.feeds);
    keys.add(cacheKey.search);
  }
  return [...keys];
}

/** The keys a comment's change touches: what readers see of the story only if they see the comment. */
export function commentCacheKeys(articleId: string, seenByReaders: boolean): string[] {
  return seenByReaders
    ? [cacheKey.comments(articleId), cacheKey.article(articleId)]
    : [cacheKey.comments(articleId)];
}

/**
 * The keys a section's, tag's or author's change touches: its lists under each slug it had or
 * has now, the pages that show its name, and the list of them all. Sections are in every
 * page's menu.
 */
export function taxonomyCacheKeys(kind: 'section' | 'tag' | 'author', slugs: readonly string[]): string[] {
  const unique = [...new Set(slugs)];
  const keys = [
    ...unique.map((slug) => cacheKey[kind](slug)),
    ...unique.map((slug) => cacheKey.label(kind, slug)),
    cacheKey.every(kind),
  ];
  const shownEverywhere = kind === 'section' ? [cacheKey.navigation] : [];
  return [...keys, ...shownEverywhere, cacheKey.front, cacheKey.feeds, cacheKey.search];
}

/** The keys of the names an article shows: its section's, tags' and authors'. */
export function labelKeysOf(article: Pick<Article, 'section' | 'tags' | 'authors'>): string[] {
  return [
    ...(article.section ? [cacheKey.label('section', article.section.slug)] : []),
    ...article.tags.map((tag) => cacheKey.label('tag', tag.slug)),
    ...article.authors.map((author) => cacheKey.label('author', author.slug)),
  ];
}

/**
 * Keys short enough to send as one header (`Surrogate-Key`, `Cache-Tag`: CDNs and HTTP clients
 * take some 8–16 KB of headers in all) for an answer built from many things (a sitemap, a long
 * list): names become the list of all of their kind, then articles the front page, whose keys
 * every change readers see carries too. Broader keys purge the answer more often, never less.
 * Null when even that is too long: such an answer is not kept.
 */
export function compactCacheKeys(keys: readonly string[], maxChars = 2_000): string[] | null {
  const fits = (list: readonly string[]) => list.reduce((sum, key) => sum + key.length + 1, 0) <= maxChars;
  let compact = [...new Set(keys)];
  if (fits(compact)) return compact;
  compact = [
    ...new Set(
      compact.map((key) => {
        const label = /^label:(section|tag|author):/.exec(key);
        return label ? cacheKey.every(label[1] as 'section' | 'tag' | 'author') : key;
      }),
    ),
  ];
  if (fits(compact)) return compact;
  compact = [...new Set(compact.map((key) => (/^(article|slug):/.test(key) ? cacheKey.front : key)))];
  return fits(compact) ? compact : null;
}
