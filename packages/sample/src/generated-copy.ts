/*
 * The phrases generated articles are made of. Places, people, teams and companies are invented
 * so that no generated story can be mistaken for a report about real events. `{slot}`s are
 * filled per article, so one story keeps talking about the same place and people.
 */

export interface SectionCopy {
  headlines: readonly string[];
  sentences: readonly string[];
  listItems: readonly string[];
  imageSubjects: readonly string[];
}

export const places = [
  'Port Sirena',
  'Velmar',
  'Kestrel Bay',
  'Alderbrook',
  'Lindenhall',
  'Oskarsvik',
  'Marrowick',
  'San Telmo Verde',
] as const;

export const people = [
  ['Ines Albescu', 'a researcher at the Velmar Institute'],
  ['Tove Arnesen', 'the regional minister'],
  ['Rafael Ostrom', 'the head coach'],
  ['Maren Kolb', 'a spokesperson for the council'],
  ['Yusuf Demir', 'the union’s general secretary'],
  ['Claire Beaumont', 'the festival director'],
  ['Anders Holm', 'the chief executive'],
  ['Nadia Ferreira', 'an economist at the Lindenhall Trust'],
  ['Oliver Stanek', 'the opposition leader'],
  ['Hana Sato', 'the project’s lead engineer'],
] as const;

export const companies = [
  'Northgate Energy',
  'Bluewater Logistics',
  'Harrow & Vale',
  'Corvid Systems',
  'Tidewell Foods',
];
export const organisations = [
  'the city council',
  'the regional statistics office',
  'the Velmar Institute',
  'the ports authority',
  'the national audit office',
];
export const teamSuffixes = ['Rovers', 'Athletic', 'United', 'Harbour FC'];

export const genericSentences: readonly string[] = [
  'Officials said more details would be published in the coming weeks.',
  'The announcement follows months of consultation with residents and businesses in {place}.',
  'Critics argue that the plan does not go far enough, while supporters call it **a necessary first step**.',
  'According to figures published by {org}, the number has risen by {percent} per cent since last year.',
  'The full report is available on [the organisation’s website](https://example.org/reports/{number}).',
  'Local groups in {place} welcomed the decision but warned that *the details will matter*.',
  'A spokesperson declined to comment on the timetable.',
  'It is the {ordinal} time this year that the issue has come before {org}.',
  'Background material is collected at [example.org](https://example.org/{section}).',
  'Further talks are expected before the end of the month.',
  '{person}, {role}, said the outcome was “**encouraging**, but not yet enough”.',
  'The figures have been revised twice since the spring, *according to officials*.',
];

export const quoteLines: readonly string[] = [
  'We have listened carefully, and this is the result of that work.',
  'Nobody expects this to be solved overnight, but the direction is right.',
  'The numbers tell a clear story, and we intend to act on them.',
  'People here want to see change they can measure, not more promises.',
  'This is a long process, and today is one step in it.',
  'We were surprised by how quickly things moved once everyone was in the room.',
];

