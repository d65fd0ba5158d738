import { fileURLToPath } from 'node:url';

/** Every place on disk the suite reads or writes, from the repository root. */
const at = (relative: string) => fileURLToPath(new URL(`../../${relative}`, import.meta.url));

export const paths = {
  root: at(''),
  /** Git-ignored (the root .gitignore names bench-results/ anywhere). */
  results: at('bench-results'),
  datasets: at('bench-results/datasets'),
  apiMain: at('apps/api/dist/main.js'),
  siteServer: at('apps/web/server.mjs'),
  cliMain: at('apps/cli/dist/main.js'),
  helloSite: at('bench/hello-site'),
  helloSiteEntry: at('bench/hello-site/dist/server/entry.mjs'),
  baselineServer: at('bench/src/baseline-server.ts'),
  trpcFloorServer: at('bench/src/trpc-floor-server.ts'),
  eventWriter: at('bench/src/event-writer.ts'),
  apiStoreVariant: at('bench/src/api-store-variant.ts'),
};
