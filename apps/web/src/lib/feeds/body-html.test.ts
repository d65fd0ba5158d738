import type { Block } from '@newsroom/domain';
import { describe, expect, it } from 'vitest';
import { bodyHtml } from './body-html';

const site = 'https://news.example';

describe('the body as HTML for feed readers', () => {
  it('renders every block type, with absolute links and image addresses', () => {
    const html = bodyHtml(
      [
        {
          type: 'paragraph',
          text: 'Rubio said **new** ideas were *shared* [here](https://example.org/a) and [there](/articles/b).',
        },
        { type: 'heading', level: 2, text: 'Diplomatic promotion' },
        { type: 'heading', level: 4, text: 'Small print' },
        { type: 'quote', text: 'We will continue to be *involved*.', attribution: 'Marco Rubio' },
        { type: 'quote', text: 'Unattributed.', attribution: null },
        {
          type: 'image',
          src: '/media/kl.jpg',
          alt: 'Ministers at the forum',
          caption: 'The forum in Kuala Lumpur',
          credit: 'AP',
          width: 1200,
          height: 800,
        },
        {
          type: 'image',
          src: 'https://cdn.example/x.png',
          alt: '',
          caption: null,
          credit: null,
          width: 10,
          height: 20,
        },
        { type: 'list', style: 'numbered', items: ['First', '**Second**'] },
        { type: 'list', style: 'bulleted', items: ['One'] },
        {
          type: 'see-also',
          slug: 'fire-destroys-tomorrowlands-iconic-main-stage',
          headline: "Fire destroys Tomorrowland's main stage",
        },
        { type: 'see-also', slug: null, headline: 'A story we do not have' },
      ],
      site,
    );
    expect(html).toContain(
      '<p>Rubio said <strong>new</strong> ideas were <em>shared</em> <a href="https://example.org/a">here</a> and <a href="https://news.example/articles/b">there</a>.</p>',
    );
    expect(html).toContain('<h2>Diplomatic promotion</h2><h4>Small print</h4>');
    expect(html).toContain(
      '<figure><blockquote><p>We will continue to be <em>involved</em>.</p></blockquote><figcaption>— Marco Rubio</figcaption></figure>',
    );
    expect(html).toContain('<figure><blockquote><p>Unattributed.</p></blockquote></figure>');
    expect(html).toContain(
      '<figure><img src="https://news.example/media/kl.jpg" alt="Ministers at the forum" width="1200" height="800"><figcaption>The forum in Kuala Lumpur Photo: AP</figcaption></figure>',
    );
    expect(html).toContain(
      '<figure><img src="https://cdn.example/x.png" alt="" width="10" height="20"></figure>',
    );
    expect(html).toContain('<ol><li>First</li><li><strong>Second</strong></li></ol><ul><li>One</li></ul>');
    expect(html).toContain(
      '<p>See also: <a href="https://news.example/articles/fire-destroys-tomorrowlands-iconic-main-stage">Fire destroys Tomorrowland&#39;s main stage</a></p>',
    );
    expect(html).toContain('<p>See also: A story we do not have</p>');
  });

  it('makes HTML in text visible and leaves dangerous links as plain text', () => {
    const body: Block[] = [
      { type: 'paragraph', text: '<script>alert(1)</script> and <img src=x onerror=alert(2)>' },
      {
        type: 'paragraph',
        text: '[click](javascript:alert(3)) [data](data:text/html,hi) [far](//evil.example)',
      },
      { type: 'heading', level: 3, text: '<h1>Big</h1>' },
      { type: 'quote', text: 'fine', attribution: '"><svg onload=alert(4)>' },
      { type: 'list', style: 'bulleted', items: ['<b>bold?</b>'] },
      { type: 'see-also', slug: null, headline: '<iframe src="x">' },
      {
        type: 'image',
        src: '/a.png',
        alt: '" onerror="alert(5)',
        caption: '<i>c</i>',
        credit: '</figcaption>',
        width: 1,
        height: 1,
      },
    ];
    const html = bodyHtml(body, site);
    for (const tag of [
      '<script',
      '<img src=x',
      '<h1>',
      '<svg',
      '<b>',
      '<iframe',
      '<i>',
      '</figcaption></figcaption>',
    ]) {
      expect(html).not.toContain(tag);
    }
    expect(html).not.toMatch(/href="(javascript|data):/);
    expect(html).not.toContain('href="//');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('click');
    expect(html).toContain('alt="&quot; onerror=&quot;alert(5)"');
  });
});
