import { errorCodeOf } from '@newsroom/api/client';

/** The `cursor` of a list page's address, cut to what a cursor can be (the API refuses longer). */
export function cursorParam(url: URL): string | undefined {
  return url.searchParams.get('cursor')?.slice(0, 500) || undefined;
}

/**
 * A page of a keyset list at `cursor`. An address whose cursor is not one the API made (typed
 * in, or from an older list) gives the first page instead, with `badCursor` so the page can say
 * so and answer 400; any other failure is thrown.
 */
export async function pageOrFirst<T>(
  cursor: string | undefined,
  load: (cursor: string | undefined) => Promise<T>,
): Promise<{ page: T; badCursor: boolean }> {
  try {
    return { page: await load(cursor), badCursor: false };
  } catch (error) {
    if (cursor === undefined || errorCodeOf(error) !== 'BAD_REQUEST') throw error;
    return { page: await load(undefined), badCursor: true };
  }
}

/** The message for a cursor that was not ours. */
export const badCursorMessage = 'That page of the list does not exist; here is the first page.';
