import { describe, expect, it } from 'vitest';
import { formatDateTime, formatUpdated, wasUpdated } from './dates';

describe('dates as readers read them', () => {
  it('writes the published time the way British news sites do', () => {
    expect(formatDateTime('2025-07-10T14:05:00.000Z')).toBe('10 July 2025, 14:05');
  });

  it('writes an update on the same day as just the time, and on a later day in full', () => {
    expect(formatUpdated('2025-07-10T14:05:00.000Z', '2025-07-10T16:40:00.000Z')).toBe('16:40');
    expect(formatUpdated('2025-07-10T14:05:00.000Z', '2025-07-11T09:00:00.000Z')).toBe('11 July 2025, 09:00');
  });

  it('does not call a save within a minute of publication an update', () => {
    expect(wasUpdated('2025-07-10T14:05:00.000Z', '2025-07-10T14:05:30.000Z')).toBe(false);
    expect(wasUpdated('2025-07-10T14:05:00.000Z', '2025-07-10T14:20:00.000Z')).toBe(true);
  });
});
