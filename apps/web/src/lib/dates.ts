const timeZone = 'UTC';

const timeOnly = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone });
const dateOnly = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone });

/** "10 July 2025, 14:05", as British and European news sites write it. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return `${dateOnly.format(date)}, ${timeOnly.format(date)}`;
}

export function formatDate(iso: string): string {
  return dateOnly.format(new Date(iso));
}

/** The updated time: just the clock when it is the same day as publication ("16:40"). */
export function formatUpdated(publishedIso: string, updatedIso: string): string {
  return dateOnly.format(new Date(publishedIso)) === dateOnly.format(new Date(updatedIso))
    ? timeOnly.format(new Date(updatedIso))
    : formatDateTime(updatedIso);
}

/** Whether an update is worth telling readers about (more than a minute after publication). */
export function wasUpdated(publishedIso: string, updatedIso: string): boolean {
  return Date.parse(updatedIso) - Date.parse(publishedIso) > 60_000;
}
