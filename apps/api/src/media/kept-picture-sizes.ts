import { type Block, type Image, mediaHashOf } from '@newsroom/domain';
import { TRPCError } from '@trpc/server';
import type { Context } from '../context.js';

interface Pictures {
  heroImage?: Image | null | undefined;
  body?: Block[] | undefined;
}

/**
 * An article's pictures with each kept one (`/media/<hash>`) at the size the library has it:
 * the site asks for the variants that size has, so a size typed or guessed wrongly would name
 * variants that do not exist. A picture the library does not have is refused with its address.
 */
export async function withKeptPictureSizes<T extends Pictures>(ctx: Context, input: T): Promise<T> {
  const images: Image[] = [
    ...(input.heroImage ? [input.heroImage] : []),
    ...(input.body ?? []).filter((block) => block.type === 'image'),
  ];
  const hashes = [...new Set(images.map((image) => mediaHashOf(image.src)).filter((hash) => hash !== null))];
  if (hashes.length === 0) return input;
  const sizes = new Map<string, { width: number; height: number }>();
  for (const hash of hashes) {
    const media = await ctx.store.media.byHash(hash);
    if (!media) {
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: `No picture in the library has the address /media/${hash}: upload it first`,
      });
    }
    sizes.set(hash, { width: media.width, height: media.height });
  }
  const sized = <I extends Image>(image: I): I => {
    const size = sizes.get(mediaHashOf(image.src) ?? '');
    return size ? { ...image, ...size } : image;
  };
  return {
    ...input,
    ...(input.heroImage ? { heroImage: sized(input.heroImage) } : {}),
    ...(input.body
      ? { body: input.body.map((block) => (block.type === 'image' ? sized(block) : block)) }
      : {}),
  };
}
