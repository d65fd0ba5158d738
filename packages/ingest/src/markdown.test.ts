import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IngestError } from './ingest-error.js';
import { parseMarkdown } from './markdown.js';
import { expectStoreAccepts } from './testing/store-accepts.js';

const story = readFileSync(new URL('../fixtures/story.md', import.meta.url), 'utf8');
const parse = (text: string) => parseMarkdown(text, { origin: 'story.md' });

describe('parseMarkdown on the sample story', () => {
  it('maps front matter and body as documented', async () => {
    const draft = parse(story);
    expect(draft).toEqual({
      origin: 'story.md',
      sourceId: 'desk-2025-0712',
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      headline: 'Night trains return to the Alps',
      slug: 'night-trains-return-to-the-alps',
      standfirst: 'After a decade away, sleeper services link Zurich, Vienna and Venice again.',
      dateline: null,
      body: [
        {
          type: 'paragraph',
          text: 'The *first* sleeper left Zurich at **21:40**, full, with a [booking page](https://trains.example/book) that crashed twice and a TR-42 reference on every ticket.',
        },
        { type: 'heading', level: 2, text: 'Who travels at night' },
        {
          type: 'paragraph',
          text: 'Families, mostly, and people who **do not fly**: snake\\_case\\_fans and \\[sic\\] readers alike.',
        },
        { type: 'heading', level: 3, text: 'The timetable' },
        {
          type: 'list',
          style: 'numbered',
          items: ['Zurich, 21:40', 'Innsbruck, 01:15', 'a short stop', 'no boarding', 'Vienna, 06:55'],
        },
        { type: 'heading', level: 4, text: 'What it costs' },
        { type: 'list', style: 'bulleted', items: ['A seat from €29', 'A couchette from €59'] },
        {
          type: 'quote',
          text: 'Nobody expected the trains to fill up this fast.',
          attribution: "Anna Keller, the operator's spokeswoman",
        },
        {
          type: 'image',
          src: 'https://cdn.example.org/couchette.jpg',
          alt: 'A couchette made up for the night',
          caption: 'Six berths to a compartment',
          credit: null,
          width: 1200,
          height: 800,
        },
        { type: 'see-also', slug: null, headline: "Europe's sleeper revival gathers pace" },
        { type: 'see-also', slug: null, headline: 'Rail strike called off in Austria' },
        { type: 'paragraph', text: 'Book with **us** today' },
        { type: 'paragraph', text: 'The return leg leaves at dawn.' },
      ],
      heroImage: {
        src: 'https://cdn.example.org/night-train.jpg',
        alt: 'A sleeper train at Zurich station',
        caption: 'The first departure, on Friday night',
        credit: 'Lena Hofer',
        width: 1600,
        height: 900,
      },
      sources: [
        { name: 'AFP', type: 'wire', url: null },
        {
          name: 'Swiss Rail Review',
          type: 'publication',
          url: 'https://railreview.example/2025/night-trains',
        },
      ],
      tags: [{ name: 'Rail' }, { name: 'Zurich', type: 'place' }],
      authors: ['Lena Hofer', 'Marco Bianchi'],
      section: 'travel',
      status: 'draft',
      publishedAt: '2025-07-12T04:30:00.000Z',
      canonicalUrl: null,
      language: null,
      warnings: [
        'raw HTML stripped (3 places): only its text kept',
        'image https://cdn.example.org/couchette.jpg: size unknown, set to 1200×800',
        'unsafe HTML removed: <script>',
      ],
    });
    expectStoreAccepts(draft);
  });

  it('reads Windows line endings the same', async () => {
    expect(parse(story.replace(/\n/g, '\r\n'))).toEqual({
      ...parse(story),
      contentHash: expect.any(String),
    });
  });
});

