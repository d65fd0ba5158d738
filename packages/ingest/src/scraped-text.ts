import type { ArticleDraft } from '@newsroom/domain';
import { type Block, limits, type SourceCredit } from '@newsroom/domain';
import { contentHashOf } from './content-hash.js';
import { blankDraft, fitToLimits } from './draft-limits.js';
import {
  attributionLine,
  bylineOf,
  datelineOf,
  firstLineRule,
  matchRule,
  type ParagraphContext,
  readsAsListedHeadline,
  scrapedTextRules,
  trailingAgencyOf,
} from './furniture-rules.js';
import { IngestError } from './ingest-error.js';
import { escapeInline } from './inline.js';
import { addSources } from './sources.js';

export {
  type ParagraphContext,
  type RuleMatch,
  type ScrapedTextEffect,
  type ScrapedTextRule,
  scrapedTextRules,
} from './furniture-rules.js';

type Piece = { kind: 'text'; lines: string[] } | { kind: 'block'; block: Block };

/**
 * A story from scraped plain text (see scrapedTextRules and the README): the first line is the
 * headline, blank lines separate paragraphs, single line breaks inside one are spaces, and the
 * words are kept as they are, with inline-Markdown characters escaped.
 */
export function parseScrapedText(text: string, options: { origin: string }): ArticleDraft {
  const draft = blankDraft(options.origin, contentHashOf(text));
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim());

  let start = 0;
  for (; start < lines.length; start++) {
    const candidate = lines[start] as string;
    if (candidate && firstLineRule(candidate)?.rule.effect !== 'drop') break;
  }
  if (start >= lines.length) {
    throw new IngestError(`${options.origin}: no headline (the text has only blank lines or site furniture)`);
  }
  draft.headline = lines[start] as string;

  const pieces: Piece[] = [];
  const sources: SourceCredit[] = [];
  let paragraph: string[] | null = null;
  let inTags = false;
  // After a "Related" label: the headlines listed under it, until a blank line ends the list.
  let inList: 'label' | 'items' | null = null;
  for (const text of lines.slice(start + 1)) {
    if (!text) {
      paragraph = null;
      if (inList === 'items') inList = null;
      continue;
    }
    if (inList && readsAsListedHeadline(text)) {
      inList = 'items';
      continue;
    }
    inList = null;
    const claimed = firstLineRule(text);
    if (claimed) {
      paragraph = null;
      const { effect } = claimed.rule;
      inTags = effect === 'tags';
      const { found } = claimed;
      if (effect === 'list-label') inList = 'label';
      else if (effect === 'see-also') {
        pieces.push({
          kind: 'block',
          block: { type: 'see-also', slug: null, headline: String(found).trim() },
        });
      } else if (effect === 'source-credit') addSources(sources, found as SourceCredit[]);
      else if (effect === 'byline') {
        const byline = bylineOf(found as string[]);
        draft.authors.push(...byline.authors);
        addSources(sources, byline.sources);
      } else if (effect === 'tags') draft.tags.push(...tagsOf(typeof found === 'string' ? found : ''));
      continue;
    }
    // A line too long to be a tag name is story text again: the tag list has ended.
    if (inTags && text.length <= limits.name) {
      draft.tags.push(...tagsOf(text));
      continue;
    }
    inTags = false;
    if (!paragraph) {
      paragraph = [];
      pieces.push({ kind: 'text', lines: paragraph });
    }
    paragraph.push(text);
  }
  takeDatelineAndAgency(pieces, draft, sources);

  const textIndexes = pieces.flatMap((piece, index) => (piece.kind === 'text' ? [index] : []));
  const firstText = textIndexes[0] ?? -1;
  const lastText = textIndexes.at(-1) ?? -1;
  for (const [index, piece] of pieces.entries()) {
    if (piece.kind === 'block') {
      draft.body.push(piece.block);
      continue;
    }
    const context = { lines: piece.lines, textBefore: index > firstText, textAfter: index < lastText };
    draft.body.push(paragraphBlockOf(piece.lines.join(' '), context));
  }

  draft.sources = sources;
  draft.authors = [...new Set(draft.authors)];
  if (draft.body.length === 0) draft.warnings.push('the story has a headline but no body text');
  return fitToLimits(draft);
}

/**
 * The dateline at the start of the first paragraph ("KUALA LUMPUR (Reuters) –") becomes the
 * draft's dateline and its agency a source; an agency closing the last paragraph ("… (AFP)")
 * becomes a source too. Neither stays in the text.
 */
function takeDatelineAndAgency(pieces: Piece[], draft: ArticleDraft, sources: SourceCredit[]): void {
  const texts = pieces.filter((piece): piece is Extract<Piece, { kind: 'text' }> => piece.kind === 'text');
  const first = texts[0];
  const dateline = first ? datelineOf(first.lines.join(' ')) : null;
  if (first && dateline) {
    draft.dateline = dateline.place;
    first.lines.splice(0, first.lines.length, dateline.rest);
    if (dateline.agency)
      sources.unshift(...(sources.some((s) => s.name === dateline.agency?.name) ? [] : [dateline.agency]));
  }
  const last = texts.at(-1);
  const trailing = last ? trailingAgencyOf(last.lines.join(' ')) : null;
  if (last && trailing) {
    last.lines.splice(0, last.lines.length, trailing.rest);
    addSources(sources, [trailing.agency]);
  }
}

function paragraphBlockOf(text: string, context: ParagraphContext): Block {
  for (const rule of scrapedTextRules) {
    if (rule.scope !== 'paragraph' || matchRule(rule, text, context) === false) continue;
    if (rule.effect === 'subheading') return { type: 'heading', level: 2, text: escapeInline(text) };
    if (rule.effect === 'pull-quote') return pullQuoteOf(context.lines);
  }
  return { type: 'paragraph', text: escapeInline(text) };
}

function pullQuoteOf(lines: readonly string[]): Block {
  let quoteLines = lines.map((l) => l.replace(/^>\s?/, '').trim()).filter((l) => l.length > 0);
  let attribution: string | null = null;
  const last = quoteLines.at(-1) ?? '';
  const named = quoteLines.length > 1 ? attributionLine.exec(last) : null;
  if (named?.groups?.text) {
    attribution = named.groups.text.trim();
    quoteLines = quoteLines.slice(0, -1);
  }
  let text = quoteLines.join(' ');
  const wrapped = /^❝(?<quote>[\s\S]*)❞\s*(?<rest>.*)$/u.exec(text);
  if (wrapped?.groups) {
    text = (wrapped.groups.quote ?? '').trim();
    const rest = attributionLine.exec((wrapped.groups.rest ?? '').trim());
    if (rest?.groups?.text) attribution = rest.groups.text.trim();
  }
  return { type: 'quote', text: escapeInline(text), attribution };
}

/** Tag names on a tag line: one per line, or several separated by commas. */
function tagsOf(text: string): { name: string }[] {
  return text
    .split(/\s*[,;]\s*/)
    .map((name) => name.trim())
    .filter((name) => name.length > 0)
    .map((name) => ({ name }));
}
