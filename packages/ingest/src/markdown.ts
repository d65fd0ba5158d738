import type { ArticleDraft } from '@newsroom/domain';
import {
  articleStatuses,
  type Block,
  type Image,
  type InlineNode,
  MediaUrlSchema,
  type SourceCredit,
  sourceTypes,
  tagTypes,
} from '@newsroom/domain';
import type { Blockquote, List, Nodes, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { contentHashOf } from './content-hash.js';
import { blankDraft, defaultImageSize, fitToLimits } from './draft-limits.js';
import { attributionLine, matchRule, scrapedTextRules } from './furniture-rules.js';
import { blocksFromHtml } from './html.js';
import { IngestError } from './ingest-error.js';
import { escapeInline, inlineSourceOf, safeHref } from './inline.js';
import { sourceCreditOf } from './sources.js';

const seeAlsoRule = scrapedTextRules.find((rule) => rule.effect === 'see-also');

const nameList = z.union([z.string().transform((s) => s.split(/\s*,\s*/)), z.array(z.string())]);
const scalarText = z.union([z.string(), z.number()]).transform(String);

/** The front-matter fields read, each checked on its own: a bad one is a warning, not a refusal. */
const frontMatterFields = {
  title: scalarText,
  slug: scalarText,
  date: z.union([z.string(), z.date()]),
  tags: z.union([
    z.string().transform((s) => s.split(/\s*,\s*/)),
    z.array(z.union([z.string(), z.object({ name: z.string(), type: z.string().optional() })])),
  ]),
  section: z.string(),
  authors: nameList,
  author: nameList,
  sources: z.union([
    z.string().transform((s) => s.split(/\s*,\s*/)),
    z.array(
      z.union([
        z.string(),
        z.object({ name: z.string(), type: z.string().optional(), url: z.string().optional() }),
      ]),
    ),
  ]),
  status: z.string(),
  standfirst: z.string(),
  description: z.string(),
  id: scalarText,
  image: z.union([
    z.string().transform((src) => ({
      src,
      alt: undefined,
      caption: undefined,
      credit: undefined,
      width: undefined,
      height: undefined,
    })),
    z
      .object({
        src: z.string().optional(),
        url: z.string().optional(),
        alt: z.string().optional(),
        caption: z.string().optional(),
        credit: z.string().optional(),
        width: z.number().int().positive().optional(),
        height: z.number().int().positive().optional(),
      })
      .transform(({ url, src, ...rest }) => ({ src: src ?? url ?? '', ...rest })),
  ]),
  language: z.string(),
  lang: z.string(),
  canonical_url: z.string(),
  canonicalUrl: z.string(),
  canonical: z.string(),
} as const;
type FrontMatter = { [K in keyof typeof frontMatterFields]?: z.output<(typeof frontMatterFields)[K]> };

/**
 * A story from Markdown with optional YAML front matter (title, slug, date, tags, section,
 * authors, sources, status, standfirst/description, id, image, language, canonical_url).
 * See the README for how each Markdown element maps to a block.
 */
export function parseMarkdown(text: string, options: { origin: string }): ArticleDraft {
  const { origin } = options;
  const draft = blankDraft(origin, contentHashOf(text));
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const { frontMatter, body } = splitFrontMatter(source, origin);
  const fields = readFrontMatter(frontMatter, origin, draft.warnings);

  const tree = fromMarkdown(body);
  const first = tree.children[0];
  let headline = fields.title?.trim() || null;
  if (first?.type === 'heading' && first.depth === 1) {
    const leading = plainTextOf(first).trim();
    // The leading "# Title" is the headline, or repeats it: either way it is not body.
    if (!headline || leading === headline) {
      headline ||= leading;
      tree.children.shift();
    }
  }
  if (!headline)
    throw new IngestError(`${origin}: no headline (no front-matter title and no leading # heading)`);

  draft.headline = headline;
  applyFrontMatter(draft, fields);
  const converter = new MarkdownToBlocks(tree);
  for (const node of tree.children) converter.block(node);
  draft.body = converter.blocks;
  draft.warnings.push(...converter.warnings());
  return fitToLimits(draft);
}

function splitFrontMatter(source: string, origin: string): { frontMatter: string | null; body: string } {
  if (!/^---[ \t]*\n/.test(source)) return { frontMatter: null, body: source };
  const close = /\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(source.slice(3));
  if (!close) throw new IngestError(`${origin}: the front matter opened by "---" on line 1 is never closed`);
  const end = 3 + close.index;
  return {
    frontMatter: source.slice(source.indexOf('\n') + 1, end + 1),
    body: source.slice(end + close[0].length),
  };
}

function readFrontMatter(yaml: string | null, origin: string, warnings: string[]): FrontMatter {
  if (yaml === null || !yaml.trim()) return {};
  let data: unknown;
  try {
    data = parseYaml(yaml, { uniqueKeys: true, maxAliasCount: 100, prettyErrors: false });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      // Line 1 of the file is the opening "---".
      const line = yaml.slice(0, error.pos[0]).split('\n').length + 1;
      const reason = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '');
      throw new IngestError(`${origin}: invalid YAML front matter at line ${line}: ${reason}`);
    }
    throw new IngestError(`${origin}: invalid YAML front matter: ${(error as Error).message.split('\n')[0]}`);
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new IngestError(`${origin}: the front matter must be a mapping of fields (title: …, tags: …)`);
  }
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (value === null || value === undefined) continue;
    if (!Object.hasOwn(frontMatterFields, key)) {
      warnings.push(`front matter: unknown field "${key}" ignored`);
      continue;
    }
    const parsed = frontMatterFields[key as keyof typeof frontMatterFields].safeParse(value);
    if (parsed.success) fields[key] = parsed.data;
    else
      warnings.push(
        `front matter: "${key}" has the wrong shape (${parsed.error.issues[0]?.message}): ignored`,
      );
  }
  return fields as FrontMatter;
}

