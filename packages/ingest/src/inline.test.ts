import { type InlineNode, inlineToPlainText, parseInline } from '@newsroom/domain';
import { describe, expect, it } from 'vitest';
import { escapeInline, inlineSourceOf, safeHref } from './inline.js';

const t = (text: string): InlineNode => ({ kind: 'text', text });
const em = (...children: InlineNode[]): InlineNode => ({ kind: 'emphasis', children });
const strong = (...children: InlineNode[]): InlineNode => ({ kind: 'strong', children });
const link = (href: string, ...children: InlineNode[]): InlineNode => ({ kind: 'link', href, children });

describe('escapeInline', () => {
  it.each([
    'snake_case_name',
    '*starred*',
    '[sic]',
    'back\\slash',
    '__init__',
    '[a](https://x.example)',
    '**',
  ])('reads back as the same words: %j', (text) => {
    expect(inlineToPlainText(escapeInline(text))).toBe(text);
    expect(parseInline(escapeInline(text))).toEqual([t(text)]);
  });
});

describe('inlineSourceOf', () => {
  it('writes emphasis, strong and links in the domain subset', () => {
    expect(
      inlineSourceOf([
        t('a '),
        em(t('b')),
        t(' '),
        strong(t('c')),
        t(' '),
        link('https://x.example/', t('d')),
      ]),
    ).toEqual({
      text: 'a *b* **c** [d](https://x.example/)',
      formattingDropped: false,
    });
  });

  it('moves spaces at the edges of formatting outside the markers', () => {
    expect(inlineSourceOf([strong(t('Hello ')), t('world')]).text).toBe('**Hello** world');
    expect(inlineSourceOf([t('a'), em(t(' b '))]).text).toBe('a *b*');
  });

  it('drops empty formatting and unwraps doubled formatting', () => {
    expect(inlineSourceOf([t('a'), strong(t('  ')), t('b')]).text).toBe('a b');
    expect(inlineSourceOf([em(t('x '), em(t('y')))]).text).toBe('*x y*');
  });

  it('keeps emphasis next to strong readable, with _ where * would run together', () => {
    const { text } = inlineSourceOf([em(t('a')), strong(t('b'))]);
    expect(parseInline(text)).toEqual([em(t('a')), strong(t('b'))]);
  });

  it('percent-encodes spaces and brackets in a link address', () => {
    const { text } = inlineSourceOf([link('https://x.example/a b(c)', t('x'))]);
    expect(parseInline(text)).toEqual([link('https://x.example/a%20b%28c%29', t('x'))]);
  });

  it('collapses whitespace runs but keeps no-break spaces', () => {
    expect(inlineSourceOf([t('  a \n\t b\u00A0c  ')]).text).toBe('a b\u00A0c');
  });

  it('keeps unsafe links as their text', () => {
    expect(inlineSourceOf([link('javascript:alert(1)', t('click'))]).text).toBe('click');
  });
});

describe('safeHref', () => {
  it('keeps http(s) and mailto addresses', () => {
    expect(safeHref('https://x.example/a', null)).toBe('https://x.example/a');
    expect(safeHref('mailto:desk@x.example', null)).toBe('mailto:desk@x.example');
  });

  it('makes relative addresses absolute against the base, or refuses them without one', () => {
    expect(safeHref('/b?c=1', 'https://x.example/a/')).toBe('https://x.example/b?c=1');
    expect(safeHref('b', 'https://x.example/a/')).toBe('https://x.example/a/b');
    expect(safeHref('/b', null)).toBeNull();
    expect(safeHref('/b', null, { sitePaths: true })).toBe('/b');
  });

  it.each([
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,x',
    'vbscript:x',
  ])('refuses %j', (href) => {
    expect(safeHref(href, 'https://x.example/')).toBeNull();
    expect(safeHref(href, null, { sitePaths: true })).toBeNull();
  });

  it('reads a protocol-relative address as another host, never as a path on this site', () => {
    expect(safeHref('//cdn.example/a.jpg', 'https://x.example/')).toBe('https://cdn.example/a.jpg');
    expect(safeHref('//evil.example', null, { sitePaths: true })).toBeNull();
    expect(safeHref('/\\evil.example', null, { sitePaths: true })).toBeNull();
  });
});
