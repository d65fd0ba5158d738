import { createHash } from 'node:crypto';
import { type Author, type Block, type Section, slugify, type Tag } from '@newsroom/domain';
import type { ImportArticleInput } from '../finished-article-input.js';
import type { Store } from '../store.js';
import { everyBlock } from './contract-fixtures.js';

/*
 * Content in bulk for the Store's own tests that need a newsroom with some weight (query plans,
 * copies between backends). The sample newsroom lives in @newsroom/sample, which depends on this
 * package, so these tests make their own: plain and predictable, every value following from an
 * article's index, so the same count always gives the same rows.
 */

const section = (slug: string, name: string, order: number): Section => ({
  slug,
  name,
  description: `${name} news.`,
  order,
});
const tag = (slug: string, name: string, type: Tag['type']): Tag => ({ slug, name, description: null, type });
const author = (slug: string, name: string): Author => ({ slug, name, bio: null, avatar: null });

export const contentSections: readonly Section[] = [
  section('world', 'World', 0),
  section('politics', 'Politics', 1),
  section('business', 'Business', 2),
  section('science', 'Science', 3),
  section('technology', 'Technology', 4),
  section('culture', 'Culture', 5),
  section('sport', 'Sport', 6),
];

export const contentTags: readonly Tag[] = [
  tag('climate', 'Climate', 'topic'),
  tag('elections', 'Elections', 'topic'),
  tag('markets', 'Markets', 'topic'),
  tag('health', 'Health', 'topic'),
  tag('transport', 'Transport', 'topic'),
  tag('music', 'Music', 'topic'),
  tag('lisbon', 'Lisbon', 'place'),
  tag('nairobi', 'Nairobi', 'place'),
  tag('osaka', 'Osaka', 'place'),
  tag('united-nations', 'United Nations', 'organization'),
  tag('ada-lovelace', 'Ada Lovelace', 'person'),
];

export const contentAuthors: readonly Author[] = [
  author('amara-okafor', 'Amara Okafor'),
  author('lukas-brandt', 'Lukas Brandt'),
  author('sofia-marquez', 'Sofía Márquez'),
  author('kenji-watanabe', 'Kenji Watanabe'),
  author('priya-raman', 'Priya Raman'),
];

const subjects = ['Harbour', 'City council', 'Night train', 'Market', 'Festival', 'Museum', 'Ferry'];
const events = ['reopens', 'votes on a plan', 'runs again', 'closes higher', 'draws crowds', 'finds a buyer'];

const places = contentTags.filter((t) => t.type === 'place');
const placeOf = (i: number) => places[i % places.length] as Tag;
/** Unique by its day, so every slug is too. */
const headlineOf = (i: number) =>
  `${subjects[i % subjects.length]} ${events[i % events.length]} in ${placeOf(i).name}, day ${i + 1}`;

/** Publication times end just before this instant and go back `days`, oldest first. */
export const contentUntil = new Date('2025-07-10T06:00:00.000Z');

/**
 * `count` published articles over contentSections, contentTags and contentAuthors, oldest
 * first, spread over `days` (180) before contentUntil: every section, tag and author used, a
 * hero image on two in three, every block type in every seventh, and see-also blocks to earlier ones.
 */
export function* generatedArticles(count: number, days = 180): Generator<ImportArticleInput> {
  const step = (days * 86_400_000) / Math.max(1, count);
  const start = contentUntil.getTime() - days * 86_400_000;
  for (let i = 0; i < count; i++) {
    const place = placeOf(i);
    const headline = headlineOf(i);
    const publishedAt = new Date(start + Math.round(step * i));
    const body: Block[] =
      i % 7 === 0
        ? [...everyBlock]
        : [
            { type: 'paragraph', text: `${headline}: the city heard of it first.` },
            { type: 'paragraph', text: `Story ${i + 1} goes on, with *emphasis* and **strong** words.` },
          ];
    if (i > 0 && i % 5 === 0) {
      body.push({ type: 'see-also', slug: slugify(headlineOf(i - 1)), headline: headlineOf(i - 1) });
    }
    yield {
      headline,
      slug: slugify(headline),
      standfirst: i % 4 === 0 ? null : `What happened in ${place.name}.`,
      body,
      heroImage:
        i % 3 === 2
          ? null
          : {
              src: `/media/sample/${(i % 8) + 1}.svg`,
              alt: headline,
              caption: null,
              credit: 'Newsroom',
              width: 1200,
              height: 800,
            },
      dateline: i % 2 === 0 ? place.name.toUpperCase() : null,
      sources: i % 6 === 0 ? [{ name: 'AP', type: 'wire', url: null }] : [],
      sectionSlug: (contentSections[i % contentSections.length] as Section).slug,
      authorSlugs: [...new Set([i % 5, (i * 3 + 1) % 5].slice(0, i % 4 === 0 ? 2 : 1))].map(
        (a) => (contentAuthors[a] as Author).slug,
      ),
      tagSlugs: [...new Set([i % 6, (i * 7 + 2) % contentTags.length])].map(
        (t) => (contentTags[t] as Tag).slug,
      ),
      status: 'published',
      createdAt: new Date(publishedAt.getTime() - 30 * 60_000).toISOString(),
      updatedAt: (i % 5 === 1 ? new Date(publishedAt.getTime() + 3_600_000) : publishedAt).toISOString(),
      publishedAt: publishedAt.toISOString(),
    };
  }
}

/** Stories brought in as outside copy through store.imports, so the import records have rows too. */
const importedCopy = [
  {
    headline: 'Harbour lights return to the old port',
    words: 'The lights are back after ten years.',
    daysAgo: -1,
  },
  { headline: 'Ferry strike called off at dawn', words: 'Ferries sail again across the bay.', daysAgo: 30 },
  {
    headline: 'Night market opens by the river',
    words: 'Stalls line the river bank until midnight.',
    daysAgo: 90,
  },
];

/**
 * The taxonomy, `count` generated articles (one importMany) and three stories imported as outside
 * copy, published among them (the newest is one), `daysAgo` before contentUntil: `count` + 3 articles.
 */
export async function givenNewsroomContent(store: Store, count: number): Promise<void> {
  for (const item of contentSections) await store.sections.upsert(item);
  for (const item of contentTags) await store.tags.upsert(item);
  for (const item of contentAuthors) await store.authors.upsert(item);
  await store.articles.importMany(generatedArticles(count));
  for (const [i, copy] of importedCopy.entries()) {
    await store.imports.importDraft(
      {
        origin: `copy-${i + 1}.txt`,
        contentHash: createHash('sha256').update(`${copy.headline}\n${copy.words}`).digest('hex'),
        headline: copy.headline,
        body: [
          { type: 'paragraph', text: copy.words },
          { type: 'see-also', slug: null, headline: 'A story we do not have' },
        ],
        sources: [{ name: 'Reuters', type: 'wire', url: null }],
        tags: [{ name: 'Transport' }, { name: 'Waterfront', type: 'place' }],
        authors: ['Amara Okafor'],
        section: 'world',
        publishedAt: new Date(contentUntil.getTime() - copy.daysAgo * 86_400_000).toISOString(),
      },
      { status: 'published', now: new Date(contentUntil.getTime() + 86_400_000) },
    );
  }
}
