import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from './paths.ts';

/** The built output the measured processes load (some of it lazily, page by page). */
const builtDirs = [
  'packages/domain/dist',
  'packages/db/dist',
  'packages/ingest/dist',
  'apps/api/dist',
  'apps/web/dist',
  'apps/cli/dist',
];

/**
 * When the built output last changed (the newest file's mtime, in ms). Another `turbo run build`
 * in the same checkout during a run means rows before and after it measure different code; this
 * is how the suite notices and says so.
 */
export function builtOutputTime(): number {
  let newest = 0;
  for (const dir of builtDirs) {
    const root = join(paths.root, dir);
    let entries: string[];
    try {
      entries = readdirSync(root, { recursive: true, encoding: 'utf8' });
    } catch {
      continue;
    }
    for (const entry of entries) {
      try {
        newest = Math.max(newest, statSync(join(root, entry)).mtimeMs);
      } catch {
        // Removed while we looked: a build is running, which the next look will see.
      }
    }
  }
  return newest;
}
