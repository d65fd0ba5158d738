/**
 * Lighthouse: an article with a hero and five inline pictures from the media library, scored
 * by Lighthouse as Google scores a phone (its default: mobile screen, simulated slow 4G and a 4×
 * slower CPU), performance only, three runs. Prints each run's score, LCP and LCP element, and
 * the median score; says whether the LCP element is the hero. Never fails on a figure.
 *
 *   npm run bench                (from the root: every benchmark, this one last)
 *   node src/lighthouse.ts       (from bench/, after `npm run build`)
 *
 * The built API (SQLite file, seeded with 20 articles) and site run on 127.0.0.1 at free ports,
 * Debian's Chromium (or CHROMIUM_PATH) with a fresh profile per run; all stop at the end.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createNewsroomClient } from '@newsroom/api/client';
import { openStore } from '@newsroom/db';
import lighthouse, { type Flags } from 'lighthouse';
import sharp from 'sharp';
import {
  isHeroImage,
  type LighthouseReport,
  type RunSummary,
  shortName,
  summarizeRun,
} from './lighthouse-report.ts';
import { paths } from './paths.ts';
import {
  freePort,
  runToEnd,
  startProcess,
  stopAll,
  stopChildrenOnExit,
  waitUntilAnswering,
} from './processes.ts';
import { startApi, startSite } from './services.ts';
import { median } from './stats.ts';

const runs = 3;
const pictureCount = 6;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

stopChildrenOnExit();
const dir = mkdtempSync(join(tmpdir(), 'newsroom-bench-lighthouse-'));

/** A small deterministic random source (mulberry32), so every run uploads the same pictures. */
function randomFrom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A grid of random colours, enlarged smoothly to `width` × `height`: gradients at one scale. */
function colourField(
  random: () => number,
  cols: number,
  rows: number,
  width: number,
  height: number,
  low = 0,
  span = 255,
) {
  const cells = Buffer.alloc(cols * rows * 3);
  for (let i = 0; i < cells.length; i++) cells[i] = Math.floor(low + random() * span);
  return sharp(cells, { raw: { width: cols, height: rows, channels: 3 } })
    .resize(width, height, { kernel: 'cubic' })
    .png()
    .toBuffer();
}

/**
 * A photo-like JPEG: broad colour gradients, finer detail over them and sensor-like grain, so
 * it compresses as a photograph does (about 1.6 MB at 2400×1600, 75 KB as a 960 px AVIF), not
 * as a flat colour would (a few hundred bytes).
 */
async function photo(seed: number, width = 2400, height = 1600): Promise<Buffer> {
  const random = randomFrom(seed);
  const [scene, detail, grain] = await Promise.all([
    colourField(random, 12, 8, width, height, 40, 180),
    colourField(random, 240, 160, width, height, 88, 80),
    sharp({
      create: {
        width,
        height,
        channels: 3,
        background: '#808080',
        noise: { type: 'gaussian', mean: 128, sigma: 20 },
      },
    })
      .png()
      .toBuffer(),
  ]);
  return sharp(scene)
    .composite([
      { input: detail, blend: 'overlay' },
      { input: grain, blend: 'overlay' },
    ])
    .jpeg({ quality: 90 })
    .toBuffer();
}

interface Uploaded {
  hash: string;
  width: number;
  height: number;
}

