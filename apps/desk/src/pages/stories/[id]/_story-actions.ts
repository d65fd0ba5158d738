import type { DeskClient } from '../../../lib/api';
import { type CallFailure, failureOf } from '../../../lib/api-errors';
import { deskConfig } from '../../../lib/desk-config';
import { fieldOf } from '../../../lib/form';
import { utcOfLocalTime } from '../../../lib/newsroom-time';

/** What a workflow button on the story page did: where to go next, or what failed and why. */
export type StoryOutcome =
  | { kind: 'redirect'; to: string }
  | { kind: 'shared'; link: string; expiresAt: string }
  | { kind: 'warned'; warnings: string[] }
  | { kind: 'failed'; failure: CallFailure };

const refused = (message: string): StoryOutcome => ({
  kind: 'failed',
  failure: { status: 400, message, fields: {}, code: null },
});

/** Words for the done= notice after each action. */
export const storyDoneMessages: Record<string, string> = {
  submitted: 'Sent to the editors for review.',
  published: 'Published: readers can see it now.',
  scheduled: 'Scheduled.',
  unpublished: 'Unpublished: it is a draft again and readers no longer see it.',
  archived: 'Archived.',
  corrected: 'The correction is published with the story.',
  restored: 'That version is back, saved as the newest one.',
  revoked: 'That preview link no longer works.',
};

/**
 * The story page's forms, each named by its `action` field and carrying the version the person
 * saw. The API decides who may do what; a refusal comes back as its message.
 */
export async function storyAction(
  api: DeskClient,
  id: string,
  form: FormData,
  warningsOf: () => Promise<string[]>,
): Promise<StoryOutcome> {
  const action = fieldOf(form, 'action', 40);
  const version = Number(fieldOf(form, 'version', 20));
  if (!Number.isInteger(version) || version < 1)
    return refused('The page was out of date: reload it and try again.');
  const done = (what: string): StoryOutcome => ({ kind: 'redirect', to: `/stories/${id}?done=${what}` });
  try {
    switch (action) {
      case 'submit':
        await api.article.submit.mutate({ id, version });
        return done('submitted');
      case 'publish': {
        const warnings = fieldOf(form, 'override', 5) === '1' ? [] : await warningsOf();
        if (warnings.length > 0) return { kind: 'warned', warnings };
        await api.article.publish.mutate({ id, version });
        return done('published');
      }
      case 'schedule': {
        const local = fieldOf(form, 'at', 40);
        const at = utcOfLocalTime(local, deskConfig.NEWSROOM_TIMEZONE);
        if (!at) return refused(`Give a date and time that exists in ${deskConfig.NEWSROOM_TIMEZONE}.`);
        await api.article.schedule.mutate({ id, version, at: at.toISOString() });
        return done('scheduled');
      }
      case 'unpublish':
        await api.article.unpublish.mutate({ id, version });
        return done('unpublished');
      case 'archive':
        await api.article.archive.mutate({ id, version });
        return done('archived');
      case 'correction':
        await api.article.addCorrection.mutate({ id, version, note: fieldOf(form, 'note', 5_000) });
        return done('corrected');
      case 'restore':
        await api.article.restore.mutate({ id, version, revisionId: fieldOf(form, 'revision', 100) });
        return done('restored');
      default:
        return refused('The desk does not know that action.');
    }
  } catch (error) {
    return { kind: 'failed', failure: failureOf(error) };
  }
}
