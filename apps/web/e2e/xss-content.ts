import { createNewsroomClient } from '@newsroom/api/client';
import { type Article, type Block, limits } from '@newsroom/domain';
import type { RunningNewsroom } from './servers.js';
import { xssUrls, xssVectors } from './xss-vectors.js';

/**
 * Newsroom filled with the XSS corpus: every vector in every field a reader can see, through
 * the API as an editor would write it and, for comments, through the site's own comment form.
 *
 * A field that holds one value per story (a headline, a dateline) gets the vectors packed into
 * as many values as its length limit needs, one per story, so the number of stories is what
 * the shortest such field needs; fields with many values per story (body blocks, sources,
 * comments) get each story's share of the vectors, vector n going to story n mod that number.
 */
export interface XssContent {
  articles: Article[];
  tags: { slug: string; name: string; description: string | null }[];
  authors: { slug: string; name: string; bio: string | null }[];
  sections: { slug: string; name: string; description: string | null }[];
  /** Per story slug, the comment names and bodies posted to it. */
  comments: Map<string, { displayName: string; body: string }[]>;
  /** Search texts, each a handful of vectors. */
  searches: string[];
}

/** The vectors joined into as few texts of at most `max` characters as they fit in. */
export function packed(max: number, vectors: readonly string[] = xssVectors): string[] {
  const texts: string[] = [];
  let current = '';
  for (const vector of vectors) {
    if (vector.length > max) throw new Error(`a vector is longer than ${max} characters: ${vector}`);
    if (current && current.length + 1 + vector.length > max) {
      texts.push(current);
      current = '';
    }
    current = current ? `${current} ${vector}` : vector;
  }
  if (current) texts.push(current);
  return texts;
}

/** `texts` stretched to `count` values, starting over once all were used; none left out. */
function spread(texts: string[], count: number): string[] {
  if (texts.length > count) throw new Error(`${texts.length} texts do not fit in ${count} values`);
  return Array.from({ length: count }, (_, i) => texts[i % texts.length] as string);
}

function bodyOf(mine: string[], story: number): Block[] {
  const blocks: Block[] = [];
  mine.forEach((vector, n) => {
    blocks.push(
      { type: 'paragraph', text: vector },
      { type: 'paragraph', text: `Said *${vector}* and **${vector}**, see [${vector}](/search?q=x).` },
      { type: 'heading', level: ([2, 3, 4] as const)[n % 3] as 2 | 3 | 4, text: vector },
      { type: 'quote', text: vector, attribution: vector },
      {
        type: 'image',
        src: xssUrls[(story + n) % xssUrls.length] as string,
        alt: vector,
        caption: vector,
        credit: vector,
        width: 800,
        height: 600,
      },
      // A see-also names a story we have (a link) or one we do not (text alone).
      { type: 'see-also', slug: n % 2 === 0 ? null : 'xss-story-0', headline: vector },
    );
  });
  blocks.push({ type: 'list', style: story % 2 === 0 ? 'bulleted' : 'numbered', items: mine });
  return blocks;
}

