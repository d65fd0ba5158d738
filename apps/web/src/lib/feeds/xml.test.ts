import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { el, escapeHtml, escapeXml, writeHtml, writeXml, xmlDocument } from './xml';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false });

/** Characters XML 1.0 cannot carry, found one by one (parsers here do not check for them). */
function illegalCharacters(text: string): number[] {
  return [...text]
    .map((ch) => ch.codePointAt(0) ?? 0)
    .filter(
      (c) =>
        (c < 0x20 && c !== 0x9 && c !== 0xa && c !== 0xd) ||
        (c >= 0xd800 && c <= 0xdfff) ||
        (c >= 0xfffe && c <= 0xffff),
    );
}

describe('XML escaping', () => {
  it('escapes the five special characters', () => {
    expect(escapeXml(`Tom & Jerry's <b>"big"</b>`)).toBe(
      'Tom &amp; Jerry&apos;s &lt;b&gt;&quot;big&quot;&lt;/b&gt;',
    );
  });

  it('keeps "]]>" from ending anything: it comes out as text and reads back the same', () => {
    const text = 'before ]]> after <![CDATA[ x ]]>';
    const xml = xmlDocument(el('item', {}, el('title', {}, text)));
    expect(xml).not.toContain(']]>');
    expect(parser.parse(xml).item.title).toBe(text);
  });

  it('strips characters XML 1.0 cannot carry and keeps tab, newlines and astral characters', () => {
    const text = 'a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg\uFFFEh\uFFFFi\uD800j\tk\nl\rm 🗞️ é';
    expect(escapeXml(text)).toBe('abcdefghij\tk\nl\rm 🗞️ é');
    const xml = xmlDocument(el('title', {}, text, el('x', { a: text })));
    expect(illegalCharacters(text)).toHaveLength(9);
    expect(illegalCharacters(xml)).toEqual([]);
  });

  it('escapes quotes in attribute values so they cannot end the value', () => {
    const xml = writeXml(el('media:content', { url: `https://x.test/a"onload="alert(1)'.png` }));
    expect(xml).toBe('<media:content url="https://x.test/a&quot;onload=&quot;alert(1)&apos;.png"/>');
    const parsed = parser.parse(xml);
    expect(parsed['media:content']['@url']).toBe(`https://x.test/a"onload="alert(1)'.png`);
    expect(parsed['media:content']['@onload']).toBeUndefined();
  });

  it('writes a <script> in a headline as text', () => {
    const headline = '<script>alert("pwned")</script> Council votes';
    const xml = xmlDocument(el('rss', {}, el('channel', {}, el('item', {}, el('title', {}, headline)))));
    expect(xml).not.toContain('<script>');
    expect(parser.parse(xml).rss.channel.item.title).toBe(headline);
  });

  it('leaves out missing attributes and children', () => {
    expect(writeXml(el('a', { b: undefined, c: null, d: 0 }, null, false, undefined, [[], null]))).toBe(
      '<a d="0"/>',
    );
  });
});

describe('HTML writing', () => {
  it('escapes the same characters, the apostrophe in the form HTML 4 readers know', () => {
    expect(escapeHtml(`<a href="x">Jerry's</a>\u0000`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Jerry&#39;s&lt;/a&gt;',
    );
  });

  it('closes empty elements and writes void ones without a closing tag', () => {
    expect(writeHtml([el('p', {}), el('img', { src: '/x.png', alt: '' })])).toBe(
      '<p></p><img src="/x.png" alt="">',
    );
  });
});
