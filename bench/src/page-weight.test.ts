import { describe, expect, it } from 'vitest';
import { fontsInCss, resourcesOf, sizesOf, sumSizes } from './page-weight.ts';

const page = `<!doctype html><html lang="en"><head>
<meta charset="utf-8">
<link rel="canonical" href="http://localhost:4321/articles/a">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="alternate" type="application/rss+xml" title="Newsroom" href="/rss.xml">
<link rel="stylesheet" href="/_astro/Message.BOb3bksL.css">
<link rel=stylesheet href='/_astro/print.css' media=print>
<link rel="preload" href="/fonts/serif.woff2" as="font" type="font/woff2" crossorigin>
<link rel="modulepreload" href="/_astro/copy.js">
<script type="application/ld+json">{"@type":"NewsArticle"}</script>
</head><body>
<img class="hero" src="/media/sample/1.svg" alt="A harbour" width="1200" height="800">
<img class="card-image" src="/media/sample/2.svg" alt="" loading="lazy" decoding="async">
<img src="/media/sample/2.svg" alt="the same picture again" loading="lazy">
<script>document.querySelector('button')</script>
<script type="module" src="/_astro/copy.js"></script>
</body></html>`;

describe('resourcesOf', () => {
  const resources = resourcesOf(page);

  it('finds the stylesheets, whichever way their attributes are quoted', () => {
    expect(resources.stylesheets).toEqual(['/_astro/Message.BOb3bksL.css', '/_astro/print.css']);
  });

  it('finds external scripts once, preloaded or not, and leaves inline ones to the HTML', () => {
    expect(resources.scripts).toEqual(['/_astro/copy.js']);
  });

  it('finds each image once and tells which load lazily', () => {
    expect(resources.images).toEqual(['/media/sample/1.svg', '/media/sample/2.svg']);
    expect(resources.lazyImages).toEqual(['/media/sample/2.svg']);
  });

  it('finds icons and preloaded fonts, but not canonical or feed links', () => {
    expect(resources.icons).toEqual(['/favicon.svg']);
    expect(resources.fonts).toEqual(['/fonts/serif.woff2']);
  });
});

describe('fontsInCss', () => {
  it('finds the font files of @font-face rules, not other url()s', () => {
    const css = `@font-face{font-family:S;src:url("/f/s.woff2") format("woff2"),url(/f/s.ttf?v=2) format("truetype")}
      .hero{background:url('/media/bg.svg')}`;
    expect(fontsInCss(css)).toEqual(['/f/s.woff2', '/f/s.ttf?v=2']);
  });
});

describe('sizesOf', () => {
  it('gives the raw size and the compressed sizes, smaller for repetitive text', () => {
    const bytes = Buffer.from('<p>Newsroom</p>'.repeat(200));
    const sizes = sizesOf(bytes);
    expect(sizes.raw).toBe(bytes.length);
    expect(sizes.gzip).toBeLessThan(sizes.raw / 10);
    expect(sizes.brotli).toBeLessThan(sizes.raw / 10);
  });
});

describe('sumSizes', () => {
  it('adds each measure, and is zero for no files', () => {
    expect(sumSizes([])).toEqual({ raw: 0, gzip: 0, brotli: 0 });
    expect(
      sumSizes([
        { raw: 3, gzip: 2, brotli: 1 },
        { raw: 30, gzip: 20, brotli: 10 },
      ]),
    ).toEqual({
      raw: 33,
      gzip: 22,
      brotli: 11,
    });
  });
});