function applyFrontMatter(draft: ArticleDraft, fields: FrontMatter): void {
  const warn = (line: string) => draft.warnings.push(line);
  draft.sourceId = fields.id?.trim() || null;
  draft.slug = fields.slug?.trim() || null;
  draft.standfirst = fields.standfirst ?? fields.description ?? null;
  draft.section = fields.section?.trim() || null;
  draft.language = fields.language ?? fields.lang ?? null;
  draft.canonicalUrl = fields.canonical_url ?? fields.canonicalUrl ?? fields.canonical ?? null;
  if (fields.date !== undefined) draft.publishedAt = isoDateOf(fields.date, warn);
  if (fields.status !== undefined) {
    const status = fields.status.trim().toLowerCase();
    const known = articleStatuses.find((s) => s === status);
    if (known) draft.status = known;
    else warn(`front matter: status "${fields.status}" is not one of ${articleStatuses.join(', ')}: ignored`);
  }
  draft.tags = (fields.tags ?? []).map((tag) => {
    if (typeof tag === 'string') return { name: tag };
    const type = tagTypes.find((t) => t === tag.type);
    if (tag.type !== undefined && !type)
      warn(`front matter: tag type "${tag.type}" unknown: "${tag.name}" kept as a topic`);
    return type ? { name: tag.name, type } : { name: tag.name };
  });
  draft.authors = fields.authors ?? fields.author ?? [];
  draft.sources = (fields.sources ?? []).map((source): SourceCredit => {
    if (typeof source === 'string') return sourceCreditOf(source.trim());
    const credit = sourceCreditOf(source.name.trim(), source.url ?? null);
    const type = sourceTypes.find((t) => t === source.type);
    if (source.type !== undefined && !type)
      warn(`front matter: source type "${source.type}" unknown for "${source.name}"`);
    return type ? { ...credit, type } : credit;
  });
  if (fields.image) {
    const { src, alt, caption, credit, width, height } = fields.image;
    const sized = width !== undefined && height !== undefined;
    if (!sized)
      warn(`hero image ${src}: size unknown, set to ${defaultImageSize.width}×${defaultImageSize.height}`);
    draft.heroImage = {
      src,
      alt: alt ?? '',
      caption: caption ?? null,
      credit: credit ?? null,
      width: sized ? width : defaultImageSize.width,
      height: sized ? height : defaultImageSize.height,
    };
  }
}

function isoDateOf(value: string | Date, warn: (line: string) => void): string | null {
  const date = value instanceof Date ? value : new Date(value.trim());
  if (Number.isNaN(date.getTime())) {
    warn(`front matter: date "${String(value)}" is not a date: ignored`);
    return null;
  }
  return date.toISOString();
}

/** Elements whose content is code or page machinery: their text goes along with the tags. */
const hiddenHtml = /^<(script|style|iframe|object|embed|noscript|template|textarea|title)\b/i;

class MarkdownToBlocks {
  readonly blocks: Block[] = [];
  private readonly definitions = new Map<string, { url: string; title: string | null }>();
  private pendingImages: Block[] = [];
  private rawHtml = 0;
  private unsafeLinks = 0;
  private codeBlocks = 0;
  private formattingDropped = false;
  private readonly notes: string[] = [];

