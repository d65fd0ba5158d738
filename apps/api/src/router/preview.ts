import {
  CreatePreviewInputSchema,
  PreviewTokenSchema,
  type Principal,
  previewExpiry,
} from '@newsroom/domain';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import type { Context } from '../context.js';
import { publicProcedure, roleProcedure } from '../trpc.js';
import { assertCanRead } from './access.js';

/**
 * One answer for a link that was never made, has expired or was revoked: whoever holds a
 * link learns nothing more from it than that it does not open.
 */
export const previewNotFoundMessage =
  'This preview link does not work: it may have expired or been revoked. Ask the newsroom for a new one.';

/** The reader site's address for a preview: the desk puts the site's origin in front. */
export const previewPath = (token: string) => `/preview/${token}`;

/** The article, once the caller is known to be allowed to read it (and so to show it to others). */
async function readableArticle(principal: Principal, ctx: Context, id: string) {
  const article = await ctx.store.articles.byId(id);
  if (!article) throw new TRPCError({ code: 'NOT_FOUND', message: `No article has the id ${id}` });
  assertCanRead(principal, article);
  return article;
}

export const previewRouter = {
  /**
   * A new link showing the article as readers will see it, to anyone who has it: a share link
   * for `days` (default 7), or the desk's own for an hour. The token is in this answer only.
   */
  create: roleProcedure('contributor')
    .input(CreatePreviewInputSchema)
    .mutation(async ({ ctx, input }) => {
      await readableArticle(ctx.principal, ctx, input.articleId);
      const now = new Date();
      const created = await ctx.store.previews.create(input.articleId, {
        expiresAt: previewExpiry(input, now),
        purpose: input.purpose,
        actor: { personId: ctx.principal.personId ?? null, name: ctx.principal.name },
        now,
      });
      return {
        id: created.id,
        token: created.secret,
        path: previewPath(created.secret),
        purpose: input.purpose,
        expiresAt: created.expiresAt,
      };
    }),

  /** The article's live share links, newest first, without their tokens. */
  list: roleProcedure('contributor')
    .input(z.object({ articleId: z.uuid() }).strict())
    .query(async ({ ctx, input }) => {
      await readableArticle(ctx.principal, ctx, input.articleId);
      return ctx.store.previews.list(input.articleId);
    }),

  /** Ends a link at once; `revoked` is false when it already was. */
  revoke: roleProcedure('contributor')
    .input(z.object({ id: z.uuid() }).strict())
    .mutation(async ({ ctx, input }) => {
      const link = await ctx.store.previews.byId(input.id);
      if (!link)
        throw new TRPCError({ code: 'NOT_FOUND', message: `No preview link has the id ${input.id}` });
      await readableArticle(ctx.principal, ctx, link.articleId);
      return { revoked: await ctx.store.previews.revoke(input.id), articleId: link.articleId };
    }),

  /**
   * For whoever holds the link, without signing in: the article as it is saved now, in any
   * status, and until when the link works. Never cached (procedures.ts: its input is a secret).
   */
  article: publicProcedure
    .input(z.object({ token: PreviewTokenSchema }).strict())
    .query(async ({ ctx, input }) => {
      const live = await ctx.store.previews.resolve(input.token);
      const article = live ? await ctx.store.articles.byId(live.articleId) : null;
      if (!live || !article) throw new TRPCError({ code: 'NOT_FOUND', message: previewNotFoundMessage });
      return { article, expiresAt: live.expiresAt };
    }),
} satisfies TRPCRouterRecord;
