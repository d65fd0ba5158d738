import { slugify } from '@newsroom/domain';
import { describe, expect, it } from 'vitest';
import { ImportArticleInputSchema } from '../import-article.js';
import {
  salgadoStory,
  sampleStories,
  sampleStory,
  sampleStorySlug,
  tomorrowlandStory,
} from './sample-stories.js';
import { sampleAuthors, sampleTags } from './sample-taxonomy.js';

describe('the sample stories', () => {
  it('are valid articles whose slugs are made from their headlines', () => {
    for (const story of sampleStories) {
      const parsed = ImportArticleInputSchema.parse(story);
      expect(parsed.slug).toBe(slugify(parsed.headline));
    }
    expect(sampleStory.slug).toBe(sampleStorySlug);
  });

  it('structure the scraped copy: heading, see-also links, AP as a source, no page furniture', () => {
    const story = ImportArticleInputSchema.parse(sampleStory);
    expect(story.headline).toBe(
      'Despite “frustration”, Rubio discusses a “new approach” to the Ukrainian peace talks with Lavrov',
    );
    expect(story.body.filter((b) => b.type === 'heading')).toEqual([
      { type: 'heading', level: 2, text: 'Diplomatic promotion and tariff threats' },
    ]);
    expect(story.body.filter((b) => b.type === 'see-also').map((b) => b.slug)).toEqual([
      tomorrowlandStory.slug,
      salgadoStory.slug,
    ]);
    expect(story.sources).toEqual([{ name: 'AP', type: 'wire', url: null }]);
    expect(story.body.filter((b) => b.type === 'paragraph')).toHaveLength(21);
    expect(story.body.at(-1)).toEqual({
      type: 'paragraph',
      text: 'Anwar urged ASEAN to strengthen regional trade and reduce its dependence on external forces.',
    });
    const text = JSON.stringify(story.body);
    for (const furniture of [
      '4 Min Read',
      'TAGGED',
      'Share This Article',
      'Leave a comment',
      'Additional sources',
      'See also',
    ]) {
      expect(text).not.toContain(furniture);
    }
    expect(story.publishedAt).toBe('2025-07-10T14:05:00.000Z');
  });

  it('name only tags and authors the seed creates', () => {
    const tags = new Set(sampleTags.map((t) => t.slug));
    const authors = new Set(sampleAuthors.map((a) => a.slug));
    for (const story of sampleStories) {
      for (const tag of story.tagSlugs ?? []) expect(tags.has(tag)).toBe(true);
      for (const author of story.authorSlugs ?? []) expect(authors.has(author)).toBe(true);
    }
    expect(sampleTags.find((t) => t.slug === 'marco-rubio')?.type).toBe('person');
  });
});
