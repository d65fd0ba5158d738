import type { ArticleDraft } from '@newsroom/domain';
import { type Block, limits, type SourceCredit } from '@newsroom/domain';
import { contentHashOf } from './content-hash.js';
import { blankDraft, fitToLimits } from './draft-limits.js';
import { IngestError } from './ingest-error.js';
import { escapeInline } from './inline.js';
import { creditNamesOf, sourceCreditOf } from './sources.js';

/**
 * What a rule does with what it matches:
 * - drop: the line is site furniture or derived data, and goes;
 * - see-also: the line becomes a see-also block where it stood (the match is the headline);
 * - source-credit: the line's names become source credits (the match is the list of names);
 * - tags: what follows the label, and the lines after it that no other rule claims (blank lines
 *   skipped), are tags, comma-separated or one a line, until another rule claims a line, a line
 *   is too long for a tag name (over 120 characters), or the text ends;
 * - pull-quote: the paragraph becomes a quote block;
 * - subheading: the paragraph becomes a level-2 heading.
 */
export type ScrapedTextEffect = 'drop' | 'see-also' | 'source-credit' | 'tags' | 'pull-quote' | 'subheading';

/** Where a paragraph stands among the story's paragraphs (for the paragraph rules). */
export interface ParagraphContext {
  /** The paragraph's lines, trimmed, before they are joined. */
  lines: readonly string[];
  /** Story text (a paragraph) comes before it, after the headline. */
  textBefore: boolean;
  /** Story text comes after it. */
  textAfter: boolean;
}

/**
 * A match: false for none, true for a match with nothing to capture, or the captured text (for
 * a RegExp, its named group `text`, else true).
 */
export type RuleMatch = boolean | string;

export interface ScrapedTextRule {
  readonly name: string;
  /** 'line' rules are tried on every trimmed line; 'paragraph' rules on each paragraph left over. */
  readonly scope: 'line' | 'paragraph';
  readonly match: RegExp | ((text: string, context: ParagraphContext) => RuleMatch);
  readonly effect: ScrapedTextEffect;
}

const line = (name: string, match: ScrapedTextRule['match'], effect: ScrapedTextEffect): ScrapedTextRule => ({
  name,
  scope: 'line',
  match,
  effect,
});
const furniture = (name: string, match: RegExp) => line(name, match, 'drop');

/** "<label> <names>" where what follows the label reads as names (see creditNamesOf). */
const creditLine = (label: RegExp) => (text: string) => {
  const tail = label.exec(text)?.groups?.text;
  return tail !== undefined && creditNamesOf(tail) !== null ? tail : false;
};

/** "— Name", "-- Name": the line that names who said a pull quote. */
export const attributionLine = /^(?:[—―–]|--?)\s*(?<text>\S.*)$/u;

/**
 * Every rule for scraped plain text, in the order they are tried (the first match wins). The
 * first line no drop rule claims is the headline. A new site's furniture is one more line here.
 */
