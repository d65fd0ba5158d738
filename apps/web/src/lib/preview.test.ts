import { describe, expect, it } from 'vitest';
import { previewHeadingOf, previewStatusOf } from './preview';

const unpublished = { scheduledFor: null, publishedAt: null, reviewRequestedAt: null };

describe('the preview banner', () => {
  it('says whether the story is published, and its state in words', () => {
    expect(previewHeadingOf({ status: 'draft' })).toBe('Preview: not published');
    expect(previewHeadingOf({ status: 'archived' })).toBe('Preview: not published');
    expect(previewHeadingOf({ status: 'published' })).toBe('Preview: published');
    expect(previewStatusOf({ ...unpublished, status: 'draft' })).toBe('Draft');
    expect(
      previewStatusOf({ ...unpublished, status: 'draft', reviewRequestedAt: '2025-07-10T08:00:00.000Z' }),
    ).toBe('Draft, awaiting review');
    expect(
      previewStatusOf({ ...unpublished, status: 'scheduled', scheduledFor: '2025-07-14T09:00:00.000Z' }),
    ).toBe('Scheduled for 14 July 2025, 09:00');
    expect(
      previewStatusOf({ ...unpublished, status: 'published', publishedAt: '2025-07-10T14:05:00.000Z' }),
    ).toBe('Published 10 July 2025, 14:05');
    expect(previewStatusOf({ ...unpublished, status: 'archived' })).toBe('Archived: taken off the site');
  });
});
