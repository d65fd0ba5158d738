import { describe, expect, it } from 'vitest';
import { type InlineNode, inlineToPlainText, isSafeHref, parseInline, plainTextOf } from './inline-text.js';

const text = (t: string): InlineNode => ({ kind: 'text', text: t });
const em = (...children: InlineNode[]): InlineNode => ({ kind: 'emphasis', children });
const strong = (...children: InlineNode[]): InlineNode => ({ kind: 'strong', children });
const link = (href: string, ...children: InlineNode[]): InlineNode => ({ kind: 'link', href, children });

function kindsIn(nodes: InlineNode[]): string[] {
  return nodes.flatMap((n) => (n.kind === 'text' ? ['text'] : [n.kind, ...kindsIn(n.children)]));
}

describe('parseInline', () => {
  it('reads plain text as one text node', () => {
    expect(parseInline('The council voted 7–2.')).toEqual([text('The council voted 7–2.')]);
  });

  it('reads *emphasis* and _emphasis_', () => {
    expect(parseInline('a *big* day')).toEqual([text('a '), em(text('big')), text(' day')]);
    expect(parseInline('a _big_ day')).toEqual([text('a '), em(text('big')), text(' day')]);
  });

  it('reads **strong** and __strong__', () => {
    expect(parseInline('**Breaking:** news')).toEqual([strong(text('Breaking:')), text(' news')]);
    expect(parseInline('__Breaking:__ news')).toEqual([strong(text('Breaking:')), text(' news')]);
  });

  it('reads links to http(s), mailto and site paths', () => {
    expect(parseInline('see [the report](https://example.org/report.pdf).')).toEqual([
      text('see '),
      link('https://example.org/report.pdf', text('the report')),
      text('.'),
    ]);
    expect(parseInline('[write to us](mailto:desk@example.org)')).toEqual([
      link('mailto:desk@example.org', text('write to us')),
    ]);
    expect(parseInline('[earlier](/2025/03/earlier-story)')).toEqual([
      link('/2025/03/earlier-story', text('earlier')),
    ]);
  });

  it('keeps balanced parentheses in a link URL', () => {
    expect(parseInline('[Mercury](https://en.wikipedia.org/wiki/Mercury_(planet)) is small')).toEqual([
      link('https://en.wikipedia.org/wiki/Mercury_(planet)', text('Mercury')),
      text(' is small'),
    ]);
  });

  it('nests emphasis, strong and links', () => {
    expect(parseInline('**bold *and italic* text**')).toEqual([
      strong(text('bold '), em(text('and italic')), text(' text')),
    ]);
    expect(parseInline('*italic **and bold** text*')).toEqual([
      em(text('italic '), strong(text('and bold')), text(' text')),
    ]);
    expect(parseInline('[**Live:** updates](https://example.org/live)')).toEqual([
      link('https://example.org/live', strong(text('Live:')), text(' updates')),
    ]);
    expect(parseInline('*see [this](/x)*')).toEqual([em(text('see '), link('/x', text('this')))]);
  });

  it('reads a run of three markers as strong and emphasis together', () => {
    expect(parseInline('***both***')).toEqual([strong(em(text('both')))]);
    expect(parseInline('**bold *then italic***')).toEqual([strong(text('bold '), em(text('then italic')))]);
    expect(parseInline('*italic **then bold***')).toEqual([em(text('italic '), strong(text('then bold')))]);
  });

  it('treats backslash-escaped markers as literal characters', () => {
    expect(parseInline('\\*not emphasis\\*')).toEqual([text('*not emphasis*')]);
    expect(parseInline('\\[not a link\\](/x)')).toEqual([text('[not a link](/x)')]);
    expect(parseInline('*a \\* inside*')).toEqual([em(text('a * inside'))]);
    expect(parseInline('back\\\\slash')).toEqual([text('back\\slash')]);
  });

  it.each([
    '*unclosed emphasis',
    '**unclosed strong',
    '*unclosed **nested',
    '[unclosed link',
    '[text] (https://example.org)',
    '[text](https://example.org',
    '[text](https://example.org with spaces)',
    'a * b * c',
    'a ** b ** c',
    '_',
    '**',
  ])('leaves unclosed or unmatched markers as literal text: %j', (source) => {
    expect(parseInline(source)).toEqual([text(source)]);
  });

  it('does not read underscores inside words as emphasis', () => {
    expect(parseInline('rename snake_case_name in my_file_v2.txt')).toEqual([
      text('rename snake_case_name in my_file_v2.txt'),
    ]);
  });

  it.each([
    ['javascript:', '[click me](javascript:alert(1)) now'],
    ['JavaScript: in capitals', '[click me](JavaScript:alert(1)) now'],
    ['data:', '[click me](data:text/html;base64,PHNjcmlwdD4=) now'],
    ['vbscript:', '[click me](vbscript:msgbox) now'],
    ['protocol-relative', '[click me](//evil.example/x) now'],
    ['a backslash path browsers read as another host', '[click me](/\\evil.example/x) now'],
  ])('turns a %s link into its plain text', (_what, source) => {
    const nodes = parseInline(source);
    expect(kindsIn(nodes)).not.toContain('link');
    expect(plainTextOf(nodes)).toBe('click me now');
  });

  it('keeps <script> as literal text in a text node', () => {
    const source = 'Before <script>alert("x")</script> after';
    expect(parseInline(source)).toEqual([text(source)]);
    expect(parseInline('*<script>x</script>*')).toEqual([em(text('<script>x</script>'))]);
    expect(parseInline('[<img src=x onerror=alert(1)>](/safe)')).toEqual([
      link('/safe', text('<img src=x onerror=alert(1)>')),
    ]);
  });

  it('stops nesting at a fixed depth and keeps the rest as text', () => {
    const depthOf = (nodes: InlineNode[]): number =>
      Math.max(0, ...nodes.map((n) => (n.kind === 'text' ? 0 : 1 + depthOf(n.children))));
    const deep = `${'['.repeat(50)}x${'](/a)'.repeat(50)}`;
    const nodes = parseInline(deep);
    expect(depthOf(nodes)).toBe(8);
    expect(plainTextOf(nodes)).toContain('x');
  });
});

