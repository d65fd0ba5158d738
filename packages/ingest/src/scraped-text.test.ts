import { readFileSync } from 'node:fs';
import { type Block, inlineToPlainText } from '@newsroom/domain';
import { describe, expect, it } from 'vitest';
import { IngestError } from './ingest-error.js';
import { parseScrapedText, scrapedTextRules } from './scraped-text.js';
import { expectStoreAccepts } from './testing/store-accepts.js';

const sample = readFileSync(new URL('../fixtures/scraped-article.txt', import.meta.url), 'utf8');
const origin = 'scraped-article.txt';

const p = (text: string): Block => ({ type: 'paragraph', text });

/** The sample story, block by block, word for word, as the copy has it. */
const expectedBody = (tomorrowland: string | null, salgado: string | null): Block[] => [
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
  { type: 'see-also', slug: tomorrowland, headline: "Fire destroys Tomorrowland's iconic main stage" },
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
    slug: salgado,
    headline: 'Sebastia Salgado, master of black and white photography, dies at age 81',
  },
  p('Anwar urged ASEAN to strengthen regional trade and reduce its dependence on external forces.'),
];

const headline =
  'Despite “frustration”, Rubio discusses a “new approach” to the Ukrainian peace talks with Lavrov';

describe('parseScrapedText on the sample story', () => {
  it('reads exactly the expected draft, its see-also blocks unresolved with their headlines', async () => {
    const draft = parseScrapedText(sample, { origin });
    expect(draft).toEqual({
      origin,
      sourceId: null,
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      headline,
      slug: null,
      standfirst: null,
      dateline: null,
      body: expectedBody(null, null),
      heroImage: null,
      sources: [{ name: 'AP', type: 'wire', url: null }],
      tags: [],
      authors: [],
      section: null,
      status: null,
      publishedAt: null,
      canonicalUrl: null,
      language: null,
      warnings: [],
    });
    expectStoreAccepts(draft);
  });

  it('leaves no furniture, reading time, credit or tag line in the body', async () => {
    const draft = parseScrapedText(sample, { origin });
    const text = JSON.stringify(draft.body);
    for (const gone of [
      'Min Read',
      'Share This Article',
      'Leave a comment',
      'TAGGED',
      'Additional sources',
      '•',
    ]) {
      expect(text).not.toContain(gone);
    }
  });

  it('keeps every paragraph word for word once read back as plain text', async () => {
    const draft = parseScrapedText(sample, { origin });
    const paragraphs = sample
      .split(/\n\s*\n/)
      .map((chunk) => chunk.trim())
      .filter((chunk) => /[.”]$/.test(chunk));
    const bodyText = draft.body.flatMap((b) => (b.type === 'paragraph' ? [inlineToPlainText(b.text)] : []));
    expect(bodyText).toEqual(paragraphs);
  });

  it('reads Windows line endings and extra blank lines the same as plain \\n', async () => {
    const plain = parseScrapedText(sample, { origin });
    const windows = parseScrapedText(sample.replace(/\n/g, '\r\n'), { origin });
    const spaced = parseScrapedText(`\n\n  \n${sample.replace(/\n\n/g, '\n\n\n \n\t\n')}\n\n\n`, {
      origin,
    });
    expect(windows).toEqual(plain);
    expect({ ...spaced, contentHash: plain.contentHash }).toEqual(plain);
  });
});

