/**
 * The child that makes the delivery benchmark's events: a new headline for each article given,
 * saved by the Store on the database file the API serves, one after another as fast as SQLite
 * takes them (each save records one article.updated event). It runs in its own process so that
 * the webhook receiver in the benchmark's process answers deliveries while the writes go on:
 * node:sqlite's calls block the thread that makes them.
 *
 *   node src/event-writer.ts <database file> <articles.json: [{ id, version, headline }]>
 *
 * Prints one line of JSON: { startedAt, endedAt, written: [ids], failures: [messages] }, the
 * times from wallClockMs (comparable with the receiver's).
 */
import { readFileSync } from 'node:fs';
import { openStore } from '@newsroom/db';
import { headlineAfter } from './api-writes.ts';
import { wallClockMs } from './clock.ts';

const [file, articlesFile] = process.argv.slice(2);
if (!file || !articlesFile) {
  console.error('usage: node src/event-writer.ts <database file> <articles.json>');
  process.exit(2);
}
const articles = JSON.parse(readFileSync(articlesFile, 'utf8')) as {
  id: string;
  version: number;
  headline: string;
}[];

const store = await openStore(`file:${file}`);
const written: string[] = [];
const failures: string[] = [];
const startedAt = wallClockMs();
let serial = 0;
for (const { id, version, headline } of articles) {
  try {
    await store.articles.update({ id, version, headline: headlineAfter(headline, ++serial) });
    written.push(id);
  } catch (error) {
    failures.push(error instanceof Error ? error.message : String(error));
  }
}
const endedAt = wallClockMs();
await store.close();
console.log(JSON.stringify({ startedAt, endedAt, written, failures }));
