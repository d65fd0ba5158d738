import type { Article } from './article.js';
import type { Block } from './blocks.js';

/**
 * What an editor should look at before a story goes out: things readers would notice missing
 * or broken. None of them stops publication; an editor may publish anyway.
 *
 * `publishedSlugs` are the slugs among the story's see-also links that lead to a published
 * story; any other see-also leads nowhere a reader can follow.
 */
export function publishWarningsOf(
  article: Pick<Article, 'section' | 'standfirst' | 'heroImage' | 'body'>,
  publishedSlugs: ReadonlySet<string>,
): string[] {
  const warnings: string[] = [];
  if (!article.section) warnings.push('It has no section.');
  if (!article.standfirst?.trim()) warnings.push('It has no standfirst.');
  if (article.heroImage && !article.heroImage.alt.trim()) warnings.push('The hero picture has no alt text.');
  article.body.forEach((block, index) => {
    if (block.type === 'image' && !block.alt.trim()) {
      warnings.push(
        `The picture in block ${index + 1}${block.caption ? ` (“${block.caption}”)` : ''} has no alt text.`,
      );
    }
    if (block.type === 'see-also' && (block.slug === null || !publishedSlugs.has(block.slug))) {
      warnings.push(`“See also: ${block.headline}” points to no published story.`);
    }
  });
  return warnings;
}

/** The slugs a story's see-also blocks name, to look up before publishWarningsOf. */
export function seeAlsoSlugsOf(body: readonly Block[]): string[] {
  return [...new Set(body.flatMap((block) => (block.type === 'see-also' && block.slug ? [block.slug] : [])))];
}
