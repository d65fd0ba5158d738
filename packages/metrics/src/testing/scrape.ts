/** The value of one series in a scrape's text, e.g. `newsroom_comments{status="pending"}`; 0 when absent. */
export function seriesValue(text: string, series: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

/** The names of the metrics in a scrape (its `# TYPE` lines). */
export function metricNames(text: string): string[] {
  return [...text.matchAll(/^# TYPE (\S+) /gm)].map(([, name]) => name ?? '');
}

/**
 * The newsroom_ metrics of a scrape that `docs` (docs/operations.md) does not name in code, as
 * `` `name` `` or `` `name{labels}` ``: each one a reader of the docs would not know of.
 */
export function undocumentedMetrics(text: string, docs: string): string[] {
  return metricNames(text).filter(
    (name) => name.startsWith('newsroom_') && !docs.includes(`\`${name}\``) && !docs.includes(`\`${name}{`),
  );
}
