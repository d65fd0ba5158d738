/**
 * What the Lighthouse benchmark reads from a Lighthouse report (the LHR's JSON): only the
 * fields named here, typed as loosely as the report is, so that a field Lighthouse renames
 * shows as "unknown" in the figures instead of stopping the run.
 */

interface NodeItem {
  type?: string;
  selector?: string;
  snippet?: string;
}

interface ReportAudit {
  numericValue?: number;
  details?: { type?: string; items?: unknown[] };
}

/** The part of a Lighthouse result (`runnerResult.lhr`) this benchmark reads. */
export interface LighthouseReport {
  categories: { performance?: { score: number | null } };
  audits: Record<string, ReportAudit | undefined>;
  environment?: { benchmarkIndex?: number };
}

export interface ImageRequest {
  url: string;
  mimeType: string;
  transferBytes: number;
}

export interface RunSummary {
  /** 0 to 100, as Lighthouse shows it; NaN when it gave none. */
  score: number;
  /** Milliseconds, simulated (Lighthouse's mobile throttling). */
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  speedIndexMs: number;
  /** The LCP element as Lighthouse names it (a CSS selector) and its opening tag. */
  lcpSelector: string;
  lcpSnippet: string;
  /** The LCP's time split into Lighthouse's subparts (ttfb, load delay, load duration, render delay), in ms. */
  lcpParts: Record<string, number>;
  /** The images the page fetched, in the order they were asked for. */
  images: ImageRequest[];
  /** Lighthouse's measure of the CPU during the run (higher is faster): a busy machine scores lower. */
  benchmarkIndex: number;
  /** Stylesheets, scripts and fonts that held the first paint back, with the time each cost (ms). */
  renderBlocking: { url: string; wastedMs: number }[];
}

const numeric = (report: LighthouseReport, id: string) => report.audits[id]?.numericValue ?? Number.NaN;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function summarizeRun(report: LighthouseReport): RunSummary {
  const score = report.categories.performance?.score;
  // The LCP breakdown insight is a list: the subparts' table, then the LCP element's node.
  const breakdown = (report.audits['lcp-breakdown-insight']?.details?.items ?? []).filter(isRecord);
  const node = breakdown.find((item): item is NodeItem & Record<string, unknown> => item.type === 'node');
  const table = breakdown.find((item) => item.type === 'table');
  const lcpParts: Record<string, number> = {};
  for (const row of Array.isArray(table?.items) ? table.items.filter(isRecord) : []) {
    if (typeof row.subpart === 'string' && typeof row.duration === 'number') {
      lcpParts[row.subpart] = row.duration;
    }
  }
  const requests = (report.audits['network-requests']?.details?.items ?? []).filter(isRecord);
  const images = requests
    .filter((request) => request.resourceType === 'Image')
    .map((request) => ({
      url: String(request.url),
      mimeType: String(request.mimeType ?? ''),
      transferBytes: Number(request.transferSize ?? Number.NaN),
    }));
  const blocking = (report.audits['render-blocking-insight']?.details?.items ?? []).filter(isRecord);
  return {
    score: typeof score === 'number' ? Math.round(score * 100) : Number.NaN,
    fcpMs: numeric(report, 'first-contentful-paint'),
    lcpMs: numeric(report, 'largest-contentful-paint'),
    tbtMs: numeric(report, 'total-blocking-time'),
    cls: numeric(report, 'cumulative-layout-shift'),
    speedIndexMs: numeric(report, 'speed-index'),
    lcpSelector: node?.selector ?? 'unknown',
    lcpSnippet: node?.snippet ?? 'unknown',
    lcpParts,
    images,
    benchmarkIndex: report.environment?.benchmarkIndex ?? Number.NaN,
    renderBlocking: blocking.map((item) => ({
      url: String(item.url),
      wastedMs: typeof item.wastedMs === 'number' ? item.wastedMs : Number.NaN,
    })),
  };
}

/**
 * Whether the LCP element is the hero's `<img>`: an img whose address is a variant of the
 * hero's picture. Lighthouse cuts each attribute of the snippet to 75 characters, and shows
 * `src` resolved (`http://127.0.0.1:<port>/media/<hash>/…`), so only the start of the hash is
 * sure to be there; 16 hex digits tell the page's six pictures apart.
 */
export function isHeroImage(summary: Pick<RunSummary, 'lcpSnippet'>, heroHash: string): boolean {
  return (
    summary.lcpSnippet.startsWith('<img') && summary.lcpSnippet.includes(`/media/${heroHash.slice(0, 16)}`)
  );
}

/** `/media/<hash>/960.avif` → `960.avif`, and the last part of any other address. */
export function shortName(url: string): string {
  const path = url.replace(/^https?:\/\/[^/]+/, '').split('?')[0] ?? url;
  const picture = /^\/media\/[0-9a-f]{64}\/(.+)$/.exec(path);
  return picture?.[1] ?? path;
}