  constructor(tree: Root) {
    visit(tree, (node) => {
      if (node.type === 'definition')
        this.definitions.set(node.identifier, { url: node.url, title: node.title ?? null });
    });
  }

  warnings(): string[] {
    const lines: string[] = [];
    if (this.rawHtml > 0)
      lines.push(
        `raw HTML stripped (${this.rawHtml} place${this.rawHtml > 1 ? 's' : ''}): only its text kept`,
      );
    if (this.unsafeLinks > 0)
      lines.push(
        `${this.unsafeLinks} link${this.unsafeLinks > 1 ? 's' : ''} to unsafe or relative addresses kept as text`,
      );
    if (this.codeBlocks > 0)
      lines.push(`${this.codeBlocks} code block${this.codeBlocks > 1 ? 's' : ''} kept as plain paragraphs`);
    if (this.formattingDropped)
      lines.push('inline formatting the body cannot express was kept as plain text');
    return [...lines, ...this.notes];
  }

  block(node: RootContent): void {
    switch (node.type) {
      case 'heading': {
        const text = this.inlineText(node.children);
        const level = node.depth <= 2 ? 2 : node.depth === 3 ? 3 : 4;
        if (text) this.blocks.push({ type: 'heading', level, text });
        break;
      }
      case 'paragraph':
        this.paragraph(node);
        break;
      case 'list': {
        const items = this.listItems(node);
        if (items.length > 0)
          this.blocks.push({ type: 'list', style: node.ordered ? 'numbered' : 'bulleted', items });
        break;
      }
      case 'blockquote':
        this.quote(node);
        break;
      case 'code':
        this.codeBlocks += 1;
        this.pushParagraph(escapeInline(node.value.replace(/\s+/g, ' ').trim()));
        break;
      case 'html': {
        this.rawHtml += 1;
        const { blocks, warnings } = blocksFromHtml(node.value, { baseUrl: null });
        this.blocks.push(...blocks);
        this.notes.push(...warnings);
        break;
      }
      case 'thematicBreak':
      case 'definition':
        break;
      default: {
        const text = plainTextOf(node).trim();
        if (text) this.pushParagraph(escapeInline(text));
      }
    }
    this.blocks.push(...this.pendingImages);
    this.pendingImages = [];
  }

  private paragraph(node: Paragraph): void {
    const plain = plainTextOf(node).replace(/\s+/g, ' ').trim();
    const seeAlso = seeAlsoRule
      ? matchRule(seeAlsoRule, plain, { lines: [plain], textBefore: false, textAfter: false })
      : false;
    if (typeof seeAlso === 'string') {
      const links = node.children.filter((c) => c.type === 'link' || c.type === 'linkReference');
      const linked = links.length === 1 ? plainTextOf(links[0] as Nodes).trim() : null;
      const headline = seeAlso.trim();
      if (
        links.length === 0 ||
        (links.length === 1 && (linked === headline || linked === headline.replace(/[.]$/, '')))
      ) {
        this.blocks.push({ type: 'see-also', slug: null, headline: linked ?? headline });
        return;
      }
    }
    // Images stand on their own: the text before one is a paragraph, the text after another.
    let run: PhrasingContent[] = [];
    for (const child of node.children) {
      if (child.type === 'image' || child.type === 'imageReference') {
        this.pushParagraph(this.inlineText(run));
        run = [];
        this.image(child, this.blocks);
      } else {
        run.push(child);
      }
    }
    this.pushParagraph(this.inlineText(run));
  }

  private pushParagraph(text: string): void {
    if (text) this.blocks.push({ type: 'paragraph', text });
  }

  private listItems(list: List): string[] {
    const items: string[] = [];
    for (const item of list.children) {
      const parts: string[] = [];
      const nested: string[] = [];
      for (const child of item.children) {
        if (child.type === 'list') nested.push(...this.listItems(child));
        else if (child.type === 'paragraph' || child.type === 'heading')
          parts.push(this.inlineText(child.children));
        else if (child.type === 'html') this.rawHtml += 1;
        else parts.push(escapeInline(plainTextOf(child).replace(/\s+/g, ' ').trim()));
      }
      const text = parts.filter(Boolean).join(' ');
      if (text) items.push(text);
      items.push(...nested);
    }
    return items;
  }