describe('parseScrapedText', () => {
  const parse = (text: string) => parseScrapedText(text, { origin: 'story.txt' });

  it('refuses text with only blank lines: no headline', async () => {
    expect(() => parse('\n   \n\u00A0\n\t\n')).toThrow(IngestError);
    expect(() => parse('')).toThrow('story.txt: no headline');
  });

  it('joins the lines of one paragraph with a space and keeps paragraphs apart', async () => {
    const draft = parse('Headline\n\nFirst line\nsecond line.\n\nNext paragraph.');
    expect(draft.body).toEqual([p('First line second line.'), p('Next paragraph.')]);
  });

  it('escapes inline-Markdown characters in plain copy, so they stay words', async () => {
    const draft = parse('Headline\n\nThe file_name_v2 is *not* [sic] a \\ link.');
    expect(draft.body).toEqual([p('The file\\_name\\_v2 is \\*not\\* \\[sic\\] a \\\\ link.')]);
    expect(inlineToPlainText((draft.body[0] as { text: string }).text)).toBe(
      'The file_name_v2 is *not* [sic] a \\ link.',
    );
  });

  it('keeps a line in quotation marks as a paragraph', async () => {
    const draft = parse('Headline\n\nIntro.\n\n“We will win,” she said.\n\n"Quoted line"\n\nEnd.');
    expect(draft.body).toEqual([p('Intro.'), p('“We will win,” she said.'), p('"Quoted line"'), p('End.')]);
  });

  it('reads "With reporting by Reuters" as a source credit', async () => {
    const draft = parse('Headline\n\nStory.\n\nWith reporting by Reuters');
    expect(draft.sources).toEqual([{ name: 'Reuters', type: 'wire', url: null }]);
    expect(draft.body).toEqual([p('Story.')]);
  });

  it('reads TAGGED followed by tag lines as tags, until furniture', async () => {
    const draft = parse(
      'Headline\n\nStory.\n\nTAGGED:\nUkraine\nRussia, Diplomacy\nShare This Article\nLeave a comment',
    );
    expect(draft.tags).toEqual([{ name: 'Ukraine' }, { name: 'Russia' }, { name: 'Diplomacy' }]);
    expect(draft.body).toEqual([p('Story.')]);
  });

  it('ends the tag list at a line too long to be a tag, which stays story text', async () => {
    const long =
      `This line is far too long to be the name of a tag, ${'so it must be the story going on. '.repeat(3)}`.trim();
    const draft = parse(`Headline\n\nTAGGED: Ports\n\nFerries\n\n${long}`);
    expect(draft.tags).toEqual([{ name: 'Ports' }, { name: 'Ferries' }]);
    expect(draft.body).toEqual([p(long)]);
  });

  it('drops other furniture lines wherever they stand', async () => {
    const draft = parse(
      [
        'Headline',
        'Advertisement',
        'First paragraph.',
        'Sign up for our newsletter',
        'We use cookies to improve your experience.',
        'Accept all cookies',
        'Second paragraph.',
        'Read more',
        'Follow us on Instagram',
      ].join('\n\n'),
    );
    expect(draft.body).toEqual([p('First paragraph.'), p('Second paragraph.')]);
  });

  it('takes the headline from the first line that is not furniture', async () => {
    const draft = parse('Share This Article\n4 min read\nThe real headline\n\nStory.');
    expect(draft.headline).toBe('The real headline');
  });

  it('warns when there is a headline and nothing else', async () => {
    const draft = parse('Only a headline\n\nShare This Article');
    expect(draft.body).toEqual([]);
    expect(draft.warnings).toEqual(['the story has a headline but no body text']);
  });
});

/**
 * One example per rule: each line or paragraph, set in a story, and the effect expected. A rule
 * added to scrapedTextRules without an example here fails the last test.
 */
const ruleExamples: Record<
  string,
  {
    cases: string[];
    check: (story: Awaited<ReturnType<typeof parseScrapedText>>, line: string) => void;
    not?: string[];
  }
