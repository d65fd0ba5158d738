import { readFileSync } from 'node:fs';
import { limits } from '@newsroom/domain';
import { describe, expect, it } from 'vitest';
import { maxFeedItems, parseFeed } from './feed.js';
import { IngestError } from './ingest-error.js';
import { expectStoreAccepts } from './testing/store-accepts.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const rss = (items: string, channel = '') =>
  `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title>${channel}${items}</channel></rss>`;

describe('parseFeed on RSS 2.0', () => {
  const drafts = parseFeed(fixture('feed.rss'), { origin: 'feed.rss' });

  it('gives one draft per item, each one the Store accepts', () => {
    expect(drafts.map((d) => d.origin)).toEqual([
      'feed.rss (item 1)',
      'feed.rss (item 2)',
      'feed.rss (item 3)',
    ]);
    for (const draft of drafts) expectStoreAccepts(draft);
  });

  it('maps guid, title, link, pubDate, authors, categories, content:encoded, description and enclosure', () => {
    expect(drafts[0]).toEqual({
      origin: 'feed.rss (item 1)',
      sourceId: 'harbour-2025-0711',
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      headline: 'Ferry fares to rise by 8% – council’s vote',
      slug: null,
      standfirst: 'The council backed the rise by seven votes to two.',
      dateline: null,
      body: [
        {
          type: 'paragraph',
          text: 'The council voted **7–2** on Thursday to raise fares, *despite* a [petition](https://harbour.example/2025/06/petition) signed by 4,000 people.',
        },
        { type: 'heading', level: 2, text: 'What changes' },
        {
          type: 'list',
          style: 'bulleted',
          items: ['Adult single: £3.20', 'Season ticket: £410', 'from September'],
        },
        { type: 'quote', text: '“We had no choice,” she said.', attribution: 'Mayor Joan Ellis' },
        {
          type: 'image',
          src: 'https://harbour.example/img/ferry.jpg',
          alt: 'The morning ferry',
          caption: 'The 7:10 ferry leaving the quay',
          credit: null,
          width: 1024,
          height: 683,
        },
        { type: 'paragraph', text: 'Fares were last raised in 2019.' },
      ],
      heroImage: {
        src: 'https://harbour.example/img/hero.jpg',
        alt: '',
        caption: null,
        credit: null,
        width: 1200,
        height: 800,
      },
      sources: [],
      tags: [{ name: 'Transport' }, { name: 'Council' }],
      authors: ['Priya Nair', 'Tom Reyes'],
      section: null,
      status: null,
      publishedAt: '2025-07-11T08:15:00.000Z',
      canonicalUrl: 'https://harbour.example/2025/07/ferry-fares',
      language: 'en-GB',
      warnings: ['hero image https://harbour.example/img/hero.jpg: size unknown, set to 1200×800'],
    });
  });

  it('makes hostile HTML inert: no script, no event handler, no javascript: link survives', () => {
    const festival = drafts[1];
    expect(festival?.body).toEqual([
      { type: 'paragraph', text: 'The festival opens on **2 August**.' },
      { type: 'paragraph', text: 'Tickets on sale now and [online](https://tickets.example/fest).' },
      {
        type: 'image',
        src: 'https://harbour.example/2025/07/x',
        alt: '',
        caption: null,
        credit: null,
        width: 1200,
        height: 800,
      },
      { type: 'paragraph', text: 'Bands from six countries & a fireworks finale.' },
    ]);
    const body = JSON.stringify(festival?.body);
    for (const hostile of [
      '<',
      'script',
      'alert',
      'javascript:',
      'onerror',
      'onclick',
      'evil.example',
      'cookie',
      'display:none',
    ]) {
      expect(body).not.toContain(hostile);
    }
    expect(festival?.warnings[0]).toBe(
      'unsafe HTML removed: <script>, <style>, <iframe>, <object>, 3 on* attributes, 1 unsafe link (kept as text)',
    );
  });

  it('takes the hero image from media:content with its size, title and credit', () => {
    expect(drafts[1]?.heroImage).toEqual({
      src: 'https://harbour.example/img/festival.jpg',
      alt: 'Fireworks over the harbour',
      caption: null,
      credit: 'Sam Ortiz',
      width: 1200,
      height: 675,
    });
  });

  it('falls back to the link as sourceId, reads entity-escaped HTML and warns about a bad date', () => {
    expect(drafts[2]).toMatchObject({
      sourceId: 'https://harbour.example/2025/07/tides',
      publishedAt: null,
      body: [
        { type: 'paragraph', text: 'High water at *06:12* on the 1st.' },
        { type: 'paragraph', text: 'Low water at 12:30.' },
      ],
      warnings: ['date "not a date" is not a date: left out'],
    });
  });
});

