import type { Author, Section, Tag } from '@newsroom/domain';

/** The sections a fresh site starts with, in navigation order. */
export const sampleSections: readonly Section[] = [
  { slug: 'world', name: 'World', description: 'International news and diplomacy.', order: 0 },
  { slug: 'politics', name: 'Politics', description: 'Government, parliaments and elections.', order: 1 },
  { slug: 'business', name: 'Business', description: 'Companies, markets and the economy.', order: 2 },
  { slug: 'science', name: 'Science', description: 'Research, climate and health.', order: 3 },
  {
    slug: 'technology',
    name: 'Technology',
    description: 'Software, networks and the people who build them.',
    order: 4,
  },
  { slug: 'culture', name: 'Culture', description: 'Music, film, books and the arts.', order: 5 },
  { slug: 'sport', name: 'Sport', description: 'Results, people and the business of sport.', order: 6 },
];

const desk = (slug: string, name: string): Author => ({
  slug,
  name,
  bio: 'A sample byline that ships with Newsroom.',
  avatar: null,
});

const reporter = (slug: string, name: string): Author => ({
  slug,
  name,
  bio: `${name} is an invented reporter whose byline appears on Newsroom’s generated sample articles.`,
  avatar: null,
});

/** Desks for the sample stories, then invented reporters for the generated ones. */
export const sampleAuthors: readonly Author[] = [
  desk('newsroom-wire-desk', 'Newsroom Wire Desk'),
  desk('newsroom-culture-desk', 'Newsroom Culture Desk'),
  reporter('amara-okafor', 'Amara Okafor'),
  reporter('lukas-brandt', 'Lukas Brandt'),
  reporter('sofia-marquez', 'Sofía Márquez'),
  reporter('kenji-watanabe', 'Kenji Watanabe'),
  reporter('priya-raman', 'Priya Raman'),
  reporter('tomasz-nowak', 'Tomasz Nowak'),
  reporter('ingrid-solberg', 'Ingrid Solberg'),
  reporter('daniel-oconnor', 'Daniel O’Connor'),
  reporter('fatima-haddad', 'Fatima Haddad'),
  reporter('grace-mensah', 'Grace Mensah'),
];

const tag = (slug: string, name: string, type: Tag['type'] = 'topic'): Tag => ({
  slug,
  name,
  description: null,
  type,
});

/** Tags of the three sample stories. */
export const sampleStoryTags: readonly Tag[] = [
  tag('ukraine', 'Ukraine', 'place'),
  tag('russia', 'Russia', 'place'),
  tag('asean', 'ASEAN', 'organization'),
  tag('marco-rubio', 'Marco Rubio', 'person'),
  tag('sergei-lavrov', 'Sergei Lavrov', 'person'),
  tag('malaysia', 'Malaysia', 'place'),
  tag('music-festivals', 'Music festivals'),
  tag('belgium', 'Belgium', 'place'),
  tag('photography', 'Photography'),
  tag('obituaries', 'Obituaries'),
  tag('brazil', 'Brazil', 'place'),
];

/** Topic tags of generated articles, by section; places are invented so no story reads as real news. */
export const generatedTopicsBySection: Readonly<Record<string, readonly Tag[]>> = {
  world: [
    tag('diplomacy', 'Diplomacy'),
    tag('humanitarian-aid', 'Humanitarian aid'),
    tag('migration', 'Migration'),
  ],
  politics: [
    tag('elections', 'Elections'),
    tag('parliament', 'Parliament'),
    tag('public-budget', 'Public budget'),
  ],
  business: [
    tag('markets', 'Markets'),
    tag('energy', 'Energy'),
    tag('employment', 'Employment'),
    tag('trade', 'Trade'),
  ],
  science: [tag('climate', 'Climate'), tag('space', 'Space'), tag('public-health', 'Public health')],
  technology: [
    tag('artificial-intelligence', 'Artificial intelligence'),
    tag('cybersecurity', 'Cybersecurity'),
  ],
  culture: [
    tag('film', 'Film'),
    tag('books', 'Books'),
    tag('music', 'Music'),
    tag('photography', 'Photography'),
  ],
  sport: [tag('football', 'Football'), tag('athletics', 'Athletics'), tag('cycling', 'Cycling')],
};

export const generatedPlaces: readonly Tag[] = [
  tag('port-sirena', 'Port Sirena', 'place'),
  tag('velmar', 'Velmar', 'place'),
  tag('kestrel-bay', 'Kestrel Bay', 'place'),
  tag('alderbrook', 'Alderbrook', 'place'),
  tag('lindenhall', 'Lindenhall', 'place'),
  tag('oskarsvik', 'Oskarsvik', 'place'),
  tag('marrowick', 'Marrowick', 'place'),
  tag('san-telmo-verde', 'San Telmo Verde', 'place'),
];

/** Every tag the seed creates, each once. */
export const sampleTags: readonly Tag[] = [
  ...new Map(
    [...sampleStoryTags, ...Object.values(generatedTopicsBySection).flat(), ...generatedPlaces].map((t) => [
      t.slug,
      t,
    ]),
  ).values(),
];
