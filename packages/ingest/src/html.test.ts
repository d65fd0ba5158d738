import { describe, expect, it } from 'vitest';
import { blocksFromHtml, plainTextFromHtml } from './html.js';

const base = 'https://news.example/2025/07/story';
const convert = (html: string, baseUrl: string | null = base) => blocksFromHtml(html, { baseUrl });

describe('blocksFromHtml', () => {
  it('keeps strong/b, em/i and safe links as the inline subset, and unwraps everything else', () => {
    expect(
      convert(
        '<p>A <b>bold</b>, <i>italic</i>, <span class="x"><u>under</u></span> <a href="https://x.example/">link</a> &amp; <code>code</code>.</p>',
      ).blocks,
    ).toEqual([
      { type: 'paragraph', text: 'A **bold**, *italic*, under [link](https://x.example/) & code.' },
    ]);
  });

  it('maps h1–h6 to heading levels 2, 3 and 4', () => {
    const { blocks } = convert('<h1>One</h1><h2>Two</h2><h3>Three</h3><h4>Four</h4><h6>Six</h6>');
    expect(blocks.map((b) => (b.type === 'heading' ? b.level : 0))).toEqual([2, 2, 3, 4, 4]);
  });

  it('reads a blockquote with its attribution from <footer>, <cite> or a last "— Name" line', () => {
    const { blocks } = convert(
      '<blockquote><p>One.</p><footer>— A. Person</footer></blockquote>' +
        '<blockquote>Two. <cite>B. Person</cite></blockquote>' +
        '<blockquote><p>Three.</p><p>— C. Person</p></blockquote>' +
        '<blockquote><p>Four.</p></blockquote>',
    );
    expect(blocks).toEqual([
      { type: 'quote', text: 'One.', attribution: 'A. Person' },
      { type: 'quote', text: 'Two.', attribution: 'B. Person' },
      { type: 'quote', text: 'Three.', attribution: 'C. Person' },
      { type: 'quote', text: 'Four.', attribution: null },
    ]);
  });

  it('reads ul and ol as lists, nested lists flattened after their item', () => {
    const { blocks } = convert(
      '<ol><li>One<ul><li>One a</li></ul></li><li><p>Two</p></li></ol><ul><li>Dot</li></ul>',
    );
    expect(blocks).toEqual([
      { type: 'list', style: 'numbered', items: ['One', 'One a', 'Two'] },
      { type: 'list', style: 'bulleted', items: ['Dot'] },
    ]);
  });

  it('reads figure and img as images, with figcaption as caption and the size when given', () => {
    const { blocks, warnings } = convert(
      '<figure><img src="/a.jpg" alt="A" width="800" height="600"><figcaption>The <b>caption</b></figcaption></figure><p>Text <img src="https://cdn.example/b.png" alt="B" title="Bee"> more.</p>',
    );
    expect(blocks).toEqual([
      {
        type: 'image',
        src: 'https://news.example/a.jpg',
        alt: 'A',
        caption: 'The caption',
        credit: null,
        width: 800,
        height: 600,
      },
      { type: 'paragraph', text: 'Text more.' },
      {
        type: 'image',
        src: 'https://cdn.example/b.png',
        alt: 'B',
        caption: 'Bee',
        credit: null,
        width: 1200,
        height: 800,
      },
    ]);
    expect(warnings).toEqual(['image https://cdn.example/b.png: size unknown, set to 1200×800']);
  });

  it('starts a new paragraph at two line breaks in a row, and reads one as a space', () => {
    expect(convert('First line<br>same paragraph<br/><br/>Second paragraph').blocks).toEqual([
      { type: 'paragraph', text: 'First line same paragraph' },
      { type: 'paragraph', text: 'Second paragraph' },
    ]);
  });

  it('keeps loose text and the text of unknown block elements as paragraphs', () => {
    expect(
      convert('Loose <em>text</em><div>In a div</div><table><tr><td>Cell</td><td>two</td></tr></table>')
        .blocks,
    ).toEqual([
      { type: 'paragraph', text: 'Loose *text*' },
      { type: 'paragraph', text: 'In a div' },
      { type: 'paragraph', text: 'Cell' },
      { type: 'paragraph', text: 'two' },
    ]);
  });

  it('drops script, style, iframe and object with everything in them, with one warning', () => {
    const { blocks, warnings } = convert(
      '<p>Safe</p><script>alert(1)</script><style>p{}</style><iframe src="https://evil.example"></iframe><object data="x.swf"><p>fallback</p></object><noscript>Enable JS</noscript>',
    );
    expect(blocks).toEqual([{ type: 'paragraph', text: 'Safe' }]);
    expect(warnings).toEqual(['unsafe HTML removed: <script>, <style>, <iframe>, <object>']);
  });

  it('drops on* attributes and unsafe links, keeping the words', () => {
    const { blocks, warnings } = convert(
      '<p onclick="x()">Go <a href="javascript:alert(1)">here</a> or <a href="data:text/html,x">there</a> or <a href="vbscript:y" onmouseover="z()">elsewhere</a>.</p>',
    );
    expect(blocks).toEqual([{ type: 'paragraph', text: 'Go here or there or elsewhere.' }]);
    expect(warnings).toEqual(['unsafe HTML removed: 2 on* attributes, 3 unsafe links (kept as text)']);
  });

  it('resolves relative links against the base, and keeps them as text without one', () => {
    expect(convert('<p><a href="../other">Other</a></p>').blocks).toEqual([
      { type: 'paragraph', text: '[Other](https://news.example/2025/other)' },
    ]);
    expect(convert('<p><a href="/other">Other</a></p>', null).blocks).toEqual([
      { type: 'paragraph', text: 'Other' },
    ]);
  });

  it('leaves out an image without an http(s) address', () => {
    const { blocks, warnings } = convert('<img src="data:image/png;base64,AAAA"><img>', null);
    expect(blocks).toEqual([]);
    expect(warnings).toEqual([
      'image "data:image/png;base64,AAAA" left out: not an http(s) address',
      'image "" left out: not an http(s) address',
    ]);
  });

  it('escapes markup characters in text so they are not read as formatting', () => {
    expect(convert('<p>2*3*4 and [x](javascript:alert(1)) and my_var_name</p>').blocks).toEqual([
      { type: 'paragraph', text: '2\\*3\\*4 and \\[x\\](javascript:alert(1)) and my\\_var\\_name' },
    ]);
  });
});

describe('plainTextFromHtml', () => {
  it('gives the words, without markup, scripts or extra whitespace', () => {
    expect(plainTextFromHtml('  <b>Big</b>\n news &amp; <script>x()</script>more&nbsp;here ')).toBe(
      'Big news & more\u00A0here',
    );
  });
});
