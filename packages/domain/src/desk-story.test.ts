import { describe, expect, it } from 'vitest';
import {
  type DeskStatus,
  DeskStoryListQuerySchema,
  DeskStoryQuerySchema,
  DeskStorySchema,
  deskStatuses,
  deskStatusFilters,
  deskStatusOf,
} from './desk-story.js';
import { limits } from './limits.js';
import { encodeCursor } from './pagination.js';
import { encodeSearchCursor } from './search.js';

const id = '7d2c0b6e-8d4f-4c1a-9a57-0d7b3f2a1e11';

function messagesOf(result: { success: boolean; error?: { issues: { message: string }[] } }): string[] {
  return result.error?.issues.map((i) => i.message) ?? [];
}

describe('deskStatusOf', () => {
  it('calls a draft with a review request "in-review" and every other story by its status', () => {
    expect(deskStatusOf({ status: 'draft', reviewRequestedAt: null })).toBe('draft');
    expect(deskStatusOf({ status: 'draft', reviewRequestedAt: '2025-03-01T09:00:00.000Z' })).toBe(
      'in-review',
    );
    for (const status of ['scheduled', 'published', 'archived'] as const) {
      expect(deskStatusOf({ status, reviewRequestedAt: null })).toBe(status);
    }
  });
});

describe('deskStatusFilters', () => {
  it('reads every stored status when none is chosen, drafts with or without a review request', () => {
    expect(deskStatusFilters([])).toEqual([
      { status: 'draft' },
      { status: 'scheduled' },
      { status: 'published' },
      { status: 'archived' },
    ]);
    expect(deskStatusFilters(deskStatuses)).toEqual(deskStatusFilters([]));
  });

  it('tells plain drafts from drafts waiting for review', () => {
    expect(deskStatusFilters(['draft'])).toEqual([{ status: 'draft', reviewRequested: false }]);
    expect(deskStatusFilters(['in-review'])).toEqual([{ status: 'draft', reviewRequested: true }]);
    expect(deskStatusFilters(['in-review', 'draft'])).toEqual([{ status: 'draft' }]);
  });

  it('keeps one filter per stored status, in a fixed order whatever order they were asked in', () => {
    expect(deskStatusFilters(['archived', 'in-review', 'published'])).toEqual([
      { status: 'draft', reviewRequested: true },
      { status: 'published' },
      { status: 'archived' },
    ]);
  });

  it('matches deskStatusOf: a story passes the filters of exactly the statuses that name it', () => {
    const stories = [
      { status: 'draft', reviewRequestedAt: null },
      { status: 'draft', reviewRequestedAt: '2025-03-01T09:00:00.000Z' },
      { status: 'scheduled', reviewRequestedAt: null },
      { status: 'published', reviewRequestedAt: null },
      { status: 'archived', reviewRequestedAt: null },
    ] as const;
    // Every subset of the five statuses.
    for (let mask = 0; mask < 2 ** deskStatuses.length; mask++) {
      const chosen = deskStatuses.filter((_, i) => mask & (1 << i));
      const filters = deskStatusFilters(chosen);
      for (const story of stories) {
        const passes = filters.some(
          (f) =>
            f.status === story.status &&
            (f.reviewRequested === undefined || f.reviewRequested === (story.reviewRequestedAt !== null)),
        );
        const expected = chosen.length === 0 || chosen.includes(deskStatusOf(story));
        expect(passes, `${chosen.join(',')} / ${deskStatusOf(story)}`).toBe(expected);
      }
    }
  });
});

describe('DeskStoryQuerySchema', () => {
  it('fills the defaults: every status, the usual page size', () => {
    expect(DeskStoryQuerySchema.parse({})).toEqual({ statuses: [], limit: limits.pageDefault });
  });

  it('takes every filter at once', () => {
    const cursor = encodeCursor({ at: '2025-03-01T09:00:00.000Z', id });
    const query = {
      statuses: ['draft', 'in-review'] as DeskStatus[],
      section: 'world',
      author: 'ana-author',
      mine: true,
      q: 'harbour -"black and white"',
      cursor,
      limit: 50,
    };
    expect(DeskStoryQuerySchema.parse(query)).toEqual(query);
  });

  it.each([
    ['an unknown status', { statuses: ['pending'] }, 'expected one of "draft"|"in-review"'],
    ['a repeated status', { statuses: ['draft', 'draft'] }, 'statuses must not repeat'],
    [
      'more than five statuses',
      { statuses: [...deskStatuses, 'draft'] },
      `at most ${deskStatuses.length} statuses`,
    ],
    ['search text with nothing to look for', { q: '-only "' }, 'search text needs at least one word'],
    ['empty search text', { q: '   ' }, 'search text must not be empty'],
    [
      'search text over the limit',
      { q: 'x'.repeat(limits.searchQuery + 1) },
      `search text must be at most ${limits.searchQuery} characters`,
    ],
    ['a section that is not a slug', { section: 'World News' }, 'slug must be lowercase letters'],
    ['a page over the maximum', { limit: limits.pageMax + 1 }, `limit must be at most ${limits.pageMax}`],
    [
      'a search cursor',
      { cursor: encodeSearchCursor({ rank: -1, id }) },
      'cursor is not valid; use nextCursor from a previous page',
    ],
    ['an unknown key', { status: 'draft' }, 'Unrecognized key'],
    ['mine that is not a boolean', { mine: 'yes' }, 'expected boolean'],
  ])('refuses %s with a clear message', (_what, input, message) => {
    const result = DeskStoryQuerySchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(messagesOf(result).join('; ')).toContain(message);
  });
});

describe('DeskStoryListQuerySchema', () => {
  it('takes a byline in place of "mine", which only a caller can resolve', () => {
    expect(DeskStoryListQuerySchema.parse({ bylineOf: 'ana-author' })).toEqual({
      statuses: [],
      limit: limits.pageDefault,
      bylineOf: 'ana-author',
    });
    expect(DeskStoryListQuerySchema.safeParse({ mine: true }).success).toBe(false);
  });
});

describe('DeskStorySchema', () => {
  const row = {
    id,
    slug: 'harbour-reopens',
    headline: 'Harbour reopens',
    status: 'in-review',
    section: { slug: 'world', name: 'World' },
    authors: [{ slug: 'ana-author', name: 'Ana Author' }],
    version: 3,
    updatedAt: '2025-03-01T09:00:00.000Z',
    reviewRequestedAt: '2025-03-01T10:00:00.000Z',
    scheduledFor: null,
    publishedAt: null,
    lastChange: { at: '2025-03-01T10:00:00.000Z', by: 'Ana Author' },
  };

  it('holds a row as the desk lists it, with or without a last change', () => {
    expect(DeskStorySchema.parse(row)).toEqual(row);
    expect(DeskStorySchema.parse({ ...row, lastChange: null }).lastChange).toBeNull();
  });

  it('has no body: a list row stays small', () => {
    expect(Object.keys(DeskStorySchema.shape)).not.toContain('body');
  });
});
