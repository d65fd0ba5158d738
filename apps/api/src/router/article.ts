import {
  ArticleListInputSchema,
  ArticleSearchInputSchema,
  CreateArticleInputSchema,
  cacheKey,
  type DeskStory,
  DeskStoryQuerySchema,
  hasRole,
  labelKeysOf,
  limits,
  type Page,
  SlugSchema,
  TimestampSchema,
  UpdateArticleInputSchema,
} from '@newsroom/domain';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import type { Context } from '../context.js';
import { withKeptPictureSizes } from '../media/kept-picture-sizes.js';
import {
  ArticleAnswer,
  ArticleDeletedAnswer,
  ArticlePageAnswer,
  ArticleSummaryListAnswer,
  DeskStoryPageAnswer,
  SearchPageAnswer,
} from '../openapi/answers.js';
import { publicProcedure, roleProcedure } from '../trpc.js';
import {
  actorOf,
  assertCanEdit,
  assertCanRead,
  assertMaySetCommentPolicy,
  ownAuthorSlug,
  writtenBy,
} from './access.js';
import { answerKeys, listKeys, summaryKeys } from './answer-keys.js';

const IdVersionSchema = z.object({ id: z.uuid(), version: z.number().int().min(1) }).strict();
const PageQuerySchema = z.object({
  cursor: z.string().max(limits.cursor, 'cursor is too long').optional(),
  limit: ArticleListInputSchema.shape.limit,
});

/** Where a procedure sits in the OpenAPI description (src/openapi/): its REST path and what it says. */
function rest(
  method: 'GET' | 'POST',
  path: `/v1/${string}`,
  summary: string,
  options: { tags?: string[]; protect?: boolean } = {},
) {
  return {
    openapi: { method, path, summary, tags: options.tags ?? ['articles'], protect: options.protect ?? true },
  };
}

async function articleById(ctx: Context, id: string) {
  const article = await ctx.store.articles.byId(id);
  if (!article) throw new TRPCError({ code: 'NOT_FOUND', message: `No article has the id ${id}` });
  return article;
}

async function publishedBySlug(ctx: Context, slug: string) {
  const article = await ctx.store.articles.bySlug(slug);
  if (!article)
    throw new TRPCError({ code: 'NOT_FOUND', message: `No published article has the slug "${slug}"` });
  return article;
}

/** The article, once the caller is known to be allowed to read it in any status. */
async function readableArticle(ctx: Context & { principal: NonNullable<Context['principal']> }, id: string) {
  const article = await articleById(ctx, id);
  assertCanRead(ctx.principal, article);
  return article;
}

/** The article, once the caller is known to be allowed to change it. */
async function editableArticle(ctx: Context & { principal: NonNullable<Context['principal']> }, id: string) {
  const article = await articleById(ctx, id);
  assertCanEdit(ctx.principal, article);
  return article;
}