export async function writeXssContent(newsroom: RunningNewsroom): Promise<XssContent> {
  const api = createNewsroomClient(newsroom.apiUrl, { token: newsroom.mintToken('admin') });

  const datelines = packed(limits.dateline);
  const stories = datelines.length;
  const headlines = packed(limits.headline);
  const names = packed(limits.name);
  const descriptions = spread(packed(limits.bio), names.length);
  const mineOf = (story: number) => xssVectors.filter((_, n) => n % stories === story);

  const sections = names.map((name, n) => ({
    slug: `xss-section-${n}`,
    name,
    description: descriptions[n] ?? null,
    order: 1_000 + n,
  }));
  const tags = names.map((name, n) => ({
    slug: `xss-tag-${n}`,
    name,
    description: descriptions[n] ?? null,
    type: 'topic' as const,
  }));
  const authors = names.map((name, n) => ({
    slug: `xss-author-${n}`,
    name,
    bio: descriptions[n] ?? null,
    avatar: xssUrls[n % xssUrls.length] ?? null,
  }));
  await Promise.all([
    ...sections.map((section) => api.section.create.mutate(section)),
    ...tags.map((tag) => api.tag.create.mutate(tag)),
    ...authors.map((author) => api.author.create.mutate(author)),
  ]);

  const standfirsts = spread(packed(limits.standfirst), stories);
  // The stories past those the SEO titles need keep their headline as the page title, so
  // both reach <title>.
  const seoTitles = packed(limits.seoTitle);
  const seoDescriptions = spread(packed(limits.seoDescription), seoTitles.length);
  if (seoTitles.length >= stories) throw new Error('every story would have an SEO title');
  const alts = spread(packed(limits.imageAlt), stories);
  const captions = spread(packed(limits.caption), stories);
  const credits = spread(packed(limits.credit), stories);
  const spreadHeadlines = spread(headlines, stories);
  const onStory = <T>(items: T[], story: number) => items.filter((_, n) => n % stories === story);

  const articles = await Promise.all(
    Array.from({ length: stories }, async (_, story) => {
      const mine = mineOf(story);
      const created = await api.article.create.mutate({
        slug: `xss-story-${story}`,
        headline: spreadHeadlines[story] as string,
        standfirst: standfirsts[story] as string,
        dateline: datelines[story] as string,
        ...(story < seoTitles.length
          ? { seoTitle: seoTitles[story], seoDescription: seoDescriptions[story] }
          : {}),
        body: bodyOf(mine, story),
        heroImage: {
          src: xssUrls[story % xssUrls.length] as string,
          alt: alts[story] as string,
          caption: captions[story] as string,
          credit: credits[story] as string,
          width: 1200,
          height: 800,
        },
        sources: mine.map((name) => ({ name, type: 'wire' as const, url: null })),
        sectionSlug: sections[story % sections.length]?.slug ?? null,
        authorSlugs: onStory(authors, story).map((a) => a.slug),
        tagSlugs: onStory(tags, story).map((t) => t.slug),
        commentPolicy: 'open',
      });
      const published = await api.article.publish.mutate({ id: created.id, version: created.version });
      return api.article.addCorrection.mutate({
        id: published.id,
        version: published.version,
        note: mine.join(' '),
      });
    }),
  );
  if (articles.some((article) => article.section === null || article.status !== 'published')) {
    throw new Error('a story of the corpus was not published with its section');
  }

  const comments = await postComments(newsroom, articles);
  return {
    articles,
    tags,
    authors,
    sections,
    comments,
    searches: packed(limits.searchQuery),
  };
}

/**
 * Each vector as a comment's name and, with its neighbours, its text: posted through the
 * site's form as a reader's browser would, every other one a reply to the story's first.
 */
async function postComments(newsroom: RunningNewsroom, articles: Article[]) {
  const posted = new Map<string, { displayName: string; body: string }[]>();
  const firstOf = new Map<string, string>();
  // The stories side by side, each one's comments in order, so replies have their parent.
  await Promise.all(
    articles.map(async (article, story) => {
      const mine = xssVectors.filter((_, n) => n % articles.length === story);
      for (const [n, displayName] of mine.entries()) {
        const body = [displayName, ...mine.filter((v) => v !== displayName)].join('\n');
        const parentId = n % 2 === 1 ? (firstOf.get(article.slug) ?? '') : '';
        const res = await fetch(`${newsroom.siteUrl}/articles/${article.slug}`, {
          method: 'POST',
          body: new URLSearchParams({ displayName, body, parentId, website: '' }),
          headers: { origin: newsroom.siteUrl },
          redirect: 'manual',
        });
        const location = res.headers.get('location') ?? '';
        await res.arrayBuffer();
        if (res.status !== 303 || !location.includes('comment=published')) {
          throw new Error(`the comment form refused a comment (${res.status}): ${displayName}`);
        }
        const id = /#comment-([0-9a-f-]+)$/.exec(location)?.[1];
        if (n === 0 && id) firstOf.set(article.slug, id);
        posted.set(article.slug, [...(posted.get(article.slug) ?? []), { displayName, body }]);
      }
    }),
  );
  return posted;
}
