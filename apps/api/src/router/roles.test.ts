import type { Article, Role } from '@newsroom/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNewsroomClient, errorCodeOf, type NewsroomClient } from '../client.js';
import { type NewsroomFixture, newsroomFixture } from '../testing/newsroom-fixture.js';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';

// Every mutation × every kind of caller, over real HTTP with the typed client: allowed exactly
// where the roles say, refused with 401 (no, wrong or revoked token) or 403 (too weak a role).

type Caller = Role | 'anonymous' | 'wrong token' | 'revoked token';
const callers: Caller[] = [
  'anonymous',
  'wrong token',
  'revoked token',
  'contributor',
  'author',
  'editor',
  'admin',
];
const strength: Record<Role, number> = { contributor: 1, author: 2, editor: 3, admin: 4 };

let fx: NewsroomFixture;
let api: TestApi;
let revokedToken: string;
let slugCounter = 0;
const nextSlug = (prefix: string) => `${prefix}-${++slugCounter}`;

beforeAll(async () => {
  fx = await newsroomFixture();
  api = await startTestApi(fx.store, { API_RATE_LIMIT_WRITES: 10_000, API_RATE_LIMIT_COMMENTS: 10_000 });
  const revoked = await fx.store.tokens.create({ name: 'gone', role: 'admin' });
  await fx.store.tokens.revoke(revoked.principal.tokenId);
  revokedToken = revoked.token;
});
afterAll(async () => {
  await api.close();
  await fx.close();
});

function clientFor(caller: Caller): NewsroomClient {
  const token =
    caller === 'anonymous'
      ? undefined
      : caller === 'wrong token'
        ? 'nr_thisIsNotARealTokenAtAll0000000000000000'
        : caller === 'revoked token'
          ? revokedToken
          : fx.tokens[caller];
  return createNewsroomClient(api.url, token ? { token } : {});
}

/** A draft bylined to the caller's own author where it has one, so "own drafts" applies. */
async function ownDraft(caller: Caller): Promise<Article> {
  const author = caller === 'author' ? 'ana-author' : 'cy-contributor';
  return fx.draft({ author });
}

interface Mutation {
  name: string;
  /** The weakest role allowed; 'anyone' for public mutations. */
  minRole: Role | 'anyone';
  run(client: NewsroomClient, caller: Caller): Promise<unknown>;
}

const mutations: Mutation[] = [
  {
    name: 'article.create',
    minRole: 'contributor',
    run: (c) => c.article.create.mutate({ headline: 'A new story', body: [], slug: nextSlug('new-story') }),
  },
  {
    name: 'article.update',
    minRole: 'contributor',
    run: async (c, caller) => {
      const a = await ownDraft(caller);
      return c.article.update.mutate({ id: a.id, version: a.version, headline: 'Edited' });
    },
  },
  {
    name: 'article.submit',
    minRole: 'author',
    run: async (c, caller) => {
      const a = await ownDraft(caller);
      return c.article.submit.mutate({ id: a.id, version: a.version });
    },
  },
  {
    name: 'article.restore',
    minRole: 'contributor',
    run: async (c, caller) => {
      const a = await ownDraft(caller);
      const page = await fx.store.articles.revisions(a.id, { limit: 1 });
      return c.article.restore.mutate({ id: a.id, version: a.version, revisionId: page.items[0]?.id ?? '' });
    },
  },
  ...(['publish', 'unpublish', 'archive', 'delete'] as const).map(
    (action): Mutation => ({
      name: `article.${action}`,
      minRole: 'editor',
      run: async (c) => {
        const a = await fx.draft({ status: action === 'unpublish' ? 'published' : 'draft' });
        return c.article[action].mutate({ id: a.id, version: a.version });
      },
    }),
  ),
  {
    name: 'article.schedule',
    minRole: 'editor',
    run: async (c) => {
      const a = await fx.draft();
      return c.article.schedule.mutate({
        id: a.id,
        version: a.version,
        at: new Date(Date.now() + 86_400_000).toISOString(),
      });
    },
  },
  {
    name: 'article.addCorrection',
    minRole: 'editor',
    run: async (c) => {
      const a = await fx.draft({ status: 'published' });
      return c.article.addCorrection.mutate({
        id: a.id,
        version: a.version,
        note: 'An earlier version misspelled a name.',
      });
    },
  },
  ...(['tag', 'section', 'author'] as const).flatMap((noun): Mutation[] => {
    const item = (slug: string) =>
      noun === 'tag'
        ? { slug, name: 'Name', description: null, type: 'topic' as const }
        : noun === 'section'
          ? { slug, name: 'Name', description: null, order: 5 }
          : { slug, name: 'Name', bio: null, avatar: null };
    const upsert = (slug: string) =>
      noun === 'tag'
        ? fx.store.tags.upsert(item(slug) as never)
        : noun === 'section'
          ? fx.store.sections.upsert(item(slug) as never)
          : fx.store.authors.upsert(item(slug) as never);
    return [
      {
        name: `${noun}.create`,
        minRole: 'editor',
        run: (c) => c[noun].create.mutate(item(nextSlug(noun)) as never),
      },
      {
        name: `${noun}.update`,
        minRole: 'editor',
        run: async (c) => {
          const slug = nextSlug(noun);
          await upsert(slug);
          return c[noun].update.mutate({ slug, patch: { name: 'Renamed' } });
        },
      },
      {
        name: `${noun}.delete`,
        minRole: 'editor',
        run: async (c) => {
          const slug = nextSlug(noun);
          await upsert(slug);
          return c[noun].delete.mutate({ slug });
        },
      },
    ];
  }),
  {
    name: 'tag.merge',
    minRole: 'editor',
    run: async (c) => {
      const [from, into] = [nextSlug('tag'), nextSlug('tag')];
      await fx.store.tags.upsert({ slug: from, name: 'From', description: null, type: 'topic' });
      await fx.store.tags.upsert({ slug: into, name: 'Into', description: null, type: 'topic' });
      return c.tag.merge.mutate({ from, into });
    },
  },
  {
    name: 'comment.create',
    minRole: 'anyone',
    run: async (c) => {
      const a = await fx.draft({ status: 'published' });
      return c.comment.create.mutate({ articleId: a.id, displayName: 'Reader', body: 'Thanks for this.' });
    },
  },
  {
    name: 'comment.moderate',
    minRole: 'editor',
    run: async (c) => {
      const a = await fx.draft({ status: 'published' });
      const comment = await fx.store.comments.create({ articleId: a.id, displayName: 'R', body: 'Hello' });
      return c.comment.moderate.mutate({ id: comment.id, status: 'approved' });
    },
  },
  {
    name: 'token.create',
    minRole: 'admin',
    run: (c) => c.token.create.mutate({ name: 'New desk', role: 'editor' }),
  },
  {
    name: 'token.revoke',
    minRole: 'admin',
    run: async (c) => {
      const created = await fx.store.tokens.create({ name: 'temp', role: 'author' });
      return c.token.revoke.mutate({ tokenId: created.principal.tokenId });
    },
  },
];

