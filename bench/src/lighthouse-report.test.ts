import { describe, expect, it } from 'vitest';
import { isHeroImage, type LighthouseReport, shortName, summarizeRun } from './lighthouse-report.ts';

const hero = 'a'.repeat(64);
const inline = 'b'.repeat(64);
const heroSnippet = `<img src="http://127.0.0.1:40123/media/${hero.slice(0, 46)}…" srcset="/media/${hero}/32…" alt="The harbour" fetchpriority="high">`;

// The shape of a Lighthouse 13 report, cut down to what the benchmark reads.
const report: LighthouseReport = {
  categories: { performance: { score: 0.985 } },
  environment: { benchmarkIndex: 1234.5 },
  audits: {
    'first-contentful-paint': { numericValue: 812.4 },
    'largest-contentful-paint': { numericValue: 1450.6 },
    'total-blocking-time': { numericValue: 20 },
    'cumulative-layout-shift': { numericValue: 0 },
    'speed-index': { numericValue: 900 },
    'lcp-breakdown-insight': {
      details: {
        type: 'list',
        items: [
          {
            type: 'table',
            items: [
              { subpart: 'timeToFirstByte', label: 'Time to first byte', duration: 12.3 },
              { subpart: 'elementRenderDelay', label: 'Element render delay', duration: 40 },
            ],
          },
          { type: 'node', selector: 'div.hero > figure > picture > img', snippet: heroSnippet },
        ],
      },
    },
    'network-requests': {
      details: {
        type: 'table',
        items: [
          { url: 'http://127.0.0.1:40123/articles/a', resourceType: 'Document', transferSize: 4000 },
          {
            url: `http://127.0.0.1:40123/media/${hero}/960.avif`,
            resourceType: 'Image',
            mimeType: 'image/avif',
            transferSize: 75_000,
          },
        ],
      },
    },
    'render-blocking-insight': {
      details: { type: 'table', items: [{ url: 'http://127.0.0.1:40123/_astro/site.css', wastedMs: 150 }] },
    },
  },
};

describe('summarizeRun', () => {
  const summary = summarizeRun(report);

  it('reads the score as Lighthouse shows it, and the metrics in ms', () => {
    expect(summary).toMatchObject({ score: 99, fcpMs: 812.4, lcpMs: 1450.6, tbtMs: 20, cls: 0 });
    expect(summary.benchmarkIndex).toBe(1234.5);
  });

  it('finds the LCP element and the LCP subparts in the breakdown insight', () => {
    expect(summary.lcpSelector).toBe('div.hero > figure > picture > img');
    expect(summary.lcpSnippet).toBe(heroSnippet);
    expect(summary.lcpParts).toEqual({ timeToFirstByte: 12.3, elementRenderDelay: 40 });
  });

  it('lists the images fetched and what held the first paint back', () => {
    expect(summary.images).toEqual([
      { url: `http://127.0.0.1:40123/media/${hero}/960.avif`, mimeType: 'image/avif', transferBytes: 75_000 },
    ]);
    expect(summary.renderBlocking).toEqual([
      { url: 'http://127.0.0.1:40123/_astro/site.css', wastedMs: 150 },
    ]);
  });

  it('says "unknown" rather than failing when the report lacks a part', () => {
    const bare = summarizeRun({ categories: {}, audits: {} });
    expect(bare.score).toBeNaN();
    expect(bare.lcpMs).toBeNaN();
    expect(bare.lcpSelector).toBe('unknown');
    expect(bare.images).toEqual([]);
  });
});

describe('isHeroImage', () => {
  it('knows the hero by its picture, even with the address cut short', () => {
    expect(isHeroImage({ lcpSnippet: heroSnippet }, hero)).toBe(true);
    expect(isHeroImage({ lcpSnippet: heroSnippet }, inline)).toBe(false);
  });

  it('is not the hero when the LCP element is text', () => {
    expect(isHeroImage({ lcpSnippet: `<h1>Harbour ${hero}</h1>` }, hero)).toBe(false);
  });
});

describe('shortName', () => {
  it('names a picture by its variant, anything else by its path', () => {
    expect(shortName(`http://127.0.0.1:1/media/${hero}/960.avif`)).toBe('960.avif');
    expect(shortName('http://127.0.0.1:1/_astro/site.css?v=1')).toBe('/_astro/site.css');
  });
});
