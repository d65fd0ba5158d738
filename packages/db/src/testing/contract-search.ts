import { ArticleSummarySchema, type CreateArticleInput, type SnippetPart } from '@newsroom/domain';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../errors.js';
import type { Store } from '../store.js';
import { allPages, at, draftInput, publish, textBody } from './contract-fixtures.js';

/** Search: what readers type, and what they must never see. Part of describeStoreContract. */
export function describeSearchContract(store: () => Store): void {
  describe('search', () => {
    let minute = 0;
    /** A published article with these words; each one a minute after the last. */
    const story = (slug: string, fields: Partial<CreateArticleInput>) => {
      minute += 1;
      return publish(store(), draftInput({ slug, ...fields }), at(minute));
    };
    const find = async (q: string, limit = 20) =>
      (await store().articles.search({ q, limit })).items.map((hit) => hit.slug);

    it('finds a word wherever it is, the headline counting most, with summaries and a snippet', async () => {
      // Without the headline's weight, the repeated word in the body would rank first.
      await story('in-body', {
        headline: 'Ferries are back',
        body: textBody(
          'Crowds gathered at the harbour before dawn. Harbour lights, harbour boats, harbour cafés.',
        ),
      });
      await story('in-headline', {
        headline: 'Harbour reopens',
        body: textBody('Boats came back after the long winter, and the quays were busy with people again.'),
      });
      await story('in-standfirst', {
        headline: 'A morning by the sea',
        standfirst: 'The harbour was busy again.',
        body: textBody('Gulls everywhere, and the smell of the sea over the whole town all morning.'),
      });
      await story('unrelated', { headline: 'Markets calm', body: textBody('Nothing about boats.') });

      const page = await store().articles.search({ q: 'Harbour', limit: 10 });
      expect(page.items.map((hit) => hit.slug)[0]).toBe('in-headline');
      expect(page.items.map((hit) => hit.slug).sort()).toEqual(['in-body', 'in-headline', 'in-standfirst']);
      expect(page.nextCursor).toBeNull();
      const [best] = page.items;
      const { snippet, ...summary } = best ?? { snippet: [] };
      expect(ArticleSummarySchema.parse(summary)).toEqual(summary);
      expect(summary).not.toHaveProperty('body');
      const bodyHit = page.items.find((hit) => hit.slug === 'in-body');
      expect(bodyHit?.snippet.filter((part) => part.match).map((part) => part.text.toLowerCase())).toEqual([
        'harbour',
        'harbour',
        'harbour',
        'harbour',
      ]);
      expect(textOf(bodyHit?.snippet ?? [])).toContain('gathered at the harbour before dawn');
      expect(snippet.some((part) => part.match)).toBe(true);
    });

    it('needs every word, matches a quoted phrase only as written, and leaves out -excluded words', async () => {
      await story('phrase', {
        headline: 'A master of black and white photography',
        body: textBody('Portraits.'),
      });
      await story('apart', {
        headline: 'White walls and black doors',
        body: textBody('A house in the photography district.'),
      });
      await story('colour', { headline: 'Colour photography returns', body: textBody('Bright prints.') });

      expect(await find('black white')).toEqual(expect.arrayContaining(['phrase', 'apart']));
      expect(await find('black white')).toHaveLength(2);
      expect(await find('"black and white"')).toEqual(['phrase']);
      expect(await find('“black and white”')).toEqual(['phrase']);
      expect(await find('"white and black"')).toEqual([]);
      expect((await find('photography -doors')).sort()).toEqual(['colour', 'phrase']);
      expect(await find('photography -"black and white" -colour')).toEqual(['apart']);
    });

    it('folds case and accents, and finds words in other scripts', async () => {
      await story('salgado', {
        headline: 'Sebastião Salgado dies at 81',
        body: textBody('The photographer lived in Aimorés.'),
      });
      await story('cafe', { headline: 'The CAFÉ on the corner', body: textBody('Open late.') });
      await story('moscow', {
        headline: 'Переговоры в Москве',
        body: textBody('Москва и Киев обменялись пленными.'),
      });
      await story('athens', {
        headline: 'Καύσωνας στην Αθήνα',
        body: textBody('Οι θερμοκρασίες ανεβαίνουν.'),
      });

      expect(await find('sebastiao')).toEqual(['salgado']);
      expect(await find('SEBASTIÃO salgado')).toEqual(['salgado']);
      expect(await find('aimores')).toEqual(['salgado']);
      expect(await find('café')).toEqual(['cafe']);
      expect(await find('cafe')).toEqual(['cafe']);
      expect(await find('москва')).toEqual(['moscow']);
      expect(await find('МОСКВЕ')).toEqual(['moscow']);
      expect(await find('αθήνα')).toEqual(['athens']);
      expect(await find('ΚΑΎΣΩΝΑΣ')).toEqual(['athens']);
      expect(await find('"στην αθήνα"')).toEqual(['athens']);
    });

    it('treats everything a reader types as words: no operator, prefix, column or syntax error', async () => {
      await story('hamlet', { headline: 'To be or not to be', body: textBody('A play about a prince.') });
      await story('coast', {
        headline: 'Coast walk',
        body: textBody('We waited near lighthouse keeper cottages for the ferry.'),
      });
      await story('apart', {
        headline: 'The lighthouse',
        body: textBody('The lighthouse stood on the rock while its old keeper slept in the village.'),
      });
      await story('harbour', { headline: 'Harbour news', body: textBody('The harbour was quiet.') });

      // AND, OR and NOT are words a story may contain, not operators.
      expect(await find('or not')).toEqual(['hamlet']);
      expect(await find('AND OR NOT')).toEqual([]);
      // NEAR(a b) is not FTS5's NEAR group: "near lighthouse" is a phrase, "keeper" a word.
      expect(await find('NEAR(lighthouse keeper)')).toEqual(['coast']);
      // No column filter: "headline:harbour" is the phrase "headline harbour".
      expect(await find('headline:harbour')).toEqual([]);
      // No prefix search, no initial-token anchor.
      expect(await find('harb*')).toEqual([]);
      expect((await find('^lighthouse')).sort()).toEqual(['apart', 'coast']);

      const hostile = [
        '"',
        '""',
        '"unclosed phrase',
        'NEAR(a b)',
        'NEAR/2',
        '*',
        ')',
        '(',
        '(harbour',
        'harbour)',
        'AND',
        'NOT harbour',
        'harbour OR',
        'col:word',
        'body_text:harbour',
        '{headline standfirst}: harbour',
        '-',
        '--harbour',
        '+harbour',
        "harbour' OR 1=1 --",
        'harbour\u0000quiet',
        '\u0301',
        'harbour \u0301',
        '\uE000harbour\uE001',
        '🙂 harbour',
        'x'.repeat(200),
      ];
      for (const q of hostile) {
        const page = await store().articles.search({ q, limit: 5 });
        expect(Array.isArray(page.items), q).toBe(true);
      }
      expect(await find('(harbour')).toEqual(['harbour']);
      expect(await find('harbour)')).toEqual(['harbour']);
      expect(await find('+harbour')).toEqual(['harbour']);
      expect(await find('"')).toEqual([]);
      expect(await find('-harbour')).toEqual([]);
    });

    it('never finds drafts, scheduled or archived articles', async () => {
      await store().articles.create(draftInput({ slug: 'draft', headline: 'Secret lighthouse plan' }));
      const scheduled = await store().articles.create(
        draftInput({ slug: 'scheduled', headline: 'Lighthouse opening' }),
        { now: at(0) },
      );
      await store().articles.setStatus(scheduled.id, 1, 'scheduled', {
        now: at(0),
        scheduledFor: at(600).toISOString(),
      });
      const archived = await story('archived', { headline: 'Old lighthouse story' });
      await store().articles.setStatus(archived.id, archived.version, 'archived');
      await story('live', { headline: 'The lighthouse keeper' });
      expect(await find('lighthouse')).toEqual(['live']);
    });

    it('pages through every hit once, best first, with ties in a stable order', async () => {
      const slugs: string[] = [];
      for (let i = 0; i < 13; i++) {
        // Many identical texts: equal ranks, so the id must break ties.
        const headline = i % 3 === 0 ? 'Tide tables and tide times' : 'Tide tables';
        slugs.push((await story(`tide-${i}`, { headline, body: textBody('Low water at noon.') })).slug);
      }
      await story('dry', { headline: 'Desert', body: textBody('No water.') });
      const { items, pages } = await allPages((cursor) =>
        store().articles.search({ q: 'tide', limit: 4, ...(cursor ? { cursor } : {}) }),
      );
      expect(pages).toBe(4);
      expect(items.map((hit) => hit.slug).sort()).toEqual([...slugs].sort());
      // The stories that say "tide" twice come first.
      expect(
        items
          .slice(0, 5)
          .map((hit) => hit.headline)
          .every((h) => h.includes('tide times')),
      ).toBe(true);
      const onePage = await store().articles.search({ q: 'tide', limit: 100 });
      expect(onePage.items.map((hit) => hit.id)).toEqual(items.map((hit) => hit.id));

      await expect(
        store().articles.search({ q: 'tide', limit: 4, cursor: 'bm90LWEtY3Vyc29y' }),
      ).rejects.toThrow(StoreError);
    });

    it('finds nothing, without failing, when there is no word to look for', async () => {
      await story('anything', { headline: 'Anything at all' });
      for (const q of ['', '   ', '-anything', '-"anything at all"', '…', '!?']) {
        expect(await store().articles.search({ q, limit: 5 })).toEqual({ items: [], nextCursor: null });
      }
    });

    it('gives snippets as plain text runs, however the text looks', async () => {
      await story('markup', {
        headline: 'Tags in text',
        body: textBody('Writers type <b>bold</b> & <script>x</script> around the word kestrel, literally.'),
      });
      const [hit] = (await store().articles.search({ q: 'kestrel', limit: 1 })).items;
      const parts = hit?.snippet ?? [];
      expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['kestrel']);
      expect(textOf(parts)).toContain('<b>bold</b> & <script>x</script> around the word kestrel');
      expect(textOf(parts)).not.toMatch(/[\uE000-\uF8FF]/u);
      // Runs alternate: neighbours of the same kind are merged.
      for (let i = 1; i < parts.length; i++) expect(parts[i]?.match).not.toBe(parts[i - 1]?.match);
    });
  });
}

function textOf(parts: readonly SnippetPart[]): string {
  return parts.map((part) => part.text).join('');
}
