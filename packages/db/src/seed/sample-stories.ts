import type { ImportArticleInput } from '../import-article.js';

/*
 * The sample story (a wire report as it was scraped, structured by hand into blocks) and the
 * two stories its "See also" lines point to. Page furniture of the scraped copy ("4 Min Read",
 * "TAGGED:", "Share This Article", "Leave a comment") is dropped; "Additional sources •AP" is a
 * source credit, not a paragraph. The text is copied as scraped, oddities included.
 */

export const sampleStorySlug =
  'despite-frustration-rubio-discusses-a-new-approach-to-the-ukrainian-peace-talks';
const tomorrowlandSlug = 'fire-destroys-tomorrowlands-iconic-main-stage';
const salgadoSlug = 'sebastia-salgado-master-of-black-and-white-photography-dies-at-age-81';

const p = (text: string) => ({ type: 'paragraph' as const, text });

export const sampleStory: ImportArticleInput = {
  id: '0b6a5a52-4a0e-4a8e-9d59-6c3f0f1c7a01',
  slug: sampleStorySlug,
  headline:
    'Despite “frustration”, Rubio discusses a “new approach” to the Ukrainian peace talks with Lavrov',
  standfirst:
    'US Secretary of State Marco Rubio says Washington and Moscow exchanged new ideas for ending the war in ' +
    'Ukraine after he met Russian Foreign Minister Sergei Lavrov in Malaysia.',
  dateline: 'KUALA LUMPUR',
  sectionSlug: 'world',
  authorSlugs: ['newsroom-wire-desk'],
  tagSlugs: ['ukraine', 'russia', 'asean', 'marco-rubio', 'sergei-lavrov', 'malaysia'],
  // The editor's related picks: the two stories its "See also" lines point to.
  relatedSlugs: [tomorrowlandSlug, salgadoSlug],
  sources: [{ name: 'AP', type: 'wire', url: null }],
  status: 'published',
  createdAt: '2025-07-10T13:40:00.000Z',
  publishedAt: '2025-07-10T14:05:00.000Z',
  body: [
    p(
      'Secretary of State Marco Rubio said Thursday that the US and Russia exchanged new ideas for peace negotiations on the ongoing all-out war in Ukraine after meeting their Russian counterparts in Malaysia despite their “frustration.”',
    ),
    p(
      '“I reflected what (US) President (Donald Trump) said, both disappointing and frustrating at the lack of progress,” Rubio told reporters after consultations with Russian Foreign Minister Sergei Lavrov.',
    ),
    p(
      '“We need to move forward with the roadmap on how this (war) ends, and we shared some ideas on how it would look,” he said after the 50-minute meeting.',
    ),
    p(
      'But Rubio said the two now in their fourth year and discussed “new and different approaches” to discuss with the Kremlin about how to end the war.',
    ),
    p(
      '“I don’t characterise it as a guarantee of peace, but it’s the concept of me taking it back to the president,” he explained. However, he did not provide further details about the new proposal.',
    ),
    p('“We will continue to be involved where we think we have an opportunity to make a difference.”'),
    p(
      'The two gathered ten ASEAN members and their most important diplomatic partners, including Russia, China, Japan, Japan, South Korea, European countries and the United States, to hold discussions in Kuala Lumpur on the bystanders of the annual Association of Southeast Asian Countries (ASEAN) Forum.',
    ),
    p(
      'The meeting was the second time Rubio met since he took office, and we spoke on the phone several times.',
    ),
    p('Their first meeting took place in Riyadh, the capital of Saudi Arabia in February.'),
    p(
      'Thursday’s meeting came shortly after the US resumed shipping defensive weapons to Ukraine. This followed a pause to review domestic ammunition stocks that were welcomed in Moscow.',
    ),
    { type: 'see-also', slug: tomorrowlandSlug, headline: "Fire destroys Tomorrowland's iconic main stage" },
    p(
      'As Russia engaged in escalating air attacks on Ukraine, Trump became increasingly irritated by Russian President Vladimir Putin.',
    ),
    { type: 'heading', level: 2, text: 'Diplomatic promotion and tariff threats' },
    p(
      'Rubio was also meeting with other foreign ministers. These include many countries facing US tariffs, scheduled to take effect on August 1.',
    ),
    p('Rubio tried to ease concerns when he held a group meeting with the ASEAN Foreign Minister.'),
    p('“The region, the Indo-Pacific, remains the focus of US foreign policy,” he said.'),
    p(
      '“I think it’s impossible to be distracted when we hear on the news that the US and the world might be distracted by events in other parts of the planet, because it’s our strong view and reality that stories for this century and the next 50 years are mostly written in this region.”',
    ),
    p(
      'Trump notified several countries on Monday and Wednesday that if they do not enter into a trade agreement with the US, they will face higher tariffs.',
    ),
    p('Among them are eight out of ASEAN’s 10 members.'),
    p(
      'US State Department officials said tariffs and trade were not Rubio’s focus during the meeting. Trump’s Republican administration hopes Beijing will become increasingly nervous towards its smaller neighbors and prioritize maritime safety and security in the South China Sea, which is fighting multinational crime.',
    ),
    p(
      'However, Rubio may have been heavily pleaded to avoid the tariff issues that have plagued some of Washington’s closest allies and partners, including most members of Japan, South Korea and Asensi.',
    ),
    p(
      'Rubio met with Malaysian Prime Minister Anwar Ibrahim on Thursday. Anwar Ibrahim warns that world trade is being built to force weaker countries.',
    ),
    {
      type: 'see-also',
      slug: salgadoSlug,
      headline: 'Sebastia Salgado, master of black and white photography, dies at age 81',
    },
    p('Anwar urged ASEAN to strengthen regional trade and reduce its dependence on external forces.'),
  ],
};

