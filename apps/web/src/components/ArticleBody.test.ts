import type { Block } from '@newsroom/domain';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import ArticleBody from './ArticleBody.astro';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

const render = (body: Block[]) => container.renderToString(ArticleBody, { props: { body } });

describe('the article body', () => {
  it('renders every block type as its own element', async () => {
    const html = await render([
      { type: 'paragraph', text: 'Rubio said **new** ideas were *shared* [here](https://example.org/a).' },
      { type: 'heading', level: 2, text: 'Diplomatic promotion and tariff threats' },
      { type: 'quote', text: 'We will continue to be involved.', attribution: 'Marco Rubio' },
      {
        type: 'image',
        src: '/media/kl.jpg',
        alt: 'Ministers at the forum',
        caption: 'The forum in Kuala Lumpur',
        credit: 'AP',
        width: 1200,
        height: 800,
      },
      { type: 'list', style: 'numbered', items: ['First', 'Second'] },
      {
        type: 'see-also',
        slug: 'fire-destroys-tomorrowlands-iconic-main-stage',
        headline: "Fire destroys Tomorrowland's iconic main stage",
      },
      { type: 'see-also', slug: null, headline: 'A story we do not have' },
    ]);
    expect(html).toContain('<strong>new</strong>');
    expect(html).toContain('<em>shared</em>');
    expect(html).toMatch(/<a href="https:\/\/example.org\/a"[^>]*>here<\/a>/);
    expect(html).toContain('<h2>Diplomatic promotion and tariff threats</h2>');
    expect(html).toMatch(/<blockquote>.*We will continue to be involved\..*<\/blockquote>/s);
    expect(html).toContain('— Marco Rubio');
    expect(html).toMatch(/<img[^>]*alt="Ministers at the forum"[^>]*>/);
    expect(html).toMatch(/<img[^>]*loading="lazy"/);
    expect(html).toContain('Photo: AP');
    expect(html).toMatch(/<ol>\s*<li>First<\/li>\s*<li>Second<\/li>\s*<\/ol>/);
    expect(html).toMatch(
      /<a href="\/articles\/fire-destroys-tomorrowlands-iconic-main-stage">Fire destroys Tomorrowland(&#39;|')s iconic main stage<\/a>/,
    );
    expect(html).toContain('A story we do not have');
  });

  it('never passes markup from content through as HTML', async () => {
    const html = await render([
      { type: 'paragraph', text: '<script>alert(1)</script> and <img src=x onerror=alert(2)>' },
      { type: 'paragraph', text: '[click](javascript:alert(3))' },
      { type: 'quote', text: 'fine', attribution: '"><svg onload=alert(4)>' },
    ]);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<svg');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('click');
  });
});
