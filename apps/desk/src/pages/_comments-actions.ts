import { commentPolicies, limits, ModerationStatusSchema } from '@newsroom/domain';
import { z } from 'zod';
import type { DeskClient } from '../lib/api';
import { type CallFailure, failureOf } from '../lib/api-errors';
import { fieldOf } from '../lib/form';

/** What a POST to /comments did: where to go next (with what to say), or what failed. */
export type CommentsOutcome =
  | { kind: 'redirect'; done: Record<string, string> }
  | { kind: 'failed'; failure: CallFailure };

const refused = (message: string): CommentsOutcome => ({
  kind: 'failed',
  failure: { status: 400, message, fields: {}, code: null },
});

const IdSchema = z.uuid();
const PolicySchema = z.enum(commentPolicies);

/**
 * The moderation page's forms. One form holds the whole queue: a row's own button sends
 * `one` = "<decision>:<id>" and decides that comment alone; the buttons above the list send
 * `decision` and decide every ticked comment together. A row's comment-policy control belongs to
 * a small form of its own (action "policy") carrying the story's id and version.
 */
export async function commentsAction(api: DeskClient, form: FormData): Promise<CommentsOutcome> {
  try {
    switch (fieldOf(form, 'action', 40)) {
      case 'moderate': {
        const one = fieldOf(form, 'one', 100);
        if (one) {
          const [decision = '', id = ''] = one.split(':');
          const status = ModerationStatusSchema.safeParse(decision);
          if (!status.success || !IdSchema.safeParse(id).success)
            return refused('The desk does not know that button.');
          await api.comment.moderate.mutate({ id, status: status.data });
          return { kind: 'redirect', done: { done: status.data, n: '1' } };
        }
        const status = ModerationStatusSchema.safeParse(fieldOf(form, 'decision', 40));
        if (!status.success) return refused('Choose what to do with the selected comments.');
        const ids = [
          ...new Set(
            form
              .getAll('ids')
              .filter((id): id is string => typeof id === 'string' && IdSchema.safeParse(id).success),
          ),
        ];
        if (ids.length === 0) return refused('Select at least one comment first.');
        if (ids.length > limits.moderationBatch) {
          return refused(`Select at most ${limits.moderationBatch} comments at once.`);
        }
        const { comments, notFound } = await api.comment.moderateMany.mutate({ ids, status: status.data });
        return {
          kind: 'redirect',
          done: { done: status.data, n: String(comments.length), gone: String(notFound.length) },
        };
      }
      case 'policy': {
        const id = fieldOf(form, 'articleId', 100);
        const version = Number(fieldOf(form, 'version', 20));
        const policy = PolicySchema.safeParse(fieldOf(form, 'commentPolicy', 40));
        if (!policy.success) return refused('Choose whether comments are moderated, open or closed.');
        if (!IdSchema.safeParse(id).success || !Number.isSafeInteger(version) || version < 1) {
          return refused('The desk does not know that story.');
        }
        // minor: closing comments is not news, so the story's public "updated" time stays.
        await api.article.update.mutate({ id, version, commentPolicy: policy.data, minor: true });
        return { kind: 'redirect', done: { done: 'policy', policy: policy.data } };
      }
      default:
        return refused('The desk does not know that form.');
    }
  } catch (error) {
    const failure = failureOf(error);
    if (failure.code === 'CONFLICT') {
      failure.message =
        'Someone saved that story since this page was shown. Here is the queue as it is now: try again.';
    }
    return { kind: 'failed', failure };
  }
}

const decided = { approved: 'approved', rejected: 'rejected', spam: 'marked as spam' } as const;
const policyWords = { moderated: 'held for approval', open: 'shown at once', closed: 'closed' } as const;

/** What the moderator sees after a change, from the redirect's `done`, `n`, `gone` and `policy`. */
export function commentsDoneMessage(params: URLSearchParams): string | null {
  const done = params.get('done') ?? '';
  if (done === 'policy') {
    const policy = PolicySchema.safeParse(params.get('policy'));
    if (!policy.success) return null;
    return policy.data === 'closed'
      ? 'Comments on that story are closed.'
      : `New comments on that story are ${policyWords[policy.data]}.`;
  }
  const status = ModerationStatusSchema.safeParse(done);
  if (!status.success) return null;
  const n = Math.max(0, Math.min(limits.moderationBatch, Number.parseInt(params.get('n') ?? '', 10) || 0));
  const gone = Math.max(
    0,
    Math.min(limits.moderationBatch, Number.parseInt(params.get('gone') ?? '', 10) || 0),
  );
  const what = n === 1 ? 'The comment is' : `${n} comments are`;
  const missing =
    gone > 0
      ? ` ${gone === 1 ? 'One was' : `${gone} were`} already gone, with ${gone === 1 ? 'its story' : 'their stories'}.`
      : '';
  return `${what} ${decided[status.data]}.${missing}`;
}
