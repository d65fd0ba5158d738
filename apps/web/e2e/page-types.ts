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

async function apiMutation<T>(
  newsroom: RunningNewsroom,
  path: string,
  input: unknown,
  token: string,
): Promise<T> {
  const res = await fetch(`${newsroom.apiUrl}/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(input),
  });
  if (!res.ok) throw new Error(`${path} answered ${res.status}`);
  return ((await res.json()) as { result: { data: T } }).result.data;
}

/** A draft an editor writes and shares: the address of its preview on the site. */
async function draftPreviewPath(newsroom: RunningNewsroom): Promise<string> {
  const token = newsroom.mintToken('editor');
  const draft = await apiMutation<{ id: string }>(
    newsroom,
    'article.create',
    {
      headline: 'Council weighs a new harbour plan',
      standfirst: 'A draft, shared with a source before publication.',
      body: [{ type: 'paragraph', text: 'Not yet published: the vote is on Monday.' }],
      sectionSlug: 'world',
    },
    token,
  );
  return (await apiMutation<{ path: string }>(newsroom, 'preview.create', { articleId: draft.id }, token))
    .path;
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
    preview: await draftPreviewPath(newsroom),
    'preview that does not open': '/preview/nrp_noSuchLink',
  };
}
