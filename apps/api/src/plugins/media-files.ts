import { createHash } from 'node:crypto';
import { cacheKey } from '@newsroom/domain';
import { TRPCError } from '@trpc/server';
import type { FastifyPluginAsync } from 'fastify';
import type { PictureWork } from '../media/picture-work.js';

/**
 * `GET /media/<hash>/<variant>`: a picture's variant (`640.avif`, `card-500-500.jpg`), made on its
 * first request and kept; `card.jpg` and the like redirect to the crop around the focal point as
 * it is now. A variant's address never serves other bytes (a moved focal point gives the
 * crops new addresses), so browsers and CDNs may keep it for a year without asking again.
 */
export const mediaFiles: FastifyPluginAsync<{ work: PictureWork }> = async (app, { work }) => {
  const route = { config: { ownCaching: true } };
  app.get<{ Params: { hash: string; name: string } }>('/media/:hash/:name', route, async (request, reply) => {
    const { hash, name } = request.params;
    const crop = /^[0-9a-f]{64}$/.test(hash) ? await work.currentCrop(hash, name) : null;
    if (crop) {
      // Short-lived: the focal point may move, and the crop with it.
      return reply.code(307).header('location', crop).header('cache-control', 'public, max-age=300').send();
    }
    const variant = /^[0-9a-f]{64}$/.test(hash) ? await work.variant(hash, name) : null;
    if (!variant) {
      reply.header('cache-control', 'no-store');
      throw new TRPCError({
        code: 'NOT_FOUND',
        message: `No picture variant at /media/${hash.slice(0, 64)}/${name.slice(0, 40)}`,
      });
    }
    const etag = `"${createHash('sha256').update(variant.bytes).digest('base64url').slice(0, 27)}"`;
    // Kept until the picture is deleted: its variants never change.
    request.cacheKeys = new Set([cacheKey.media(hash)]);
    reply.header('cache-control', 'public, max-age=31536000, immutable');
    reply.header('etag', etag);
    reply.header('x-content-type-options', 'nosniff');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type(variant.contentType).send(variant.bytes);
  });
};
