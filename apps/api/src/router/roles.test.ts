import { createHash } from 'node:crypto';
import type { Article, Role } from '@newsroom/domain';
import { EventSource } from 'eventsource';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNewsroomClient, errorCodeOf, type NewsroomClient } from '../client.js';
import { appRouter } from '../root.js';
import { type NewsroomFixture, newsroomFixture, roleAuthors } from '../testing/newsroom-fixture.js';
import { routerPaths } from '../testing/router-paths.js';
import { startTestApi, type TestApi } from '../testing/start-test-api.js';

// Every procedure of the router × every kind of caller, over real HTTP with the typed client:
// allowed exactly where the table below says, refused with 401 (no, wrong or revoked token) or
// 403 (too weak a role, or another writer's article). A procedure the table lacks fails the
// first test, so a new one cannot go unchecked.

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

interface Expectation {
  /**
   * The weakest caller allowed: anyone ('public'), a role and every stronger one, or only a
   * person signed in ('person': every token is refused, whatever its role).
   */
  min: 'public' | Role | 'person';
  /** Below editor, only on the caller's own articles: each writer also tries another writer's. */
  ownArticlesOnly?: true;
  /** Calls the procedure; `article()` makes an article bylined to whoever this run is about. */
  call(
    client: NewsroomClient,
    article: (status?: 'draft' | 'published') => Promise<Article>,
  ): Promise<unknown>;
}

/**
 * A subscription as a call: resolved with its first event, rejected with the error that
 * refused it. Sections are saved until an event comes, since a stream starts from whatever is
 * last when the server gets to it.
 */
function firstEvent(
  subscribe: (handlers: { onData(data: unknown): void; onError(error: unknown): void }) => {
    unsubscribe(): void;
  },
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const changes = setInterval(() => {
      void fx.store.sections.upsert({ slug: 'events', name: 'Events', description: null, order: 9 });
    }, 100);
    const done = () => {
      clearInterval(changes);
      subscription.unsubscribe();
    };
    const subscription = subscribe({
      onData: (data) => {
        done();
        resolve(data);
      },
      onError: (error) => {
        done();
        reject(error);
      },
    });
  });
}

let slugCounter = 0;
const nextSlug = (prefix: string) => `${prefix}-${++slugCounter}`;

/** A picture kept in the library, new for each call (its bytes are all the Store looks at). */
async function keptPicture(): Promise<string> {
  const bytes = Buffer.from(nextSlug('picture'));
  const hash = createHash('sha256').update(bytes).digest('hex');
  await fx.store.media.put({ hash, bytes, format: 'png', width: 4, height: 3 }, { uploadedBy: 'Tests' });
  return hash;
}

/** What a stored tag, section or author looks like, for the taxonomy procedures. */
function taxonomyItem(noun: 'tag' | 'section' | 'author', slug: string) {
  if (noun === 'tag') return { slug, name: 'Name', description: null, type: 'topic' as const };
  if (noun === 'section') return { slug, name: 'Name', description: null, order: 5 };
  return { slug, name: 'Name', bio: null, avatar: null };
}

async function storedTaxonomyItem(noun: 'tag' | 'section' | 'author'): Promise<string> {
  const slug = nextSlug(noun);
  const item = taxonomyItem(noun, slug);
  if (noun === 'tag') await fx.store.tags.upsert(item as never);
  else if (noun === 'section') await fx.store.sections.upsert(item as never);
  else await fx.store.authors.upsert(item as never);
  return slug;
}

function taxonomyExpectations(noun: 'tag' | 'section' | 'author', existing: string) {
  return {
    [`${noun}.list`]: { min: 'public', call: (c) => c[noun].list.query() },
    [`${noun}.bySlug`]: { min: 'public', call: (c) => c[noun].bySlug.query({ slug: existing }) },
    [`${noun}.create`]: {
      min: 'editor',
      call: (c) => c[noun].create.mutate(taxonomyItem(noun, nextSlug(noun)) as never),
    },
    [`${noun}.update`]: {
      min: 'editor',
      call: async (c) =>
        c[noun].update.mutate({ slug: await storedTaxonomyItem(noun), patch: { name: 'Renamed' } }),
    },
    [`${noun}.delete`]: {
      min: 'editor',
      call: async (c) => c[noun].delete.mutate({ slug: await storedTaxonomyItem(noun) }),
    },
    [`${noun}.merge`]: {
      min: 'editor',
      call: async (c) =>
        c[noun].merge.mutate({ from: await storedTaxonomyItem(noun), into: await storedTaxonomyItem(noun) }),
    },
  } satisfies Record<string, Expectation>;
}

