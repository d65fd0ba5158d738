import { openStore, type Store } from '@newsroom/db';
import type { Article, Principal, Role } from '@newsroom/domain';
import { TRPCError } from '@trpc/server';
import { createContextInner } from '../context.js';
import { createCaller } from '../root.js';

/** A newsroom for tests: a section, tags, an author per writer role, and a token per role. */
export interface NewsroomFixture {
  store: Store;
  tokens: Record<Role, string>;
  principals: Record<Role, Principal>;
  /** createCaller for a role, or for an anonymous reader. */
  as(role: Role | 'reader'): ReturnType<typeof createCaller>;
  /** A draft bylined to `author` (default: the contributor's author). */
  draft(overrides?: { author?: string; headline?: string; status?: 'draft' | 'published' }): Promise<Article>;
  close(): Promise<void>;
}

export const roleAuthors: Record<Role, string | null> = {
  admin: null,
  editor: null,
  author: 'ana-author',
  contributor: 'cy-contributor',
};

let counter = 0;

export async function newsroomFixture(): Promise<NewsroomFixture> {
  const store = await openStore(':memory:');
  await store.sections.upsert({ slug: 'world', name: 'World', description: null, order: 1 });
  await store.sections.upsert({ slug: 'science', name: 'Science', description: null, order: 2 });
  for (const [slug, name] of [
    ['ukraine', 'Ukraine'],
    ['russia', 'Russia'],
    ['climate', 'Climate'],
  ] as const) {
    await store.tags.upsert({ slug, name, description: null, type: 'topic' });
  }
  await store.authors.upsert({ slug: 'ana-author', name: 'Ana Author', bio: null, avatar: null });
  await store.authors.upsert({ slug: 'cy-contributor', name: 'Cy Contributor', bio: null, avatar: null });
  await store.authors.upsert({ slug: 'other-writer', name: 'Other Writer', bio: null, avatar: null });

  const tokens = {} as Record<Role, string>;
  const principals = {} as Record<Role, Principal>;
  for (const role of Object.keys(roleAuthors) as Role[]) {
    const created = await store.tokens.create({ name: `${role} desk`, role, authorSlug: roleAuthors[role] });
    tokens[role] = created.token;
    principals[role] = created.principal;
  }

  const as = (role: Role | 'reader') =>
    createCaller(createContextInner({ store, principal: role === 'reader' ? null : principals[role] }));

  const draft: NewsroomFixture['draft'] = async (overrides = {}) => {
    counter += 1;
    const article = await store.articles.create({
      headline: overrides.headline ?? `Test story number ${counter}`,
      body: [{ type: 'paragraph', text: `Body of test story ${counter} about the climate.` }],
      sectionSlug: 'science',
      tagSlugs: ['climate'],
      authorSlugs: [overrides.author ?? 'cy-contributor'],
    });
    if (overrides.status === 'published')
      return store.articles.setStatus(article.id, article.version, 'published');
    return article;
  };

  return { store, tokens, principals, as, draft, close: () => store.close() };
}

/** The tRPC code a call ended with, or "ok": for asserting who may do what. */
export function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'ok',
    (error: unknown) => (error instanceof TRPCError ? error.code : String(error)),
  );
}
