/**
 * Pictures: what an upload costs until every variant is made (seconds per megapixel), how fast
 * the API serves a kept variant against a raw node:http server sending the same bytes, and the
 * API's peak memory while twenty 12-megapixel pictures are uploaded at once. The built API runs
 * as its own process on a SQLite file, as in production. Prints figures and never fails on them.
 *
 *   npm run bench                        (from the root: every benchmark, this one after the HTTP suite)
 *   node src/pictures.ts                 (from bench/, after `npm run build`; BENCH_QUICK=1 for a short run)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@newsroom/db';
import sharp from 'sharp';
import { answerOf, startBaseline } from './baseline.ts';
import { loadGenerator } from './load-generator.ts';
import { compareWithBaseline } from './measure.ts';
import { paths } from './paths.ts';
import {
  freePort,
  peakRssBytes,
  type RunningProcess,
  startProcess,
  stopAll,
  stopChildrenOnExit,
  waitUntilAnswering,
} from './processes.ts';
import { median } from './stats.ts';

const quick = process.env.BENCH_QUICK === '1';
const megapixelSizes: [number, number][] = quick
  ? [[2000, 1000]]
  : [
      [2000, 1000],
      [3000, 2000],
      [4000, 3000],
    ];
const concurrentUploads = quick ? 5 : 20;
const mb = (bytes: number | undefined) =>
  bytes === undefined ? 'unknown' : `${(bytes / 1_048_576).toFixed(0)} MB`;

stopChildrenOnExit();
const dir = mkdtempSync(join(tmpdir(), 'newsroom-bench-pictures-'));

/** A photograph-like JPEG: noise compresses about as badly as a real scene does. */
function photo(width: number, height: number): Promise<Buffer> {
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#777',
      noise: { type: 'gaussian', mean: 120, sigma: 40 },
    },
  })
    .jpeg({ quality: 88 })
    .toBuffer();
}

interface Api {
  url: string;
  process: RunningProcess;
  token: string;
}

/** The built API on a new SQLite file, with an editor's token made beforehand. */
async function startApi(name: string): Promise<Api> {
  const database = `file:${join(dir, `${name}.db`)}`;
  const store = await openStore(database);
  const { token } = await store.tokens.create({ name: 'Bench', role: 'editor' });
  await store.close();
  const port = await freePort();
  const service = startProcess(`API (${name})`, process.execPath, [paths.apiMain], {
    env: {
      ...process.env,
      DATABASE_URL: database,
      API_PORT: String(port),
      API_HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      API_RATE_LIMIT_WRITES: '1000000',
      API_SCHEDULER_INTERVAL_MS: '0',
      // As `npm start` runs the API (scripts/start.mjs).
      MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(service, `${url}/healthz`);
  return { url, process: service, token };
}

async function upload(api: Api, bytes: Buffer): Promise<{ id: string; variants: { url: string }[] }> {
  const form = new FormData();
  form.set('file', new Blob([bytes]), 'photo.jpg');
  const answer = await fetch(`${api.url}/media`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${api.token}` },
  });
  if (answer.status !== 201) throw new Error(`upload answered ${answer.status}: ${await answer.text()}`);
  return (await answer.json()) as { id: string; variants: { url: string }[] };
}

try {
  const api = await startApi('variants');
  console.log('Pictures through the built API (SQLite, MEDIA_ENCODINGS=2):');

  // Upload, then ask for every variant at once, as a page and its social card would.
  let kept = '';
  for (const [width, height] of megapixelSizes) {
    const megapixels = (width * height) / 1e6;
    const bytes = await photo(width, height);
    const started = performance.now();
    const picture = await upload(api, bytes);
    const uploaded = performance.now();
    const answers = await Promise.all(picture.variants.map((variant) => fetch(`${api.url}${variant.url}`)));
    await Promise.all(answers.map((answer) => answer.arrayBuffer()));
    if (answers.some((answer) => answer.status !== 200)) throw new Error('a variant was not served');
    const done = performance.now();
    const seconds = (done - started) / 1000;
    console.log(
      `  ${megapixels.toFixed(0).padStart(2)} MP (${mb(bytes.length)} JPEG): upload ${((uploaded - started) / 1000).toFixed(2)} s, ` +
        `${picture.variants.length} variants ${((done - uploaded) / 1000).toFixed(2)} s; ` +
        `${(seconds / megapixels).toFixed(2)} s per megapixel`,
    );
    kept = `/media/${picture.id}/640.webp`;
  }

  // A kept variant against a raw node:http server sending the same bytes, rounds alternating.
  const generator = loadGenerator('auto');
  const answer = await answerOf(`${api.url}${kept}`);
  const baseline = await startBaseline({ variant: new Map([[kept, answer]]) });
  const plan = {
    rounds: quick ? 1 : 3,
    seconds: quick ? 2 : 5,
    warmupSeconds: quick ? 1 : 3,
    connections: 32,
  };
  const comparison = await compareWithBaseline(
    generator,
    `${api.url}${kept}`,
    `${baseline.urls.variant}${kept}`,
    plan,
  );
  await baseline.stop();
  console.log(
    `  serving a kept variant (${(answer.body.length / 1024).toFixed(0)} KB, ${generator.name}, ${plan.connections} connections, ` +
      `${plan.rounds} rounds of ${plan.seconds} s): ${comparison.requestsPerSecond.toFixed(0)} req/s, ` +
      `p50 ${comparison.p50Ms.toFixed(1)} ms; raw node:http ${comparison.baselineRequestsPerSecond.toFixed(0)} req/s; ` +
      `ratio ${comparison.ratio.toFixed(2)} (median of rounds; target at least 0.6)`,
  );
  await api.process.stop();

  // Peak memory of a fresh API process while many large pictures arrive together.
  const pictures = await Promise.all(Array.from({ length: concurrentUploads }, () => photo(4000, 3000)));
  const fresh = await startApi('memory');
  const idle = peakRssBytes(fresh.process.pid);
  const started = performance.now();
  await Promise.all(pictures.map((bytes) => upload(fresh, bytes)));
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `  ${concurrentUploads} uploads of 12 MP at once: all kept in ${seconds.toFixed(1)} s; the API's peak memory ` +
      `${mb(peakRssBytes(fresh.process.pid))} (${mb(idle)} before; target under 600 MB); ` +
      `median picture ${mb(median(pictures.map((bytes) => bytes.length)))}`,
  );
  await fresh.process.stop();
} finally {
  await stopAll();
  rmSync(dir, { recursive: true, force: true });
}