export const articleRouter = {
  /**
   * Summaries, newest first, with a cursor for the next page. Readers see published ones;
   * editors any status; authors and contributors their own unpublished ones.
   */
  list: publicProcedure
    .meta(
      rest(
        'GET',
        '/v1/articles',
        'Stories, newest first (published unless a token asks for other statuses)',
        { protect: false },
      ),
    )
    .input(ArticleListInputSchema)
    .output(ArticlePageAnswer)
    .query(async ({ ctx, input }) => {
      const status = input.status ?? 'published';
      if (status === 'published') {
        const page = await ctx.store.articles.list({ ...input, status });
        answerKeys(ctx, [...listKeys(input), ...summaryKeys(page.items)]);
        return page;
      }
      const principal = ctx.principal;
      if (!principal) {
        throw new TRPCError({
          code: 'UNAUTHORIZED',
          message: `Listing ${status} articles needs an API token`,
        });
      }
      if (hasRole(principal.role, 'editor')) return ctx.store.articles.list({ ...input, status });
      const own = ownAuthorSlug(principal);
      if (input.author !== undefined && input.author !== own) {
        throw new TRPCError({
          code: 'FORBIDDEN',
          message: `A ${principal.role} may only list their own ${status} articles`,
        });
      }
      return ctx.store.articles.list({ ...input, status, author: own });
    }),

  /**
   * The desk's story list, newest-updated first: editors and admins see every story, authors
   * and contributors only those with their own author on the byline, and someone without an
   * author of their own sees none (an empty list, not an error: the desk shows it as such).
   * `mine` narrows anyone's list to their own byline the same way.
   */
  desk: roleProcedure('contributor')
    .meta(rest('GET', '/v1/desk/articles', "The desk's story list, newest-updated first", { tags: ['desk'] }))
    .input(DeskStoryQuerySchema)
    .output(DeskStoryPageAnswer)
    .query(({ ctx, input }): Promise<Page<DeskStory>> => {
      const { mine, ...query } = input;
      if (!mine && hasRole(ctx.principal.role, 'editor')) return ctx.store.articles.deskList(query);
      const own = ctx.principal.authorSlug;
      if (!own) return Promise.resolve({ items: [], nextCursor: null });
      return ctx.store.articles.deskList({ ...query, bylineOf: own });
    }),

  /** One published article, whole. */
  bySlug: publicProcedure
    .meta(rest('GET', '/v1/articles/{slug}', 'One published story, whole', { protect: false }))
    .input(z.object({ slug: SlugSchema }).strict())
    .output(ArticleAnswer)
    .query(async ({ ctx, input }) => {
      const article = await publishedBySlug(ctx, input.slug);
      answerKeys(ctx, [cacheKey.article(article.id), cacheKey.slug(input.slug), ...labelKeysOf(article)]);
      return article;
    }),

  /** Any article by id, in any status, for the people who may edit it. */
  byId: roleProcedure('contributor')
    .meta(rest('GET', '/v1/desk/articles/{id}', 'One story in any status, by id', { tags: ['desk'] }))
    .input(z.object({ id: z.uuid() }).strict())
    .output(ArticleAnswer)
    .query(({ ctx, input }) => readableArticle(ctx, input.id)),

  /** Editors' picks first, then stories that share tags, section and time. */
  related: publicProcedure
    .meta(
      rest('GET', '/v1/articles/{slug}/related', "Editors' picks, then stories that share tags and section", {
        protect: false,
      }),
    )
    .input(z.object({ slug: SlugSchema, limit: z.number().int().min(1).max(20).default(5) }).strict())
    .output(ArticleSummaryListAnswer)
    .query(async ({ ctx, input }) => {
      const article = await publishedBySlug(ctx, input.slug);
      const related = await ctx.store.articles.related(article.id, input.limit);
      // Another story in its section or tags may join or leave the list.
      answerKeys(ctx, [
        cacheKey.article(article.id),
        cacheKey.slug(input.slug),
        ...(article.section ? [cacheKey.section(article.section.slug)] : []),
        ...article.tags.map((tag) => cacheKey.tag(tag.slug)),
        ...related.map((item) => cacheKey.article(item.id)),
        ...summaryKeys(related),
      ]);
      return related;
    }),

  /** Full-text search over published articles: words, "phrases", -exclusions. */
  search: publicProcedure
    .meta(
      rest('GET', '/v1/search', 'Published stories that match words, "phrases" and -exclusions, best first', {
        protect: false,
      }),
    )
    .input(ArticleSearchInputSchema)
    .output(SearchPageAnswer)
    .query(async ({ ctx, input }) => {
      const hits = await ctx.store.articles.search(input);
      answerKeys(ctx, [cacheKey.search]);
      return hits;
    }),

  create: roleProcedure('contributor')
    .meta(rest('POST', '/v1/articles', 'Writes a new draft (contributor)'))
    .input(CreateArticleInputSchema)
    .output(ArticleAnswer)
    .mutation(async ({ ctx, input: given }) => {
      const input = await withKeptPictureSizes(ctx, given);
      assertMaySetCommentPolicy(ctx.principal, input.commentPolicy);
      let authorSlugs = input.authorSlugs;
      if (!hasRole(ctx.principal.role, 'editor')) {
        const own = ownAuthorSlug(ctx.principal);
        if (!authorSlugs.includes(own)) authorSlugs = [own, ...authorSlugs];
      }
      return ctx.store.articles.create({ ...input, authorSlugs }, { actor: actorOf(ctx.principal) });
    }),

  /** A partial update naming the version it was based on; a stale version is a 409. */
  update: roleProcedure('contributor')
    .meta(
      rest(
        'POST',
        '/v1/articles/{id}/update',
        'Changes fields of a story, naming the version it read (contributor, own drafts; editor)',
      ),
    )
    .input(UpdateArticleInputSchema)
    .output(ArticleAnswer)
    .mutation(async ({ ctx, input: given }) => {
      const article = await editableArticle(ctx, given.id);
      const input = await withKeptPictureSizes(ctx, given);
      assertMaySetCommentPolicy(ctx.principal, input.commentPolicy, article.commentPolicy);
      const editor = hasRole(ctx.principal.role, 'editor');
      if (!editor && input.authorSlugs && !input.authorSlugs.includes(ownAuthorSlug(ctx.principal))) {
        throw new TRPCError({ code: 'FORBIDDEN', message: 'You cannot take your own name off the byline' });
      }
      return ctx.store.articles.update(input, { actor: actorOf(ctx.principal) });
    }),

  /** An author asks an editor to review their draft. */
  submit: roleProcedure('author')
    .meta(rest('POST', '/v1/articles/{id}/submit', 'Asks an editor to review a draft (author, own drafts)'))
    .input(IdVersionSchema)
    .output(ArticleAnswer)
    .mutation(async ({ ctx, input }) => {
      await editableArticle(ctx, input.id);
      return ctx.store.articles.requestReview(input.id, input.version, { actor: actorOf(ctx.principal) });
    }),

  publish: roleProcedure('editor')
    .meta(rest('POST', '/v1/articles/{id}/publish', 'Publishes a story now (editor)'))
    .input(IdVersionSchema)
    .output(ArticleAnswer)
    .mutation(({ ctx, input }) =>
      ctx.store.articles.setStatus(input.id, input.version, 'published', { actor: actorOf(ctx.principal) }),
    ),

  /** Publishes at a future time; the API's scheduler does it when the time comes. */
  schedule: roleProcedure('editor')
    .meta(rest('POST', '/v1/articles/{id}/schedule', 'Publishes a story at a future time (editor)'))
    .input(IdVersionSchema.extend({ at: TimestampSchema }).strict())
    .output(ArticleAnswer)
    .mutation(({ ctx, input }) => {
      if (Date.parse(input.at) <= Date.now()) {
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: 'at must be in the future; use article.publish to publish now',
        });
      }
      return ctx.store.articles.setStatus(input.id, input.version, 'scheduled', {
        scheduledFor: input.at,
        actor: actorOf(ctx.principal),
      });
    }),

  /** Takes a published or scheduled article back to draft. */
  unpublish: roleProcedure('editor')
    .meta(
      rest(
        'POST',
        '/v1/articles/{id}/unpublish',
        'Takes a published or scheduled story back to draft (editor)',
      ),
    )
    .input(IdVersionSchema)
    .output(ArticleAnswer)
    .mutation(({ ctx, input }) =>
      ctx.store.articles.setStatus(input.id, input.version, 'draft', { actor: actorOf(ctx.principal) }),
    ),

  archive: roleProcedure('editor')
    .meta(rest('POST', '/v1/articles/{id}/archive', 'Archives a story (editor)'))
    .input(IdVersionSchema)
    .output(ArticleAnswer)
    .mutation(({ ctx, input }) =>
      ctx.store.articles.setStatus(input.id, input.version, 'archived', { actor: actorOf(ctx.principal) }),
    ),

  delete: roleProcedure('editor')
    .meta(rest('POST', '/v1/articles/{id}/delete', 'Deletes a story, its revisions and comments (editor)'))
    .input(IdVersionSchema)
    .output(ArticleDeletedAnswer)
    .mutation(async ({ ctx, input }) => {
      await ctx.store.articles.delete(input.id, input.version, writtenBy(ctx));
      return { id: input.id, deleted: true as const };
    }),

  /** Every saved state, newest first, with who saved it and when. */
  revisions: roleProcedure('contributor')
    .input(PageQuerySchema.extend({ id: z.uuid() }).strict())
    .query(async ({ ctx, input }) => {
      await readableArticle(ctx, input.id);
      return ctx.store.articles.revisions(input.id, { cursor: input.cursor, limit: input.limit });
    }),

  /** One saved state, to compare with another or with the article now. */
  revision: roleProcedure('contributor')
    .input(z.object({ id: z.uuid(), revisionId: z.uuid() }).strict())
    .query(async ({ ctx, input }) => {
      await readableArticle(ctx, input.id);
      const revision = await ctx.store.articles.revision(input.id, input.revisionId);
      if (!revision) {
        throw new TRPCError({
          code: 'NOT_FOUND',
          message: `The article has no revision with the id ${input.revisionId}`,
        });
      }
      return revision;
    }),

  /** Brings back a saved state as a new version. */
  restore: roleProcedure('contributor')
    .input(IdVersionSchema.extend({ revisionId: z.uuid() }).strict())
    .mutation(async ({ ctx, input }) => {
      await editableArticle(ctx, input.id);
      return ctx.store.articles.restore(input.id, input.revisionId, input.version, {
        actor: actorOf(ctx.principal),
      });
    }),

  /** A dated public note; the article's updated time moves with it. */
  addCorrection: roleProcedure('editor')
    .meta(rest('POST', '/v1/articles/{id}/corrections', 'Adds a dated public correction (editor)'))
    .input(IdVersionSchema.extend({ note: z.string().trim().min(1).max(limits.correctionText) }).strict())
    .output(ArticleAnswer)
    .mutation(({ ctx, input }) =>
      ctx.store.articles.addCorrection(input.id, input.version, input.note, {
        actor: actorOf(ctx.principal),
      }),
    ),
} satisfies TRPCRouterRecord;