describe('parseFeed on Atom', () => {
  const drafts = parseFeed(fixture('feed.atom'), { origin: 'feed.atom' });

  it('maps id, title, links, dates, authors, categories, content, summary and language', () => {
    expect(drafts).toHaveLength(2);
    expect(drafts[0]).toEqual({
      origin: 'feed.atom (item 1)',
      sourceId: 'urn:uuid:2f0d9c1e-0001-4000-8000-000000000001',
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      headline: 'Le marché couvert rouvre',
      slug: null,
      standfirst: 'Après deux ans de travaux, le marché accueille à nouveau ses étals.',
      dateline: null,
      body: [
        { type: 'paragraph', text: 'Les **quarante** étals ont rouvert samedi.' },
        { type: 'heading', level: 3, text: 'Horaires' },
        { type: 'paragraph', text: 'Du mardi au dimanche, de 7 h à 13 h.' },
      ],
      heroImage: {
        src: 'https://port.example/img/marche.png',
        alt: '',
        caption: null,
        credit: null,
        width: 1200,
        height: 800,
      },
      sources: [],
      tags: [{ name: 'Commerce' }, { name: 'ville' }],
      authors: ['Claire Dubois'],
      section: null,
      status: null,
      publishedAt: '2025-07-11T05:00:00.000Z',
      canonicalUrl: 'https://port.example/2025/07/marche',
      language: 'fr',
      warnings: ['hero image https://port.example/img/marche.png: size unknown, set to 1200×800'],
    });
    for (const draft of drafts) expectStoreAccepts(draft);
  });

  it('reads XHTML content, resolves relative links and inherits the feed author', () => {
    expect(drafts[1]).toMatchObject({
      headline: 'Travaux sur le quai nord',
      publishedAt: '2025-07-10T15:45:00.000Z',
      authors: ['Rédaction du Port'],
      body: [
        { type: 'paragraph', text: 'Le quai nord sera fermé *jusqu’au 30 juillet*.' },
        { type: 'paragraph', text: '[Voir le plan](https://port.example/plan-des-travaux) des déviations.' },
      ],
      warnings: [],
    });
  });

  it('reads text content as escaped paragraphs', () => {
    const [draft] = parseFeed(
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><title>T</title><content type="text">One *two*\n\nThree &lt;b&gt;</content></entry></feed>',
      { origin: 'a.atom' },
    );
    expect(draft?.body).toEqual([
      { type: 'paragraph', text: 'One \\*two\\*' },
      { type: 'paragraph', text: 'Three <b>' },
    ]);
  });
});

