import type { APIRoute } from 'astro';
import { answer, json } from '../../lib/json-endpoint';

/** Published stories matching words, for the editor's "See also" picker: slug and headline. */
export const GET: APIRoute = async ({ locals, url }) => {
  const q = url.searchParams.get('q')?.trim().slice(0, 200) ?? '';
  if (!q) return json({ items: [] });
  return answer(async () => {
    const page = await locals.api.article.search.query({ q, limit: 10 });
    return { items: page.items.map((item) => ({ slug: item.slug, headline: item.headline })) };
  });
};
