import type { Article } from '@newsroom/domain';
import { readerApi, webConfig } from './api';
import {
  type CommentErrors,
  type CommentValues,
  commentFailureOf,
  emptyComment,
  hasErrors,
  readCommentForm,
  validateComment,
} from './comment-form';
import type { Failure } from './load';
import { articlePath, withQuery } from './paths';
import { isSameOriginPost } from './same-origin';

// The comment form posts to the article page itself. This is what the page does with the post:
// refuse another site's form, then validate, send to the API and redirect back
// (Post/Redirect/Get), or show the form again with the reader's text and what to fix.

/**
 * The answer to a form posted from another site (CSRF), or null for this site's own: checked
 * before the story is loaded or anything of the post is read.
 */
export function refusedCommentPost(request: Request, url: URL): Failure | null {
  if (isSameOriginPost(request, url, webConfig.SITE_URL)) return null;
  return {
    ok: false,
    status: 403,
    title: 'Forbidden',
    message: 'Comments can only be sent from the form on this site.',
  };
}

/** Where to send the reader (303), or the page's status with the form as they left it. */
export type CommentPostAnswer =
  | { redirect: string }
  | { status: number; values: CommentValues; errors: CommentErrors };

/**
 * Takes the comment posted to `article`'s page in the name of the reader at `clientAddress`
 * (the API limits comments per address). A success, or a bot's post (dropped, but answered
 * like a success so it learns nothing), redirects back to the story with the notice to show.
 */
export async function receiveComment(
  article: Pick<Article, 'id' | 'slug' | 'commentPolicy'>,
  request: Request,
  clientAddress: string | null,
): Promise<CommentPostAnswer> {
  if (article.commentPolicy === 'closed') return { status: 403, values: emptyComment, errors: {} };
  const form = await request.formData().catch(() => null);
  if (!form) {
    return {
      status: 400,
      values: emptyComment,
      errors: { form: 'Your comment could not be read. Please try again.' },
    };
  }
  const { values, isBot } = readCommentForm(form);
  const done = (notice: 'pending' | 'published', anchor: string) => ({
    redirect: `${withQuery(articlePath(article.slug), { comment: notice })}#${anchor}`,
  });
  if (isBot)
    return article.commentPolicy === 'open' ? done('published', 'comments') : done('pending', 'comments');
  const errors = validateComment(values);
  if (hasErrors(errors)) return { status: 400, values, errors };
  try {
    const created = await readerApi(clientAddress).comment.create.mutate({
      articleId: article.id,
      displayName: values.displayName.trim(),
      body: values.body.trim(),
      parentId: values.parentId,
    });
    return created.status === 'approved'
      ? done('published', `comment-${created.id}`)
      : done('pending', 'comments');
  } catch (error) {
    return { ...commentFailureOf(error), values };
  }
}
