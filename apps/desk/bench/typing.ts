/**
 * Whether typing stays smooth in a long story: the built desk and API on a SQLite file, a
 * 10,000-word story and a 100-word one opened in Chromium's story editor, and the time from each
 * keystroke to the next frame the browser paints, measured in the page. Medians and the 95th
 * percentile of each, and the long story's median over the short one's (the same machine, the
 * same run). Prints figures and never fails.
 *
 *   npm run bench --workspace=@newsroom/desk          (BENCH_KEYS=400 for more keystrokes)
 */
import type { Block } from '@newsroom/domain';
import { launchChromium } from '../../web/e2e/browser.ts';
import { startDesk } from '../e2e/desk.ts';

const quick = process.env.BENCH_QUICK === '1';
const keys = Number(process.env.BENCH_KEYS ?? (quick ? 60 : 200));
const password = 'tangerine orbit fossil kettle';

/** A body of `words` words in paragraphs of 100, each word different enough to be real text. */
function bodyOf(words: number): Block[] {
  const vocabulary = [
    'river',
    'council',
    'flood',
    'rescue',
    'harbour',
    'storm',
    'bridge',
    'mayor',
    'road',
    'night',
  ];
  const blocks: Block[] = [];
  for (let start = 0; start < words; start += 100) {
    const text = Array.from(
      { length: Math.min(100, words - start) },
      (_, i) => vocabulary[(start + i * 7) % 10],
    ).join(' ');
    blocks.push({ type: 'paragraph', text: `${text}.` });
  }
  return blocks;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? 0;

const desk = await startDesk();
const browser = await launchChromium();
try {
  const person = await desk.store.people.invite({
    email: 'bench@example.com',
    name: 'Bench',
    role: 'editor',
    authorSlug: null,
  });
  const { secret } = await desk.store.links.create(person.id, 'invitation', { ttlMs: 3_600_000 });
  const page = await browser.newPage();
  await page.goto(`${desk.deskUrl}/invitation?key=${encodeURIComponent(secret)}`);
  await page.getByLabel('New password').fill(password);
  await page.getByRole('button', { name: 'Set password' }).click();
  await page.getByRole('heading', { level: 1, name: 'Welcome, Bench' }).waitFor();

  const measure = async (words: number) => {
    const article = await desk.store.articles.create({ headline: `${words} words`, body: bodyOf(words) });
    const opened = performance.now();
    await page.goto(`${desk.deskUrl}/stories/${article.id}`);
    await page.locator('#body-text').waitFor();
    const openMs = performance.now() - opened;
    await page.locator('#body-text').click();
    await page.keyboard.press('Control+End');
    // Each keystroke's latency: from the key event to the frame after the editor handled it.
    await page.evaluate(() => {
      const w = window as unknown as { latencies: number[] };
      w.latencies = [];
      document.addEventListener(
        'keydown',
        (event) => {
          const start = event.timeStamp;
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => w.latencies.push(performance.now() - start);
            channel.port2.postMessage(null);
          });
        },
        true,
      );
    });
    const text = 'The water kept rising through the night while crews worked. ';
    for (let i = 0; i < keys; i++) await page.keyboard.type(text[i % text.length] ?? 'x');
    await page.waitForTimeout(200);
    const latencies = await page.evaluate(() => (window as unknown as { latencies: number[] }).latencies);
    return { words, openMs, latencies };
  };

  const short = await measure(100);
  const long = await measure(10_000);
  console.log(`Typing in the story editor, ${keys} keystrokes each, keystroke to next frame (Chromium):`);
  for (const run of [short, long]) {
    console.log(
      `  ${String(run.words).padStart(6)} words: opened in ${run.openMs.toFixed(0)} ms; median ${median(run.latencies).toFixed(1)} ms, p95 ${p95(run.latencies).toFixed(1)} ms, max ${Math.max(...run.latencies).toFixed(1)} ms`,
    );
  }
  console.log(
    `  10,000 words over 100 words, medians: ×${(median(long.latencies) / median(short.latencies)).toFixed(2)}`,
  );
} finally {
  await browser.close();
  await desk.stop();
}
