import { describe, expect, it } from 'vitest';
import type { Block } from './blocks.js';
import { publishWarningsOf, seeAlsoSlugsOf } from './publish-warnings.js';

const picture = { src: 'https://images.example/a.jpg', width: 800, height: 600, caption: null, credit: null };
const ready = {
  section: { slug: 'world', name: 'World' },
  standfirst: 'What happened, in a sentence.',
  heroImage: { ...picture, alt: 'Rescuers at the scene' },
  body: [
    { type: 'paragraph', text: 'Text.' },
    { type: 'see-also', slug: 'earlier-story', headline: 'Earlier story' },
  ] as Block[],
};

describe('warnings before publishing', () => {
  it('has none for a story with a section, a standfirst, described pictures and live links', () => {
    expect(publishWarningsOf(ready, new Set(['earlier-story']))).toEqual([]);
  });

  it('names each thing a reader would miss', () => {
    const warnings = publishWarningsOf(
      {
        section: null,
        standfirst: '  ',
        heroImage: { ...picture, alt: '' },
        body: [
          { type: 'image', ...picture, alt: ' ', caption: 'The bridge at dawn' },
          { type: 'see-also', slug: 'gone', headline: 'A story since deleted' },
          { type: 'see-also', slug: null, headline: 'A story we never had' },
        ],
      },
      new Set(),
    );
    expect(warnings).toEqual([
      'It has no section.',
      'It has no standfirst.',
      'The hero picture has no alt text.',
      'The picture in block 1 (“The bridge at dawn”) has no alt text.',
      '“See also: A story since deleted” points to no published story.',
      '“See also: A story we never had” points to no published story.',
    ]);
  });

  it("asks for a library picture's alt text in the library too, and notices one no longer kept", () => {
    const kept = (hash: string) => `/media/${hash.repeat(64)}`;
    const warnings = publishWarningsOf(
      {
        ...ready,
        heroImage: { ...picture, src: kept('a'), alt: 'Rescuers at the scene' },
        body: [
          { type: 'image', ...picture, src: kept('b'), alt: 'A bridge', caption: 'The bridge at dawn' },
          { type: 'image', ...picture, src: kept('c'), alt: '' },
          { type: 'image', ...picture, src: kept('d'), alt: 'Described everywhere' },
          { type: 'image', ...picture, src: kept('e'), alt: 'Gone' },
        ],
      },
      new Set(),
      new Map([
        ['a'.repeat(64), { alt: '' }],
        ['b'.repeat(64), { alt: '  ' }],
        ['c'.repeat(64), { alt: '' }],
        ['d'.repeat(64), { alt: 'A crowd' }],
        ['e'.repeat(64), null],
      ]),
    );
    expect(warnings).toEqual([
      'The hero picture has no alt text in the library.',
      'The picture in block 1 (“The bridge at dawn”) has no alt text in the library.',
      // Its own missing alt text is the one thing to fix first.
      'The picture in block 2 has no alt text.',
      'The picture in block 4 is no longer in the library.',
    ]);
  });

  it('lists the see-also slugs to look up once each', () => {
    expect(
      seeAlsoSlugsOf([
        { type: 'see-also', slug: 'a', headline: 'A' },
        { type: 'paragraph', text: 'x' },
        { type: 'see-also', slug: 'a', headline: 'A again' },
        { type: 'see-also', slug: null, headline: 'None' },
      ]),
    ).toEqual(['a']);
  });
});
