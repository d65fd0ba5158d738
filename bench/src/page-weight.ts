import { request } from 'node:http';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { answerOf } from './baseline.ts';

/** What a page makes a browser fetch besides itself, by kind, as absolute or root-relative URLs. */
export interface PageResources {
  stylesheets: string[];
  scripts: string[];
  images: string[];
  /** Images with loading="lazy": fetched only when scrolled near. Also counted in `images`. */
  lazyImages: string[];
  icons: string[];
  fonts: string[];
}

export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

export interface PageWeight {
  path: string;
  html: Sizes;
  css: Sizes;
  js: Sizes;
  /** Every request the page makes: itself and each distinct resource. */
  requests: number;
  resources: PageResources;
  /** The content-encoding the server itself chose when asked for `br, gzip` ("none" for none). */
  serverEncoding: { html: string; css: string | null; js: string | null };
}

const tagPattern = /<(link|script|img)\b([^>]*)>/gi;
const attributePattern = /([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

/**
 * The resources an HTML page references: stylesheets, external scripts, images, icons, and
 * fonts it preloads. A pattern match, not a parser: enough for markup we generate ourselves.
 * Inline scripts and styles are part of the HTML's own bytes.
 */
export function resourcesOf(html: string): PageResources {
  const found: PageResources = {
    stylesheets: [],
    scripts: [],
    images: [],
    lazyImages: [],
    icons: [],
    fonts: [],
  };
  const add = (list: string[], url: string | undefined) => {
    if (url && !list.includes(url)) list.push(url);
  };
  for (const [, tag, attributeText] of html.matchAll(tagPattern)) {
    const attributes = attributesOf(attributeText ?? '');
    const rel = (attributes.rel ?? '').toLowerCase().split(/\s+/);
    switch (tag?.toLowerCase()) {
      case 'link':
        if (rel.includes('stylesheet')) add(found.stylesheets, attributes.href);
        else if (rel.includes('icon') || rel.includes('apple-touch-icon')) add(found.icons, attributes.href);
        else if (rel.includes('modulepreload')) add(found.scripts, attributes.href);
        else if (rel.includes('preload') && attributes.as === 'font') add(found.fonts, attributes.href);
        else if (rel.includes('preload') && attributes.as === 'style')
          add(found.stylesheets, attributes.href);
        else if (rel.includes('preload') && attributes.as === 'script') add(found.scripts, attributes.href);
        break;
      case 'script':
        add(found.scripts, attributes.src);
        break;
      case 'img':
        add(found.images, attributes.src);
        if (attributes.loading === 'lazy') add(found.lazyImages, attributes.src);
        break;
    }
  }
  return found;
}

/** Font files a stylesheet's url()s name (an @font-face's src), which the browser fetches when used. */
export function fontsInCss(css: string): string[] {
  const fonts = new Set<string>();
  for (const [, quoted, bare] of css.matchAll(/url\(\s*(?:["']([^"']+)["']|([^)\s]+))\s*\)/g)) {
    const url = quoted ?? bare ?? '';
    if (/\.(woff2?|ttf|otf|eot)(\?|#|$)/i.test(url)) fonts.add(url);
  }
  return [...fonts];
}

/** Bytes as sent uncompressed, and gzip (level 6, servers' usual) and brotli (quality 11, what CDNs store for static files). */
export function sizesOf(bytes: Buffer): Sizes {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 6 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

export function sumSizes(sizes: readonly Sizes[]): Sizes {
  return sizes.reduce(
    (total, next) => ({
      raw: total.raw + next.raw,
      gzip: total.gzip + next.gzip,
      brotli: total.brotli + next.brotli,
    }),
    { raw: 0, gzip: 0, brotli: 0 },
  );
}

/** A page of the running site, weighed: its HTML and every stylesheet and script it loads. */
export async function pageWeightOf(siteBase: string, path: string): Promise<PageWeight> {
  const page = await answerOf(`${siteBase}${path}`);
  if (page.status !== 200) throw new Error(`${path} answered ${page.status}; cannot weigh it`);
  const resources = resourcesOf(page.body.toString('utf8'));
  const absolute = (url: string) => new URL(url, `${siteBase}${path}`).href;
  const fetchAll = (urls: string[]) => Promise.all(urls.map((url) => answerOf(absolute(url))));
  const stylesheets = await fetchAll(resources.stylesheets);
  const scripts = await fetchAll(resources.scripts);
  for (const css of stylesheets) {
    for (const font of fontsInCss(css.body.toString('utf8'))) {
      if (!resources.fonts.includes(font)) resources.fonts.push(font);
    }
  }
  // Asked of the first file the site serves itself: files on other hosts are not its doing.
  const encodingOfFirst = async (urls: string[]) => {
    const own = urls.map(absolute).find((url) => new URL(url).origin === new URL(siteBase).origin);
    return own ? encodingOf(own) : null;
  };
  return {
    path,
    html: sizesOf(page.body),
    css: sumSizes(stylesheets.map((css) => sizesOf(css.body))),
    js: sumSizes(scripts.map((js) => sizesOf(js.body))),
    requests:
      1 +
      new Set(
        [resources.stylesheets, resources.scripts, resources.images, resources.icons, resources.fonts]
          .flat()
          .map(absolute),
      ).size,
    resources,
    serverEncoding: {
      html: await encodingOf(`${siteBase}${path}`),
      css: await encodingOfFirst(resources.stylesheets),
      js: await encodingOfFirst(resources.scripts),
    },
  };
}

/** The content-encoding a server answers with when a browser says it takes br and gzip. */
function encodingOf(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { headers: { 'accept-encoding': 'br, gzip' } }, (response) => {
      response.resume();
      response.on('end', () => resolve(String(response.headers['content-encoding'] ?? 'none')));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

function attributesOf(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [, name, doubleQuoted, singleQuoted, bare] of text.matchAll(attributePattern)) {
    if (name) attributes[name.toLowerCase()] = doubleQuoted ?? singleQuoted ?? bare ?? '';
  }
  return attributes;
}
