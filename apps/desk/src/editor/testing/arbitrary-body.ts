import { type Block, BodySchema } from '@newsroom/domain';
import type { JSONContent } from '@tiptap/core';
import fc from 'fast-check';
import { inlineContent } from '../body-to-doc';
import { mergedRuns, type Run } from '../inline-runs';
import { arbitraryRuns, inlineText } from './arbitrary-inline';

/**
 * Inline sources as they may come from the API: canonical or not, with markers that open,
 * close or stay text, escapes needed and needless, links safe and unsafe, nested and empty.
 */
const sourcePiece = fc.oneof(
  { weight: 6, arbitrary: inlineText() },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '*',
      '**',
      '***',
      '_',
      '__',
      '\\',
      '\\*',
      '\\_',
      '\\a',
      '[',
      ']',
      '](',
      ')',
      '[a](https://example.com/)',
      '[b](/world/story)',
      '[x](javascript:alert(1))',
      '[](https://example.com/)',
      '[outer [inner](/a) text](/b)',
      '[M](https://en.wikipedia.org/wiki/Mercury_(planet))',
      '*em*',
      '_em_',
      '**strong**',
      '__strong__',
      'snake_case',
      ' ',
    ),
  },
);

export const inlineSource = (): fc.Arbitrary<string> =>
  fc.array(sourcePiece, { minLength: 1, maxLength: 10 }).map((pieces) => pieces.join(''));

const plainText = fc.oneof(inlineText(), fc.constantFrom('Reuters', 'AP Photo', '*not markup*'));
const slug = fc.constantFrom('fire-destroys-tomorrowlands-iconic-main-stage', 'a', 'world-news-2025');

const block: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ type: fc.constant('paragraph'), text: inlineSource() }),
  fc.record({ type: fc.constant('heading'), level: fc.constantFrom(2, 3, 4), text: inlineSource() }),
  fc.record({
    type: fc.constant('quote'),
    text: inlineSource(),
    attribution: fc.option(fc.oneof(fc.constant(''), plainText)),
  }),
  fc.record({
    type: fc.constant('image'),
    src: fc.constantFrom('/media/sample/1.svg', 'https://images.example.com/a%20b.jpg'),
    alt: fc.oneof(fc.constant(''), plainText),
    caption: fc.option(fc.oneof(fc.constant(''), plainText)),
    credit: fc.option(plainText),
    width: fc.integer({ min: 1, max: 4000 }),
    height: fc.integer({ min: 1, max: 4000 }),
  }),
  fc.record({
    type: fc.constant('list'),
    style: fc.constantFrom('bulleted', 'numbered'),
    items: fc.array(inlineSource(), { minLength: 1, maxLength: 4 }),
  }),
  fc.record({ type: fc.constant('see-also'), slug: fc.option(slug), headline: plainText }),
);

/** Bodies the API could return: whatever passes BodySchema, as BodySchema gives it back. */
export const arbitraryBody = (): fc.Arbitrary<Block[]> =>
  fc
    .array(block, { maxLength: 8 })
    .map((blocks) => BodySchema.safeParse(blocks))
    .filter((parsed) => parsed.success)
    .map((parsed) => parsed.data as Block[]);

/**
 * Inline content with marks anywhere, and at least one letter, so the block is not empty.
 * Headings get fewer runs: their source must fit in limits.headingText.
 */
const content = (maxRuns: number) =>
  arbitraryRuns(maxRuns).map((runs): JSONContent[] =>
    inlineContent(mergedRuns([...runs, { text: 'q', bold: false, italic: false, href: null } satisfies Run])),
  );

/** A stale source (the block was edited since it was opened), or none (new or pasted). */
const staleSource = fc.option(inlineSource(), { freq: 2 });

const textBlock = (type: string, attrs: Record<string, unknown> = {}) =>
  fc
    .tuple(content(type === 'heading' ? 3 : 8), staleSource)
    .map(([inline, source]): JSONContent => ({ type, attrs: { ...attrs, source }, content: inline }));

const node: fc.Arbitrary<JSONContent> = fc.oneof(
  textBlock('paragraph'),
  fc.constantFrom(2, 3, 4).chain((level) => textBlock('heading', { level })),
  fc.tuple(textBlock('quoteText'), fc.option(plainText)).map(([words, by]) => ({
    type: 'quote',
    content: [
      words,
      by
        ? { type: 'quoteAttribution', attrs: { source: null }, content: [{ type: 'text', text: by }] }
        : {
            type: 'quoteAttribution',
            attrs: { source: null },
          },
    ],
  })),
  fc
    .tuple(
      fc.constantFrom('bulletList', 'orderedList'),
      fc.array(textBlock('paragraph'), { minLength: 1, maxLength: 4 }),
    )
    .map(([type, paragraphs]) => ({
      type,
      content: paragraphs.map((paragraph) => ({ type: 'listItem', content: [paragraph] })),
    })),
);

/** Documents a person could make in the editor: text with bold, italic and links anywhere. */
export const arbitraryDoc = (): fc.Arbitrary<JSONContent> =>
  fc.array(node, { minLength: 1, maxLength: 6 }).map((content) => ({ type: 'doc', content }));
