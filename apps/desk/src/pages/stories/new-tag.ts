import { slugify } from '@newsroom/domain';
import type { APIRoute } from 'astro';
import { answer, badJson, jsonBodyOf } from '../../lib/json-endpoint';

/** A tag made from the story editor: its name and type; the slug comes from the name. */
export const POST: APIRoute = async ({ locals, request }) => {
  const body = await jsonBodyOf(request);
  if (!body || typeof body.name !== 'string' || typeof body.type !== 'string') return badJson();
  const { name, type } = body;
  return answer(() => locals.api.tag.create.mutate({ slug: slugify(name), name, type: type as never }));
};
