const format = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** A stored time as the desk shows it: "5 Dec 2026, 06:47 UTC". */
export function timeInWords(iso: string): string {
  return `${format.format(new Date(iso))} UTC`;
}

/** A time in the newsroom's zone, named: "1 Jul 2031, 09:30 Europe/London". */
export function zonedTimeInWords(iso: string, timeZone: string): string {
  const zoned = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone });
  return `${zoned.format(new Date(iso))} ${timeZone}`;
}