/**
 * A sign-in step reached by any caller: the procedure ran and refused the (deliberately wrong)
 * input itself, which is all the role table asks of the public sign-in procedures.
 */
async function reached(call: Promise<unknown>): Promise<void> {
  await call.catch((error: unknown) => {
    if (errorCodeOf(error) === 'BAD_REQUEST' || errorCodeOf(error) === 'NOT_FOUND') return;
    throw error;
  });
}

/** The account procedures: for people signed in only, so every token is refused. */
const accountExpectations: Record<string, Expectation> = Object.fromEntries(
  (
    [
      ['me', (c) => c.account.me.query()],
      ['update', (c) => c.account.update.mutate({ name: 'New name' })],
      [
        'changePassword',
        (c) => c.account.changePassword.mutate({ currentPassword: 'x', newPassword: 'y'.repeat(12) }),
      ],
      ['sessions', (c) => c.account.sessions.query()],
      ['endSession', (c) => c.account.endSession.mutate({ id: crypto.randomUUID() })],
      ['endOtherSessions', (c) => c.account.endOtherSessions.mutate()],
      ['beginTotp', (c) => c.account.beginTotp.mutate()],
      ['enableTotp', (c) => c.account.enableTotp.mutate({ code: '123456' })],
      ['disableTotp', (c) => c.account.disableTotp.mutate({ password: 'x' })],
      ['regenerateRecoveryCodes', (c) => c.account.regenerateRecoveryCodes.mutate({ code: '123456' })],
      ['passkeys', (c) => c.account.passkeys.query()],
      ['passkeyRegistrationOptions', (c) => c.account.passkeyRegistrationOptions.mutate()],
      ['renamePasskey', (c) => c.account.renamePasskey.mutate({ id: crypto.randomUUID(), name: 'Phone' })],
      ['removePasskey', (c) => c.account.removePasskey.mutate({ id: crypto.randomUUID() })],
      [
        'addPasskey',
        (c) => c.account.addPasskey.mutate({ ticket: 't', name: 'Phone', response: {} as never }),
      ],
    ] as [string, (c: NewsroomClient) => Promise<unknown>][]
  ).map(([name, call]) => [`account.${name}`, { min: 'person', call } satisfies Expectation]),
);
/** Someone invited, for the admin procedures to act on. */
async function invitedPerson(): Promise<string> {
  const person = await fx.store.people.invite({
    email: `${nextSlug('person')}@example.com`,
    name: 'Pat Person',
    role: 'author',
  });
  return person.id;
}

/** An endpoint registered for the webhook procedures (nothing is delivered in this test). */
async function keptWebhook(): Promise<string> {
  const { webhook } = await fx.store.webhooks.create({
    url: `https://hooks.example/${nextSlug('hook')}`,
    eventTypes: ['article.published'],
  });
  return webhook.id;
}

/** A delivery planned for a new endpoint, from publishing `article`. */
async function plannedDelivery(article: () => Promise<Article>): Promise<string> {
  const webhookId = await keptWebhook();
  const draft = await article();
  await fx.store.articles.setStatus(draft.id, draft.version, 'published');
  await fx.store.webhooks.planDeliveries({ limit: 1_000 });
  const { items } = await fx.store.webhooks.deliveries({ webhookId });
  if (!items[0]) throw new Error('no delivery was planned');
  return items[0].id;
}

