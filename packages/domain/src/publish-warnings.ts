import type { Article } from './article.js';
import type { Block } from './blocks.js';
import { mediaHashOf } from './media.js';

/** What the library says of each kept picture a story uses (`mediaHashesIn`): null if it is gone. */
export type LibraryPictures = ReadonlyMap<string, { alt: string } | null>;

/**
 * What an editor should look at before a story goes out: things readers would notice missing
 * or broken. None of them stops publication; an editor may publish anyway.
 *
 * `publishedSlugs` are the slugs among the story's see-also links that lead to a published
 * story; any other see-also leads nowhere a reader can follow. `library` holds the kept pictures
 * the story uses: each needs its alt text in the library too, where the next story takes it from.
 */
export function publishWarningsOf(
  article: Pick<Article, 'section' | 'standfirst' | 'heroImage' | 'body'>,
  publishedSlugs: ReadonlySet<string>,
  library: LibraryPictures = new Map(),
): string[] {
  const warnings: string[] = [];
  /** The one thing to say about a picture's text alternative, if anything. */
  const altWarning = (picture: { src: string; alt: string }, which: string) => {
    if (!picture.alt.trim()) return warnings.push(`${which} has no alt text.`);
    const hash = mediaHashOf(picture.src);
    const kept = hash === null ? undefined : library.get(hash);
    if (kept === null) return warnings.push(`${which} is no longer in the library.`);
    if (kept && !kept.alt.trim()) return warnings.push(`${which} has no alt text in the library.`);
  };
  if (!article.section) warnings.push('It has no section.');
  if (!article.standfirst?.trim()) warnings.push('It has no standfirst.');
  if (article.heroImage) altWarning(article.heroImage, 'The hero picture');
  article.body.forEach((block, index) => {
    if (block.type === 'image') {
      altWarning(block, `The picture in block ${index + 1}${block.caption ? ` (“${block.caption}”)` : ''}`);
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
