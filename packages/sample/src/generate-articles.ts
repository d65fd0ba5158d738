import type { ImportArticleInput } from '@newsroom/db';
import type { Block, Image } from '@newsroom/domain';
import { slugify } from '@newsroom/domain';
import {
  companies,
  genericSentences,
  headings,
  ordinals,
  organisations,
  people,
  places,
  quoteLines,
  sectionCopy,
  teamSuffixes,
  worldIssues,
} from './generated-copy.js';
import { createRandom, type Random } from './random.js';
import { generatedPlaces, generatedTopicsBySection, sampleAuthors } from './sample-taxonomy.js';

export interface GenerateArticlesOptions {
  count: number;
  /** The same seed gives the same articles, ids and slugs included. */
  seed: number;
  /** Publication times end just before this instant; fixed so sample content never changes. */
  until?: Date;
  /** Publication times spread over this many days before `until`. */
  days?: number;
  /**
   * Images are `${imageBaseUrl}/<1–8>.svg`. The default, /media/sample, is served by the site
   * itself, so sample content shows pictures with no network.
   */
  imageBaseUrl?: string;
}

export const defaultGeneratedUntil = new Date('2025-07-10T06:00:00.000Z');

const reporters = sampleAuthors.filter((a) => !a.slug.startsWith('newsroom-')).map((a) => a.slug);
const sections = Object.keys(sectionCopy);
/** How many recent stories a see-also block may point back to. */
const seeAlsoWindow = 200;
/** The placeholder pictures the site ships in apps/web/public/media/sample. */
const sampleImageCount = 8;

/**
 * Realistic synthetic articles, all published, oldest first, every block type represented.
 * A generator: it yields one article at a time, so 100,000 never sit in memory together.
 */
export function* generateArticles(options: GenerateArticlesOptions): Generator<ImportArticleInput> {
  const random = createRandom(options.seed);
  const until = (options.until ?? defaultGeneratedUntil).getTime();
  const spanMs = (options.days ?? 180) * 86_400_000;
  const imageBase = options.imageBaseUrl ?? '/media/sample';
  const usedSlugs = new Map<string, number>();
  const recent: { slug: string; headline: string }[] = [];

  for (let i = 0; i < options.count; i++) {
    const section = random.pick(sections);
    const copy = sectionCopy[section];
    if (!copy) continue;
    const words = slotsFor(random, section);
    const fill = (template: string) => template.replace(/\{(\w+)\}/g, (_, key: string) => words[key] ?? key);

    const headline = fill(random.pick(copy.headlines));
    const slug = uniqueSlug(slugify(headline), usedSlugs);
    const id = random.uuid();
    // Evenly spaced through the span, jittered by up to half a step, strictly oldest first.
    const step = spanMs / Math.max(1, options.count);
    const publishedMs = Math.round(until - spanMs + step * i + random.next() * step * 0.5);
    const createdMs = publishedMs - random.int(20, 300) * 60_000;
    const updatedMs = random.chance(0.2) ? publishedMs + random.int(1, 48) * 3_600_000 : publishedMs;

    const image = (subject: string, width: number, height: number): Image => ({
      src: `${imageBase}/${random.int(1, sampleImageCount)}.svg`,
      alt: `${subject} in ${words.place}`,
      caption: `${subject} in ${words.place}. (Sample image.)`,
      credit: 'Newsroom',
      width,
      height,
    });
    // No sentence twice in one story: readers notice repetition at once.
    const usedSentences = new Set<string>();
    const sentence = () => {
      let template = '';
      for (let attempt = 0; attempt < 8 && (!template || usedSentences.has(template)); attempt++) {
        template = random.chance(0.6) ? random.pick(copy.sentences) : random.pick(genericSentences);
      }
      usedSentences.add(template);
      return fill(template);
    };
    const paragraph = (sentences: number) => ({
      type: 'paragraph' as const,
      text: Array.from({ length: sentences }, sentence).join(' '),
    });

    const body: Block[] = [paragraph(2), paragraph(random.int(1, 3))];
    const extras = random.int(2, 6);
    for (let e = 0; e < extras; e++) {
      const roll = random.next();
      if (roll < 0.45) body.push(paragraph(random.int(1, 3)));
      else if (roll < 0.6)
        body.push({ type: 'heading', level: random.chance(0.8) ? 2 : 3, text: random.pick(headings) });
      else if (roll < 0.72) {
        const [name, role] = random.pick(people);
        body.push({ type: 'quote', text: random.pick(quoteLines), attribution: `${name}, ${role}` });
      } else if (roll < 0.82) {
        const items = random.sample(copy.listItems, random.int(2, copy.listItems.length));
        body.push({ type: 'list', style: random.chance(0.5) ? 'bulleted' : 'numbered', items });
      } else if (roll < 0.92)
        body.push({ type: 'image', ...image(random.pick(copy.imageSubjects), 1600, 900) });
      else if (recent.length > 0) body.push({ type: 'see-also', ...random.pick(recent) });
    }
    body.push(paragraph(random.int(1, 2)));

    const topics = generatedTopicsBySection[section] ?? [];
    const tagSlugs = random.sample(topics, random.int(1, Math.min(2, topics.length))).map((t) => t.slug);
    const placeTag = generatedPlaces.find((t) => t.name === words.place);
    if (placeTag && random.chance(0.6)) tagSlugs.push(placeTag.slug);

    yield {
      id,
      slug,
      headline,
      standfirst: fill(random.pick(copy.sentences)).replace(/\*+/g, ''),
      body,
      heroImage: random.chance(0.7) ? image(random.pick(copy.imageSubjects), 1200, 800) : null,
      dateline: random.chance(0.6) ? (words.place ?? '').toUpperCase() : null,
      sources: random.chance(0.2) ? [{ name: 'Sample Wire', type: 'wire', url: null }] : [],
      sectionSlug: section,
      authorSlugs: random.sample(reporters, random.chance(0.8) ? 1 : 2),
      tagSlugs,
      status: 'published',
      createdAt: new Date(createdMs).toISOString(),
      updatedAt: new Date(updatedMs).toISOString(),
      publishedAt: new Date(publishedMs).toISOString(),
    };

    recent.push({ slug, headline });
    if (recent.length > seeAlsoWindow) recent.shift();
  }
}

function slotsFor(random: Random, section: string): Record<string, string> {
  const [place, place2] = random.sample(places, 2);
  const [person, role] = random.pick(people);
  const [team, team2] = random.sample(places, 2).map((p) => `${p} ${random.pick(teamSuffixes)}`);
  return {
    place: place ?? '',
    place2: place2 ?? '',
    team: team ?? '',
    team2: team2 ?? '',
    person,
    role,
    org: random.pick(organisations),
    company: random.pick(companies),
    issue: random.pick(worldIssues),
    section,
    ordinal: random.pick(ordinals),
    score: `${random.int(1, 4)}-${random.int(0, 2)}`,
    number: String(random.int(2, 40)),
    number2: String(random.int(1, 20)),
    percent: String(random.int(2, 60)),
    jobs: String(random.int(3, 60) * 50),
  };
}

/**
 * Templates repeat, slugs must not: the second "x" becomes "x-2", and so on. Counting per base
 * keeps this constant-time when one headline comes up thousands of times.
 */
function uniqueSlug(base: string, used: Map<string, number>): string {
  let n = used.get(base) ?? 0;
  let slug = base;
  while (used.has(slug)) slug = `${base}-${++n + 1}`;
  used.set(base, n);
  if (slug !== base) used.set(slug, 0);
  return slug;
}
