/**
 * The corpus (test/corpus/, see its README): every page with its expected draft, what a draft
 * read from it looks like in the same shape, and how much of it the importer got right. Used by
 * test/corpus.test.ts and by the ingest-corpus bench.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ArticleDraft, type Block, inlineToPlainText } from '@newsroom/domain';

export const corpusDir = fileURLToPath(new URL('./corpus/', import.meta.url));

export interface ExpectedDraft {
  about: string;
  url?: string;
  headline: string;
  standfirst?: string | null;
  paragraphs: string[];
  headings?: string[];
  quotes?: string[];
  lists?: string[][];
  seeAlso: string[];
  sources: { name: string; type: string }[];
  tags: string[];
  authors: string[];
  dateline?: string | null;
  section?: string | null;
  language?: string | null;
  publishedAt?: string | null;
  sourceId?: string | null;
  heroImage?: ExpectedImage | null;
  images?: ExpectedImage[];
  furniture: string[];
}

interface ExpectedImage {
  src: string;
  caption?: string | null;
  credit?: string | null;
}

export interface CorpusPage {
  name: string;
  path: string;
  expected: ExpectedDraft;
}

/** The pages of the corpus, or of another folder laid out the same way. */
export function corpusPages(dir = corpusDir): CorpusPage[] {
  return readdirSync(dir)
    .filter((file) => /\.(?:txt|html)$/.test(file))
    .sort()
    .map((file) => {
      const name = file.replace(/\.(?:txt|html)$/, '');
      const expected = JSON.parse(readFileSync(join(dir, `${name}.expected.json`), 'utf8')) as ExpectedDraft;
      return { name: file, path: join(dir, file), expected };
    });
}

const plain = (text: string) => inlineToPlainText(text).replace(/\s+/g, ' ').trim();
const textsOf = (body: Block[], type: Block['type']) =>
  body.flatMap((block) => (block.type === type && 'text' in block ? [plain(block.text)] : []));

/**
 * The draft in the expected draft's shape, keys as the expected one has them. Paragraphs are
 * shown as the expected start where they start with it, so a difference reads at a glance.
 */
export function draftAsExpected(draft: ArticleDraft, expected: ExpectedDraft): Partial<ExpectedDraft> {
  const paragraphs = textsOf(draft.body, 'paragraph').map((text, index) => {
    const start = expected.paragraphs[index];
    return start !== undefined && text.startsWith(start) ? start : text;
  });
  const quotes = textsOf(draft.body, 'quote').map((text, index) => {
    const start = expected.quotes?.[index];
    return start !== undefined && text.startsWith(start) ? start : text;
  });
  const image = (
    picture: { src: string; caption: string | null; credit: string | null },
    like?: ExpectedImage,
  ) => ({
    src: picture.src,
    ...(like && 'caption' in like ? { caption: picture.caption } : {}),
    ...(like && 'credit' in like ? { credit: picture.credit } : {}),
  });
  const actual: Partial<ExpectedDraft> = {
    headline: draft.headline,
    paragraphs,
    seeAlso: draft.body.flatMap((block) => (block.type === 'see-also' ? [block.headline ?? ''] : [])),
    sources: draft.sources.map(({ name, type }) => ({ name, type })),
    tags: draft.tags.map((tag) => tag.name),
    authors: draft.authors,
  };
  if ('standfirst' in expected) actual.standfirst = draft.standfirst;
  if ('headings' in expected) actual.headings = textsOf(draft.body, 'heading');
  if ('quotes' in expected) actual.quotes = quotes;
  if ('lists' in expected)
    actual.lists = draft.body.flatMap((block) => (block.type === 'list' ? [block.items.map(plain)] : []));
  if ('dateline' in expected) actual.dateline = draft.dateline;
  if ('section' in expected) actual.section = draft.section;
  if ('language' in expected) actual.language = draft.language;
  if ('publishedAt' in expected) actual.publishedAt = draft.publishedAt;
  if ('sourceId' in expected) actual.sourceId = draft.sourceId;
  if ('heroImage' in expected)
    actual.heroImage = draft.heroImage ? image(draft.heroImage, expected.heroImage ?? undefined) : null;
  if ('images' in expected)
    actual.images = draft.body.flatMap((block, index) =>
      block.type === 'image' ? [image(block, expected.images?.[index] ?? expected.images?.[0])] : [],
    );
  return actual;
}

/** The expected draft without what is about the page rather than the draft. */
export function expectedDraft(expected: ExpectedDraft): Partial<ExpectedDraft> {
  const { about: _about, url: _url, furniture: _furniture, ...draft } = expected;
  return draft;
}

/** Every piece of text in the body, as a reader would read it. */
function bodyTexts(draft: ArticleDraft): string[] {
  return draft.body.flatMap((block) => {
    switch (block.type) {
      case 'paragraph':
      case 'heading':
      case 'quote':
        return [plain(block.text)];
      case 'list':
        return block.items.map(plain);
      case 'image':
        return [];
      default:
        return [];
    }
  });
}

/** Furniture lines left in the body: a whole block's text, or (for longer lines) inside one. */
export function furnitureLeft(draft: ArticleDraft, expected: ExpectedDraft): string[] {
  const texts = bodyTexts(draft);
  return expected.furniture.filter((line) => {
    const wanted = line.replace(/\s+/g, ' ').trim();
    return texts.some((text) => text === wanted || (wanted.length >= 25 && text.includes(wanted)));
  });
}

/** Expected paragraphs the draft kept: one of its paragraphs starts with each. */
export function paragraphsKept(draft: ArticleDraft, expected: ExpectedDraft): number {
  const paragraphs = textsOf(draft.body, 'paragraph');
  return expected.paragraphs.filter((start) => paragraphs.some((text) => text.startsWith(start))).length;
}