/** People, settings, the audit trail and webhooks: admins only, whatever the token's other rights. */
const adminExpectations: Record<string, Expectation> = {
  'webhook.list': { min: 'admin', call: (c) => c.webhook.list.query() },
  'webhook.create': {
    min: 'admin',
    call: (c) =>
      c.webhook.create.mutate({ url: 'https://hooks.example/new', eventTypes: ['article.updated'] }),
  },
  'webhook.update': {
    min: 'admin',
    call: async (c) => c.webhook.update.mutate({ id: await keptWebhook(), description: 'Renamed' }),
  },
  'webhook.delete': { min: 'admin', call: async (c) => c.webhook.delete.mutate({ id: await keptWebhook() }) },
  'webhook.deliveries': {
    min: 'admin',
    call: async (c) => c.webhook.deliveries.query({ webhookId: await keptWebhook() }),
  },
  'webhook.redeliver': {
    min: 'admin',
    call: async (c, article) => c.webhook.redeliver.mutate({ deliveryId: await plannedDelivery(article) }),
  },
  'user.list': { min: 'admin', call: (c) => c.user.list.query({ limit: 5 }) },
  'user.get': { min: 'admin', call: async (c) => c.user.get.query({ id: await invitedPerson() }) },
  'user.invite': {
    min: 'admin',
    call: (c) =>
      c.user.invite.mutate({
        email: `${nextSlug('invitee')}@example.com`,
        name: 'New Person',
        role: 'author',
      }),
  },
  'user.update': {
    min: 'admin',
    call: async (c) => c.user.update.mutate({ id: await invitedPerson(), name: 'Renamed' }),
  },
  'user.suspend': { min: 'admin', call: async (c) => c.user.suspend.mutate({ id: await invitedPerson() }) },
  'user.reactivate': {
    min: 'admin',
    call: async (c) => c.user.reactivate.mutate({ id: await invitedPerson() }),
  },
  'user.resetLink': {
    min: 'admin',
    call: async (c) => c.user.resetLink.mutate({ id: await invitedPerson() }),
  },
  'user.endSessions': {
    min: 'admin',
    call: async (c) => c.user.endSessions.mutate({ id: await invitedPerson() }),
  },
  'settings.get': { min: 'admin', call: (c) => c.settings.get.query() },
  'settings.update': {
    min: 'admin',
    call: (c) => c.settings.update.mutate({ requireSecondFactorFrom: null }),
  },
  'audit.list': { min: 'admin', call: (c) => c.audit.list.query({ limit: 5 }) },
};

