import { type DeskStatus, deskStatuses, limits, SlugSchema } from '@newsroom/domain';
import { z } from 'zod';

export const deskStatusWords: Record<DeskStatus, string> = {
  draft: 'Draft',
  'in-review': 'In review',
  scheduled: 'Scheduled',
  published: 'Published',
  archived: 'Archived',
};

const FiltersSchema = z.object({
  statuses: z.array(z.enum(deskStatuses)).max(deskStatuses.length),
  section: SlugSchema.optional(),
  author: SlugSchema.optional(),
  mine: z.boolean(),
  q: z.string().trim().max(limits.searchQuery).optional(),
  cursor: z.string().max(limits.cursor).optional(),
});
export type StoryFilters = z.infer<typeof FiltersSchema>;

/**
 * The list's filters from its address: the form's GET fields. A value that is not one the form
 * offers (a hand-edited address) is a clear 400 message, not an error page.
 */
export function storyFiltersOf(
  params: URLSearchParams,
): { ok: true; filters: StoryFilters } | { ok: false; message: string } {
  const text = (name: string) => params.get(name)?.trim() || undefined;
  const result = FiltersSchema.safeParse({
    statuses: [...new Set(params.getAll('status'))],
    section: text('section'),
    author: text('author'),
    mine: params.get('mine') === '1',
    q: text('q'),
    cursor: text('cursor'),
  });
  if (result.success) return { ok: true, filters: result.data };
  const field = String(result.error.issues[0]?.path[0] ?? 'filter');
  return { ok: false, message: `That ${field === 'q' ? 'search' : field} is not one the desk knows.` };
}

/** The filters as article.desk takes them: a blank search is left out, not sent empty. */
export function deskQueryOf(filters: StoryFilters, limit: number) {
  const { q, cursor, ...rest } = filters;
  return { ...rest, ...(q ? { q } : {}), ...(cursor ? { cursor } : {}), limit };
}

/** The address of the list with these filters, for the next page and for links. */
export function storyListAddress(filters: StoryFilters, cursor?: string): string {
  const params = new URLSearchParams();
  for (const status of filters.statuses) params.append('status', status);
  if (filters.section) params.set('section', filters.section);
  if (filters.author) params.set('author', filters.author);
  if (filters.mine) params.set('mine', '1');
  if (filters.q) params.set('q', filters.q);
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  return query ? `/?${query}` : '/';
}
