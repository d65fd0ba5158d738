import { SlugSchema } from '@newsroom/domain';
import type { AstroGlobal } from 'astro';
import { type CallFailure, failureOf } from '../lib/api-errors';
import { formOf } from '../lib/form';
import { type RoomAccess, roomAccess } from '../lib/room-access';
import { type Me, signedIn } from '../lib/signed-in';
import { type Noun, type TaxonomyOutcome, taxonomyAction, taxonomyDoneMessage } from './_taxonomy-actions';

/** One section, tag or author as the room lists it (the fields the three kinds have between them). */
export interface RoomItem {
  slug: string;
  name: string;
  articleCount: number;
  description?: string | null;
  type?: string;
  order?: number;
  bio?: string | null;
  avatar?: string | null;
}

/** Everything /tags, /sections or /authors shows, worked out before any of it is rendered. */
export interface TaxonomyRoomProps {
  noun: Noun;
  me: Me['person'];
  access: RoomAccess;
  items: RoomItem[];
  /** The one being edited (`?edit=slug`), if it exists. */
  editing: RoomItem | null;
  done: string | null;
  failed: Extract<TaxonomyOutcome, { kind: 'failed' }> | null;
  /** A problem with the address itself: an `edit` slug no one has. */
  problem: CallFailure | null;
}

const paths: Record<Noun, string> = { tag: '/tags', section: '/sections', author: '/authors' };

/**
 * The room of one kind of taxonomy for the signed-in editor: runs a posted form (answering with
 * a 303 to the address to show next) and loads the list, or answers the redirect to sign in.
 */
export async function taxonomyRoom(astro: AstroGlobal, noun: Noun): Promise<Response | TaxonomyRoomProps> {
  const found = await signedIn(astro);
  if ('redirect' in found) return found.redirect;
  const access = roomAccess(found.me, 'editor');
  const base = { noun, me: found.me.person, access, done: null, failed: null, problem: null };
  if (access !== 'ok') {
    astro.response.status = 403;
    return { ...base, items: [], editing: null };
  }

  let failed: TaxonomyRoomProps['failed'] = null;
  if (astro.request.method === 'POST') {
    const outcome = await taxonomyAction(astro.locals.api, noun, await formOf(astro.request));
    if (outcome.kind === 'redirect') {
      const anchor = outcome.to.edit ? '#edit' : '';
      return astro.redirect(`${paths[noun]}?${new URLSearchParams(outcome.to)}${anchor}`, 303);
    }
    failed = outcome;
    astro.response.status = outcome.failure.status;
  }

  let items: RoomItem[];
  try {
    items = await astro.locals.api[noun].list.query();
  } catch (error) {
    const failure = failureOf(error);
    astro.response.status = failure.status;
    return { ...base, items: [], editing: null, failed, problem: failure };
  }
  const editParam = astro.url.searchParams.get('edit');
  const editSlug = SlugSchema.safeParse(editParam);
  const editing = editSlug.success ? (items.find((item) => item.slug === editSlug.data) ?? null) : null;
  let problem: CallFailure | null = null;
  if (editParam !== null && !editing) {
    // Deleted or merged meanwhile, or a mistyped address: the list, and why the form is missing.
    problem = {
      status: 404,
      message: `No ${noun} has the slug “${editParam.slice(0, 120)}”.`,
      fields: {},
      code: null,
    };
    if (!failed) astro.response.status = 404;
  }
  const done = failed ? null : taxonomyDoneMessage(noun, astro.url.searchParams);
  return { ...base, items, editing, done, failed, problem };
}