  private quote(node: Blockquote): void {
    // A last line "— Name" names the speaker: "> We will…\n> — Marco Rubio".
    let attribution: string | null = null;
    const lastParagraph = node.children.at(-1);
    if (lastParagraph?.type === 'paragraph') {
      const lastChild = lastParagraph.children.at(-1);
      if (lastChild?.type === 'text') {
        const lines = lastChild.value.split('\n');
        const named = attributionLine.exec(lines.at(-1)?.trim() ?? '');
        const ownParagraph = lines.length === 1 && lastParagraph.children.length === 1;
        if (
          named?.groups?.text &&
          (lines.length > 1 || ownParagraph) &&
          node.children.length + lines.length > 2
        ) {
          attribution = named.groups.text.trim();
          if (ownParagraph) node.children.pop();
          else lastChild.value = lines.slice(0, -1).join('\n');
        }
      }
    }
    const parts: string[] = [];
    for (const child of node.children) {
      if (child.type === 'paragraph' || child.type === 'heading') parts.push(this.inlineText(child.children));
      else if (child.type === 'list') parts.push(...this.listItems(child));
      else if (child.type === 'html') this.rawHtml += 1;
      else parts.push(escapeInline(plainTextOf(child).replace(/\s+/g, ' ').trim()));
    }
    const text = parts.filter(Boolean).join(' ');
    if (text) this.blocks.push({ type: 'quote', text, attribution });
  }

  private image(node: PhrasingContent, into: Block[]): void {
    let src = '';
    let title: string | null = null;
    let alt = '';
    if (node.type === 'image') {
      src = node.url;
      title = node.title ?? null;
      alt = node.alt ?? '';
    } else if (node.type === 'imageReference') {
      const definition = this.definitions.get(node.identifier);
      src = definition?.url ?? '';
      title = definition?.title ?? null;
      alt = node.alt ?? '';
    }
    if (!MediaUrlSchema.safeParse(src).success) {
      this.notes.push(`image "${src}" left out: not an http(s) URL or a path on this site`);
      return;
    }
    this.notes.push(
      `image ${src}: size unknown, set to ${defaultImageSize.width}×${defaultImageSize.height}`,
    );
    const image: Image = { src, alt, caption: title, credit: null, ...defaultImageSize };
    into.push({ type: 'image', ...image });
  }

  private inlineText(children: PhrasingContent[]): string {
    const { text, formattingDropped } = inlineSourceOf(this.inlineNodes(children));
    this.formattingDropped ||= formattingDropped;
    return text;
  }

  private inlineNodes(children: PhrasingContent[]): InlineNode[] {
    const out: InlineNode[] = [];
    let hiddenUntil: string | null = null;
    for (const node of children) {
      if (hiddenUntil) {
        if (node.type === 'html' && node.value.toLowerCase().startsWith(`</${hiddenUntil}`))
          hiddenUntil = null;
        continue;
      }
      switch (node.type) {
        case 'text':
          out.push({ kind: 'text', text: node.value });
          break;
        case 'inlineCode':
          out.push({ kind: 'text', text: node.value });
          break;
        case 'break':
          out.push({ kind: 'text', text: ' ' });
          break;
        case 'emphasis':
          out.push({ kind: 'emphasis', children: this.inlineNodes(node.children) });
          break;
        case 'strong':
          out.push({ kind: 'strong', children: this.inlineNodes(node.children) });
          break;
        case 'link':
        case 'linkReference': {
          const url = node.type === 'link' ? node.url : (this.definitions.get(node.identifier)?.url ?? null);
          const href = url === null ? null : safeHref(url, null, { sitePaths: true });
          const inner = this.inlineNodes(node.children);
          if (href) out.push({ kind: 'link', href, children: inner });
          else {
            if (url !== null) this.unsafeLinks += 1;
            out.push(...inner);
          }
          break;
        }
        case 'image':
        case 'imageReference':
          this.image(node, this.pendingImages);
          break;
        case 'html': {
          this.rawHtml += 1;
          const hidden = hiddenHtml.exec(node.value);
          if (hidden?.[1] && !new RegExp(`</${hidden[1]}`, 'i').test(node.value))
            hiddenUntil = hidden[1].toLowerCase();
          break;
        }
        default:
          out.push({ kind: 'text', text: plainTextOf(node) });
      }
    }
    return out;
  }
}

function plainTextOf(node: Nodes): string {
  if (node.type === 'html') return '';
  if (node.type === 'break') return ' ';
  if ('value' in node && typeof node.value === 'string') return node.value;
  if (node.type === 'image' || node.type === 'imageReference') return node.alt ?? '';
  if ('children' in node) return (node.children as Nodes[]).map(plainTextOf).join('');
  return '';
}

function visit(node: Nodes, fn: (node: Nodes) => void): void {
  fn(node);
  if ('children' in node) for (const child of node.children as Nodes[]) visit(child, fn);
}
