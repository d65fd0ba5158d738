import type { Article, Principal, Role } from '@newsroom/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContextInner } from '../context.js';
import { createCaller } from '../root.js';
import { codeOf, type NewsroomFixture, newsroomFixture } from '../testing/newsroom-fixture.js';

let fx: NewsroomFixture;
beforeEach(async () => {
  fx = await newsroomFixture();
});
afterEach(() => fx.close());

/** A minute after a fixed instant, so the list's order never depends on the clock. */
const at = (minute: number) => new Date(Date.UTC(2025, 2, 1, 9, minute));

/** A story bylined to `authors`, saved at `minute`, then moved to `status`. */
async function story(
  slug: string,
  minute: number,
  authors: string[],
  status: 'draft' | 'in-review' | 'published' | 'archived' = 'draft',
  headline = `Story ${slug}`,
): Promise<Article> {
  const draft = await fx.store.articles.create(
    { slug, headline, body: [{ type: 'paragraph', text: `Words of ${slug}.` }], authorSlugs: authors },
    { now: at(minute), actor: { tokenId: null, name: 'Desk editor' } },
  );
  if (status === 'in-review') return fx.store.articles.requestReview(draft.id, 1, { now: at(minute + 30) });
  if (status === 'draft') return draft;
  return fx.store.articles.setStatus(draft.id, 1, status, { now: at(minute) });
}

/** A caller with this role and this author of their own (or none), as a token would be. */
async function callerWith(role: Role, authorSlug: string | null) {
  const { principal } = await fx.store.tokens.create({
    name: `${role} with ${authorSlug}`,
    role,
    authorSlug,
  });
  return createCaller(createContextInner({ store: fx.store, principal: principal satisfies Principal }));
}

const slugsOf = (page: { items: { slug: string }[] }) => page.items.map((row) => row.slug);

describe('the desk’s story list', () => {
  beforeEach(async () => {
    await story('ana-draft', 0, ['ana-author']);
    await story('ana-review', 1, ['ana-author'], 'in-review');
    await story('cy-published', 2, ['cy-contributor'], 'published');
    await story('shared-archived', 3, ['ana-author', 'cy-contributor'], 'archived');
    await story('other-draft', 4, ['other-writer'], 'draft', 'Harbour cranes return');
  });

  it('shows editors and admins every story in every status, newest-updated first', async () => {
    for (const role of ['editor', 'admin'] as const) {
      const page = await fx.as(role).article.desk({});
      expect(page.items.map((row) => [row.slug, row.status])).toEqual([
        ['other-draft', 'draft'],
        ['shared-archived', 'archived'],
        ['cy-published', 'published'],
        ['ana-review', 'in-review'],
        ['ana-draft', 'draft'],
      ]);
      expect(page.nextCursor).toBeNull();
    }
    const [first] = (await fx.as('editor').article.desk({ limit: 1 })).items;
    expect(first).toMatchObject({
      headline: 'Harbour cranes return',
      authors: [{ slug: 'other-writer', name: 'Other Writer' }],
      lastChange: { at: at(4).toISOString(), by: 'Desk editor' },
    });
  });

  it('shows authors and contributors only the stories with their own byline, in every status', async () => {
    expect(slugsOf(await fx.as('author').article.desk({}))).toEqual([
      'shared-archived',
      'ana-review',
      'ana-draft',
    ]);
    expect(slugsOf(await fx.as('contributor').article.desk({}))).toEqual(['shared-archived', 'cy-published']);
    // Asking for another writer finds only the stories they share.
    expect(slugsOf(await fx.as('contributor').article.desk({ author: 'ana-author' }))).toEqual([
      'shared-archived',
    ]);
    expect(slugsOf(await fx.as('author').article.desk({ author: 'other-writer' }))).toEqual([]);
  });

  it('gives a writer without an author of their own an empty list, not an error', async () => {
    const unlinked = await callerWith('contributor', null);
    expect(await unlinked.article.desk({})).toEqual({ items: [], nextCursor: null });
    expect(await fx.as('editor').article.desk({ mine: true })).toEqual({ items: [], nextCursor: null });
  });

  it('narrows to the caller’s own byline with mine, for editors too', async () => {
    const editorWhoWrites = await callerWith('editor', 'ana-author');
    expect(slugsOf(await editorWhoWrites.article.desk({ mine: true }))).toEqual([
      'shared-archived',
      'ana-review',
      'ana-draft',
    ]);
    expect(slugsOf(await editorWhoWrites.article.desk({ mine: false }))).toHaveLength(5);
    expect(slugsOf(await fx.as('contributor').article.desk({ mine: true }))).toEqual(
      slugsOf(await fx.as('contributor').article.desk({})),
    );
  });

  it('filters by desk status, telling review requests from plain drafts', async () => {
    const editor = fx.as('editor');
    expect(slugsOf(await editor.article.desk({ statuses: ['in-review'] }))).toEqual(['ana-review']);
    expect(slugsOf(await editor.article.desk({ statuses: ['draft'] }))).toEqual(['other-draft', 'ana-draft']);
    expect(slugsOf(await editor.article.desk({ statuses: ['published', 'archived'] }))).toEqual([
      'shared-archived',
      'cy-published',
    ]);
    expect(slugsOf(await fx.as('author').article.desk({ statuses: ['draft'] }))).toEqual(['ana-draft']);
  });

  it('searches words in drafts, within what the caller may see', async () => {
    expect(slugsOf(await fx.as('editor').article.desk({ q: 'harbour cranes' }))).toEqual(['other-draft']);
    expect(slugsOf(await fx.as('author').article.desk({ q: 'harbour' }))).toEqual([]);
    expect(slugsOf(await fx.as('editor').article.desk({ q: 'words -harbour', statuses: ['draft'] }))).toEqual(
      ['ana-draft'],
    );
  });

  it('pages with the cursor it gives, and refuses input it cannot serve with BAD_REQUEST', async () => {
    const editor = fx.as('editor');
    const first = await editor.article.desk({ limit: 2 });
    const second = await editor.article.desk({ limit: 2, cursor: first.nextCursor ?? '' });
    const third = await editor.article.desk({ limit: 2, cursor: second.nextCursor ?? '' });
    expect([...slugsOf(first), ...slugsOf(second), ...slugsOf(third)]).toEqual(
      slugsOf(await editor.article.desk({})),
    );
    expect(third.nextCursor).toBeNull();

    const foreign = Buffer.from('["not","ours"]').toString('base64url');
    for (const input of [
      { cursor: foreign },
      { statuses: ['draft', 'draft'] as const },
      { statuses: ['pending'] },
      { q: '   ' },
      { q: 'x'.repeat(201) },
      { limit: 101 },
      { bylineOf: 'ana-author' },
    ]) {
      expect(await codeOf(editor.article.desk(input as never)), JSON.stringify(input)).toBe('BAD_REQUEST');
    }
  });

  it('is for the newsroom only: readers are told to sign in', async () => {
    expect(await codeOf(fx.as('reader').article.desk({}))).toBe('UNAUTHORIZED');
  });
});
