import type { APIRoute } from 'astro';
import { maxStoryBytes } from '../../../../refused-requests.mjs';
import { failureOf } from '../../../lib/api-errors';
import { badJson, json, jsonBodyOf } from '../../../lib/json-endpoint';
import { storyFieldNames } from '../../../lib/story-fields';
import { savedState, theirState } from './_saved-state';

/**
 * The editor's autosave: the changed fields and the version they were based on. A story saved
 * by someone else since then answers 409 with their version, so the editor can show both and
 * nothing is overwritten without the person choosing it.
 */
export const POST: APIRoute = async ({ locals, params, request }) => {
  const id = params.id ?? '';
  const body = await jsonBodyOf(request, maxStoryBytes);
  if (!body || !Number.isInteger(body.version) || !body.changes || typeof body.changes !== 'object')
    return badJson();
  const changes = Object.fromEntries(
    storyFieldNames.flatMap((name) =>
      name in (body.changes as object) ? [[name, (body.changes as Record<string, unknown>)[name]]] : [],
    ),
  );
  try {
    const article = await locals.api.article.update.mutate({
      id,
      version: body.version as number,
      ...changes,
    } as never);
    return json(savedState(article));
  } catch (error) {
    const failure = failureOf(error);
    if (failure.code === 'CONFLICT') {
      // A newer version is someone else's save; the same version means the conflict is with
      // another story (its address is taken), which only a change of the field resolves.
      const theirs = await theirState(locals.api, id).catch(() => null);
      if (theirs && theirs.version !== body.version) return json({ message: failure.message, theirs }, 409);
      return json({ message: failure.message, fields: {} }, 422);
    }
    const message =
      failure.code === 'UNAUTHORIZED'
        ? 'Your session has ended. Sign in again in another tab: your text stays here and is saved once you are back.'
        : failure.code === 'NOT_FOUND'
          ? 'This story no longer exists: someone deleted it. Your text stays on this page; copy it into a new story to keep it.'
          : failure.code === 'BAD_REQUEST' && failure.message.startsWith('unknown ')
            ? `Not saved: ${failure.message}, deleted or renamed since this page opened. Choose another, or reload the page to see the current list; your text stays here.`
            : failure.message;
    return json({ message, fields: failure.fields }, failure.status);
  }
};