function expected(mutation: Mutation, caller: Caller): 'ok' | 'UNAUTHORIZED' | 'FORBIDDEN' {
  if (caller === 'wrong token' || caller === 'revoked token') return 'UNAUTHORIZED';
  if (mutation.minRole === 'anyone') return 'ok';
  if (caller === 'anonymous') return 'UNAUTHORIZED';
  return strength[caller] >= strength[mutation.minRole] ? 'ok' : 'FORBIDDEN';
}

describe('who may call each mutation', () => {
  for (const mutation of mutations) {
    for (const caller of callers) {
      const outcome = expected(mutation, caller);
      it(`${mutation.name} by ${caller}: ${outcome === 'ok' ? 'allowed' : outcome}`, async () => {
        const result = await mutation.run(clientFor(caller), caller).then(
          () => 'ok',
          (error: unknown) => errorCodeOf(error) ?? String(error),
        );
        expect(result).toBe(outcome);
      });
    }
  }
});

describe('own work only', () => {
  it("a contributor cannot edit another writer's draft, an editor can", async () => {
    const theirs = await fx.draft({ author: 'other-writer' });
    const refused = await clientFor('contributor')
      .article.update.mutate({ id: theirs.id, version: theirs.version, headline: 'Mine now' })
      .catch(errorCodeOf);
    expect(refused).toBe('FORBIDDEN');
    const edited = await clientFor('editor').article.update.mutate({
      id: theirs.id,
      version: theirs.version,
      headline: 'Edited',
    });
    expect(edited.headline).toBe('Edited');
  });

  it('an author cannot edit their own story once it is published', async () => {
    const published = await fx.draft({ author: 'ana-author', status: 'published' });
    const refused = await clientFor('author')
      .article.update.mutate({ id: published.id, version: published.version, headline: 'Quiet change' })
      .catch(errorCodeOf);
    expect(refused).toBe('FORBIDDEN');
  });

  it('only editors open or close comments', async () => {
    const own = await fx.draft({ author: 'cy-contributor' });
    const refused = await clientFor('contributor')
      .article.update.mutate({ id: own.id, version: own.version, commentPolicy: 'closed' })
      .catch(errorCodeOf);
    expect(refused).toBe('FORBIDDEN');
    const closed = await clientFor('editor').article.update.mutate({
      id: own.id,
      version: own.version,
      commentPolicy: 'closed',
    });
    expect(closed.commentPolicy).toBe('closed');
  });
});
