import type { Counted, Store, TaxonomyRepository } from '@newsroom/db';
import {
  type ArticleSummary,
  CursorSchema,
  cacheKey,
  type Page,
  PageLimitSchema,
  SlugSchema,
} from '@newsroom/domain';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { publicProcedure, roleProcedure } from '../trpc.js';
import { writtenBy } from './access.js';
import { answerKeys, summaryKeys } from './answer-keys.js';

interface TaxonomyOptions<T extends { slug: string }> {
  /** "tag", "section", "author": in messages and as the article-list filter. */
  noun: 'tag' | 'section' | 'author';
  repository: (store: Store) => TaxonomyRepository<T>;
  /** The domain schema of T; its output is T (checked where each router passes it). */
  schema: z.ZodObject;
  /** The answers' schemas (openapi/answers.ts), for the OpenAPI description and tRPC's output check. */
  answers: TaxonomyAnswers<T>;
}

export interface TaxonomyAnswers<T> {
  item: z.ZodType<T>;
  list: z.ZodType<Counted<T>[]>;
  counted: z.ZodType<Counted<T>>;
  withArticles: z.ZodType<Counted<T> & { articles: Page<ArticleSummary> }>;
}

/**
 * The procedures sections, tags and authors share: public reading with counts and latest
 * stories, and editors' create, update (a new slug leaves a redirect), delete and merge.
 */
export function taxonomyProcedures<T extends { slug: string }>({
  noun,
  repository,
  schema,
  answers,
}: TaxonomyOptions<T>) {
  const plural = `${noun}s` as const;
  const tags = [plural];
  const SlugInput = z.object({ slug: SlugSchema }).strict();
  const find = async (store: Store, slug: string) => {
    const item = await repository(store).bySlug(slug);
    if (!item) throw new TRPCError({ code: 'NOT_FOUND', message: `No ${noun} has the slug "${slug}"` });
    return item;
  };
  return {
    /** Every one, with its number of published articles. */
    list: publicProcedure
      .meta({
        openapi: { method: 'GET', path: `/v1/${plural}`, tags, protect: false, summary: `Every ${noun}` },
      })
      .output(answers.list)
      .query(async ({ ctx }) => {
        const items = await repository(ctx.store).list();
        // Each one's count of stories changes with them; a new one changes the list.
        answerKeys(ctx, [cacheKey.every(noun), ...items.map((item) => cacheKey[noun](item.slug))]);
        return items;
      }),

    /** One, with its latest published articles (a page, with a cursor for more). */
    bySlug: publicProcedure
      .meta({
        openapi: {
          method: 'GET',
          path: `/v1/${plural}/{slug}`,
          tags,
          protect: false,
          summary: `One ${noun}, with its latest published stories`,
        },
      })
      .input(SlugInput.extend({ cursor: CursorSchema.optional(), limit: PageLimitSchema }).strict())
      .output(answers.withArticles)
      .query(async ({ ctx, input }) => {
        const item = await find(ctx.store, input.slug);
        const articles = await ctx.store.articles.list({
          [noun]: input.slug,
          status: 'published',
          limit: input.limit,
          ...(input.cursor ? { cursor: input.cursor } : {}),
        });
        answerKeys(ctx, [cacheKey[noun](input.slug), ...summaryKeys(articles.items)]);
        return { ...item, articles };
      }),

    create: roleProcedure('editor')
      .meta({
        openapi: { method: 'POST', path: `/v1/${plural}`, tags, summary: `Creates a ${noun} (editor)` },
      })
      .input(schema)
      .output(answers.item)
      .mutation(({ ctx, input }) => repository(ctx.store).create(input as T, writtenBy(ctx))),

    /** Changes fields; renaming the slug keeps the old one working as a redirect. */
    update: roleProcedure('editor')
      .meta({
        openapi: {
          method: 'POST',
          path: `/v1/${plural}/{slug}`,
          tags,
          summary: `Changes a ${noun} (editor)`,
        },
      })
      .input(z.object({ slug: SlugSchema, patch: schema.partial() }).strict())
      .output(answers.item)
      .mutation(({ ctx, input }) =>
        repository(ctx.store).update(input.slug, input.patch as Partial<T>, writtenBy(ctx)),
      ),

    // No REST path: its only input is the slug, and a POST with no body would need rules of its own.
    delete: roleProcedure('editor')
      .input(SlugInput)
      .mutation(async ({ ctx, input }) => {
        await find(ctx.store, input.slug);
        await repository(ctx.store).delete(input.slug, writtenBy(ctx));
        return { slug: input.slug, deleted: true as const };
      }),

    /** Folds one into another: every article moves over, and the old slug redirects. */
    merge: roleProcedure('editor')
      .meta({
        openapi: {
          method: 'POST',
          path: `/v1/${plural}/{from}/merge`,
          tags,
          summary: `Folds a ${noun} into another (editor)`,
        },
      })
      .input(
        z
          .object({ from: SlugSchema, into: SlugSchema })
          .strict()
          .refine((input) => input.from !== input.into, {
            message: `choose another ${noun} to merge into`,
            path: ['into'],
          }),
      )
      .output(answers.counted)
      .mutation(({ ctx, input }) => repository(ctx.store).merge(input.from, input.into, writtenBy(ctx))),
  };
}
