import { DatabaseSync } from 'node:sqlite';
import { openStore, type Store } from '@newsroom/db';
import { type Article, ArticleSchema, type Comment, wordCountOf } from '@newsroom/domain';
import type { NewsroomDatabase } from './newsroom-database.js';
import type { WriteLedger } from './write-ledger.js';

/**
 * What SQLite itself finds wrong with the file: page-level corruption, broken foreign keys, and
 * a full-text index out of step with the articles it indexes. Empty when all is well.
 */
export function fileProblems(path: string): string[] {
  const db = new DatabaseSync(path);
  try {
    const problems: string[] = [];
    const integrity = db.prepare('pragma integrity_check').all() as { integrity_check: string }[];
    if (integrity.length !== 1 || integrity[0]?.integrity_check !== 'ok') {
      problems.push(`integrity_check: ${JSON.stringify(integrity).slice(0, 500)}`);
    }
    const orphans = db.prepare('pragma foreign_key_check').all();
    if (orphans.length > 0) problems.push(`foreign_key_check: ${JSON.stringify(orphans).slice(0, 500)}`);
    try {
      // rank = 1 also compares the index with the articles table it is built from.
      db.exec(`insert into article_search (article_search, rank) values ('integrity-check', 1)`);
    } catch (error) {
      problems.push(`full-text index: ${(error as Error).message}`);
    }
    return problems;
  } finally {
    db.close();
  }
}

/** One number from a `select count(*) as n …` on the file. */
export function countOf(path: string, sql: string, ...params: string[]): number {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return Number((db.prepare(sql).get(...params) as { n: number }).n);
  } finally {
    db.close();
  }
}

/**
 * Every article row read back through the Store, each checked whole: it must parse with the
 * domain's schema and its derived word count must match its body, so a row written halfway
 * (a body without its figures, a byline or tags lost) shows up.
 */
export async function storedArticles(
  store: Store,
  path: string,
): Promise<{ articles: Article[]; problems: string[] }> {
  const db = new DatabaseSync(path, { readOnly: true });
  const ids = (db.prepare('select id from articles order by seq').all() as { id: string }[]).map(
    (row) => row.id,
  );
  db.close();
  const articles: Article[] = [];
  const problems: string[] = [];
  for (const id of ids) {
    const article = await store.articles.byId(id);
    if (!article) {
      problems.push(`article ${id} has a row but the Store cannot read it`);
      continue;
    }
    const parsed = ArticleSchema.safeParse(article);
    if (!parsed.success) {
      problems.push(`article ${id} does not parse: ${parsed.error.message.slice(0, 300)}`);
      continue;
    }
    if (article.wordCount !== wordCountOf(article.body)) {
      problems.push(
        `article ${id} counts ${article.wordCount} words in a body of ${wordCountOf(article.body)}`,
      );
    }
    articles.push(article);
  }
  return { articles, problems };
}

/** Every approved comment, read page by page through the Store. */
export async function approvedComments(store: Store): Promise<Comment[]> {
  const comments: Comment[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.comments.listByStatus('approved', { cursor, limit: 100 });
    comments.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return comments;
}

/**
 * The file checked against a ledger of what the API acknowledged: SQLite's own problems, and
 * rows that do not read back whole or writes lost, stale or never sent.
 */
export async function checkAgainstLedger(
  database: Pick<NewsroomDatabase, 'path' | 'databaseUrl'>,
  ledger: WriteLedger,
): Promise<{ sqliteProblems: string[]; problems: string[]; articleCount: number }> {
  const sqliteProblems = fileProblems(database.path);
  const store = await openStore(database.databaseUrl);
  try {
    const { articles, problems } = await storedArticles(store, database.path);
    const comments = await approvedComments(store);
    return {
      sqliteProblems,
      problems: [...problems, ...ledger.problemsWith(articles, comments)],
      articleCount: articles.length,
    };
  } finally {
    await store.close();
  }
}