export const scrapedTextRules: readonly ScrapedTextRule[] = [
  // Reading time is derived from the body, never imported: "4 Min Read", "3 min read", "Reading time: 5 minutes".
  line(
    'reading time',
    /^(?:\d{1,3}\s*min(?:ute)?s?\.?\s*read|reading time:?\s*\d{1,3}\s*min(?:ute)?s?\.?)$/i,
    'drop',
  ),
  // "See also<any whitespace incl. U+00A0, a colon or dash, or nothing> <headline>". The headline
  // starts with anything but a lowercase letter, so "See also the mayor's statement." stays prose.
  line('see also', /^(?:see also|See also|See Also|SEE ALSO)[\s:–—-]*(?<text>[^\s\p{Ll}].*)$/u, 'see-also'),
  // "Additional sources •AP", "Additional source: Reuters".
  line(
    'additional sources',
    creditLine(/^additional sources?\s*[:•·|–—-]?\s*(?<text>[^.!?]{1,200}?)\.?$/i),
    'source-credit',
  ),
  // "With reporting by Reuters", "Additional reporting by AP and Reuters", "Reporting by AFP".
  line(
    'reporting by',
    creditLine(/^(?:with )?(?:additional )?reporting by\s+(?<text>[^.!?]{1,200}?)\.?$/i),
    'source-credit',
  ),
  // "Sources: AP, Reuters" (the colon is required: "Sources said…" is prose).
  line('sources', creditLine(/^sources?\s*[:•|]\s*(?<text>[^.!?]{1,200}?)\.?$/i), 'source-credit'),
  // "TAGGED:" or "Tags: Ukraine, Russia"; tags follow on the same line or the lines after it.
  line('tagged', /^(?:tagged|tags)\s*:\s*(?<text>.*)$/i, 'tags'),
  furniture('share', /^(?:share (?:this|the) (?:article|story|post|page)|share(?: (?:on|via) \S+)?)$/i),
  furniture(
    'comments',
    /^(?:leave a (?:comment|reply)|\d+ comments?|(?:view|show|read) comments|comments)$/i,
  ),
  furniture('read more', /^(?:read more|continue reading|read the full (?:article|story))[\s.:…»›→]*$/i),
  furniture(
    'newsletter',
    /^(?:(?:sign up|subscribe|register)\b.{0,100}\bnewsletters?\b.{0,200}|(?:get|join) our .{0,40}newsletters?\b.{0,200})$/i,
  ),
  furniture(
    'cookies',
    /^(?:we use cookies\b.{0,300}|(?:accept|reject|decline|allow|manage) (?:all |essential |optional )?cookies|cookie (?:settings|preferences|policy|consent))$/i,
  ),
  furniture(
    'advertisement',
    /^(?:advertisement|advertising|sponsored(?: content)?|scroll to continue with content)$/i,
  ),
  furniture('follow us', /^follow us on\b.{0,100}$/i),
  // A pull quote is set apart on purpose: every line starts with "> ", or it is wrapped in ❝ ❞.
  // A paragraph that merely starts with a quotation mark is reported speech and stays a paragraph.
  {
    name: 'pull quote',
    scope: 'paragraph',
    match: (text, { lines }) => lines.every((l) => l.startsWith('>')) || /^❝[\s\S]*❞/u.test(text),
    effect: 'pull-quote',
  },
  // A subheading: one short line (≤ 80 characters) starting with a capital letter, with no final
  // . ! ? : ” " ’ ' …, between story text before and after it (so never the last line).
  {
    name: 'subheading',
    scope: 'paragraph',
    match: (text, { lines, textBefore, textAfter }) =>
      lines.length === 1 &&
      textBefore &&
      textAfter &&
      text.length <= 80 &&
      /^\p{Lu}/u.test(text) &&
      !/[.!?:”"’'…]$/u.test(text),
    effect: 'subheading',
  },
];

export function matchRule(rule: ScrapedTextRule, text: string, context: ParagraphContext): RuleMatch {
  if (rule.match instanceof RegExp) {
    const found = rule.match.exec(text);
    return found ? (found.groups?.text ?? true) : false;
  }
  return rule.match(text, context);
}

const lineContext = (text: string): ParagraphContext => ({
  lines: [text],
  textBefore: false,
  textAfter: false,
});

function firstLineRule(text: string): { rule: ScrapedTextRule; found: RuleMatch } | null {
  for (const rule of scrapedTextRules) {
    if (rule.scope !== 'line') continue;
    const found = matchRule(rule, text, lineContext(text));
    if (found !== false) return { rule, found };
  }
  return null;
}

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
  for (const text of lines.slice(start + 1)) {
    if (!text) {
      paragraph = null;
      continue;
    }
    const claimed = firstLineRule(text);
    if (claimed) {
      paragraph = null;
      inTags = claimed.rule.effect === 'tags';
      const captured = typeof claimed.found === 'string' ? claimed.found.trim() : '';
      if (claimed.rule.effect === 'see-also') {
        pieces.push({ kind: 'block', block: { type: 'see-also', slug: null, headline: captured } });
      } else if (claimed.rule.effect === 'source-credit') {
        for (const name of creditNamesOf(captured) ?? []) sources.push(sourceCreditOf(name));
      } else if (claimed.rule.effect === 'tags') {
        draft.tags.push(...tagsOf(captured));
      }
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
  if (draft.body.length === 0) draft.warnings.push('the story has a headline but no body text');
  return fitToLimits(draft);
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