describe('parseMarkdown', () => {
  it('takes a leading # heading as the headline when there is no front matter', async () => {
    const draft = parse('# The headline\n\nBody text.\n\n# A later part\n');
    expect(draft.headline).toBe('The headline');
    expect(draft.body).toEqual([
      { type: 'paragraph', text: 'Body text.' },
      { type: 'heading', level: 2, text: 'A later part' },
    ]);
  });

  it('keeps a leading # heading that differs from the front-matter title as body', async () => {
    const draft = parse('---\ntitle: The title\n---\n# Another title\n\nText.');
    expect(draft.headline).toBe('The title');
    expect(draft.body[0]).toEqual({ type: 'heading', level: 2, text: 'Another title' });
  });

  it('maps heading depths to levels 2, 3 and 4', async () => {
    const draft = parse('# H\n\n## Two\n\n### Three\n\n#### Four\n\n##### Five\n\n###### Six');
    expect(draft.body.map((b) => (b.type === 'heading' ? b.level : 0))).toEqual([2, 3, 4, 4, 4]);
  });

  it('refuses a story without a headline', async () => {
    expect(() => parse('Just a paragraph.\n\n## A part')).toThrow(
      'story.md: no headline (no front-matter title and no leading # heading)',
    );
  });

  it('refuses invalid YAML, naming the line in the file', async () => {
    const text = '---\ntitle: Fine\ntags: [a, b\nslug: x\n---\nBody';
    expect(() => parse(text)).toThrow(IngestError);
    expect(() => parse(text)).toThrow(/^story\.md: invalid YAML front matter at line \d+: /);
    expect(() => parse('---\ntitle: A\ntitle: B\n---\n')).toThrow(/at line 3: /);
  });

  it('refuses front matter that is never closed or is not a mapping', async () => {
    expect(() => parse('---\ntitle: A\n\nBody')).toThrow('never closed');
    expect(() => parse('---\n- a\n- b\n---\n# H')).toThrow('must be a mapping');
  });

  it('warns about unknown or mistyped fields and reads the rest', async () => {
    const draft = parse(
      '---\ntitle: T\nmood: sunny\nauthors: { name: x }\nstatus: live\ndate: someday\n---\nText.',
    );
    expect(draft.headline).toBe('T');
    expect(draft.authors).toEqual([]);
    expect(draft.warnings).toEqual([
      'front matter: unknown field "mood" ignored',
      expect.stringMatching(/^front matter: "authors" has the wrong shape/),
      'front matter: date "someday" is not a date: ignored',
      'front matter: status "live" is not one of draft, scheduled, published, archived: ignored',
    ]);
  });

  it('reads tags, authors and sources given as comma-separated strings, and description as standfirst', async () => {
    const draft = parse(
      '---\ntitle: T\ntags: Rail, Alps\nauthor: Lena Hofer\nsources: Reuters, The Local\ndescription: A summary.\n---\nText.',
    );
    expect(draft.tags).toEqual([{ name: 'Rail' }, { name: 'Alps' }]);
    expect(draft.authors).toEqual(['Lena Hofer']);
    expect(draft.sources).toEqual([
      { name: 'Reuters', type: 'wire', url: null },
      { name: 'The Local', type: 'publication', url: null },
    ]);
    expect(draft.standfirst).toBe('A summary.');
  });

  it('keeps inline code as plain text and unsafe links as their words', async () => {
    const draft = parse(
      '# H\n\nRun `rm -rf *` or [click](javascript:alert(1)) or [see](/2025/07/story) or [ref][r].\n\n[r]: https://x.example/r',
    );
    expect(draft.body).toEqual([
      {
        type: 'paragraph',
        text: 'Run rm -rf \\* or click or [see](/2025/07/story) or [ref](https://x.example/r).',
      },
    ]);
    expect(draft.warnings).toEqual(['1 link to unsafe or relative addresses kept as text']);
  });

  it('reads a quote without attribution, and one whose attribution is its own paragraph', async () => {
    const draft = parse('# H\n\n> Just words.\n\n> Words.\n>\n> — Someone');
    expect(draft.body).toEqual([
      { type: 'quote', text: 'Just words.', attribution: null },
      { type: 'quote', text: 'Words.', attribution: 'Someone' },
    ]);
  });

  it('places an image inside a paragraph between the text around it, and drops one with an unsafe address', async () => {
    const draft = parse('# H\n\nBefore ![a](https://x.example/a.png) after.\n\n![b](javascript:alert(1))');
    expect(draft.body).toEqual([
      { type: 'paragraph', text: 'Before' },
      {
        type: 'image',
        src: 'https://x.example/a.png',
        alt: 'a',
        caption: null,
        credit: null,
        width: 1200,
        height: 800,
      },
      { type: 'paragraph', text: 'after.' },
    ]);
    expect(draft.warnings).toContain(
      'image "javascript:alert(1)" left out: not an http(s) URL or a path on this site',
    );
  });

  it('never passes raw HTML through', async () => {
    const draft = parse(
      '# H\n\n<script>alert(1)</script>\n\nText <script>alert(2)</script> and <img src=x onerror=alert(3)> more.\n\n<iframe src="https://evil.example"></iframe>',
    );
    expect(draft.body).toEqual([{ type: 'paragraph', text: 'Text and more.' }]);
    expect(JSON.stringify(draft.body)).not.toMatch(/<|alert/);
    expect(draft.warnings[0]).toMatch(/^raw HTML stripped/);
  });

  it('keeps a code block as a plain paragraph, with a warning', async () => {
    const draft = parse('# H\n\n```\nconst x = 1;\n```');
    expect(draft.body).toEqual([{ type: 'paragraph', text: 'const x = 1;' }]);
    expect(draft.warnings).toEqual(['1 code block kept as plain paragraphs']);
  });

  it('reads "See also" only when the paragraph is the whole reference', async () => {
    const draft = parse(
      '# H\n\nSee also: [One](https://x.example/1) and [Two](https://x.example/2)\n\nSee also Plain headline',
    );
    expect(draft.body).toEqual([
      { type: 'paragraph', text: 'See also: [One](https://x.example/1) and [Two](https://x.example/2)' },
      { type: 'see-also', slug: null, headline: 'Plain headline' },
    ]);
  });
});
