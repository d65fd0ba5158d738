import type { Article } from '@newsroom/domain';
import type { DeskClient } from '../../../lib/api';
import { storyFieldsOf } from '../../../lib/story-fields';

/** What the editor learns from a save: the server's version of the fields, as stored. */
export function savedState(article: Article) {
  return {
    version: article.version,
    updatedAt: article.updatedAt,
    status: article.status,
    wordCount: article.wordCount,
    readingTimeMinutes: article.readingTimeMinutes,
    fields: storyFieldsOf(article),
  };
}
export type SavedState = ReturnType<typeof savedState>;

/** The story as someone else saved it, and who: for the conflict screen. */
export async function theirState(api: DeskClient, id: string) {
  const [article, revisions] = await Promise.all([
    api.article.byId.query({ id }),
    api.article.revisions.query({ id, limit: 1 }),
  ]);
  return { ...savedState(article), by: revisions.items[0]?.actor.name ?? null };
}