const sampleNote =
  '*This is a short sample article that ships with Newsroom, so that a new site has related stories to link to. It is illustrative text, not a news report.*';

export const tomorrowlandStory: ImportArticleInput = {
  id: '0b6a5a52-4a0e-4a8e-9d59-6c3f0f1c7a02',
  slug: tomorrowlandSlug,
  headline: "Fire destroys Tomorrowland's iconic main stage",
  standfirst:
    'The elaborate main stage of the Belgian electronic music festival was destroyed by fire during preparations.',
  dateline: null,
  sectionSlug: 'culture',
  authorSlugs: ['newsroom-culture-desk'],
  tagSlugs: ['music-festivals', 'belgium'],
  status: 'published',
  createdAt: '2025-07-16T10:50:00.000Z',
  publishedAt: '2025-07-16T11:30:00.000Z',
  body: [
    p(sampleNote),
    p(
      'A fire destroyed the main stage of Tomorrowland, the electronic music festival held every summer in Boom, Belgium, while it was being prepared for this year’s edition.',
    ),
    p(
      'The main stage is known for its elaborate decor, built around a new theme each year. Crews had been assembling it for weeks before the festival was due to open.',
    ),
    p(
      'Organisers said that no one was hurt and that they were working with the authorities to understand what happened.',
    ),
    p(
      'Thousands of visitors travel to the festival each year, and organisers said they would update ticket holders.',
    ),
  ],
};

export const salgadoStory: ImportArticleInput = {
  id: '0b6a5a52-4a0e-4a8e-9d59-6c3f0f1c7a03',
  slug: salgadoSlug,
  headline: 'Sebastia Salgado, master of black and white photography, dies at age 81',
  standfirst:
    'The Brazilian photographer’s black-and-white images of workers, migrants and landscapes were shown around the world.',
  dateline: null,
  sectionSlug: 'culture',
  authorSlugs: ['newsroom-culture-desk'],
  tagSlugs: ['photography', 'obituaries', 'brazil'],
  status: 'published',
  createdAt: '2025-05-23T15:10:00.000Z',
  publishedAt: '2025-05-23T15:45:00.000Z',
  body: [
    p(sampleNote),
    p(
      'Sebastião Salgado, the Brazilian photographer known for his black-and-white pictures of people at work, people on the move and remote landscapes, has died aged 81.',
    ),
    p(
      'Trained as an economist, he turned to photography in the 1970s and spent decades on long projects that took him to more than a hundred countries.',
    ),
    p(
      'With his wife, Lélia Wanick Salgado, he also replanted a large area of former farmland in Brazil as forest, a project that became a nature reserve.',
    ),
    p('His books and exhibitions drew large audiences, and his work was shown in museums around the world.'),
  ],
};

/** The sample story first, then the two stories its "See also" lines point to. */
export const sampleStories: readonly ImportArticleInput[] = [sampleStory, tomorrowlandStory, salgadoStory];
