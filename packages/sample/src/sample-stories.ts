/*
 * The sample stories: their copy is in packages/sample/copy/ as scraped text (the wire report of
 * the shared fixture, byte for byte, and the two short stories its "See also" lines name), and
 * the seed imports it through @newsroom/ingest and the Store's import, as `newsroom import`
 * would. What the copy does not carry (section, byline, tags, dateline, standfirst, times and
 * the editor's related picks) is the seed's own editorial data, here.
 */

export const sampleStorySlug =
  'despite-frustration-rubio-discusses-a-new-approach-to-the-ukrainian-peace-talks';
const tomorrowlandSlug = 'fire-destroys-tomorrowlands-iconic-main-stage';
const salgadoSlug = 'sebastia-salgado-master-of-black-and-white-photography-dies-at-age-81';

export interface SampleStory {
  /** The copy, a scraped-text file in packages/sample/copy/. */
  file: string;
  /** The slug its headline makes; given explicitly so that links to it never move. */
  slug: string;
  sectionSlug: string;
  authorSlugs: string[];
  tagSlugs: string[];
  standfirst: string;
  dateline: string | null;
  relatedSlugs: string[];
  createdAt: string;
  publishedAt: string;
}

export const tomorrowlandStory: SampleStory = {
  file: 'tomorrowland-main-stage-fire.txt',
  slug: tomorrowlandSlug,
  sectionSlug: 'culture',
  authorSlugs: ['newsroom-culture-desk'],
  tagSlugs: ['music-festivals', 'belgium'],
  standfirst:
    'The elaborate main stage of the Belgian electronic music festival was destroyed by fire during preparations.',
  dateline: null,
  relatedSlugs: [],
  createdAt: '2025-07-16T10:50:00.000Z',
  publishedAt: '2025-07-16T11:30:00.000Z',
};

export const salgadoStory: SampleStory = {
  file: 'sebastiao-salgado-obituary.txt',
  slug: salgadoSlug,
  sectionSlug: 'culture',
  authorSlugs: ['newsroom-culture-desk'],
  tagSlugs: ['photography', 'obituaries', 'brazil'],
  standfirst:
    'The Brazilian photographer’s black-and-white images of workers, migrants and landscapes were shown around the world.',
  dateline: null,
  relatedSlugs: [],
  createdAt: '2025-05-23T15:10:00.000Z',
  publishedAt: '2025-05-23T15:45:00.000Z',
};

export const sampleStory: SampleStory = {
  file: 'scraped-article.txt',
  slug: sampleStorySlug,
  sectionSlug: 'world',
  authorSlugs: ['newsroom-wire-desk'],
  tagSlugs: ['ukraine', 'russia', 'asean', 'marco-rubio', 'sergei-lavrov', 'malaysia'],
  standfirst:
    'US Secretary of State Marco Rubio says Washington and Moscow exchanged new ideas for ending the war in ' +
    'Ukraine after he met Russian Foreign Minister Sergei Lavrov in Malaysia.',
  dateline: 'KUALA LUMPUR',
  // The editor's related picks: the two stories its "See also" lines point to.
  relatedSlugs: [tomorrowlandSlug, salgadoSlug],
  createdAt: '2025-07-10T13:40:00.000Z',
  publishedAt: '2025-07-10T14:05:00.000Z',
};

/** In import order: the two short stories first, so the sample story's see-also lines resolve. */
export const sampleStories: readonly SampleStory[] = [tomorrowlandStory, salgadoStory, sampleStory];

/** Where a sample story's copy is, wherever this module runs from (src/ in tests, dist/ built). */
export function sampleFileUrl(file: string): URL {
  return new URL(`../copy/${file}`, import.meta.url);
}
