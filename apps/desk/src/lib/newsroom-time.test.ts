import { describe, expect, it } from 'vitest';
import { isTimeZone, localTimeOf, utcOfLocalTime } from './newsroom-time';

describe("the newsroom's time zone", () => {
  it('reads a wall-clock time as the UTC moment it names, in winter and in summer', () => {
    expect(utcOfLocalTime('2026-12-24T18:00', 'Europe/London')?.toISOString()).toBe(
      '2026-12-24T18:00:00.000Z',
    );
    expect(utcOfLocalTime('2026-07-01T09:30', 'Europe/London')?.toISOString()).toBe(
      '2026-07-01T08:30:00.000Z',
    );
    expect(utcOfLocalTime('2026-07-01T09:30', 'America/Sao_Paulo')?.toISOString()).toBe(
      '2026-07-01T12:30:00.000Z',
    );
    expect(utcOfLocalTime('2026-07-01T09:30', 'Asia/Kolkata')?.toISOString()).toBe(
      '2026-07-01T04:00:00.000Z',
    );
  });

  it('refuses a time the clocks skip, and takes the first of a time they pass twice', () => {
    // 29 March 2026: London's clocks go from 01:00 to 02:00.
    expect(utcOfLocalTime('2026-03-29T01:30', 'Europe/London')).toBeNull();
    // 25 October 2026: 01:30 happens at 00:30 UTC (summer time) and again at 01:30 UTC.
    expect(utcOfLocalTime('2026-10-25T01:30', 'Europe/London')?.toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });

  it('refuses what is not a date and time', () => {
    expect(utcOfLocalTime('2026-02-30T10:00', 'Europe/London')).toBeNull();
    expect(utcOfLocalTime('tomorrow', 'Europe/London')).toBeNull();
    expect(utcOfLocalTime('2026-01-01T24:00', 'Europe/London')).toBeNull();
  });

  it('shows a moment as the zone’s wall clock, the inverse of reading one', () => {
    const moment = new Date('2026-07-01T08:30:00Z');
    expect(localTimeOf(moment, 'Europe/London')).toBe('2026-07-01T09:30');
    expect(utcOfLocalTime(localTimeOf(moment, 'Europe/Berlin'), 'Europe/Berlin')?.getTime()).toBe(
      moment.getTime(),
    );
  });

  it('knows real zone names and no others', () => {
    expect(isTimeZone('Europe/London')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
