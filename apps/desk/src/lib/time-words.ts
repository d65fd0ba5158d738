const format = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** A stored time as the desk shows it: "5 Dec 2026, 06:47 UTC". */
export function timeInWords(iso: string): string {
  return `${format.format(new Date(iso))} UTC`;
}
