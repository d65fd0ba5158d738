import type { RunningNewsroom } from './servers.js';

export const sampleSlug = 'despite-frustration-rubio-discusses-a-new-approach-to-the-ukrainian-peace-talks';
export const sampleHeadline =
  'Despite “frustration”, Rubio discusses a “new approach” to the Ukrainian peace talks with Lavrov';

interface ArticleLinks {
  slug: string;
  heroImage: unknown;
  section: { slug: string } | null;
  authors: { slug: string }[];
  tags: { slug: string }[];
}

async function apiQuery<T>(newsroom: RunningNewsroom, path: string, input: unknown): Promise<T> {
  const res = await fetch(`${newsroom.apiUrl}/${path}?input=${encodeURIComponent(JSON.stringify(input))}`);
  if (!res.ok) throw new Error(`${path} answered ${res.status}`);
  return ((await res.json()) as { result: { data: T } }).result.data;
}

/** One address of each kind of page a reader meets, taken from the seeded content. */
export async function pageTypes(newsroom: RunningNewsroom): Promise<Record<string, string>> {
  const sample = await apiQuery<ArticleLinks>(newsroom, 'article.bySlug', { slug: sampleSlug });
  const page = await apiQuery<{ items: ArticleLinks[] }>(newsroom, 'article.list', { limit: 50 });
  const withHero = page.items.find((a) => a.heroImage !== null);
  if (!withHero) throw new Error('the seeded content has no article with a hero image');
  return {
    home: '/',
    'older stories': `/?cursor=${encodeURIComponent((await apiQuery<{ nextCursor: string }>(newsroom, 'article.list', { limit: 20 })).nextCursor)}`,
    article: `/articles/${sampleSlug}`,
    'article with hero image': `/articles/${withHero.slug}`,
    section: `/sections/${sample.section?.slug ?? 'world'}`,
    tag: `/tags/${sample.tags[0]?.slug}`,
    author: `/authors/${sample.authors[0]?.slug}`,
    search: '/search?q=lavrov',
    'search with no results': '/search?q=zzzyxq',
    'not found': '/articles/no-such-story',
  };
}
