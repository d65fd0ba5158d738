/**
 * Times in the newsroom's own time zone (NEWSROOM_TIMEZONE): editors schedule in local time,
 * the API stores UTC. Built on Intl alone: the zone rules come with the runtime.
 */

function partsIn(timeZone: string, at: Date) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** How far the zone's clock is ahead of UTC at that moment, in milliseconds. */
function offsetAt(timeZone: string, at: Date): number {
  const p = partsIn(timeZone, at);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * The UTC moment a wall-clock time ("2026-12-24T18:00", what a datetime-local field sends) names
 * in the zone, or null when it is not such a time or does not exist there (the hour skipped when
 * clocks go forward). A time that happens twice (clocks going back) is the first of the two.
 */
export function utcOfLocalTime(local: string, timeZone: string): Date | null {
  const match = localPattern.exec(local);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  if (Number.isNaN(wall) || new Date(wall).getUTCDate() !== day || hour > 23 || minute > 59) return null;
  // The offsets before and after a change bracket the answer; try the earlier moment first.
  const candidates = [
    ...new Set([
      offsetAt(timeZone, new Date(wall - 86_400_000)),
      offsetAt(timeZone, new Date(wall + 86_400_000)),
    ]),
  ]
    .map((offset) => wall - offset)
    .sort((a, b) => a - b);
  for (const moment of candidates) {
    if (localTimeOf(new Date(moment), timeZone) === local) return new Date(moment);
  }
  return null;
}

/** The wall-clock time of a moment in the zone, as a datetime-local field shows it. */
export function localTimeOf(at: Date, timeZone: string): string {
  const p = partsIn(timeZone, at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

/** Whether the runtime knows the zone by that name ("Europe/London", "UTC"). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
