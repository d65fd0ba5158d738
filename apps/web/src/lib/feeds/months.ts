/**
 * Article sitemaps go by publication month in UTC: a month's file changes only when one of its
 * stories does, so crawlers re-read the recent months and leave the archive alone.
 */

/** A month as "2025-07". */
export type Month = string;

export function monthOf(iso: string): Month {
  return new Date(iso).toISOString().slice(0, 7);
}

/** The month's first instant and the next month's: article.list's `from` (inclusive) and `to` (exclusive). */
export function monthRange(month: Month): { from: string; to: string } {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return {
    from: new Date(Date.UTC(year, monthNumber - 1, 1)).toISOString(),
    to: new Date(Date.UTC(year, monthNumber, 1)).toISOString(),
  };
}

/**
 * One article sitemap: a month, and which 50,000 of its stories (part 1 unless the month has
 * more). Its file is `articles-2025-07.xml`, then `articles-2025-07-2.xml`, …
 */
export interface MonthPart {
  month: Month;
  part: number;
}

export function monthPartName({ month, part }: MonthPart): string {
  return part === 1 ? month : `${month}-${part}`;
}

/** The month part a file name stands for ("2025-07", "2025-07-2"), or null for anything else. */
export function parseMonthPart(name: string): MonthPart | null {
  const match = /^([1-9]\d{3}-(?:0[1-9]|1[0-2]))(?:-([2-9]|[1-9]\d{1,4}))?$/.exec(name);
  if (!match?.[1]) return null;
  return { month: match[1], part: match[2] ? Number(match[2]) : 1 };
}
