import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { maxMarkupDepth, parseHtmlPage } from './html-page.js';
import { IngestError } from './ingest-error.js';
import { readPageMetadata } from './page-metadata.js';
import { expectStoreAccepts } from './testing/store-accepts.js';

const story = (n: number) =>
  `<p>Paragraph ${n}: the harbour authority said the breakwater held through the night, and crews began clearing the quay at dawn on Tuesday.</p>`;
const body = [1, 2, 3, 4].map(story).join('\n');
const page = (head: string, article = body) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Page title | Site</title>${head}</head><body><article><h1>Visible headline</h1>${article}</article></body></html>`;
const read = (html: string, url: string | null = null) => parseHtmlPage(html, { origin: 'page.html', url });
const jsonLd = (data: unknown) => `<script type="application/ld+json">${JSON.stringify(data)}</script>`;

describe('parseHtmlPage metadata', () => {
  it('takes JSON-LD first, from inside @graph, over Open Graph and the page', () => {
    const draft = read(
      page(`<meta property="og:title" content="OG headline"><meta property="og:description" content="OG text">
        <link rel="canonical" href="https://coast.example/a">
        ${jsonLd({
          '@context': 'https://schema.org',
          '@graph': [
            { '@type': 'WebSite', name: 'Coast' },
            {
              '@type': 'NewsArticle',
              headline: 'LD headline',
              description: 'LD standfirst',
              datePublished: '2026-05-12T08:30:00+02:00',
              dateModified: '2026-05-12T09:00:00Z',
              publisher: { '@type': 'Organization', name: 'The Coast' },
              author: [{ '@type': 'Person', name: 'Ana Ruiz' }, 'Ben Okafor'],
              articleSection: 'Politique étrangère',
              keywords: 'Ports, Storms',
              image: {
                '@type': 'ImageObject',
                url: '/img/wall.jpg',
                width: 1600,
                height: 900,
                caption: 'The wall',
                creditText: 'Coast Photo',
              },
            },
          ],
        })}`),
    );
    expect(draft).toMatchObject({
      headline: 'LD headline',
      standfirst: 'LD standfirst',
      publishedAt: '2026-05-12T06:30:00.000Z',
      authors: ['Ana Ruiz', 'Ben Okafor'],
      section: 'politique-etrangere',
      tags: [{ name: 'Ports' }, { name: 'Storms' }],
      language: 'en',
      sourceId: 'https://coast.example/a',
      canonicalUrl: 'https://coast.example/a',
      heroImage: {
        src: 'https://coast.example/img/wall.jpg',
        caption: 'The wall',
        credit: 'Coast Photo',
        width: 1600,
        height: 900,
      },
    });
    expectStoreAccepts(draft);
  });

  it('reads what the draft has no field for too: when it was changed, and who published it', () => {
    const html = page(
      jsonLd({
        '@type': 'NewsArticle',
        dateModified: '2026-05-12T09:00:00+01:00',
        publisher: { name: 'The Coast' },
      }),
    );
    expect(readPageMetadata(parseHTML(html).document, null)).toMatchObject({
      modifiedAt: '2026-05-12T08:00:00.000Z',
      publisher: 'The Coast',
    });
  });

  it('falls back to Open Graph, meta author, <time> and the <h1>, and skips JSON-LD that is not JSON', () => {
    const draft = read(
      page(
        `<script type="application/ld+json">{ not json</script>
        <meta property="og:url" content="https://coast.example/b">
        <meta property="article:tag" content="Ports"><meta property="article:tag" content="Ferries">
        <meta property="article:section" content="Local news">
        <meta name="author" content="Ana Ruiz and Ben Okafor">`,
        `<time datetime="2026-05-12T10:00:00Z">12 May</time>${body}`,
      ),
    );
    expect(draft).toMatchObject({
      headline: 'Visible headline',
      authors: ['Ana Ruiz', 'Ben Okafor'],
      publishedAt: '2026-05-12T10:00:00.000Z',
      section: 'local-news',
      tags: [{ name: 'Ports' }, { name: 'Ferries' }],
      sourceId: 'https://coast.example/b',
    });
    expect(draft.warnings).toContain('a JSON-LD block that is not valid JSON was skipped');
  });

  it('names the address it was fetched from as the source when the page names none', () => {
    expect(read(page(''), 'https://coast.example/c').sourceId).toBe('https://coast.example/c');
    expect(read(page('')).sourceId).toBeNull();
  });
});

describe('parseHtmlPage body', () => {
  it('lets no script, event handler or unsafe link through, and says what it removed', () => {
    const draft = read(
      page(
        '',
        `${body}<p>Click <a href="javascript:alert(1)">here</a> <img src="x" onerror="alert(1)"><script>alert(1)</script>now.</p>`,
      ),
    );
    const text = JSON.stringify(draft.body);
    expect(text).not.toMatch(/<script|onerror|javascript:/i);
    expect(draft.body.at(-1)).toEqual({ type: 'paragraph', text: 'Click here now.' });
  });

  it('keeps a figure’s caption and credit on the picture, never in the text', () => {
    const draft = read(
      page(
        '<link rel="canonical" href="https://coast.example/d">',
        `${body}<figure><img src="/img/quay.jpg" width="800" height="600" alt="The quay"><figcaption>Crews on the quay. Photo: Jane Roe/Reuters</figcaption></figure>${story(5)}`,
      ),
    );
    expect(draft.body).toContainEqual({
      type: 'image',
      src: 'https://coast.example/img/quay.jpg',
      alt: 'The quay',
      caption: 'Crews on the quay.',
      credit: 'Jane Roe/Reuters',
      width: 800,
      height: 600,
    });
  });
});

describe('parseHtmlPage refusals', () => {
  const refusal = (html: string) => {
    try {
      read(html);
    } catch (error) {
      expect(error).toBeInstanceOf(IngestError);
      return (error as Error).message;
    }
    throw new Error('not refused');
  };

  it('refuses a page with no story in it', () => {
    expect(refusal('<!DOCTYPE html><html><body><nav><a href="/">Home</a></nav></body></html>')).toBe(
      'page.html: no article text found in page.html',
    );
  });

  it('refuses markup nested deeper than any page, before parsing it', () => {
    const depth = maxMarkupDepth + 1;
    expect(refusal(`<html><body>${'<div>'.repeat(depth)}x${'</div>'.repeat(depth)}</body></html>`)).toBe(
      `page.html: markup nested more than ${maxMarkupDepth} levels deep: not a page that can be read`,
    );
    // Elements whose end tag may be left out do not deepen it.
    expect(read(page('', `${'<p>Unclosed '.repeat(depth)}${body}`)).body.length).toBeGreaterThan(0);
  });

  it('refuses a page of more than 60,000 elements, or more than 10 MB', () => {
    expect(refusal(`<html><body>${'<span>a</span>'.repeat(60_001)}</body></html>`)).toBe(
      'page.html: more than 60,000 elements: not a page that can be read',
    );
    expect(refusal(`<html><body><p>${'a'.repeat(10 * 1024 * 1024)}</p></body></html>`)).toBe(
      'page.html: a web page of more than 10 MB: not a page that can be read',
    );
  });
});
