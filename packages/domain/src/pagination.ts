import { z } from 'zod';
import { ArticleStatusSchema, TimestampSchema } from './article.js';
import { limits } from './limits.js';
import { SlugSchema } from './slug.js';

/**
 * A keyset cursor: the sort key of the last item a page returned. Opaque to clients
 * (base64url JSON), so its shape can change without breaking them.
 */
export const CursorPositionSchema = z.object({ at: TimestampSchema, id: z.uuid() }).strict();
export type CursorPosition = z.infer<typeof CursorPositionSchema>;

export function encodeCursor(position: CursorPosition): string {
  return encodeTupleCursor([position.at, position.id]);
}

/** The position in a cursor, or null when the cursor is not one this system made. */
export function decodeCursor(cursor: string): CursorPosition | null {
  const tuple = decodeTupleCursor(cursor, 2);
  if (!tuple) return null;
  const result = CursorPositionSchema.safeParse({ at: tuple[0], id: tuple[1] });
  return result.success ? result.data : null;
}

/** A sort key as an opaque cursor: base64url of a JSON array. */
export function encodeTupleCursor(values: readonly unknown[]): string {
  return base64url(JSON.stringify(values));
}

/** The array in a cursor when it has `length` items; null for anything else. */
export function decodeTupleCursor(cursor: string, length: number): unknown[] | null {
  try {
    const parsed: unknown = JSON.parse(fromBase64url(cursor));
    return Array.isArray(parsed) && parsed.length === length ? parsed : null;
  } catch {
    return null;
  }
}

export const CursorSchema = z
  .string()
  .max(limits.cursor, 'cursor is too long')
  .refine((c) => decodeCursor(c) !== null, {
    message: 'cursor is not valid; use nextCursor from a previous page',
  });

export const PageLimitSchema = z
  .number()
  .int('limit must be a whole number')
  .min(1, 'limit must be at least 1')
  .max(limits.pageMax, `limit must be at most ${limits.pageMax}`)
  .default(limits.pageDefault);

export const ArticleListInputSchema = z
  .object({
    section: SlugSchema.optional(),
    tag: SlugSchema.optional(),
    author: SlugSchema.optional(),
    /** Only editors see anything but published articles; the API enforces that. */
    status: ArticleStatusSchema.optional(),
    /** Published at or after. */
    from: TimestampSchema.optional(),
    /** Published before. */
    to: TimestampSchema.optional(),
    cursor: CursorSchema.optional(),
    limit: PageLimitSchema,
  })
  .strict();
export type ArticleListInput = z.input<typeof ArticleListInputSchema>;
export type ArticleListQuery = z.output<typeof ArticleListInputSchema>;

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

function base64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}