async function upload(apiUrl: string, token: string, bytes: Buffer, name: string): Promise<Uploaded> {
  const form = new FormData();
  form.set('file', new Blob([bytes], { type: 'image/jpeg' }), name);
  const answer = await fetch(`${apiUrl}/media`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${token}` },
  });
  if (answer.status !== 201 && answer.status !== 200) {
    throw new Error(`POST /media answered ${answer.status}: ${await answer.text()}`);
  }
  return (await answer.json()) as Uploaded;
}

const sentences = [
  'The harbour authority confirmed on Tuesday that the eastern breakwater will be rebuilt before the winter storms.',
  'Engineers surveyed the damage from a barge for three days, mapping every block the January swell had moved.',
  'Fishing crews, who have tied up two deep since the collapse, say the delay has cost them most of the season.',
  'The council will meet the cost from its reserves and claim it back from the national flood fund next year.',
  'Residents along the front were told to expect lorries on the coast road every weekday from seven until six.',
  'A public meeting at the town hall on Thursday evening will show the plans and answer questions about the works.',
];

/** A paragraph of four sentences, a different run of them for each `n`. */
function paragraph(n: number): string {
  return Array.from({ length: 4 }, (_, i) => sentences[(n + i) % sentences.length]).join(' ');
}

/**
 * Lighthouse's defaults otherwise: a phone (412×823 at 1.75×), simulated throttling (slow 4G,
 * 150 ms round trips, 4× CPU slowdown), as PageSpeed Insights scores a page.
 */
const lighthouseFlags: Flags = {
  output: 'json',
  logLevel: 'error',
  onlyCategories: ['performance'],
  hostname: '127.0.0.1',
};

/** Debian's Chromium, headless, on a free port with a profile of its own; ready when DevTools answers. */
async function startChromium(run: number) {
  const port = await freePort();
  const profile = join(dir, `chromium-${run}`);
  const browser = startProcess(
    `Chromium (run ${run})`,
    chromium,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
      '--remote-debugging-address=127.0.0.1',
      `--remote-debugging-port=${port}`,
      'about:blank',
    ],
    { env: { ...process.env, HOME: dir } },
  );
  await waitUntilAnswering(browser, `http://127.0.0.1:${port}/json/version`);
  return { port, process: browser };
}

const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(0)} ms` : 'unknown');
const kb = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(0)} KB` : '? KB');

function printRun(run: number, summary: RunSummary, heroHash: string, load: number): void {
  const hero = isHeroImage(summary, heroHash);
  const parts = Object.entries(summary.lcpParts)
    .map(([part, duration]) => `${part} ${duration.toFixed(0)}`)
    .join(', ');
  console.log(
    `  run ${run}: performance ${summary.score}; LCP ${ms(summary.lcpMs)} (${parts || 'no breakdown'}); ` +
      `FCP ${ms(summary.fcpMs)}, TBT ${ms(summary.tbtMs)}, CLS ${summary.cls.toFixed(3)}, Speed Index ${ms(summary.speedIndexMs)}`,
  );
  console.log(
    `    machine: load average ${load.toFixed(1)} on ${availableParallelism()} cores before the run, ` +
      `Lighthouse's CPU benchmark ${summary.benchmarkIndex.toFixed(0)}`,
  );
  console.log(`    LCP element: ${summary.lcpSelector} (${hero ? 'the hero' : 'NOT the hero'})`);
  console.log(`      ${summary.lcpSnippet}`);
  const pictures = summary.images.filter((image) => image.url.includes('/media/'));
  console.log(
    `    pictures fetched: ${pictures.length} (${pictures
      .map(
        (image) =>
          `${image.url.includes(heroHash) ? 'hero ' : ''}${shortName(image.url)} ${kb(image.transferBytes)}`,
      )
      .join(', ')})`,
  );
  if (summary.renderBlocking.length > 0) {
    console.log(
      `    render-blocking: ${summary.renderBlocking.map((item) => `${shortName(item.url)} ${ms(item.wastedMs)}`).join(', ')}`,
    );
  }
}