export const sectionCopy: Readonly<Record<string, SectionCopy>> = {
  world: {
    headlines: [
      'Foreign ministers meet in {place} to discuss {issue}',
      '{place} and {place2} sign agreement on {issue}',
      'Aid agencies warn of shortages after floods in {place}',
      '{place} reopens border crossing as talks resume',
      'Envoys report progress on {issue} after two days of talks in {place}',
    ],
    sentences: [
      'Delegations from {place} and {place2} met behind closed doors for most of the day.',
      'The talks focused on {issue}, which has strained relations for years.',
      'Aid groups said roads into the worst-hit districts remained **difficult to reach**.',
      'Diplomats described the mood as *cautiously constructive*.',
      'A joint statement is expected once both governments have reviewed the draft.',
    ],
    listItems: [
      'A joint monitoring group',
      'Quarterly meetings of officials',
      'An emergency hotline',
      'Shared data on river levels',
    ],
    imageSubjects: ['Delegates arriving for talks', 'A border crossing', 'A relief convoy'],
  },
  politics: {
    headlines: [
      '{place} council approves budget after late-night vote',
      'Opposition calls for inquiry into housing contracts in {place}',
      'Turnout rises in {place} local elections',
      'Parliament debates plan to lower the voting age',
      '{place} mayor sets out priorities for a second term',
    ],
    sentences: [
      'The measure passed by {number} votes to {number2} after a debate that ran past midnight.',
      'Opposition members said they had not been given enough time to read the final text.',
      'The mayor promised **more frequent buses** and a review of parking charges.',
      'Turnout reached {percent} per cent, the highest in a decade.',
      'The committee will publish its findings before the summer recess.',
    ],
    listItems: [
      'More frequent buses',
      'A review of parking charges',
      'New cycle lanes',
      'Longer library hours',
    ],
    imageSubjects: ['Councillors during the vote', 'A polling station', 'The town hall'],
  },
  business: {
    headlines: [
      '{company} to cut prices as energy costs ease',
      '{place} port handles record volume of containers',
      'Unemployment in {place} falls to its lowest level in {number} years',
      '{company} opens new plant in {place}, creating {jobs} jobs',
      'Shares in {company} rise after stronger-than-expected results',
    ],
    sentences: [
      '{company} said revenue rose {percent} per cent in the last quarter.',
      'Analysts had expected a smaller increase, citing weaker demand in export markets.',
      'The new plant will employ {jobs} people when it reaches full capacity.',
      'Port officials credited **longer opening hours** and a new rail link.',
      'Economists cautioned that *one good quarter does not make a trend*.',
    ],
    listItems: [
      'Revenue up on the year',
      'Costs held steady',
      'Hiring planned for the autumn',
      'Dividend unchanged',
    ],
    imageSubjects: ['Containers stacked at the port', 'A factory floor', 'Workers on a production line'],
  },
  science: {
    headlines: [
      'Researchers in {place} map the seabed off the northern coast',
      'Study finds urban trees cut summer temperatures by several degrees',
      'New telescope at the {place} observatory records its first images',
      '{place} heatwave breaks a {number}-year temperature record',
      'Coastal survey finds recovery in seabird numbers',
    ],
    sentences: [
      'The team collected samples at {number} sites over two seasons.',
      'The results were published in a peer-reviewed journal this week.',
      '{person}, {role}, said the findings were **consistent with earlier models**.',
      'The researchers cautioned that more data is needed before drawing firm conclusions.',
      'Temperatures peaked at {number} degrees on the hottest afternoon.',
    ],
    listItems: [
      'Two field seasons',
      'Samples from every district',
      'Open data for other teams',
      'A follow-up study next year',
    ],
    imageSubjects: ['A research vessel', 'The observatory dome at dusk', 'Scientists taking samples'],
  },
  technology: {
    headlines: [
      '{place} hospitals restore systems after cyberattack',
      '{company} releases open-source tools for energy metering',
      'City of {place} trials driverless shuttle buses',
      'Regulators publish draft rules on automated decision-making',
    ],
    sentences: [
      'Engineers worked through the weekend to bring the systems back online.',
      'The code is published under an open licence, *free for anyone to reuse*.',
      'The trial will run for {number} months on two routes.',
      'Regulators said the rules would apply to **public and private bodies alike**.',
      'Patients were asked to bring paper copies of their records in the meantime.',
    ],
    listItems: [
      'Back-ups checked daily',
      'Staff trained to spot phishing',
      'Systems patched within a week',
      'An incident report within 72 hours',
    ],
    imageSubjects: ['A server room', 'A shuttle bus on its test route', 'Engineers at work'],
  },
  culture: {
    headlines: [
      '{place} film festival opens with a first-time director’s debut',
      'Library in {place} reopens after a {number}-month renovation',
      'Orchestra of {place} announces its new season',
      'Photography exhibition brings portraits of dock workers to {place}',
      'Poets and novelists gather for the {place} book fair',
    ],
    sentences: [
      'The festival runs for {number} days and shows films from around the world.',
      'Visitors queued before the doors opened on the first morning.',
      '{person}, {role}, said the programme was **the most ambitious yet**.',
      'The renovated building has a new reading room and a café on the roof.',
      'Tickets for the opening night sold out within *hours*.',
    ],
    listItems: [
      'Opening night gala',
      'Family matinees on Sundays',
      'Free entry for students',
      'Talks with the artists',
    ],
    imageSubjects: ['The festival’s main hall', 'Readers in the new library', 'A gallery during the opening'],
  },
  sport: {
    headlines: [
      '{team} beat {team2} {score} to reach the final',
      '{place} marathon draws a record field',
      'Cyclists brave the rain on the mountain stage above {place}',
      '{team} appoint a new head coach',
      'Late goal keeps {team} in the title race',
    ],
    sentences: [
      '{team} took the lead after {number} minutes and never looked back.',
      'More than {jobs} runners crossed the finish line in {place}.',
      'The coach praised the team’s **discipline** in the second half.',
      'Rain made the descent treacherous, and several riders fell.',
      'The final will be played in {place2} next month.',
    ],
    listItems: [
      'First leg: home win',
      'Second leg: away draw',
      'Final: next month',
      'Tickets on general sale',
    ],
    imageSubjects: ['Players celebrating a goal', 'Runners at the start line', 'Riders on a mountain road'],
  },
};

export const worldIssues = [
  'water sharing',
  'border trade',
  'fishing rights',
  'grain exports',
  'port access',
];
export const headings = [
  'What happens next',
  'Background',
  'The numbers',
  'Reaction',
  'What people are saying',
];
export const ordinals = ['second', 'third', 'fourth', 'fifth'];
