import { describe, expect, it } from 'vitest';
import { BlockSchema, BodySchema, ImageSchema, MediaUrlSchema } from './blocks.js';
import { limits } from './limits.js';
import { paragraph } from './testing/fixtures.js';

function messagesOf(result: { success: boolean; error?: { issues: { message: string }[] } }): string[] {
  return result.error?.issues.map((i) => i.message) ?? [];
}

describe('BlockSchema', () => {
  it('parses a paragraph', () => {
    expect(BlockSchema.parse({ type: 'paragraph', text: 'The *council* voted.' })).toEqual({
      type: 'paragraph',
      text: 'The *council* voted.',
    });
  });

  it('parses headings of levels 2 to 4 and refuses level 1, which is the headline', () => {
    for (const level of [2, 3, 4]) {
      expect(BlockSchema.parse({ type: 'heading', level, text: 'What happens next' })).toMatchObject({
        level,
      });
    }
    expect(BlockSchema.safeParse({ type: 'heading', level: 1, text: 'x' }).success).toBe(false);
    expect(BlockSchema.safeParse({ type: 'heading', level: 5, text: 'x' }).success).toBe(false);
  });

  it('parses a quote and fills a missing attribution with null', () => {
    expect(BlockSchema.parse({ type: 'quote', text: 'We will not back down.' })).toEqual({
      type: 'quote',
      text: 'We will not back down.',
      attribution: null,
    });
    expect(BlockSchema.parse({ type: 'quote', text: 'Yes.', attribution: 'The mayor' })).toMatchObject({
      attribution: 'The mayor',
    });
  });

  it('parses an image and fills a missing caption and credit with null', () => {
    expect(
      BlockSchema.parse({ type: 'image', src: '/media/a.jpg', alt: 'Crowd', width: 1200, height: 800 }),
    ).toEqual({
      type: 'image',
      src: '/media/a.jpg',
      alt: 'Crowd',
      caption: null,
      credit: null,
      width: 1200,
      height: 800,
    });
  });

  it('parses bulleted and numbered lists', () => {
    expect(BlockSchema.parse({ type: 'list', style: 'bulleted', items: ['one', 'two'] })).toMatchObject({
      items: ['one', 'two'],
    });
    expect(BlockSchema.parse({ type: 'list', style: 'numbered', items: ['first'] })).toMatchObject({
      style: 'numbered',
    });
  });

  it('parses a see-also link, with or without a known slug', () => {
    expect(BlockSchema.parse({ type: 'see-also', slug: 'earlier-story', headline: 'Earlier' })).toMatchObject(
      {
        slug: 'earlier-story',
      },
    );
    expect(
      BlockSchema.parse({ type: 'see-also', slug: null, headline: 'A story we do not have' }),
    ).toMatchObject({
      slug: null,
    });
  });

  it('refuses an unknown block type, naming the known ones', () => {
    const result = BlockSchema.safeParse({ type: 'video', src: '/v.mp4' });
    expect(result.success).toBe(false);
    const message = messagesOf(result).join(' ');
    for (const type of ['paragraph', 'heading', 'quote', 'image', 'list', 'see-also'])
      expect(message).toContain(type);
  });

  it('refuses empty or whitespace-only text', () => {
    for (const text of ['', '   \n ']) {
      const result = BlockSchema.safeParse({ type: 'paragraph', text });
      expect(messagesOf(result)).toContain('text must not be empty');
    }
    expect(BlockSchema.safeParse({ type: 'list', style: 'bulleted', items: ['ok', ' '] }).success).toBe(
      false,
    );
  });

  it('refuses a list with no items or too many', () => {
    expect(BlockSchema.safeParse({ type: 'list', style: 'bulleted', items: [] }).success).toBe(false);
    const items = Array.from({ length: limits.listItems + 1 }, (_, i) => `item ${i}`);
    expect(BlockSchema.safeParse({ type: 'list', style: 'bulleted', items }).success).toBe(false);
    expect(BlockSchema.safeParse({ type: 'list', style: 'bulleted', items: items.slice(1) }).success).toBe(
      true,
    );
  });

  it('refuses paragraph text over the limit', () => {
    expect(BlockSchema.safeParse(paragraph('x'.repeat(limits.blockText))).success).toBe(true);
    expect(BlockSchema.safeParse(paragraph('x'.repeat(limits.blockText + 1))).success).toBe(false);
  });
});