describe('isSafeHref', () => {
  it.each([
    'https://example.org',
    'http://example.org/a?b=c#d',
    'mailto:desk@example.org',
    '/2025/03/story',
    '/',
  ])('allows %s', (href) => {
    expect(isSafeHref(href)).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'data:text/html,hi',
    'file:///etc/passwd',
    'ftp://example.org',
    '//evil.example',
    '/\\evil.example',
    '/\t/evil.example',
    'relative/path',
    '',
  ])('refuses %j', (href) => {
    expect(isSafeHref(href)).toBe(false);
  });

  it('allows only paths that stay on this site', () => {
    for (const href of [
      '/a',
      '/a/b?c',
      '/\\evil.example',
      '//evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
    ]) {
      const staysHome = new URL(href, 'https://news.example/').origin === 'https://news.example';
      expect(isSafeHref(href), JSON.stringify(href)).toBe(staysHome);
    }
  });
});

describe('plainTextOf and inlineToPlainText', () => {
  it('keeps the words a reader sees and drops the markup', () => {
    const source = '**Breaking:** the *council* voted, [report](https://example.org/r) says';
    expect(plainTextOf(parseInline(source))).toBe('Breaking: the council voted, report says');
    expect(inlineToPlainText(source)).toBe('Breaking: the council voted, report says');
  });

  it('keeps escaped markers as the characters they stand for', () => {
    expect(inlineToPlainText('2 \\* 3 \\_ 4')).toBe('2 * 3 _ 4');
  });

  it('gives the empty string for empty input', () => {
    expect(plainTextOf([])).toBe('');
    expect(inlineToPlainText('')).toBe('');
  });
});
