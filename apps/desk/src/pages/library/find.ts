import { limits } from '@newsroom/domain';
import type { APIRoute } from 'astro';
import { answer } from '../../lib/json-endpoint';
import { libraryPicture } from '../../lib/library-picture';

/** Library pictures for the editor's picture dialog: the newest, or those matching words. */
export const GET: APIRoute = async ({ locals, url }) => {
  const q = url.searchParams.get('q')?.trim().slice(0, limits.searchQuery) ?? '';
  return answer(async () => {
    const page = await locals.api.media.list.query({ limit: 12, ...(q ? { q } : {}) });
    return { items: page.items.map(libraryPicture) };
  });
};