> = {
  'reading time': {
    cases: [
      '4 Min Read',
      '3 min read',
      '12 minute read',
      '1 min. read',
      'Reading time: 5 minutes',
      'Tiempo de lectura: 5 min',
      'Temps de lecture : 4 min',
      'Lesezeit: 3 Min.',
      'Escuchar esta nota',
    ],
    not: ['4 minutes later, it was over.', 'La lectura duró 5 minutos.'],
    check: (story) => expect(story.body).toEqual([p('Before.'), p('After.')]),
  },
  'see also': {
    cases: [
      'See also Fire at the port',
      'See also\u00A0 Fire at the port',
      'See alsoFire at the port',
      'See also: Fire at the port',
      'SEE ALSO — Fire at the port',
    ],
    not: ['See also the mayor’s statement.'],
    check: (story) =>
      expect(story.body).toEqual([
        p('Before.'),
        { type: 'see-also', slug: null, headline: 'Fire at the port' },
        p('After.'),
      ]),
  },
  'more on one story': {
    cases: [
      'Read more: Fire at the port',
      'Also read: Fire at the port',
      'LEER MÁS: Fire at the port',
      'Lea también: Fire at the port',
      'Lire aussi : Fire at the port',
      'LIRE AUSSI - Fire at the port',
      'Mehr zum Thema: Fire at the port',
      'Lesen Sie auch: Fire at the port',
      'RELATED STORY: Fire at the port',
      'LEA ADEMÁS: Fire at the port',
      'À lire également : Fire at the port',
      'Lesetipp: Fire at the port',
    ],
    not: ['Read more: the council’s report runs to 400 pages.', 'Lire aussi les conclusions du rapport.'],
    check: (story) =>
      expect(story.body).toEqual([
        p('Before.'),
        { type: 'see-also', slug: null, headline: 'Fire at the port' },
        p('After.'),
      ]),
  },
  'more stories': {
    cases: [
      'Related\nFerry fares to rise\nPort strike ends',
      'Most read\nFerry fares to rise',
      'Te puede interesar\nSube el precio del ferry',
      'Lo más leído',
      'Sur le même sujet\nLe port rouvre',
      'Mehr zum Thema\nFähren fahren wieder\nHafen öffnet',
      'Meistgelesen',
    ],
    not: ['Related charges were dropped.', 'Most read the report before the vote.'],
    check: (story) => expect(story.body).toEqual([p('Before.'), p('After.')]),
  },
  'additional sources': {
    cases: ['Additional sources •AP', 'Additional sources: AP', 'Additional source • AP'],
    not: ['Additional sources said the talks had stalled.'],
    check: (story) => {
      expect(story.sources).toEqual([{ name: 'AP', type: 'wire', url: null }]);
      expect(story.body).toEqual([p('Before.'), p('After.')]);
    },
  },
  'reporting by': {
    cases: [
      'Reporting by Jane Doe in Paris; Editing by John Smith',
      'Additional reporting by Jane Doe',
      '(Reporte de Jane Doe en Madrid; editado por Juan Ruiz)',
      '(Reportage de Jane Doe à Zurich, édité par Blandine Roux)',
    ],
    not: ['Reporting by the council showed a deficit.'],
    check: (story) => {
      expect(story.sources).toEqual([{ name: 'Jane Doe', type: 'person', url: null }]);
      expect(story.body).toEqual([p('Before.'), p('After.')]);
    },
  },
  'with material from': {
    cases: [
      'With reporting from AP and Reuters',
      'Con información de AP y Reuters',
      'Avec AP et Reuters',
      'Mit Material von AP und Reuters',
    ],
    not: ['Con información de la policía, el juez decidió.', 'Avec les syndicats, le ministre a signé.'],
    check: (story) => {
      expect(story.sources).toEqual([
        { name: 'AP', type: 'wire', url: null },
        { name: 'Reuters', type: 'wire', url: null },
      ]);
      expect(story.body).toEqual([p('Before.'), p('After.')]);
    },
  },
  contributed: {
    cases: [
      'Associated Press writers Jane Doe in Miami and Omar Haddad contributed to this report.',
      'Staff writers Jane Doe and Omar Haddad contributed.',
    ],
    not: ['Residents contributed more than $2m to the fund.'],
    check: (story) =>
      expect(story.sources).toEqual([
        { name: 'Jane Doe', type: 'person', url: null },
        { name: 'Omar Haddad', type: 'person', url: null },
      ]),
  },
  sources: {
    cases: [
      'Sources: dpa, The Harbour Gazette',
      'Source | dpa, The Harbour Gazette',
      'Fuentes: dpa, The Harbour Gazette',
    ],
    not: ['Sources said the deal was close.'],
    check: (story) =>
      expect(story.sources).toEqual([
        { name: 'dpa', type: 'wire', url: null },
        { name: 'The Harbour Gazette', type: 'publication', url: null },
      ]),
  },
  'agency line': {
    cases: ['(dpa)', '– dpa', 'dpa/lno', 'DPA'],
    not: ['(Council)', '– the mayor'],
    check: (story) => {
      expect(story.sources).toEqual([{ name: 'dpa', type: 'wire', url: null }]);
      expect(story.body).toEqual([p('Before.'), p('After.')]);
    },
  },
  byline: {
    cases: [
      'By Jane Doe and Omar Haddad',
      'Por Jane Doe y Omar Haddad · 12 de mayo de 2026',
      'Par Jane Doe et Omar Haddad | Publié le 12/05/2026',
      'Von Jane Doe und Omar Haddad',
    ],
    not: [
      'By the time the ferry arrived, the port was closed.',
      'Von der Schließung sind 400 Beschäftigte betroffen.',
      'Par ailleurs, le maire a démissionné.',
    ],
    check: (story) => {
      expect(story.authors).toEqual(['Jane Doe', 'Omar Haddad']);
      expect(story.body).toEqual([p('Before.'), p('After.')]);
    },
  },
  tagged: {
    cases: [
      'TAGGED: Ports, Ferries',
      'Tags: Ports, Ferries',
      'Etiquetas: Ports, Ferries',
      'Mots-clés : Ports, Ferries',
      'Schlagwörter: Ports, Ferries',
    ],
    not: [],
    check: (story) =>
      expect(story.tags).toEqual([{ name: 'Ports' }, { name: 'Ferries' }, { name: 'After.' }]),
  },
  'time stamp': {
    cases: [
      'May 12, 2026 10:42 AM GMT-4 Updated 2 hours ago',
      'Published: 07:15 BST, 12 May 2026 | Updated: 11:02 BST, 12 May 2026',
      'Publicado el 12/05/2026 a las 13:48 · Actualizado a las 14:05',
      'Publié le 12/05/2026 à 09h14 · Mis à jour le 12/05/2026 à 11h02',
      'Aktualisiert am 12.05.2026, 07:48 Uhr',
    ],
    not: [
      'Paragraph 12.',
      'Updated figures show 12 deaths.',
      'Le 12 mai, le port a rouvert ses portes aux ferries.',
    ],
    check: (story) => expect(story.body).toEqual([p('Before.'), p('After.')]),
  },
  'picture credit': {
    cases: [
      'Residents are helped into a lifeboat on Monday night. Photo: Owen Humphreys/PA',
      'Góndolas de un supermercado en Caballito. (Foto: EFE)',
      'Le palais de justice de Lyon. Photo d’archives : Nadia Lakhal',
      'Einsatzkräfte pumpen einen Keller leer. Foto: Henrik Bode/dpa',
      'Striking workers gather outside the mine. REUTERS/Paola Lizana',
      'Un bateau des pompiers dans une rue inondée. © BELGA',
    ],
    not: [
      'A photo shared widely on social media showed a car being swept away.',
      'Photographs taken by residents were shared with the police.',
    ],
    check: (story) => expect(story.body).toEqual([p('Before.'), p('After.')]),
  },
  share: {
    cases: [
      'Share This Article',
      'Share',
      'Share on Facebook',
      'share the story',
      'Compartir en X',
      'Partager sur Facebook',
      'Artikel teilen',
      'Copy link',
      'WhatsApp',
    ],
    not: ['Share prices fell by a third.', 'Partager les coûts reste difficile.'],
    check: (story) => expect(story.body).toEqual([p('Before.'), p('After.')]),
  },
  comments: {
    cases: [
      'Leave a comment',
      'Leave a Reply',
      '12 Comments',
      'View comments',
      'Comentarios (23)',
      'Deja tu comentario',
      'Réagir à cet article',
      'Kommentare (7)',
    ],
    not: [
      'Leave a comment on the consultation by Friday.',
      'Comentarios del ministro provocaron una crisis.',
    ],
    check: (story) => expect(story.body).toEqual([p('Before.'), p('After.')]),
  },
  'read more': {
    cases: [
      'Read more',
      'READ MORE »',
      'Continue reading…',
      'Leer más',
      'Lire la suite',
      'Weiterlesen',
      'Back to top',
    ],
    not: ['Read more books, the minister said.'],
    check: (story) => expect(story.body).toEqual([p('Before.'), p('After.')]),
  },
  'newsletter and subscription': {
    cases: [
      'Sign up for our newsletter',
      'Subscribe to our daily newsletter for the top stories.',
      'Get our free newsletter',
      'Subscribe for £1 a month. Cancel anytime.',
      'Suscríbete a la newsletter de Sevilla y recibe cada mañana las noticias',
      'Descargá la app de Diario del Plata y recibí las alertas',
      'Inscrivez-vous à notre newsletter et recevez l’essentiel chaque matin',
      'Jetzt Newsletter abonnieren und keine Nachricht verpassen!',
    ],
    not: [
      'Signing up took four minutes.',
      'The rebels set out their case in a newsletter sent to members.',
      'Subscribers to the service will pay more from June.',
    ],
    check: (story) => expect(story.body).toEqual([p('Before.'), p('After.')]),
  },
  cookies: {
    cases: [
      'We use cookies to give you the best experience. By continuing you agree.',
      'Accept all cookies',
      'Manage cookies',
      'Cookie settings',
      'Utilizamos cookies propias y de terceros. Aceptar todas | Configurar cookies',
      'Nous utilisons des cookies pour mesurer l’audience.',
      'Wir verwenden Cookies, um Inhalte zu personalisieren.',
      'Alle akzeptieren',
      'Tout accepter',
      'Your privacy, your choice',
      'We and our 214 partners store and/or access information on a device, such as unique identifiers in cookies.',
      'Nous utilisons des témoins de navigation (cookies)',
      'Details zum Tracking finden Sie in unserer Datenschutzerklärung. Ihre Einwilligung können Sie jederzeit widerrufen.',
      'Para seguir leyendo, acepta las cookies o suscríbete',
    ],
    not: [
      'We used cookies as bait, the fishermen said.',
      'The regulator said sites that use cookies without consent will be fined.',
    ],
    check: (story) => expect(story.body).toEqual([p('Before.'), p('After.')]),
  },
  advertisement: {
    cases: [
      'Advertisement',
      'ADVERTISEMENT',
      'Sponsored content',
      'Scroll to continue with content',
      'Publicidad',
      'PUBLICITÉ',
      'Anzeige',
      'Werbung',
    ],
    not: ['Advertisement spending rose.', 'Die Anzeige gegen den Betreiber wurde eingestellt.'],
    check: (story) => expect(story.body).toEqual([p('Before.'), p('After.')]),
  },
  navigation: {
    cases: [
      'Home › World › Europe',
      'Inicio > España > Política',
      'Accueil > Politique',
      'Startseite › Hamburg',
      'Skip to main content',
      'Zum Inhalt springen',
      'Menú',
      'ACTU | BELGIQUE | MONDE',
    ],
    not: ['Home is where the heart is, the singer said.', 'Menu prices rose by 12 % in a year.'],
    check: (story) => expect(story.body).toEqual([p('Before.'), p('After.')]),
  },
  'market quotes': {
    cases: [
      'Aktien in diesem Artikel',
      'Stocks in this article',
      'Vellmar AG -14,2 %',
      'MDax -0,6 %',
      'Acme Corp +2.5%',
    ],
    not: [
      'Inflation rose 2.5% in May.',
      'Die Aktie fiel um 14 Prozent, nachdem der Konzern die Prognose senkte.',
    ],
    check: (story) => expect(story.body).toEqual([p('Before.'), p('After.')]),
  },
  'follow us': {
    cases: [
      'Follow us on X and Instagram',
      'Follow us on Facebook',
      'Síguenos en Instagram',
      'Suivez-nous sur Facebook',
      'Folgen Sie uns auf Instagram',
    ],
    not: ['Follow the money, she said.'],
    check: (story) => expect(story.body).toEqual([p('Before.'), p('After.')]),
  },
  'pull quote': {
    cases: [
      '> The sea decides when we sail.\n> — Captain Ruiz',
      '❝The sea decides when we sail.❞ — Captain Ruiz',
    ],
    not: ['“The sea decides when we sail,” said Captain Ruiz.'],
    check: (story) =>
      expect(story.body).toEqual([
        p('Before.'),
        { type: 'quote', text: 'The sea decides when we sail.', attribution: 'Captain Ruiz' },
        p('After.'),
      ]),
  },
  subheading: {
    cases: ['Diplomatic promotion and tariff threats', 'What happens next'],
    not: ['What happens next?', 'the lower-case start', 'A line that ends with a colon:', '2025 in review'],
    check: (story, line) =>
      expect(story.body).toEqual([p('Before.'), { type: 'heading', level: 2, text: line }, p('After.')]),
  },
};