describe('parseFeed', () => {
  it('refuses broken XML, naming the problem and where it is', () => {
    expect(() => parseFeed('<rss><channel><item></channel></rss>', { origin: 'bad.xml' })).toThrow(
      IngestError,
    );
    expect(() => parseFeed('<rss><channel><item></channel></rss>', { origin: 'bad.xml' })).toThrow(
      "bad.xml: broken XML at line 1, column 21: Expected closing tag 'item' (opened in line 1, col 15) instead of closing tag 'channel'.",
    );
  });

  it('refuses XML that is not an RSS 2.0 or Atom feed', () => {
    expect(() => parseFeed('<html><body/></html>', { origin: 'x' })).toThrow(
      'x: not an RSS 2.0 or Atom feed (the root element is <html>)',
    );
    expect(() => parseFeed('<rdf:RDF xmlns:rdf="r"/>', { origin: 'x' })).toThrow(
      'only RSS 2.0 and Atom are read',
    );
  });

  it('refuses external entities', () => {
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><item><title>&x;</title></item></channel></rss>';
    expect(() => parseFeed(xxe, { origin: 'x' })).toThrow(IngestError);
  });

  it('gives an empty list for a feed without items', () => {
    expect(parseFeed(rss(''), { origin: 'x' })).toEqual([]);
    expect(
      parseFeed('<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title></feed>', { origin: 'x' }),
    ).toEqual([]);
  });

  it(`reads at most ${maxFeedItems} items, saying so on the first draft`, () => {
    const items = Array.from(
      { length: maxFeedItems + 3 },
      (_, i) => `<item><title>Item ${i}</title></item>`,
    ).join('');
    const drafts = parseFeed(rss(items), { origin: 'big.xml' });
    expect(drafts).toHaveLength(maxFeedItems);
    expect(drafts[0]?.warnings).toContain(
      `the feed has ${maxFeedItems + 3} items: only the first ${maxFeedItems} read`,
    );
  });

  it('skips an item with neither title nor text, saying so on the first draft, and titles one from its text', () => {
    const drafts = parseFeed(
      rss(
        '<item><title>First</title></item><item><guid>empty</guid></item><item><description>Untitled story. More text.</description></item>',
      ),
      { origin: 'x' },
    );
    expect(drafts.map((d) => d.headline)).toEqual(['First', 'Untitled story.']);
    expect(drafts[0]?.warnings).toEqual(['item 2 skipped: no title and no text']);
    expect(drafts[1]?.warnings).toEqual(['no title: the headline was taken from the first sentence']);
  });

  it('refuses a feed none of whose items can be read', () => {
    expect(() => parseFeed(rss('<item><guid>a</guid></item><item/>'), { origin: 'x' })).toThrow(
      "x: none of the feed's 2 items could be read (item 1 skipped: no title and no text)",
    );
  });

  it('cuts fields that are too long instead of refusing the item', () => {
    const title = 'Long title '.repeat(40);
    const paragraph = 'Word '.repeat(3_000);
    const drafts = parseFeed(
      rss(`<item><title>${title}</title><description>&lt;p&gt;${paragraph}&lt;/p&gt;</description></item>`),
      { origin: 'x' },
    );
    expect(drafts).toHaveLength(1);
    expectStoreAccepts(drafts[0] as NonNullable<(typeof drafts)[0]>);
    expect(drafts[0]?.headline.length).toBeLessThanOrEqual(limits.headline);
    expect(drafts[0]?.body).toHaveLength(2);
    expect(drafts[0]?.warnings).toEqual([
      `headline of ${title.trim().length} characters cut to ${limits.headline}`,
      `a paragraph of ${paragraph.trim().length} characters split into 2`,
    ]);
  });

  it('reads an author given only as an e-mail address as no author, with a warning', () => {
    const [draft] = parseFeed(rss('<item><title>T</title><author>desk@x.example</author></item>'), {
      origin: 'x',
    });
    expect(draft?.authors).toEqual([]);
    expect(draft?.warnings).toEqual(['author "desk@x.example" is only an e-mail address: left out']);
  });

  it('has a null sourceId when an item has neither guid nor link', () => {
    const [draft] = parseFeed(rss('<item><title>T</title></item>'), { origin: 'x' });
    expect(draft?.sourceId).toBeNull();
    expect(draft?.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });
});
