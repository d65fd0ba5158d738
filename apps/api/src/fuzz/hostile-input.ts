import fc from 'fast-check';

/**
 * fast-check generators of what hostile or broken clients send as a procedure's input: wrong
 * types, huge and odd strings, deep nesting, prototype-pollution keys, numbers JSON cannot
 * carry, and objects that use the procedures' own field names with such values, so the
 * generated input reaches each field's validation instead of stopping at an unknown key.
 */

/**
 * Generated inputs per property: FUZZ_RUNS (`npm run test:stress` sets 2,000), else 25. A value
 * that is not a positive whole number stops the run with a line saying so.
 */
export function fuzzRuns(): number {
  const raw = process.env.FUZZ_RUNS ?? '25';
  const runs = Number(raw);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`FUZZ_RUNS must be a positive whole number, not "${raw}"`);
  return runs;
}

/** Field names the procedures take: generated objects use them, so each field's check is reached. */
const fieldNames = [
  'slug',
  'id',
  'ids',
  'limit',
  'cursor',
  'q',
  'headline',
  'standfirst',
  'body',
  'version',
  'status',
  'name',
  'type',
  'description',
  'articleId',
  'authorName',
  'text',
  'website',
  'kind',
  'role',
  'tokenId',
  'at',
  'into',
  'from',
  'tags',
  'authors',
  'section',
  'heroImage',
  'correction',
  'revision',
  'decision',
] as const;

const pollutionKeys = ['__proto__', 'constructor', 'prototype'] as const;

/** Numbers at and beyond the edges; NaN and ±Infinity become null in JSON, as clients send them. */
const edgeNumber = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    -1,
    1.5,
    2 ** 31,
    2 ** 53 + 2,
    -(2 ** 53),
    1e308,
    -1e308,
    Number.NaN,
    Infinity,
    -Infinity,
  ),
  fc.integer(),
  fc.double(),
);

/** Strings a form or a script may send: empty, blank, control and bidi characters, lone surrogates, long runs. */
const edgeString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u202e\u202d',
    '\ud800',
    '\udfff',
    '👩🏽‍💻',
    'e\u0301',
    '../../etc/passwd',
    "'; drop table articles; --",
    '"unbalanced',
    'NEAR(a b)',
    '*',
    '<script>alert(1)</script>',
    'W10=',
    'eyJhdCI6IjIwMjYtMDEtMDEiLCJpZCI6IngifQ',
  ),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.integer({ min: 1_000, max: 20_000 }).map((length) => 'x'.repeat(length)),
);

/** Arrays nested this deep: a recursive parser or validator must not fall over. */
const deepNesting = fc.integer({ min: 50, max: 3_000 }).map((depth) => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
});

/** An object with a prototype-pollution key holding a marker a test can look for afterwards. */
const pollution = fc
  .constantFrom(...pollutionKeys)
  .map((key) => JSON.parse(`{"${key}": {"polluted": "yes", "prototype": {"polluted": "yes"}}}`));

const leaf = fc.oneof(edgeNumber, edgeString, fc.boolean(), fc.constant(null));

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  leaf,
  deepNesting,
  pollution,
  fc.anything({
    maxDepth: 3,
    key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...pollutionKeys)),
  }),
  fc.array(leaf, { maxLength: 5_000 }),
);

/** An object shaped like procedure input: known field names (and pollution keys) with hostile values. */
export const hostileInput: fc.Arbitrary<unknown> = fc.oneof(
  hostileValue,
  fc.dictionary(fc.constantFrom(...fieldNames, ...pollutionKeys), hostileValue, { maxKeys: 6 }),
);

/** Bodies that are not JSON at all, or are JSON cut short. */
export const brokenJsonText = fc.oneof(
  fc.constantFrom('{', '{"slug":', '[1,2', 'undefined', 'NaN', '{"a":1}}', '\u0000', ''),
  fc.string({ maxLength: 100 }),
);
