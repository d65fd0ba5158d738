import { errorCodeOf } from '@newsroom/api/client';
import { limits } from '@newsroom/domain';

/** The form's field names: also what browser tests and bots see. */
export const commentFields = {
  name: 'displayName',
  body: 'body',
  parentId: 'parentId',
  /** The honeypot: hidden from people, so only bots fill it in. */
  honeypot: 'website',
} as const;

export interface CommentValues {
  displayName: string;
  body: string;
  parentId: string | null;
}

export interface CommentErrors {
  displayName?: string;
  body?: string;
  /** About the whole submission: rate limit, closed comments, an API that did not answer. */
  form?: string;
}

export const emptyComment: CommentValues = { displayName: '', body: '', parentId: null };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

/** The reader's values as typed (kept for re-rendering), and whether a bot filled the honeypot. */
export function readCommentForm(form: FormData): { values: CommentValues; isBot: boolean } {
  const parentId = text(form, commentFields.parentId).trim();
  return {
    values: {
      displayName: text(form, commentFields.name),
      body: text(form, commentFields.body),
      parentId: uuid.test(parentId) ? parentId.toLowerCase() : null,
    },
    isBot: text(form, commentFields.honeypot).trim() !== '',
  };
}

const count = (n: number) => n.toLocaleString('en-GB');

/** Messages for the fields the reader must fix; empty when the comment can be sent. */
export function validateComment(values: CommentValues): CommentErrors {
  const errors: CommentErrors = {};
  const name = values.displayName.trim();
  const body = values.body.trim();
  if (name === '') errors.displayName = 'Please enter your name.';
  else if (name.length > limits.commentName)
    errors.displayName = `Your name is too long: use at most ${count(limits.commentName)} characters.`;
  if (body === '') errors.body = 'Please write your comment.';
  else if (body.length > limits.commentBody)
    errors.body = `Your comment is too long: use at most ${count(limits.commentBody)} characters (it has ${count(body.length)}).`;
  return errors;
}

export const hasErrors = (errors: CommentErrors) => Object.keys(errors).length > 0;

/** The status and message for a comment.create the API refused or never answered. */
export function commentFailureOf(error: unknown): { status: number; errors: CommentErrors } {
  switch (errorCodeOf(error)) {
    case 'TOO_MANY_REQUESTS':
      return {
        status: 429,
        errors: {
          form: 'You have posted several comments in a short time. Please wait a minute, then send this one again.',
        },
      };
    case 'FORBIDDEN':
      return { status: 403, errors: { form: 'Comments are closed on this story.' } };
    case 'NOT_FOUND':
      return {
        status: 400,
        errors: {
          form: 'The comment you replied to is no longer there. You can post yours as a new comment.',
        },
      };
    case 'BAD_REQUEST':
      return {
        status: 400,
        errors: { form: 'Your comment could not be accepted. Please check it and try again.' },
      };
    default:
      console.error('comment.create failed:', error instanceof Error ? error.message : error);
      return {
        status: 503,
        errors: {
          form: 'We could not post your comment just now. Your text is kept below: please try again in a moment.',
        },
      };
  }
}

/** The flag the article page reads after a redirect: what to tell the reader about their comment. */
export type CommentNotice = 'pending' | 'published';

export function noticeOf(value: string | null): CommentNotice | null {
  return value === 'pending' || value === 'published' ? value : null;
}
