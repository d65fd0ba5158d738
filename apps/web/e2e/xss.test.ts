import { createNewsroomClient } from '@newsroom/api/client';
import type { Article } from '@newsroom/domain';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.js';
import { auditPage, auditPages, type PageFindings } from './page-audit.js';
import { type RunningNewsroom, startNewsroom } from './servers.js';
import { writeXssContent, type XssContent } from './xss-content.js';
import { xssVectors } from './xss-vectors.js';

// The XSS corpus (e2e/xss-vectors.ts) in every field a reader sees, then every page it shows
// on loaded in Chromium with the Content-Security-Policy bypassed: the policy is the second
// line of defence, and this shows the first, the site's escaping, holds alone.
let newsroom: RunningNewsroom;
let browser: Browser;
let context: BrowserContext;
let tabs: Page[];
let content: XssContent;

beforeAll(async () => {
  browser = await launchChromium();
  // The corpus is a few hundred writes and comments from one address, in seconds.
  newsroom = await startNewsroom({
    apiEnv: { API_RATE_LIMIT_WRITES: '100000', API_RATE_LIMIT_COMMENTS: '100000' },
  });
  content = await writeXssContent(newsroom);
  context = await browser.newContext({ bypassCSP: true });
  tabs = await Promise.all(Array.from({ length: 6 }, () => context.newPage()));
  await siteShowsCorpus();
}, 180_000);
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await newsroom?.stop();
});

