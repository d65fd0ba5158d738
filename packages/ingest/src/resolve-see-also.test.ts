import { readFileSync } from 'node:fs';
import { limits } from '@newsroom/domain';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from './markdown.js';
import {
  resolveSeeAlso,
  type SeeAlsoCandidate,
  searchesFor,
  seeAlsoHitsPerSearch,
} from './resolve-see-also.js';
import { parseScrapedText } from './scraped-text.js';
import { expectStoreAccepts } from './testing/store-accepts.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const scraped = parseScrapedText(fixture('scraped-article.txt'), { origin: 'scraped-article.txt' });
const tomorrowland = "Fire destroys Tomorrowland's iconic main stage";
const salgado = 'Sebastia Salgado, master of black and white photography, dies at age 81';

const seeAlsoSlugs = (draft: typeof scraped) =>
  draft.body.flatMap((block) => (block.type === 'see-also' ? [block.slug] : []));

/** A search over a fixed list that answers a candidate when every word of the query is in its headline. */
function searchOver(articles: SeeAlsoCandidate[], asked: string[] = []) {
  return async (q: string, limit: number) => {
    asked.push(q);
    const words = q.split(' ');
    return articles
      .filter((article) => words.every((word) => article.headline.toLowerCase().includes(word)))
      .slice(0, limit);
  };
}

describe('resolveSeeAlso', () => {
  it('links the lines it can place where they stood, and says which it could not', async () => {
    const known = new Map([
      // Typographic apostrophe in the Store, straight one in the copy: a normalized match.
      ['Fire destroys Tomorrowland’s iconic main stage', 'fire-destroys-tomorrowland-main-stage'],
      ['Markets close higher', 'unrelated'],
    ]);
    const resolved = await resolveSeeAlso(scraped, { known });
    expect(seeAlsoSlugs(resolved)).toEqual(['fire-destroys-tomorrowland-main-stage', null]);
    expect(resolved.body.findIndex((b) => b.type === 'see-also')).toBe(
      scraped.body.findIndex((b) => b.type === 'see-also'),
    );
    expect(resolved.warnings).toEqual([`see also "${salgado}": no matching article, kept unresolved`]);
    expectStoreAccepts(resolved);
    // The parser's draft is left as it was.
    expect(seeAlsoSlugs(scraped)).toEqual([null, null]);
    expect(scraped.warnings).toEqual([]);
  });

  it('places a misspelt headline by the fuzzy match', async () => {
    const known = new Map([
      [
        'Sebastião Salgado, master of black-and-white photography, dies at 81',
        'sebastiao-salgado-dies-at-81',
      ],
    ]);
    expect(seeAlsoSlugs(await resolveSeeAlso(scraped, { known }))).toEqual([
      null,
      'sebastiao-salgado-dies-at-81',
    ]);
  });

  it('searches with the headline as the copy gives it, in body order, from every word to fewer', async () => {
    const asked: string[] = [];
    const resolved = await resolveSeeAlso(scraped, { search: searchOver([], asked) });
    expect(seeAlsoSlugs(resolved)).toEqual([null, null]);
    expect(asked).toEqual([...searchesFor(tomorrowland), ...searchesFor(salgado)]);
    expect(asked[0]).toBe('fire destroys tomorrowland s iconic main stage');
  });

  it('stops widening once a search finds the story, and asks for a few hits only', async () => {
    const asked: string[] = [];
    const limitsAsked = new Set<number>();
    const articles = [{ headline: 'Fire destroys Tomorrowland main stage', slug: 'tomorrowland-fire' }];
    const search = searchOver(articles, asked);
    const resolved = await resolveSeeAlso(scraped, {
      search: (q, limit) => {
        limitsAsked.add(limit);
        return search(q, limit);
      },
    });
    expect(seeAlsoSlugs(resolved)).toEqual(['tomorrowland-fire', null]);
    // "iconic" is not in the stored headline: the searches with it find nothing, "tomorrowland"
    // alone finds it, and the last, "destroys" alone, is never asked.
    expect(searchesFor(tomorrowland)).toEqual([
      'fire destroys tomorrowland s iconic main stage',
      'tomorrowland destroys iconic',
      'tomorrowland',
      'destroys',
    ]);
    expect(asked).toEqual([...searchesFor(tomorrowland).slice(0, 3), ...searchesFor(salgado)]);
    expect([...limitsAsked]).toEqual([seeAlsoHitsPerSearch]);
  });

  it('prefers a story the caller knows of to a search hit with the same headline', async () => {
    const known = new Map([[tomorrowland, 'imported-this-run']]);
    const search = searchOver([{ headline: tomorrowland, slug: 'older-copy' }]);
    expect(seeAlsoSlugs(await resolveSeeAlso(scraped, { known, search }))[0]).toBe('imported-this-run');
  });

  it('keeps a line unresolved when its candidate’s slug is not one the Store accepts', async () => {
    const resolved = await resolveSeeAlso(scraped, { known: new Map([[tomorrowland, 'Not A Slug!']]) });
    expect(seeAlsoSlugs(resolved)).toEqual([null, null]);
    expect(resolved.warnings[0]).toBe(`see also "${tomorrowland}": resolver gave "Not A Slug!", not a slug`);
  });

  it('fails when the search fails, so the caller can report the input', async () => {
    const search = async () => {
      throw new Error('the database cannot be reached');
    };
    await expect(resolveSeeAlso(scraped, { search })).rejects.toThrow('the database cannot be reached');
  });

  it('resolves a Markdown story’s see-also paragraphs the same way', async () => {
    const story = parseMarkdown(fixture('story.md'), { origin: 'story.md' });
    const known = new Map([['Europe’s sleeper revival gathers pace', 'sleeper-revival']]);
    const resolved = await resolveSeeAlso(story, { known });
    expect(resolved.body.filter((b) => b.type === 'see-also')).toEqual([
      { type: 'see-also', slug: 'sleeper-revival', headline: "Europe's sleeper revival gathers pace" },
      { type: 'see-also', slug: null, headline: 'Rail strike called off in Austria' },
    ]);
  });

  it('leaves a draft with nothing to resolve as it is, searching nothing', async () => {
    const asked: string[] = [];
    const plain = parseScrapedText('Headline\n\nA paragraph.', { origin: 'plain.txt' });
    expect(await resolveSeeAlso(plain, { search: searchOver([], asked) })).toEqual(plain);
    expect(asked).toEqual([]);
  });
});

describe('searchesFor', () => {
  it('goes from every word of the headline to its three longest, then its two longest alone', () => {
    expect(searchesFor('Fire at the old harbour warehouse')).toEqual([
      'fire at the old harbour warehouse',
      'warehouse harbour fire',
      'warehouse',
      'harbour',
    ]);
    expect(searchesFor('Floods')).toEqual(['floods']);
    expect(searchesFor('“…”')).toEqual([]);
  });

  it('keeps every search within the search box’s limit', () => {
    const long = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    for (const q of searchesFor(long)) expect(q.length).toBeLessThanOrEqual(limits.searchQuery);
  });
});