/** Who may call each procedure of the router: its minimum role and its rules. */
const expectations: Record<string, Expectation> = {
  'article.list': { min: 'public', call: (c) => c.article.list.query({ limit: 1 }) },
  'article.bySlug': {
    min: 'public',
    call: async (c, article) => c.article.bySlug.query({ slug: (await article('published')).slug }),
  },
  'article.related': {
    min: 'public',
    call: async (c, article) => c.article.related.query({ slug: (await article('published')).slug }),
  },
  'article.search': { min: 'public', call: (c) => c.article.search.query({ q: 'climate' }) },
  'article.desk': {
    min: 'contributor',
    call: (c) => c.article.desk.query({ statuses: ['draft'], limit: 5 }),
  },
  'article.byId': {
    min: 'contributor',
    ownArticlesOnly: true,
    call: async (c, article) => c.article.byId.query({ id: (await article()).id }),
  },
  'article.revisions': {
    min: 'contributor',
    ownArticlesOnly: true,
    call: async (c, article) => c.article.revisions.query({ id: (await article()).id }),
  },
  'article.revision': {
    min: 'contributor',
    ownArticlesOnly: true,
    call: async (c, article) => {
      const a = await article();
      const page = await c.article.revisions.query({ id: a.id, limit: 1 }).catch(() => null);
      // A caller refused the list is refused the one revision too; any id shows that.
      return c.article.revision.query({ id: a.id, revisionId: page?.items[0]?.id ?? a.id });
    },
  },
  'article.create': {
    min: 'contributor',
    call: (c) => c.article.create.mutate({ headline: 'A new story', body: [], slug: nextSlug('new-story') }),
  },
  'article.update': {
    min: 'contributor',
    ownArticlesOnly: true,
    call: async (c, article) => {
      const a = await article();
      return c.article.update.mutate({ id: a.id, version: a.version, headline: 'Edited' });
    },
  },
  'article.restore': {
    min: 'contributor',
    ownArticlesOnly: true,
    call: async (c, article) => {
      const a = await article();
      const page = await fx.store.articles.revisions(a.id, { limit: 1 });
      return c.article.restore.mutate({ id: a.id, version: a.version, revisionId: page.items[0]?.id ?? '' });
    },
  },
  'article.submit': {
    min: 'author',
    ownArticlesOnly: true,
    call: async (c, article) => {
      const a = await article();
      return c.article.submit.mutate({ id: a.id, version: a.version });
    },
  },
  ...Object.fromEntries(
    (['publish', 'unpublish', 'archive', 'delete'] as const).map((action) => [
      `article.${action}`,
      {
        min: 'editor',
        call: async (c, article) => {
          const a = await article(action === 'unpublish' ? 'published' : 'draft');
          return c.article[action].mutate({ id: a.id, version: a.version });
        },
      } satisfies Expectation,
    ]),
  ),
  'article.schedule': {
    min: 'editor',
    call: async (c, article) => {
      const a = await article();
      return c.article.schedule.mutate({
        id: a.id,
        version: a.version,
        at: new Date(Date.now() + 86_400_000).toISOString(),
      });
    },
  },
  'article.addCorrection': {
    min: 'editor',
    call: async (c, article) => {
      const a = await article('published');
      return c.article.addCorrection.mutate({
        id: a.id,
        version: a.version,
        note: 'An earlier version misspelled a name.',
      });
    },
  },
  ...taxonomyExpectations('tag', 'climate'),
  ...taxonomyExpectations('section', 'science'),
  ...taxonomyExpectations('author', 'other-writer'),
  'redirect.lookup': {
    min: 'public',
    call: (c) => c.redirect.lookup.query({ kind: 'article', slug: 'moved-story' }),
  },
  'comment.list': {
    min: 'public',
    call: async (c, article) => c.comment.list.query({ articleId: (await article('published')).id }),
  },
  'comment.create': {
    min: 'public',
    call: async (c, article) =>
      c.comment.create.mutate({
        articleId: (await article('published')).id,
        displayName: 'Reader',
        body: 'Thanks.',
      }),
  },
  'comment.byStatus': { min: 'editor', call: (c) => c.comment.byStatus.query({ status: 'pending' }) },
  'comment.moderate': {
    min: 'editor',
    call: async (c, article) => {
      const comment = await fx.store.comments.create({
        articleId: (await article('published')).id,
        displayName: 'R',
        body: 'Hello',
      });
      return c.comment.moderate.mutate({ id: comment.id, status: 'approved' });
    },
  },
  'comment.moderateMany': {
    min: 'editor',
    call: async (c, article) => {
      const comment = await fx.store.comments.create({
        articleId: (await article('published')).id,
        displayName: 'R',
        body: 'Hello',
      });
      return c.comment.moderateMany.mutate({ ids: [comment.id], status: 'rejected' });
    },
  },
  'token.list': { min: 'admin', call: (c) => c.token.list.query({ limit: 5 }) },
  'token.create': { min: 'admin', call: (c) => c.token.create.mutate({ name: 'New desk', role: 'editor' }) },
  'token.revoke': {
    min: 'admin',
    call: async (c) => {
      const created = await fx.store.tokens.create({ name: 'temp', role: 'author' });
      return c.token.revoke.mutate({ tokenId: created.principal.tokenId });
    },
  },
  'auth.signIn': {
    min: 'public',
    call: (c) => reached(c.auth.signIn.mutate({ email: 'not an email', password: 'x' })),
  },
  'auth.secondFactor': {
    min: 'public',
    call: (c) => reached(c.auth.secondFactor.mutate({ ticket: 't', code: 'abc' })),
  },
  'auth.passkeyOptions': { min: 'public', call: (c) => c.auth.passkeyOptions.mutate() },
  'auth.passkeySignIn': {
    min: 'public',
    call: (c) => reached(c.auth.passkeySignIn.mutate({ ticket: 't', response: {} as never })),
  },
  'auth.invitation': { min: 'public', call: (c) => reached(c.auth.invitation.query({ key: '' })) },
  'auth.acceptInvitation': {
    min: 'public',
    call: (c) => reached(c.auth.acceptInvitation.mutate({ key: 'k', password: 'short' })),
  },
  'auth.resetLink': { min: 'public', call: (c) => reached(c.auth.resetLink.query({ key: '' })) },
  'auth.resetPassword': {
    min: 'public',
    call: (c) => reached(c.auth.resetPassword.mutate({ key: 'k', password: 'short' })),
  },
  'auth.signOut': { min: 'person', call: (c) => c.auth.signOut.mutate() },
  'media.list': { min: 'contributor', call: (c) => c.media.list.query({ limit: 1 }) },
  'media.byId': { min: 'contributor', call: async (c) => c.media.byId.query({ id: await keptPicture() }) },
  'media.usage': { min: 'contributor', call: async (c) => c.media.usage.query({ id: await keptPicture() }) },
  'media.update': {
    min: 'author',
    call: async (c) => c.media.update.mutate({ id: await keptPicture(), alt: 'Alt text' }),
  },
  'media.delete': { min: 'editor', call: async (c) => c.media.delete.mutate({ id: await keptPicture() }) },
  // Anyone may listen; what each caller is told is event.test.ts's business.
  'event.stream': {
    min: 'public',
    call: (c) => firstEvent((handlers) => c.event.stream.subscribe(undefined, handlers)),
  },
  'preview.create': {
    min: 'contributor',
    ownArticlesOnly: true,
    call: async (c, article) => c.preview.create.mutate({ articleId: (await article()).id }),
  },
  'preview.list': {
    min: 'contributor',
    ownArticlesOnly: true,
    call: async (c, article) => c.preview.list.query({ articleId: (await article()).id }),
  },
  'preview.revoke': {
    min: 'contributor',
    ownArticlesOnly: true,
    call: async (c, article) => {
      const link = await fx.store.previews.create((await article()).id, {
        expiresAt: new Date(Date.now() + 3_600_000),
        purpose: 'share',
        actor: { personId: null, name: 'Someone' },
      });
      return c.preview.revoke.mutate({ id: link.id });
    },
  },
  'preview.article': {
    min: 'public',
    call: async (c, article) => {
      const link = await fx.store.previews.create((await article()).id, {
        expiresAt: new Date(Date.now() + 3_600_000),
        purpose: 'share',
        actor: { personId: null, name: 'Someone' },
      });
      return c.preview.article.query({ token: link.secret });
    },
  },
  ...accountExpectations,
  ...adminExpectations,
};