/** The site learns of new content from the API's change stream: wait until it shows it. */
async function siteShowsCorpus(): Promise<void> {
  for (let tries = 0; tries < 80; tries++) {
    const home = await (await fetch(`${newsroom.siteUrl}/`)).text();
    if (home.includes('/articles/xss-story-')) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the site never showed the corpus');
}

/** Every problem of every page, keyed by path, so a failure names where and what. */
function problemsOf(findings: PageFindings[]): Record<string, string[]> {
  return Object.fromEntries(findings.filter((f) => f.problems.length > 0).map((f) => [f.path, f.problems]));
}

/**
 * What a browser keeps of a text: HTML parsers drop NUL in text, and read it as U+FFFD in
 * <title>, <textarea> and attribute values (one vector carries NULs).
 */
const asHtmlText = (text: string) => text.replaceAll('\u0000', '');
const asHtmlValue = (text: string) => text.replaceAll('\u0000', '\ufffd');

/** What XML keeps of a text: characters XML cannot hold are dropped (src/lib/feeds/xml.ts). */
const asXmlText = (text: string) =>
  text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');

// biome-ignore lint/suspicious/noExplicitAny: structured data is arbitrary JSON, checked field by field
type Json = Record<string, any>;
const ofType = (findings: PageFindings, type: string) =>
  findings.jsonLd.find((data) => (data as Json)['@type'] === type) as Json | undefined;

describe('the audit', () => {
  it('catches script that runs and markup that got in, on a page made to fail it', async () => {
    const page = await context.newPage();
    await page.route(`${newsroom.siteUrl}/audit-control`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><title>x</title><p>${xssVectors[0]}</p><img src=x onerror="window.__xss=1"><a href=" javascript:void 0">x</a><iframe srcdoc="<p>x"></iframe>`,
      }),
    );
    const findings = await auditPage(page, newsroom.siteUrl, '/audit-control');
    const all = findings.problems.join('\n');
    expect(all).toContain('a alert dialog opened');
    expect(all).toContain('window.__xss was 1');
    expect(all).toContain('<img> has an onerror attribute');
    expect(all).toContain('<a href=" javascript:void 0">');
    expect(all).toContain('an unknown script: alert(1)');
    expect(all).toContain('the page holds 1 frames');
    await page.close();
  });
});

describe('with the corpus in every field', () => {
  it('shows each story with its text as text: headline, standfirst, body, pictures, byline, tags, comments', async () => {
    const paths = content.articles.map((a) => `/articles/${a.slug}`);
    const findings = await auditPages(tabs, newsroom.siteUrl, paths, [
      'title',
      'h1',
      '.standfirst',
      '.dateline',
      '.comment-author',
    ]);
    expect(problemsOf(findings)).toEqual({});
    content.articles.forEach((article: Article, n) => {
      const found = findings[n] as PageFindings;
      expect(found.status).toBe(200);
      expect(found.texts.h1).toEqual([asHtmlText(article.headline)]);
      expect(found.texts['.standfirst']).toEqual([asHtmlText(article.standfirst ?? '')]);
      expect(found.texts['.dateline']).toEqual([asHtmlText(article.dateline ?? '')]);
      expect(found.texts.title).toEqual([asHtmlValue(`${article.seoTitle ?? article.headline} | Newsroom`)]);
      const posted = content.comments.get(article.slug) ?? [];
      expect(found.texts['.comment-author']?.toSorted()).toEqual(
        posted.map((c) => asHtmlText(c.displayName.trim())).toSorted(),
      );
      // JSON-LD holds the same strings, whole, after a JSON parse.
      const data = ofType(found, 'NewsArticle');
      expect(data?.headline).toBe(article.headline);
      expect(data?.articleSection).toBe(article.section?.name);
      expect(data?.keywords ?? []).toEqual(article.tags.map((t) => t.name));
      expect(data?.author.map((a: Json) => a.name)).toEqual(article.authors.map((a) => a.name));
      expect(ofType(found, 'BreadcrumbList')?.itemListElement.at(-1).name).toBe(article.headline);
    });
    // Every vector reached every field of some story that holds one value per story.
    const fields = (a: Article) => [
      a.headline,
      a.standfirst,
      a.dateline,
      a.seoTitle,
      a.seoDescription,
      a.heroImage?.alt,
      a.heroImage?.caption,
      a.heroImage?.credit,
    ];
    const missing = fields(content.articles[0] as Article).map((_, field) =>
      xssVectors.filter((v) => !content.articles.some((a) => fields(a)[field]?.includes(v.trim()))),
    );
    expect(missing).toEqual(fields(content.articles[0] as Article).map(() => []));
  }, 120_000);

  it('shows each story’s preview, as the desk shares it, with its text as text too', async () => {
    const editor = createNewsroomClient(newsroom.apiUrl, { token: newsroom.mintToken('editor') });
    const paths: string[] = [];
    for (const article of content.articles) {
      paths.push((await editor.preview.create.mutate({ articleId: article.id })).path);
    }
    const findings = await auditPages(tabs, newsroom.siteUrl, paths, [
      'title',
      'h1',
      '.standfirst',
      '.dateline',
    ]);
    expect(problemsOf(findings)).toEqual({});
    content.articles.forEach((article: Article, n) => {
      const found = findings[n] as PageFindings;
      expect(found.status).toBe(200);
      expect(found.texts.h1).toEqual([asHtmlText(article.headline)]);
      expect(found.texts['.standfirst']).toEqual([asHtmlText(article.standfirst ?? '')]);
      expect(found.texts['.dateline']).toEqual([asHtmlText(article.dateline ?? '')]);
      expect(found.texts.title).toEqual([
        asHtmlValue(`Preview: ${article.seoTitle ?? article.headline} | Newsroom`),
      ]);
    });
  }, 120_000);

  it('shows the section, tag and author pages with their names and descriptions as text', async () => {
    const kinds = [
      ...content.sections.map((s) => ({ path: `/sections/${s.slug}`, name: s.name, about: s.description })),
      ...content.tags.map((t) => ({ path: `/tags/${t.slug}`, name: t.name, about: t.description })),
      ...content.authors.map((a) => ({ path: `/authors/${a.slug}`, name: a.name, about: a.bio })),
    ];
    const findings = await auditPages(
      tabs,
      newsroom.siteUrl,
      kinds.map((k) => k.path),
      ['h1', '.listing-description', '.site-nav a'],
    );
    expect(problemsOf(findings)).toEqual({});
    kinds.forEach((kind, n) => {
      const found = findings[n] as PageFindings;
      expect(found.status, kind.path).toBe(200);
      expect(found.texts.h1?.join(' '), kind.path).toContain(asHtmlText(kind.name));
      expect(found.texts['.listing-description'], kind.path).toEqual([asHtmlText(kind.about ?? '')]);
    });
    // Every page's navigation names every section, so each section name is tested on each page.
    expect(findings[0]?.texts['.site-nav a']).toEqual(
      expect.arrayContaining(content.sections.map((s) => asHtmlText(s.name))),
    );
  }, 120_000);

  it('lists the stories on the home pages and in search results, and echoes searches as text', async () => {
    const homes = ['/'];
    for (let n = 0; n < 5; n++) {
      const html = await (await fetch(`${newsroom.siteUrl}${homes.at(-1)}`)).text();
      const older = /href="(\/\?cursor=[^"]+)"/.exec(html)?.[1];
      if (!older) break;
      homes.push(older.replaceAll('&amp;', '&'));
    }
    const tooLong = xssVectors.join(' ');
    const searches = [...content.searches, tooLong].map((q) => `/search?q=${encodeURIComponent(q)}`);
    const findings = await auditPages(
      tabs,
      newsroom.siteUrl,
      [...homes, ...searches],
      ['.card-headline', '#site-search-q', '.search-hit'],
    );
    expect(problemsOf(findings)).toEqual({});
    const listed = findings.slice(0, homes.length).flatMap((f) => f.texts['.card-headline'] ?? []);
    expect(listed).toEqual(expect.arrayContaining(content.articles.map((a) => asHtmlText(a.headline))));
    [...content.searches, tooLong].forEach((q, n) => {
      const found = findings[homes.length + n] as PageFindings;
      expect(found.texts['#site-search-q'], q).toEqual([asHtmlValue(q.trim())]);
    });
    // The searches find the corpus, so its snippets, with their marked matches, were shown too.
    const hits = findings.slice(homes.length).flatMap((f) => f.texts['.search-hit'] ?? []);
    expect(hits.length).toBeGreaterThan(content.searches.length);
  });

  it('gives back a comment form that needs fixing with the reader’s text in it as text', async () => {
    const page = await context.newPage();
    const path = `/articles/${content.articles[0]?.slug}`;
    // Too long a name and too long a comment: both come back in the form, with what to fix.
    const values = { name: xssVectors.join(' '), body: xssVectors.join('\n') };
    const submit = async (tab: Page, url: string) => {
      await tab.goto(url);
      const answer = tab.waitForResponse((res) => res.request().method() === 'POST');
      // Until the answer replaces it, the article page counts as loaded: wait for the new one.
      const navigated = tab.waitForEvent('framenavigated', (frame) => frame === tab.mainFrame());
      await tab.evaluate(({ name, body }) => {
        const form = document.querySelector<HTMLFormElement>('#comment-form');
        const field = (id: string) => document.querySelector<HTMLInputElement | HTMLTextAreaElement>(id);
        const [nameField, bodyField] = [field('#comment-name'), field('#comment-body')];
        if (!form || !nameField || !bodyField) throw new Error('the story has no comment form');
        nameField.value = name;
        bodyField.value = body;
        form.submit();
      }, values);
      const res = await answer;
      await navigated;
      await tab.waitForLoadState('load');
      return res;
    };
    const found = await auditPage(
      page,
      newsroom.siteUrl,
      path,
      ['#comment-name', '#comment-body', '.field-error'],
      submit,
    );
    expect(found.problems).toEqual([]);
    expect(found.status).toBe(400);
    expect(found.texts['.field-error']).toHaveLength(2);
    expect(found.texts['#comment-name']).toEqual([asHtmlValue(values.name)]);
    expect(found.texts['#comment-body']).toEqual([asHtmlValue(values.body)]);
    await page.close();
  });

  it("answers addresses made of vectors with the site's own 404 page", async () => {
    const kinds = ['articles', 'tags', 'authors', 'sections'];
    const notFound = async (path: string) => {
      const res = await fetch(`${newsroom.siteUrl}${path}`, { redirect: 'manual' });
      return { status: res.status, body: await res.text() };
    };
    // An address that is nothing's is a 404; one that cannot be a slug at all, a 400. Each
    // kind of page has its own wording, so each kind has its own two pages to compare with.
    const plain = new Map<string, { status: number; body: string }>();
    for (const kind of kinds) {
      plain.set(`${kind} 404`, await notFound(`/${kind}/no-such-thing`));
      plain.set(`${kind} 400`, await notFound(`/${kind}/Not%20a%20slug`));
    }
    expect([...plain.values()].map((p) => p.status)).toEqual([404, 400, 404, 400, 404, 400, 404, 400]);
    const odd: string[] = [];
    const queue = kinds.flatMap((kind) =>
      xssVectors.map((v) => ({ kind, path: `/${kind}/${encodeURIComponent(v)}` })),
    );
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let task = queue.pop(); task !== undefined; task = queue.pop()) {
          const answer = await notFound(task.path);
          // The page never repeats the address, so it is the same page whatever was asked for.
          if (answer.body !== plain.get(`${task.kind} ${answer.status}`)?.body)
            odd.push(`${task.path}: ${answer.status}`);
        }
      }),
    );
    expect(odd).toEqual([]);
    // And in the browser, a few of them, whole.
    const sample = xssVectors.filter((_, n) => n % 25 === 0).map((v) => `/articles/${encodeURIComponent(v)}`);
    expect(problemsOf(await auditPages(tabs, newsroom.siteUrl, sample))).toEqual({});
  });

  it('keeps the feeds and sitemaps well-formed XML with the vectors as text', async () => {
    const feeds = [
      '/rss.xml',
      ...content.sections.map((s) => `/sections/${s.slug}/rss.xml`),
      ...content.tags.map((t) => `/tags/${t.slug}/rss.xml`),
    ];
    const documents = await Promise.all(
      [...feeds, '/news-sitemap.xml', '/sitemap.xml', '/sitemaps/taxonomy.xml'].map(async (path) => ({
        path,
        xml: await (await fetch(`${newsroom.siteUrl}${path}`)).text(),
      })),
    );
    const page = await context.newPage();
    await page.goto(`${newsroom.siteUrl}/robots.txt`);
    // Parsed by Chromium's own XML parser, which refuses anything not well-formed; the HTML in
    // each item's content is parsed too and checked as a page would be.
    const parsed = await page.evaluate((docs) => {
      return docs.map(({ path, xml }) => {
        const doc = new DOMParser().parseFromString(xml, 'application/xml');
        const error = doc.querySelector('parsererror')?.textContent ?? null;
        const texts = (name: string) => [...doc.getElementsByTagName(name)].map((e) => e.textContent ?? '');
        const unsafe: string[] = [];
        for (const html of texts('content:encoded')) {
          const body = new DOMParser().parseFromString(html, 'text/html');
          for (const element of body.querySelectorAll('*')) {
            if (/^(script|iframe|object|embed|svg|math|style|base|form)$/.test(element.localName))
              unsafe.push(`<${element.localName}>`);
            for (const attribute of element.attributes) {
              // biome-ignore lint/suspicious/noControlCharactersInRegex: as browsers read a scheme
              const scheme = attribute.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
              const isUrl = ['href', 'src', 'action', 'formaction', 'data'].includes(attribute.name);
              if (attribute.name.startsWith('on') || (isUrl && /^(javascript|data|vbscript):/.test(scheme)))
                unsafe.push(`${attribute.name}="${attribute.value}"`);
            }
          }
        }
        const channelTitle = doc.querySelector('channel > title')?.textContent ?? null;
        return {
          path,
          error,
          titles: texts('title'),
          newsTitles: texts('news:title'),
          creators: texts('dc:creator'),
          categories: texts('category'),
          channelTitle,
          unsafe,
        };
      });
    }, documents);
    await page.close();

    for (const document of parsed) {
      expect(document.error, document.path).toBeNull();
      expect(document.unsafe, document.path).toEqual([]);
    }
    const itemTitles = new Set(parsed.filter((d) => d.path.endsWith('rss.xml')).flatMap((d) => d.titles));
    for (const article of content.articles) expect(itemTitles).toContain(asXmlText(article.headline));
    const newsTitles = parsed.find((d) => d.path === '/news-sitemap.xml')?.newsTitles ?? [];
    expect(newsTitles).toEqual(expect.arrayContaining(content.articles.map((a) => asXmlText(a.headline))));
    const feedsOnly = parsed.filter((d) => d.path.endsWith('rss.xml'));
    expect(feedsOnly.flatMap((d) => d.creators)).toEqual(
      expect.arrayContaining(content.authors.map((a) => asXmlText(a.name))),
    );
    expect(feedsOnly.flatMap((d) => d.categories)).toEqual(
      expect.arrayContaining(content.tags.map((t) => asXmlText(t.name))),
    );
    for (const taxonomy of [...content.sections, ...content.tags]) {
      const feed = parsed.find((d) => d.path.includes(`/${taxonomy.slug}/`));
      expect(feed?.channelTitle).toContain(asXmlText(taxonomy.name));
    }
  });
});
