import type { Page, Response } from 'playwright-core';
import { scriptHash } from '../server/security-headers.ts';

/** What one page showed, and every sign that markup from its content ran or became markup. */
export interface PageFindings {
  path: string;
  status: number;
  problems: string[];
  /** Each JSON-LD block, parsed. */
  jsonLd: unknown[];
  /** For each selector asked for, the text (or, for form fields, the value) of what it matched. */
  texts: Record<string, string[]>;
}

/** How long a page is watched after it loads: handlers on media, focus and toggles fire late. */
const settleMs = 200;

interface DomReport {
  problems: string[];
  scripts: { type: string; src: string | null; text: string }[];
  jsonLd: string[];
  texts: Record<string, string[]>;
  xss: unknown;
}

/**
 * Runs in the page: attributes and elements that only markup from content could have added.
 * The site itself ships none of them; e2e/xss.test.ts checks that on pages without the corpus.
 */
function inspectDom(selectors: string[]): DomReport {
  const problems: string[] = [];
  const urlAttributes = new Set([
    'href',
    'src',
    'action',
    'formaction',
    'xlink:href',
    'data',
    'background',
    'poster',
  ]);
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on')) problems.push(`<${element.localName}> has an ${name} attribute`);
      if (name === 'srcdoc') problems.push(`<${element.localName}> has a srcdoc attribute`);
      // Browsers drop control characters and spaces in a scheme, so "java\tscript:" counts.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: those characters are the point
      const scheme = attribute.value.replace(/[\u0000-\u0020\u007f-\u00a0]/g, '').toLowerCase();
      if (urlAttributes.has(name) && /^(javascript|vbscript|data):/.test(scheme))
        problems.push(`<${element.localName} ${name}="${attribute.value}">`);
    }
  }
  const foreign = [
    'iframe, frame, frameset, object, embed, applet, base, svg, math, video, audio, marquee, keygen',
    'bgsound, template, xmp, plaintext, isindex, style, noscript, details, picture, source, select',
    'meta[http-equiv], [style], [autofocus], button[formaction]',
    'form:not(.site-search):not(.search-form):not(#comment-form)',
    'link:not([rel=canonical]):not([rel=icon]):not([rel=alternate]):not([rel=stylesheet])',
  ].join(', ');
  for (const element of document.querySelectorAll(foreign)) {
    problems.push(`an element that is not the site's: ${element.outerHTML.slice(0, 120)}`);
  }
  const texts: Record<string, string[]> = {};
  for (const selector of selectors) {
    texts[selector] = [...document.querySelectorAll(selector)].map((element) =>
      element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement
        ? element.value
        : (element.textContent ?? ''),
    );
  }
  const scripts = [...document.scripts].map((script) => ({
    type: script.type,
    src: script.getAttribute('src'),
    text: script.text,
  }));
  return {
    problems,
    scripts: scripts.filter((script) => script.type !== 'application/ld+json'),
    jsonLd: scripts.filter((script) => script.type === 'application/ld+json').map((script) => script.text),
    texts,
    xss: (window as unknown as { __xss?: unknown }).__xss,
  };
}

/** Opens the page to audit: a plain load unless a test submits a form to get there. */
export type Opener = (page: Page, url: string) => Promise<Response | null>;
const load: Opener = (page, url) => page.goto(url, { waitUntil: 'load' });

/** The address without its fragment, as the browser writes it. */
const withoutHash = (url: string) => new URL(url).href.replace(/#.*$/, '');

/**
 * Loads `path` in `page` (whose context should bypass the Content-Security-Policy, so that
 * only the site's escaping stands between content and the reader) and reports what ran: a
 * dialog, window.__xss, a navigation or a frame, then what the DOM holds.
 */
export async function auditPage(
  page: Page,
  siteUrl: string,
  path: string,
  selectors: string[] = [],
  open: Opener = load,
): Promise<PageFindings> {
  const problems: string[] = [];
  const onDialog = (dialog: { type(): string; message(): string; dismiss(): Promise<void> }) => {
    problems.push(`a ${dialog.type()} dialog opened: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  };
  page.on('dialog', onDialog);
  try {
    const url = `${siteUrl}${path}`;
    const response = await open(page, url);
    if (!response) throw new Error(`no answer for ${path}`);
    if (withoutHash(page.url()) !== withoutHash(url))
      problems.push(`the page went to ${page.url()} as it loaded`);
    const atLoad = await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss);
    if (atLoad !== undefined) problems.push(`window.__xss was ${String(atLoad)} at load`);
    await page.waitForTimeout(settleMs);
    if (withoutHash(page.url()) !== withoutHash(url)) problems.push(`the page went to ${page.url()}`);
    if (page.frames().length !== 1) problems.push(`the page holds ${page.frames().length - 1} frames`);
    const dom = await page.evaluate(inspectDom, selectors);
    if (dom.xss !== undefined) problems.push(`window.__xss was ${String(dom.xss)} after ${settleMs} ms`);
    problems.push(...dom.problems);

    // The only scripts to run are those the policy names by hash: the site's own.
    const policy = response.headers()['content-security-policy'] ?? '';
    for (const script of dom.scripts) {
      if (script.src !== null) problems.push(`a script from ${script.src}`);
      else if (!policy.includes(scriptHash(script.text)))
        problems.push(`an unknown script: ${script.text.slice(0, 80)}`);
    }
    const jsonLd: unknown[] = [];
    for (const text of dom.jsonLd) {
      try {
        jsonLd.push(JSON.parse(text));
      } catch {
        problems.push(`JSON-LD that does not parse: ${text.slice(0, 120)}`);
      }
    }
    return { path, status: response.status(), problems, jsonLd, texts: dom.texts };
  } finally {
    page.off('dialog', onDialog);
  }
}

/** Audits every path, as many at a time as there are pages to load them in. */
export async function auditPages(
  pages: Page[],
  siteUrl: string,
  paths: string[],
  selectors: string[] = [],
): Promise<PageFindings[]> {
  const findings: PageFindings[] = new Array(paths.length);
  let next = 0;
  await Promise.all(
    pages.map(async (page) => {
      while (next < paths.length) {
        const n = next++;
        findings[n] = await auditPage(page, siteUrl, paths[n] as string, selectors);
      }
    }),
  );
  return findings;
}