describe('scrapedTextRules, one rule at a time', () => {
  const story = (line: string) =>
    parseScrapedText(`Headline\n\nBefore.\n\n${line}\n\nAfter.`, { origin: 'rule.txt' });

  for (const rule of scrapedTextRules) {
    const example = ruleExamples[rule.name];
    if (!example) continue;
    describe(rule.name, () => {
      it.each(example.cases)(`applies to %j (${rule.effect})`, async (line) => {
        example.check(await story(line), line);
      });
      if (example.not && example.not.length > 0) {
        it.each(example.not)('leaves %j as story text', async (line) => {
          const draft = await story(line);
          expect(draft.body).toEqual([p('Before.'), p(line), p('After.')]);
        });
      }
    });
  }

  it('has an example for every rule in the table', () => {
    expect(scrapedTextRules.map((rule) => rule.name).sort()).toEqual(Object.keys(ruleExamples).sort());
  });

  it('names agencies as they are known, and never takes a reporter for one', () => {
    const draft = parseScrapedText('Headline\n\nPor Ana y Luis Gómez\n\nBefore.\n\n(ATS)\n\nEUROPA PRESS\n', {
      origin: 'x',
    });
    expect(draft.authors).toEqual(['Ana', 'Luis Gómez']);
    expect(draft.sources).toEqual([
      { name: 'ATS', type: 'wire', url: null },
      { name: 'Europa Press', type: 'wire', url: null },
    ]);
  });

  it('never reads the last paragraph as a subheading', async () => {
    const draft = parseScrapedText('Headline\n\nBefore.\n\nWhat happens next', { origin: 'x' });
    expect(draft.body).toEqual([p('Before.'), p('What happens next')]);
  });

  it('never reads the first paragraph as a subheading', async () => {
    const draft = parseScrapedText('Headline\n\nA short opening line\n\nAfter.', { origin: 'x' });
    expect(draft.body).toEqual([p('A short opening line'), p('After.')]);
  });
});
