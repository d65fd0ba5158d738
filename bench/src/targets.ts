import { searchCandidates } from '@newsroom/db';

export type Service = 'api' | 'site';

/** One URL measured on every path and at every dataset size. */
export interface Target {
  /** Stable across runs and sizes, for the JSON and the chart: "api article.list deep". */
  id: string;
  service: Service;
  /** Path and query, as the load generator asks for it. */
  url: string;
}

export interface TargetChoices {
  sampleSlug: string;
  /** The tag on the most articles, by tag.list's counts. */
  tag: { slug: string; articleCount: number };
  searchWords: { rare: WordShare; common: WordShare };
}

export interface WordShare {
  word: string;
  /** Search hits; a lower bound when `capped`. */
  hits: number;
  /** Hits as a share of the published articles. */
  share: number;
  capped: boolean;
}

/**
 * Search words from the generator's copy (packages/sample/src/generated-copy.ts): "said" ends
 * a generic sentence and most quotes' attributions, so nearly every story has it; "dividend"
 * is one of four list items of business stories, so few do. chooseTargets checks with the API.
 */
export const searchWords = { rare: 'dividend', common: 'said' } as const;

/** A plain tRPC GET: `/<procedure>?input=<URL-encoded JSON>`. */
export function apiUrl(procedure: string, input: unknown): string {
  return `/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;
}

/** The same targets at every size; only the deep page's cursor is the size's own. */
export function targetsOf(choices: TargetChoices, middleCursor: string): Target[] {
  const { sampleSlug, tag, searchWords: words } = choices;
  const api = (id: string, procedure: string, input: unknown): Target => ({
    id: `api ${id}`,
    service: 'api',
    url: apiUrl(procedure, input),
  });
  const site = (id: string, url: string): Target => ({ id: `site ${id}`, service: 'site', url });
  return [
    api('article.bySlug', 'article.bySlug', { slug: sampleSlug }),
    api('article.list', 'article.list', { limit: 20 }),
    api('article.list deep', 'article.list', { limit: 20, cursor: middleCursor }),
    api('tag.bySlug', 'tag.bySlug', { slug: tag.slug }),
    api(`article.search ${words.rare.word}`, 'article.search', { q: words.rare.word }),
    api(`article.search ${words.common.word}`, 'article.search', { q: words.common.word }),
    site('/', '/'),
    site('/articles/<sample>', `/articles/${encodeURIComponent(sampleSlug)}`),
    site(`/tags/${tag.slug}`, `/tags/${encodeURIComponent(tag.slug)}`),
    site(`/search?q=${words.common.word}`, `/search?q=${encodeURIComponent(words.common.word)}`),
  ];
}

/**
 * What the targets need from the data, asked of the API at the smallest size and then kept, so
 * every size measures the same URLs: the tag on the most articles, how many articles each search
 * word finds, and that the sample story is there. Ask an API without a response cache: the walks through
 * search pages would otherwise fill the measured API's cache.
 */
export async function chooseTargets(
  apiBase: string,
  articles: number,
  sampleSlug: string,
): Promise<TargetChoices> {
  const tags = await query<{ slug: string; articleCount: number }[]>(apiBase, 'tag.list', undefined);
  const tag = tags.reduce((best, next) => (next.articleCount > best.articleCount ? next : best));
  const rare = await wordShare(apiBase, searchWords.rare, articles);
  const common = await wordShare(apiBase, searchWords.common, articles);
  await query(apiBase, 'article.bySlug', { slug: sampleSlug });
  return { sampleSlug, tag, searchWords: { rare, common } };
}

/**
 * A real nextCursor from about half way down the newest-first list, got by walking it 100 at a
 * time as a client would, so the deep page costs what reading that far in really costs.
 */
export async function middleCursorOf(apiBase: string, articles: number): Promise<string> {
  const middle = Math.floor(articles / 2);
  let seen = 0;
  let cursor: string | null = null;
  while (seen < middle) {
    const input: { limit: number; cursor?: string } = { limit: 100 };
    if (cursor) input.cursor = cursor;
    const page: { items: unknown[]; nextCursor: string | null } = await query(apiBase, 'article.list', input);
    seen += page.items.length;
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  if (!cursor) throw new Error(`article.list has no second page with ${articles} articles`);
  return cursor;
}

/** Hits are counted page by page, up to this many: enough to tell common from rare. */
const hitCountCap = 2_000;

async function wordShare(apiBase: string, word: string, articles: number): Promise<WordShare> {
  let hits = 0;
  let cursor: string | null = null;
  do {
    const input: { q: string; limit: number; cursor?: string } = { q: word, limit: 100 };
    if (cursor) input.cursor = cursor;
    const page: { items: unknown[]; nextCursor: string | null } = await query(
      apiBase,
      'article.search',
      input,
    );
    hits += page.items.length;
    cursor = page.nextCursor;
  } while (cursor && hits < hitCountCap);
  // Search shows a query's newest searchCandidates matches at most: as many hits as that means more.
  return { word, hits, share: hits / articles, capped: cursor !== null || hits >= searchCandidates };
}

async function query<T>(apiBase: string, procedure: string, input: unknown): Promise<T> {
  const url = `${apiBase}${input === undefined ? `/${procedure}` : apiUrl(procedure, input)}`;
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  const body = (await response.json()) as { result?: { data: T }; error?: { message: string } };
  if (!body.result) {
    throw new Error(`${procedure} answered ${response.status}: ${body.error?.message ?? 'no result'}`);
  }
  return body.result.data;
}
