import {
  type ArticleSummary,
  type Author,
  CursorSchema,
  type Page,
  type Section,
  type SectionRef,
  SlugSchema,
  type Tag,
} from '@newsroom/domain';
import { api } from './api';
import { badRequest, type Failure, load, movedTo } from './load';
import { navSections } from './nav';
import { authorPath, sectionPath, tagPath } from './paths';

/** What a listing page lists the stories of. */
export type ListingKind = 'section' | 'tag' | 'author';

interface ItemOf {
  section: Section;
  tag: Tag;
  author: Author;
}

/** One listing page's item and one page of its stories, with the kind that says which it is. */
export type ListedItem = {
  [K in ListingKind]: {
    ok: true;
    kind: K;
    item: ItemOf[K];
    articles: Page<ArticleSummary>;
    /** The cursor this page was asked for: null on the first page. */
    cursor: string | null;
  };
}[ListingKind];

export type Listing = ListedItem | { ok: false; redirect: string } | Failure;

type BySlugInput = { slug: string; cursor?: string; limit: number };

const pathOf = { section: sectionPath, tag: tagPath, author: authorPath } satisfies Record<
  ListingKind,
  (slug: string) => string
>;

const bySlug: Record<
  ListingKind,
  (input: BySlugInput) => Promise<ItemOf[ListingKind] & { articles: Page<ArticleSummary> }>
> = {
  section: (input) => api.section.bySlug.query(input),
  tag: (input) => api.tag.bySlug.query(input),
  author: (input) => api.author.bySlug.query(input),
};

/**
 * A section, tag or author page's data: the item and one page of its stories, read with
 * `bySlug`. A malformed slug or cursor is a 400; a slug that was renamed redirects (301) to
 * where it lives now; an unknown one is a 404.
 */
export async function loadListing(
  kind: ListingKind,
  params: { slug?: string | undefined },
  url: URL,
): Promise<Listing> {
  const slug = SlugSchema.safeParse(params.slug);
  if (!slug.success) return badRequest(`That is not a valid ${kind} address.`);
  const cursorParam = url.searchParams.get('cursor');
  const cursor = cursorParam === null ? null : CursorSchema.safeParse(cursorParam);
  if (cursor && !cursor.success) return badRequest('That page of stories does not exist.');
  const loaded = await load(() =>
    bySlug[kind]({ slug: slug.data, limit: 20, ...(cursor?.data ? { cursor: cursor.data } : {}) }),
  );
  if (loaded.ok) {
    const { articles, ...item } = loaded.data;
    // bySlug[kind] answers with the item of that kind: the API's types cannot say so per key.
    return { ok: true, kind, item, articles, cursor: cursor?.data ?? null } as ListedItem;
  }
  if (loaded.status === 404) {
    const moved = await movedTo(kind, slug.data);
    if (moved) return { ok: false, redirect: `${pathOf[kind](moved)}${url.search}` };
  }
  return loaded;
}

/** The navigation's sections and the listing, asked for together so they go as one batch. */
export async function loadListingPage(
  kind: ListingKind,
  params: { slug?: string | undefined },
  url: URL,
): Promise<{ sections: SectionRef[]; listing: Listing }> {
  const [sections, listing] = await Promise.all([navSections(), loadListing(kind, params, url)]);
  return { sections, listing };
}
