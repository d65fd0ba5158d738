import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const schemas = new URL('./schemas/', import.meta.url).pathname;

/**
 * Problems xmllint (libxml2) finds when it checks `xml` against the sitemap schemas; an empty
 * list means valid. The schemas are Newsroom's own statement of the sitemap and Google News
 * sitemap rules (see the comments in e2e/schemas).
 */
export function sitemapSchemaErrors(xml: string): string[] {
  const run = spawnSync('xmllint', ['--noout', '--schema', join(schemas, 'sitemap-with-news.xsd'), '-'], {
    input: xml,
    encoding: 'utf8',
  });
  if (run.error) throw new Error('The sitemap check needs xmllint: apt-get install -y libxml2-utils');
  return run.status === 0
    ? []
    : run.stderr
        .split('\n')
        .filter((line) => line && !line.endsWith(' validates') && !line.endsWith('fails to validate'));
}
