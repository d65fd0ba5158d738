import { describe, expect, it } from 'vitest';
import { CreatePreviewInputSchema, PreviewTokenSchema, previewExpiry } from './preview.js';

const articleId = '00000000-0000-4000-8000-000000000001';
const now = new Date('2025-07-10T12:00:00.000Z');

describe('asking for a preview link', () => {
  it('is a share link for 7 days unless told otherwise', () => {
    const input = CreatePreviewInputSchema.parse({ articleId });
    expect(input).toEqual({ articleId, purpose: 'share' });
    expect(previewExpiry(input, now).toISOString()).toBe('2025-07-17T12:00:00.000Z');
    expect(previewExpiry({ purpose: 'share', days: 30 }, now).toISOString()).toBe('2025-08-09T12:00:00.000Z');
  });

  it('gives the desk its own link for an hour, which takes no days', () => {
    const input = CreatePreviewInputSchema.parse({ articleId, purpose: 'desk' });
    expect(previewExpiry(input, now).toISOString()).toBe('2025-07-10T13:00:00.000Z');
    const refused = CreatePreviewInputSchema.safeParse({ articleId, purpose: 'desk', days: 2 });
    expect(refused.error?.issues[0]).toMatchObject({
      path: ['days'],
      message: 'a desk preview link always lasts 60 minutes: leave out days',
    });
  });

  it('refuses a length outside 1 to 30 whole days, and unknown fields, saying why', () => {
    const message = (input: unknown) => CreatePreviewInputSchema.safeParse(input).error?.issues[0]?.message;
    expect(message({ articleId, days: 0 })).toBe('a preview link lasts at least 1 day');
    expect(message({ articleId, days: 31 })).toBe('a preview link lasts at most 30 days');
    expect(message({ articleId, days: 1.5 })).toBe('days is a whole number');
    expect(CreatePreviewInputSchema.safeParse({ articleId, secret: 'x' }).success).toBe(false);
    expect(CreatePreviewInputSchema.safeParse({ articleId: 'not-a-uuid' }).success).toBe(false);
  });
});

describe('a preview token as typed', () => {
  it('is any text of 1 to 100 characters, so a bad link is looked up like any other', () => {
    expect(PreviewTokenSchema.parse('nrp_not-ours')).toBe('nrp_not-ours');
    expect(PreviewTokenSchema.safeParse('').success).toBe(false);
    expect(PreviewTokenSchema.safeParse('x'.repeat(101)).error?.issues[0]?.message).toBe(
      'a preview token has at most 100 characters',
    );
  });
});
