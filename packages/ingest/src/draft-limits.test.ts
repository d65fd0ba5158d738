import { type Block, limits } from '@newsroom/domain';
import { describe, expect, it } from 'vitest';
import { contentHashOf } from './content-hash.js';
import { blankDraft, defaultImageSize, fitToLimits, splitText, truncated } from './draft-limits.js';
import { parseScrapedText } from './scraped-text.js';
import { expectStoreAccepts } from './testing/store-accepts.js';

const draftWith = (fields: Partial<ReturnType<typeof blankDraft>>) => ({
  ...blankDraft('test', contentHashOf('test')),
  headline: 'Headline',
  ...fields,
});

describe('fitToLimits', () => {
  it('cuts a long headline at a word, with an ellipsis and a warning', () => {
    const draft = fitToLimits(draftWith({ headline: 'word '.repeat(100) }));
    expect(draft.headline.length).toBeLessThanOrEqual(limits.headline);
    expect(draft.headline.endsWith('word…')).toBe(true);
    expect(draft.warnings).toEqual([`headline of 499 characters cut to ${limits.headline}`]);
  });

  it('splits a paragraph over the block limit into several, losing no word', () => {
    const sentence = 'The harbour master counted the boats again. ';
    const text = sentence.repeat(600).trim();
    const draft = fitToLimits(draftWith({ body: [{ type: 'paragraph', text }] }));
    expect(draft.body.length).toBe(3);
    for (const block of draft.body)
      expect((block as { text: string }).text.length).toBeLessThanOrEqual(limits.blockText);
    expect(draft.body.map((b) => (b as { text: string }).text).join(' ')).toBe(text);
    expect(draft.warnings).toEqual([`a paragraph of ${text.length} characters split into 3`]);
  });

  it('keeps only the first 500 blocks, with a warning', () => {
    const body: Block[] = Array.from({ length: 520 }, (_, i) => ({
      type: 'paragraph',
      text: `Paragraph ${i}.`,
    }));
    const draft = fitToLimits(draftWith({ body }));
    expect(draft.body.length).toBe(limits.bodyBlocks);
    expect(draft.warnings).toEqual(['body of 520 blocks cut to the first 500']);
  });

  it('leaves blocks off the end when the body is over its size in bytes', () => {
    const body: Block[] = Array.from({ length: 60 }, () => ({ type: 'paragraph', text: 'é'.repeat(9_000) }));
    const draft = fitToLimits(draftWith({ body }));
    expectStoreAccepts(draft);
    expect(draft.warnings.at(-1)).toMatch(/^body over 500000 bytes: the last \d+ blocks left out$/);
  });

  it('splits a list of more than 100 items into several lists', () => {
    const items = Array.from({ length: 230 }, (_, i) => `Item ${i}`);
    const draft = fitToLimits(draftWith({ body: [{ type: 'list', style: 'numbered', items }] }));
    expect(draft.body.map((b) => (b.type === 'list' ? b.items.length : 0))).toEqual([100, 100, 30]);
  });

  it('keeps a heading that is too long as a paragraph', () => {
    const text = 'Long '.repeat(80).trim();
    const draft = fitToLimits(draftWith({ body: [{ type: 'heading', level: 2, text }] }));
    expect(draft.body).toEqual([{ type: 'paragraph', text }]);
  });

  it('keeps the first 20 tags and 10 authors, without repeats', () => {
    const tags = Array.from({ length: 25 }, (_, i) => ({ name: `Tag ${i}` }));
    const draft = fitToLimits(
      draftWith({
        tags: [{ name: 'tag 0' }, ...tags],
        authors: Array.from({ length: 12 }, (_, i) => `Author ${i}`),
      }),
    );
    expect(draft.tags.length).toBe(20);
    expect(draft.tags[0]).toEqual({ name: 'tag 0' });
    expect(draft.authors.length).toBe(10);
    expectStoreAccepts(draft);
  });

  it('fixes or drops invalid values, each with a warning', () => {
    const draft = fitToLimits(
      draftWith({
        slug: 'Not A Slug',
        section: 'World News',
        publishedAt: 'yesterday',
        canonicalUrl: 'javascript:alert(1)',
        language: 'EN-gb',
        heroImage: {
          src: 'data:image/png;base64,xx',
          alt: '',
          caption: null,
          credit: null,
          width: 1,
          height: 1,
        },
        sources: [{ name: 'AP', type: 'wire', url: 'ftp://x' }],
      }),
    );
    expect(draft).toMatchObject({
      slug: 'not-a-slug',
      section: 'world-news',
      publishedAt: null,
      canonicalUrl: null,
      language: 'en-gb',
      heroImage: null,
      sources: [{ name: 'AP', type: 'wire', url: null }],
    });
    expect(draft.warnings.length).toBe(5);
    expectStoreAccepts(draft);
  });

  it('leaves out empty blocks and gives an image without a size the default one', () => {
    const draft = fitToLimits(
      draftWith({
        body: [
          { type: 'paragraph', text: '   ' },
          {
            type: 'image',
            src: 'https://x.example/a.jpg',
            alt: '',
            caption: null,
            credit: null,
            width: 0,
            height: 0,
          },
        ],
      }),
    );
    expect(draft.body).toEqual([
      {
        type: 'image',
        src: 'https://x.example/a.jpg',
        alt: '',
        caption: null,
        credit: null,
        ...defaultImageSize,
      },
    ]);
  });

  it('makes a scraped story of 2,000 paragraphs into a draft the Store accepts', async () => {
    const text = `Headline\n\n${Array.from({ length: 2_000 }, (_, i) => `Paragraph ${i}.`).join('\n\n')}`;
    const draft = parseScrapedText(text, { origin: 'long.txt' });
    expectStoreAccepts(draft);
    expect(draft.warnings).toEqual(['body of 2000 blocks cut to the first 500']);
  });
});

describe('truncated and splitText', () => {
  it('never cuts a surrogate pair or leaves a lone escaping backslash', () => {
    expect(truncated(`${'a'.repeat(8)}😀😀`, 10)).toBe(`${'a'.repeat(8)}…`);
    expect(truncated(`${'a'.repeat(8)}\\*bc`, 10)).toBe(`${'a'.repeat(8)}…`);
  });

  it('splits at a sentence end near the limit, else at a space', () => {
    expect(splitText('One two three. Four five six seven', 20)).toEqual([
      'One two three.',
      'Four five six seven',
    ]);
    expect(splitText('aaaa bbbb cccc dddd', 10)).toEqual(['aaaa bbbb', 'cccc dddd']);
  });
});
