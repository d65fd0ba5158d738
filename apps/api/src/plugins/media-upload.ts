import multipart from '@fastify/multipart';
import type { Store } from '@newsroom/db';
import { hasRole } from '@newsroom/domain';
import { MediaError, type MediaRefusal } from '@newsroom/media';
import { type TRPC_ERROR_CODE_KEY, TRPCError } from '@trpc/server';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { recordAudit } from '../audit-trail.js';
import { type Context, createHttpContextFactory, type DeskSettings } from '../context.js';
import { type PictureWork, variantAddresses } from '../media/picture-work.js';
import { writtenBy } from '../router/access.js';

export interface MediaUploadOptions {
  store: Store;
  desk: DeskSettings;
  work: PictureWork;
  /** MEDIA_MAX_BYTES. */
  maxBytes: number;
}

// Room for the multipart boundaries and part headers around the file itself.
const envelopeBytes = 16_384;

const statusOf: Record<MediaRefusal, TRPC_ERROR_CODE_KEY> = {
  'not-a-picture': 'UNSUPPORTED_MEDIA_TYPE',
  'not-only-a-picture': 'UNSUPPORTED_MEDIA_TYPE',
  corrupt: 'UNPROCESSABLE_CONTENT',
  'too-many-pixels': 'PAYLOAD_TOO_LARGE',
};

/**
 * `POST /media`: one picture as multipart/form-data in the field `file`, by a session or a token
 * of role author or above. The picture is checked and cleaned (packages/media) and kept under
 * its hash; the answer is the picture and the addresses of its variants, 201 when it is new and
 * 200 when the same picture was already kept. Every refusal is a 4xx in tRPC's error shape,
 * and nothing is stored.
 */
export const mediaUpload: FastifyPluginAsync<MediaUploadOptions> = async (
  app,
  { store, desk, work, maxBytes },
) => {
  const contextOf = createHttpContextFactory(store, desk);
  const tooLarge = new TRPCError({
    code: 'PAYLOAD_TOO_LARGE',
    message: `This file is larger than ${sizeInWords(maxBytes)} (MEDIA_MAX_BYTES)`,
  });
  await app.register(multipart, {
    limits: { files: 1, fileSize: maxBytes, parts: 4, fields: 3, fieldSize: 1_024, headerPairs: 50 },
  });

  app.post('/media', async (request, reply) => {
    // A refusal may come before the body is read whole: the connection closes rather than
    // read the rest of an upload that is not wanted.
    reply.header('connection', 'close');
    // A declared length over the limit is refused before a byte of the body is read.
    if (Number(request.headers['content-length'] ?? 0) > maxBytes + envelopeBytes) throw tooLarge;
    const ctx = await uploader(request, contextOf);
    if (!request.isMultipart()) {
      throw new TRPCError({
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'Send the picture as multipart/form-data, in a field named "file"',
      });
    }
    const clean = await work.admit(async () => {
      const part = await request.file();
      if (part?.fieldname !== 'file') {
        throw new TRPCError({ code: 'BAD_REQUEST', message: 'Send the picture in a field named "file"' });
      }
      const bytes = await part.toBuffer().catch((error: unknown) => {
        throw (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' ? tooLarge : error;
      });
      return work.clean(bytes).catch((error: unknown) => {
        if (error instanceof MediaError)
          throw new TRPCError({ code: statusOf[error.reason], message: error.message });
        throw error;
      });
    });
    const { media, created } = await store.media.put(clean, {
      uploadedBy: ctx.principal?.name ?? 'API',
      ...writtenBy(ctx),
    });
    if (created) {
      await recordAudit(ctx, {
        action: 'media.upload',
        objectType: 'media',
        objectId: media.hash,
        detail: { width: media.width, height: media.height, size: media.size },
      });
    }
    return reply
      .code(created ? 201 : 200)
      .send({ id: media.hash, ...media, variants: variantAddresses(media) });
  });
};

/** The caller's context, if they may upload: authors, editors and admins. */
async function uploader(
  request: FastifyRequest,
  contextOf: ReturnType<typeof createHttpContextFactory>,
): Promise<Context> {
  const ctx = await contextOf({ req: request });
  const principal = ctx.principal;
  if (!principal) {
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message: 'Uploading needs an API token or a session: send Authorization: Bearer <token>',
    });
  }
  if (principal.mustEnrolSecondFactor || !hasRole(principal.role, 'author')) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Uploading pictures needs the author role or above' });
  }
  return ctx;
}

function sizeInWords(bytes: number): string {
  const [amount, unit] = bytes >= 1_048_576 ? [bytes / 1_048_576, 'MB'] : [bytes / 1_024, 'KB'];
  return `${amount.toLocaleString('en', { maximumFractionDigits: 1 })} ${unit}`;
}
