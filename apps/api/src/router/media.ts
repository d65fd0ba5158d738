import {
  limits,
  type Media,
  MediaHashSchema,
  PageLimitSchema,
  UpdateMediaInputSchema,
} from '@newsroom/domain';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import type { Context } from '../context.js';
import { variantAddresses } from '../media/picture-work.js';
import { roleProcedure } from '../trpc.js';
import { writtenBy } from './access.js';

const ById = z.object({ id: MediaHashSchema }).strict();

async function keptPicture(ctx: Context, id: string): Promise<Media> {
  const media = await ctx.store.media.byHash(id);
  if (!media) throw new TRPCError({ code: 'NOT_FOUND', message: `No picture has the id ${id}` });
  return media;
}

/** A picture with the addresses of its variants, as the desk and other clients show it. */
const withVariants = (media: Media) => ({ ...media, id: media.hash, variants: variantAddresses(media) });

/**
 * The media library. Pictures arrive by `POST /media` (plugins/media-upload.ts); here they are
 * found, described and removed. Anyone who writes may use the library; authors describe
 * pictures, and only editors delete one, which no article may still use.
 */
export const mediaRouter = {
  /** Newest first, in keyset pages; `q` finds words of the alt text, caption or credit. */
  list: roleProcedure('contributor')
    .input(
      z
        .object({
          q: z.string().max(limits.searchQuery).optional(),
          cursor: z.string().max(limits.cursor, 'cursor is too long').optional(),
          limit: PageLimitSchema.optional(),
        })
        .strict(),
    )
    .query(async ({ ctx, input }) => {
      const page = await ctx.store.media.list(input);
      return { items: page.items.map(withVariants), nextCursor: page.nextCursor };
    }),

  byId: roleProcedure('contributor')
    .input(ById)
    .query(async ({ ctx, input }) => withVariants(await keptPicture(ctx, input.id))),

  /** Alt text, caption, credit and focal point; a new focal point gives the crops new addresses. */
  update: roleProcedure('author')
    .input(ById.extend(UpdateMediaInputSchema.shape).strict())
    .mutation(async ({ ctx, input }) => {
      const { id, ...fields } = input;
      await keptPicture(ctx, id);
      return withVariants(await ctx.store.media.update(id, fields, writtenBy(ctx)));
    }),

  /** The articles that use the picture, as hero or in the body: the ones to change before deleting it. */
  usage: roleProcedure('contributor')
    .input(ById)
    .query(async ({ ctx, input }) => {
      await keptPicture(ctx, input.id);
      return ctx.store.media.usage(input.id);
    }),

  /** Refused with CONFLICT, naming the articles, while any article uses the picture. */
  delete: roleProcedure('editor')
    .input(ById)
    .mutation(async ({ ctx, input }) => {
      await ctx.store.media.delete(input.id, writtenBy(ctx));
      return { id: input.id, deleted: true };
    }),
} satisfies TRPCRouterRecord;