try {
  if (!existsSync(chromium)) {
    throw new Error(
      `No Chromium at ${chromium}: install Debian's (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  }
  const started = performance.now();
  const database = join(dir, 'newsroom.db');
  await runToEnd('newsroom seed', process.execPath, [paths.cliMain, 'seed', '--count', '20', '--seed', '1'], {
    env: { ...process.env, DATABASE_URL: `file:${database}` },
  });
  const store = await openStore(`file:${database}`);
  const { token } = await store.tokens.create({ name: 'Bench', role: 'editor' });
  await store.close();
  const api = await startApi('API', database, { responseCache: true });

  const photos = await Promise.all(Array.from({ length: pictureCount }, (_, n) => photo(n + 1)));
  const pictures: Uploaded[] = [];
  for (const [n, bytes] of photos.entries())
    pictures.push(await upload(api.url, token, bytes, `photo-${n + 1}.jpg`));
  const [hero, ...inline] = pictures;
  if (!hero) throw new Error('no picture was uploaded');
  const imageOf = (picture: Uploaded, n: number) => ({
    src: `/media/${picture.hash}`,
    alt: `The eastern breakwater, view ${n + 1}`,
    caption: `The breakwater from the harbour wall, view ${n + 1}.`,
    credit: 'Newsroom',
    width: picture.width,
    height: picture.height,
  });

  // Two paragraphs before each inline picture, and two after the last.
  const body = inline.flatMap((picture, n) => [
    { type: 'paragraph' as const, text: paragraph(2 * n) },
    { type: 'paragraph' as const, text: paragraph(2 * n + 1) },
    { type: 'image' as const, ...imageOf(picture, n + 1) },
  ]);
  body.push({ type: 'paragraph', text: paragraph(0) }, { type: 'paragraph', text: paragraph(3) });
  const client = createNewsroomClient(api.url, { token });
  const draft = await client.article.create.mutate({
    slug: 'breakwater-rebuilt-before-winter',
    headline: 'Harbour breakwater to be rebuilt before the winter storms',
    standfirst: 'Engineers have mapped the damage; fishing crews count the cost of a lost season.',
    dateline: 'PORTHAVEN',
    sectionSlug: 'world',
    heroImage: imageOf(hero, 0),
    body,
  });
  const article = await client.article.publish.mutate({ id: draft.id, version: draft.version });

  const site = await startSite('site', api.url, { pageCache: true });
  const pageUrl = `${site.url}/articles/${article.slug}`;

  // Variants are made on their first request and kept. Ask for every AVIF one the page names
  // (what Chromium takes) beforehand, so Lighthouse measures serving the page and not encoding
  // it: in production an earlier reader or the CDN has asked already. Two at a time, as the API
  // encodes (MEDIA_ENCODINGS), so none waits past the site's API_TIMEOUT_MS.
  const html = await (await fetch(pageUrl)).text();
  const avifs = [
    ...new Set(
      [...html.matchAll(/<source type="image\/avif" srcset="([^"]+)"/g)].flatMap((match) =>
        (match[1] ?? '').split(',').map((candidate) => candidate.trim().split(' ')[0] ?? ''),
      ),
    ),
  ];
  let warmedBytes = 0;
  const queue = [...avifs];
  await Promise.all(
    [1, 2].map(async () => {
      for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
        const answer = await fetch(`${site.url}${url}`);
        warmedBytes += (await answer.arrayBuffer()).byteLength;
        if (answer.status !== 200) throw new Error(`${url} answered ${answer.status}`);
      }
    }),
  );
  const pictureCountOnPage = (html.match(/<picture>/g) ?? []).length;
  console.log(
    'Lighthouse on a published article: ' +
      `${pictureCountOnPage} pictures (hero and ${inline.length} inline, 2400×1600 photo-like JPEGs of ` +
      `${kb(median(photos.map((bytes) => bytes.length)))} median), ${avifs.length} AVIF variants made beforehand ` +
      `(${kb(warmedBytes)}); mobile, simulated throttling, performance only`,
  );
  console.log(
    `  ${pageUrl.replace(site.url, '')} (set up in ${((performance.now() - started) / 1000).toFixed(0)} s)`,
  );

  mkdirSync(paths.results, { recursive: true });
  const summaries: RunSummary[] = [];
  let version = 'unknown';
  let browserVersion = 'Chromium';
  for (let run = 1; run <= runs; run++) {
    const [load = Number.NaN] = loadavg();
    const browser = await startChromium(run);
    try {
      const result = await lighthouse(pageUrl, { ...lighthouseFlags, port: browser.port });
      if (!result) throw new Error('Lighthouse gave no result');
      const file = join(paths.results, `lighthouse-${run}.json`);
      writeFileSync(file, JSON.stringify(result.lhr));
      version = result.lhr.lighthouseVersion;
      browserVersion =
        /(\w*Chrome\/[\d.]+)/.exec(result.lhr.environment.hostUserAgent)?.[1] ?? browserVersion;
      const summary = summarizeRun(result.lhr as unknown as LighthouseReport);
      summaries.push(summary);
      printRun(run, summary, hero.hash, load);
    } finally {
      await browser.process.stop();
    }
  }
  const heroRuns = summaries.filter((summary) => isHeroImage(summary, hero.hash)).length;
  console.log(
    `  median performance ${median(summaries.map((summary) => summary.score))} (target at least 98), ` +
      `median LCP ${ms(median(summaries.map((summary) => summary.lcpMs)))}; ` +
      `the LCP element was the hero in ${heroRuns} of ${runs} runs`,
  );
  console.log(
    `  Lighthouse ${version}, ${browserVersion}; reports in ${relative(paths.root, join(paths.results, 'lighthouse-<run>.json'))}`,
  );
} finally {
  await stopAll();
  rmSync(dir, { recursive: true, force: true });
}
