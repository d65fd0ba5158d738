import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore, type SqliteStoreOptions, type Store } from '@newsroom/db';
import { startTestApi, type TestApi } from './start-test-api.js';

/** A log line as the fault tests read it. */
export interface LogLine {
  level: number;
  reqId?: string;
  msg: string;
  err?: { message?: string };
  reason?: string;
}

export interface FaultNewsroom {
  /** The SQLite file, for another process to lock or a connection to fill. */
  file: string;
  store: Store;
  api: TestApi;
  editorToken: string;
  /** Every line the API logged (LOG_LEVEL info), parsed. */
  logLines: LogLine[];
  close(): Promise<void>;
}

/**
 * For tests of database faults: a newsroom in a SQLite file of its own (a section and one
 * published story), an editor's token, and the API over it with its log lines kept.
 */
export async function faultNewsroom(options: SqliteStoreOptions = {}): Promise<FaultNewsroom> {
  const dir = mkdtempSync(join(tmpdir(), 'newsroom-api-fault-'));
  const file = join(dir, 'newsroom.db');
  const store = await openSqliteStore(file, options);
  await store.sections.upsert({ slug: 'world', name: 'World', description: null, order: 1 });
  const draft = await store.articles.create({
    headline: 'Harbour reopens',
    body: [{ type: 'paragraph', text: 'Ships are back.' }],
    sectionSlug: 'world',
  });
  await store.articles.setStatus(draft.id, draft.version, 'published');
  const editorToken = (await store.tokens.create({ name: 'Desk', role: 'editor', authorSlug: null })).token;
  const logLines: LogLine[] = [];
  const api = await startTestApi(
    store,
    { LOG_LEVEL: 'info' },
    { write: (line: string) => void logLines.push(JSON.parse(line)) },
  );
  return {
    file,
    store,
    api,
    editorToken,
    logLines,
    close: async () => {
      await api.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