type Outcome = 'ok' | 'UNAUTHORIZED' | 'FORBIDDEN';

function expected(rule: Expectation, caller: Caller, whose: 'own' | 'theirs'): Outcome {
  if (caller === 'wrong token' || caller === 'revoked token') return 'UNAUTHORIZED';
  if (rule.min === 'public') return 'ok';
  if (caller === 'anonymous') return 'UNAUTHORIZED';
  if (rule.min === 'person') return 'FORBIDDEN';
  if (strength[caller] < strength[rule.min]) return 'FORBIDDEN';
  if (rule.ownArticlesOnly && whose === 'theirs' && strength[caller] < strength.editor) return 'FORBIDDEN';
  return 'ok';
}

let fx: NewsroomFixture;
let api: TestApi;
let revokedToken: string;

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
  return createNewsroomClient(api.url, { EventSource, ...(token ? { token } : {}) });
}

/** The caller's own byline where it has one; another writer's otherwise, or when asked. */
function bylineFor(caller: Caller, whose: 'own' | 'theirs'): string {
  const own = whose === 'own' && caller in roleAuthors ? roleAuthors[caller as Role] : null;
  return own ?? 'other-writer';
}

describe('the table of who may call what', () => {
  it('names every procedure of the router, and nothing else', () => {
    expect(Object.keys(expectations).sort()).toEqual(routerPaths(appRouter).sort());
  });
});

describe('who may call each procedure', () => {
  for (const [path, rule] of Object.entries(expectations)) {
    const runs: { caller: Caller; whose: 'own' | 'theirs' }[] = callers.map((caller) => ({
      caller,
      whose: 'own',
    }));
    if (rule.ownArticlesOnly) {
      for (const caller of ['contributor', 'author', 'editor', 'admin'] as const)
        runs.push({ caller, whose: 'theirs' });
    }
    for (const { caller, whose } of runs) {
      const outcome = expected(rule, caller, whose);
      const on = whose === 'theirs' ? " on another writer's article" : '';
      it(`${path} by ${caller}${on}: ${outcome === 'ok' ? 'allowed' : outcome}`, async () => {
        const article = (status: 'draft' | 'published' = 'draft') =>
          fx.draft({ author: bylineFor(caller, whose), status });
        const result = await rule.call(clientFor(caller), article).then(
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

  it('a writer lists only their own drafts; an editor lists anyone’s', async () => {
    const refused = await clientFor('contributor')
      .article.list.query({ status: 'draft', author: 'other-writer' })
      .catch(errorCodeOf);
    expect(refused).toBe('FORBIDDEN');
    expect(await clientFor('anonymous').article.list.query({ status: 'draft' }).catch(errorCodeOf)).toBe(
      'UNAUTHORIZED',
    );
    const theirs = await fx.draft({ author: 'other-writer' });
    const listed = await clientFor('editor').article.list.query({ status: 'draft', author: 'other-writer' });
    expect(listed.items.map((item) => item.id)).toContain(theirs.id);
  });
});
