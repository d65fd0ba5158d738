import { type ArticleSummary, CursorSchema, type Page, SlugSchema } from '@newsroom/domain';
import { badRequest, type Failure, load, movedTo, type RedirectKind } from './load';

export type Listing<T> =
  | { ok: true; item: T; articles: Page<ArticleSummary>; cursor: string | null }
  | { ok: false; redirect: string }
  | Failure;

/**
 * A section, tag or author page's data: the item and one page of its stories, read with
 * `bySlug`. A malformed slug or cursor is a 400; a slug that was renamed redirects (301) to
 * where it lives now; an unknown one is a 404.
 */
export async function loadListing<T>(
  kind: Exclude<RedirectKind, 'article'>,
  pathOf: (slug: string) => string,
  params: { slug?: string | undefined },
  url: URL,
  bySlug: (input: {
    slug: string;
    cursor?: string;
    limit: number;
  }) => Promise<T & { articles: Page<ArticleSummary> }>,
): Promise<Listing<T>> {
  const slug = SlugSchema.safeParse(params.slug);
  if (!slug.success) return badRequest(`That is not a valid ${kind} address.`);
  const cursorParam = url.searchParams.get('cursor');
  const cursor = cursorParam === null ? null : CursorSchema.safeParse(cursorParam);
  if (cursor && !cursor.success) return badRequest('That page of stories does not exist.');
  const loaded = await load(() =>
    bySlug({ slug: slug.data, limit: 20, ...(cursor?.data ? { cursor: cursor.data } : {}) }),
  );
  if (loaded.ok) {
    const { articles, ...item } = loaded.data;
    return { ok: true, item: item as T, articles, cursor: cursor?.data ?? null };
  }
  if (loaded.status === 404) {
    const moved = await movedTo(kind, slug.data);
    if (moved) return { ok: false, redirect: `${pathOf(moved)}${url.search}` };
  }
  return loaded;
}