describe('ImageSchema', () => {
  it('refuses sizes that are not positive whole numbers within the limit', () => {
    const base = { src: '/a.jpg', alt: '' };
    expect(ImageSchema.safeParse({ ...base, width: 0, height: 10 }).success).toBe(false);
    expect(ImageSchema.safeParse({ ...base, width: 10.5, height: 10 }).success).toBe(false);
    expect(ImageSchema.safeParse({ ...base, width: limits.imageDimension + 1, height: 10 }).success).toBe(
      false,
    );
    expect(ImageSchema.safeParse({ ...base, width: limits.imageDimension, height: 10 }).success).toBe(true);
  });
});

describe('MediaUrlSchema', () => {
  it.each([
    'https://cdn.example.org/a.jpg',
    'http://example.org/a.png?w=800',
    'HTTPS://EXAMPLE.ORG/A.JPG',
    '/media/a.jpg',
  ])('accepts %s', (url) => {
    expect(MediaUrlSchema.safeParse(url).success).toBe(true);
  });

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:image/svg+xml;base64,PHN2Zz4='],
    ['protocol-relative', '//evil.example/a.jpg'],
    ['backslash protocol-relative', '/\\evil.example/a.jpg'],
    ['tab-hidden protocol-relative', '/\t/evil.example/a.jpg'],
    ['ftp:', 'ftp://example.org/a.jpg'],
    ['a relative path', 'media/a.jpg'],
    ['leading whitespace', ' https://example.org/a.jpg'],
    ['an empty string', ''],
  ])('refuses %s', (_what, url) => {
    const result = MediaUrlSchema.safeParse(url);
    expect(result.success).toBe(false);
    expect(messagesOf(result)).toContain('must be an http(s) URL or a path starting with /');
  });

  it('accepts a path only when a browser keeps it on this site', () => {
    for (const url of [
      '/a.jpg',
      '/a/b.jpg?x=1',
      '//evil.example',
      '/\\evil.example',
      '/\t/evil.example',
      '/\r\n/evil.example',
    ]) {
      const staysHome = new URL(url, 'https://news.example/').origin === 'https://news.example';
      expect(MediaUrlSchema.safeParse(url).success, JSON.stringify(url)).toBe(staysHome);
    }
  });

  it('refuses URLs over the length limit', () => {
    const long = `https://example.org/${'a'.repeat(limits.url)}`;
    expect(MediaUrlSchema.safeParse(long).success).toBe(false);
  });
});

describe('BodySchema', () => {
  it('accepts an empty body and a body at the block limit', () => {
    expect(BodySchema.safeParse([]).success).toBe(true);
    const body = Array.from({ length: limits.bodyBlocks }, (_, i) => paragraph(`Paragraph ${i}.`));
    expect(BodySchema.safeParse(body).success).toBe(true);
  });

  it('refuses a body over the block count, saying the maximum', () => {
    const body = Array.from({ length: limits.bodyBlocks + 1 }, (_, i) => paragraph(`Paragraph ${i}.`));
    const result = BodySchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(messagesOf(result)).toContain(`body must have at most ${limits.bodyBlocks} blocks`);
  });

  it('refuses a body over the byte size, saying the maximum', () => {
    const body = Array.from({ length: 51 }, () => paragraph('x'.repeat(limits.blockText)));
    const result = BodySchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(messagesOf(result)).toEqual([`body must be at most ${limits.bodyBytes} bytes`]);
  });

  it('measures the size in UTF-8 bytes, not characters', () => {
    // 200,000 characters, but 600,000 bytes: each "€" takes three.
    const body = Array.from({ length: 40 }, () => paragraph('€'.repeat(5_000)));
    expect(BodySchema.safeParse(body).success).toBe(false);
    const ascii = Array.from({ length: 40 }, () => paragraph('e'.repeat(5_000)));
    expect(BodySchema.safeParse(ascii).success).toBe(true);
  });

  it('points at the block that is wrong', () => {
    const result = BodySchema.safeParse([paragraph('fine'), { type: 'paragraph', text: '' }]);
    expect(result.error?.issues[0]?.path).toEqual([1, 'text']);
  });
});
