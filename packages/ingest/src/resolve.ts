import type { ArticleDraft } from '@newsroom/domain';
import type { SeeAlsoResolver } from './ingest-error.js';
import { validSlugOrNull } from './see-also.js';

/**
 * Asks the resolver for each see-also block's slug, in body order. A block it cannot place stays
 * unresolved (slug null) with its headline, and the draft says so. A resolver that throws
 * (the Store is down) fails the parse: the importer decides what that means for the run.
 */
export async function resolveSeeAlsoBlocks(
  draft: ArticleDraft,
  resolve: SeeAlsoResolver | undefined,
): Promise<void> {
  for (const [index, block] of draft.body.entries()) {
    if (block.type !== 'see-also' || block.slug !== null) continue;
    if (!resolve) continue;
    const answer = await resolve(block.headline);
    const slug = validSlugOrNull(answer);
    if (answer != null && slug === null)
      draft.warnings.push(`see also "${block.headline}": resolver gave "${answer}", not a slug`);
    else if (slug === null)
      draft.warnings.push(`see also "${block.headline}": no matching article, kept unresolved`);
    draft.body[index] = { ...block, slug };
  }
}
