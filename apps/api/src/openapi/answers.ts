/**
 * The shapes of the answers that have a REST path (`.output()` on their procedures), made from
 * the domain's schemas. Each has an `id`, so the OpenAPI description names it once under
 * `components.schemas` and clients generated from it get a named type. tRPC checks every answer
 * against its schema, so the description cannot drift from what is sent.
 */
import {
  ArticleSchema,
  ArticleSummarySchema,
  AuthorSchema,
  CommentSchema,
  DeskStorySchema,
  SectionSchema,
  TagSchema,
} from '@newsroom/domain';
import { z } from 'zod';

/** A page of a list, with the cursor for the next one (`Page<T>` in the domain). */
function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      items: z.array(item),
      /** Pass back as `cursor` for the next page; null on the last page. */
      nextCursor: z
        .string()
        .nullable()
        .meta({ description: 'Pass back as `cursor` for the next page; null on the last' }),
    })
    .meta({ id });
}

export const ArticleAnswer = ArticleSchema.meta({ id: 'Article' });
export const ArticleSummaryAnswer = ArticleSummarySchema.meta({ id: 'ArticleSummary' });
export const ArticleSummaryListAnswer = z.array(ArticleSummaryAnswer);
export const ArticlePageAnswer = pageOf(ArticleSummaryAnswer, 'ArticlePage');

export const SearchHitAnswer = ArticleSummarySchema.extend({
  /** Where the words were found, as plain-text runs; `match` runs are the words that matched. */
  snippet: z.array(z.object({ text: z.string(), match: z.boolean() })),
}).meta({ id: 'SearchHit' });
export const SearchPageAnswer = pageOf(SearchHitAnswer, 'SearchPage');

export const DeskStoryPageAnswer = pageOf(DeskStorySchema.meta({ id: 'DeskStory' }), 'DeskStoryPage');

export const ArticleDeletedAnswer = z
  .object({ id: z.uuid(), deleted: z.literal(true) })
  .meta({ id: 'ArticleDeleted' });

const CommentAnswer = CommentSchema.meta({ id: 'Comment' });

export { CommentAnswer };
export const CommentThreadPageAnswer = pageOf(
  CommentSchema.extend({ replies: z.array(CommentAnswer) }).meta({ id: 'CommentThread' }),
  'CommentThreadPage',
);

/** A section, tag or author as an editor writes it, and as it is listed (with its count of published stories). */
function taxonomyAnswers<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>, id: string) {
  const item = schema.meta({ id });
  const counted = schema.extend({ articleCount: z.number().int().min(0) }).meta({ id: `Counted${id}` });
  return {
    item,
    counted,
    list: z.array(counted),
    /** One, with a page of its latest published stories. */
    withArticles: schema
      .extend({ articleCount: z.number().int().min(0), articles: ArticlePageAnswer })
      .meta({ id: `${id}WithArticles` }),
  };
}

export const sectionAnswers = taxonomyAnswers(SectionSchema, 'Section');
export const tagAnswers = taxonomyAnswers(TagSchema, 'Tag');
export const authorAnswers = taxonomyAnswers(AuthorSchema, 'Author');
