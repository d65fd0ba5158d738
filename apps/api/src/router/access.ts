import { type Actor, type Article, type CommentPolicy, hasRole, type Principal } from '@newsroom/domain';
import { TRPCError } from '@trpc/server';

/** Who a change is recorded as, in revisions. */
export function actorOf(principal: Principal): Actor {
  return { tokenId: principal.tokenId, personId: principal.personId, name: principal.name };
}

/** The write options naming the caller, for a Store write's revision and event. */
export function writtenBy(ctx: { principal: Principal | null }): { actor?: Actor } {
  return ctx.principal ? { actor: actorOf(ctx.principal) } : {};
}

/** Whether the article is the caller's own: one of its bylines is the token's author. */
export function isOwn(principal: Principal, article: Pick<Article, 'authors'>): boolean {
  return principal.authorSlug !== null && article.authors.some((a) => a.slug === principal.authorSlug);
}

/**
 * Editors and admins may read any article in any status; authors and contributors only their
 * own. Throws FORBIDDEN otherwise.
 */
export function assertCanRead(principal: Principal, article: Pick<Article, 'authors'>): void {
  if (hasRole(principal.role, 'editor') || isOwn(principal, article)) return;
  throw new TRPCError({
    code: 'FORBIDDEN',
    message: `A ${principal.role} may only read their own articles`,
  });
}

/**
 * Editors and admins may edit any article; authors and contributors only their own drafts.
 * Throws FORBIDDEN with the reason otherwise.
 */
export function assertCanEdit(principal: Principal, article: Pick<Article, 'authors' | 'status'>): void {
  if (hasRole(principal.role, 'editor')) return;
  if (!isOwn(principal, article)) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `A ${principal.role} may only change their own articles`,
    });
  }
  if (article.status !== 'draft') {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `A ${principal.role} may only change drafts; this article is ${article.status}`,
    });
  }
}

/** Authors and contributors write under their own byline; their token must name it. */
export function ownAuthorSlug(principal: Principal): string {
  if (!principal.authorSlug) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `This ${principal.role} token is not linked to an author; create it with --author`,
    });
  }
  return principal.authorSlug;
}

/** Opening and closing comments is an editor's decision; others may only leave it as it is. */
export function assertMaySetCommentPolicy(
  principal: Principal,
  wanted: CommentPolicy | undefined,
  current: CommentPolicy = 'moderated',
): void {
  if (wanted !== undefined && wanted !== current && !hasRole(principal.role, 'editor')) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Only editors may open or close comments' });
  }
}
