/**
 * A newsroom at work, in a process of its own, for backup-under-writes.test.ts: story after
 * story is created (body blocks, tags and bylines in one transaction), published, then
 * commented on, until a line arrives on stdin. Each step is one JSON line on stdout, written
 * only once the step has committed, so the test knows what a backup taken after it must hold.
 * Run with Node 24 (types stripped): `node newsroom-writer.ts <DATABASE_URL>`.
 */
import { openStore } from '@newsroom/db';
import type { Block } from '@newsroom/domain';

const [databaseUrl] = process.argv.slice(2);
if (!databaseUrl) throw new Error('usage: newsroom-writer.ts <DATABASE_URL>');

let stopping = false;
process.stdin.once('data', () => {
  stopping = true;
  // Reading stdin would keep the process alive after the last story.
  process.stdin.destroy();
});

const store = await openStore(databaseUrl);
const report = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);
const tags = ['climate', 'harbour', 'elections'];
const authors = ['al', 'bea'];

for (let n = 0; !stopping; n += 1) {
  // node:sqlite answers synchronously, so without this the loop would never let stdin's
  // stop line in.
  await new Promise((resolve) => setImmediate(resolve));
  const body: Block[] = [
    { type: 'paragraph', text: `Story ${n} begins. ${'The tide came in. '.repeat(20 + (n % 7) * 10)}` },
    { type: 'heading', level: 2, text: `What happened next in story ${n}` },
    { type: 'quote', text: `Quoted in story ${n}.`, attribution: 'A harbour master' },
    ...Array.from({ length: n % 4 }, (_, i) => ({
      type: 'paragraph' as const,
      text: `Paragraph ${i} of story ${n}.`,
    })),
  ];
  const draft = await store.articles.create({
    headline: `Harbour story number ${n}`,
    body,
    sectionSlug: 'world',
    tagSlugs: tags.slice(0, 1 + (n % tags.length)),
    authorSlugs: authors.slice(0, 1 + (n % authors.length)),
    commentPolicy: 'open',
  });
  report({
    step: 'created',
    slug: draft.slug,
    body: draft.body,
    tags: draft.tags.map((tag) => tag.slug),
    authors: draft.authors.map((author) => author.slug),
  });
  const published = await store.articles.setStatus(draft.id, draft.version, 'published');
  report({ step: 'published', slug: published.slug });
  const comment = await store.comments.create({
    articleId: published.id,
    displayName: 'A reader',
    body: `A comment on story ${n}.`,
  });
  report({ step: 'commented', slug: published.slug, commentId: comment.id });
}
await store.close();
