import { resolve } from 'node:path';
import { type ImportDraftOptions, type ImportDraftResult, importStatuses, type Store } from '@newsroom/db';
import { type Actor, type ArticleDraft, SlugSchema } from '@newsroom/domain';
import { type DraftsFromOptions, draftsFrom, resolveSeeAlso, type SeeAlsoCandidates } from '@newsroom/ingest';
import { z } from 'zod';
import { defaultMediaLimits } from '../config.js';
import { hasOutsidePictures, OutsidePictures } from '../outside-pictures.js';
import { Progress } from '../progress.js';
import { type Command, UsageError } from './command.js';

export interface ImportLimits {
  inputs: number;
  articles: number;
  inputBytes: number;
  urlTimeoutMs: number;
  pictureTimeoutMs: number;
  pictureDownloads: number;
}

/** How much one run takes on; more is refused (inputs) or reported and left for another run. */
export const importLimits: Readonly<ImportLimits> = {
  inputs: 1_000,
  articles: 50_000,
  /** Bytes read from one file or URL. */
  inputBytes: 25 * 1024 * 1024,
  /** How long a URL may take to answer and send its body. */
  urlTimeoutMs: 15_000,
  /** How long a picture may take to answer and arrive whole (--fetch-images). */
  pictureTimeoutMs: 20_000,
  /** Enough to overlap one server's slowness with another's, few enough to be a polite client. */
  pictureDownloads: 3,
};

const ImportFlagsSchema = z.object({
  status: z.enum(importStatuses).optional(),
  section: SlugSchema.optional(),
  'dry-run': z.boolean().default(false),
  json: z.boolean().default(false),
  force: z.boolean().default(false),
  'fetch-images': z.boolean().default(false),
  'allow-private': z.boolean().default(false),
});

/** Who the revisions of imported articles name, and the pictures it brings into the media library. */
const importActor: Actor = { tokenId: null, name: 'newsroom import' };

type Outcome = 'created' | 'updated' | 'skipped' | 'failed';

/** One line of the report: an article, or an input that gave none. */
export interface ImportItem {
  input: string;
  /** The article's origin (a path, a URL, a feed item), or the input when it failed whole. */
  origin: string;
  action: Outcome;
  slug?: string;
  id?: string;
  status?: string;
  reason?: string;
  warnings: string[];
}

export interface ImportReport {
  dryRun: boolean;
  items: ImportItem[];
  summary: Record<Outcome, number>;
  /**
   * With --fetch-images: outside addresses fetched and kept in the media library, and those that
   * failed (each story using one keeps that address and has a warning saying why).
   */
  pictures?: { fetched: number; failed: number };
}

export interface ImportCommandOptions {
  limits?: Partial<ImportLimits>;
  /** How drafts are read; @newsroom/ingest's draftsFrom unless a test gives another. */
  draftsFrom?: (input: string, options: DraftsFromOptions) => Promise<ArticleDraft[]>;
}

/**
 * `newsroom import <files|urls…>`: reads each input with @newsroom/ingest and imports every
 * story through the Store's idempotent import, one transaction per story. A bad input or a bad
 * story is one line in the report and the run goes on.
 */
export function createImportCommand(options: ImportCommandOptions = {}): Command {
  const limits = { ...importLimits, ...options.limits };
  const readDrafts = options.draftsFrom ?? draftsFrom;
  return {
    options: {
      status: { type: 'string' },
      section: { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      force: { type: 'boolean' },
      'fetch-images': { type: 'boolean' },
      'allow-private': { type: 'boolean' },
    },
    prepare({ values, positionals }) {
      const flags = ImportFlagsSchema.parse(values);
      if (positionals.length === 0) throw new UsageError('name at least one file or URL to import');
      if (positionals.length > limits.inputs) {
        throw new UsageError(
          `${positionals.length} inputs is more than a run takes (${limits.inputs}); import them in several runs`,
        );
      }
      const inputs = positionals;
      return async ({
        store,
        io,
        cwd = process.cwd(),
        allowPrivateNetworks: allowedByEnvironment = false,
        mediaLimits = defaultMediaLimits,
      }) => {
        const allowPrivateNetworks = allowedByEnvironment || flags['allow-private'];
        const section = flags.section;
        if (
          section &&
          !(await store.sections.bySlug(section)) &&
          !(await store.redirects.lookup('section', section))
        ) {
          const known = (await store.sections.list()).map((s) => s.slug).join(', ');
          io.err(`import: no section has the slug "${section}"; the sections are: ${known || 'none'}`);
          return 2;
        }
        const dryRun = flags['dry-run'];
        const report: ImportReport = {
          dryRun,
          items: [],
          summary: { created: 0, updated: 0, skipped: 0, failed: 0 },
        };
        const pictures = flags['fetch-images']
          ? new OutsidePictures({
              store,
              mediaLimits,
              allowPrivateNetworks,
              timeoutMs: limits.pictureTimeoutMs,
              downloads: limits.pictureDownloads,
              dryRun,
              actorName: importActor.name,
            })
          : undefined;
        const progress = new Progress(flags.json ? undefined : io.status, inputs.length);
        const print = (item: ImportItem) => {
          report.items.push(item);
          report.summary[item.action] += 1;
          if (flags.json) return;
          progress.clear();
          io.out(lineOf(item));
          for (const warning of item.warnings) io.err(`warning ${item.origin}: ${warning}`);
        };

        // Stories imported in this run, by headline, so that a later story's see-also finds
        // them even while they are drafts (search sees published articles only).
        const known = new Map<string, string>();
        const candidates: SeeAlsoCandidates = { known, search: searchOf(store) };
        const sectionKnown = knownSections(store);
        let articles = 0;
        for (const [index, input] of inputs.entries()) {
          // A relative path counts from where the operator ran the command; reports name the
          // input as it was given.
          const source = /^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? input : resolve(cwd, input);
          const asGiven = (origin: string) =>
            origin.startsWith(source) ? `${input}${origin.slice(source.length)}` : origin;
          let drafts: ArticleDraft[];
          try {
            const read = await readDrafts(source, {
              maxBytes: limits.inputBytes,
              timeoutMs: limits.urlTimeoutMs,
              allowPrivateNetworks,
            });
            drafts = [];
            // See-also lines are placed once the copy is read: against the Store, and this run's stories.
            for (const draft of read) {
              const resolved = await resolveSeeAlso(draft, candidates);
              drafts.push({
                ...(flags.section ? resolved : await withKnownSection(resolved, sectionKnown)),
                origin: asGiven(draft.origin),
              });
            }
          } catch (error) {
            // Ingest's messages name the input first; the report's line names it already.
            const full = reasonOf(error);
            const reason = full.startsWith(`${source}: `) ? full.slice(source.length + 2) : full;
            print({ input, origin: input, action: 'failed', reason, warnings: [] });
            continue;
          }
          if (drafts.length === 0) {
            print({ input, origin: input, action: 'failed', reason: 'no articles in it', warnings: [] });
            continue;
          }
          const room = Math.max(0, limits.articles - articles);
          let taken = drafts.slice(0, room);
          const importOptions = {
            ...(flags.status ? { status: flags.status } : {}),
            ...(flags.section ? { section: flags.section } : {}),
            force: flags.force,
            actor: importActor,
          };
          if (pictures && taken.some(hasOutsidePictures)) {
            taken = await withPicturesKept(store, taken, pictures, importOptions);
          }
          const outcomes = store.imports.importDrafts(taken, { ...importOptions, dryRun });
          let done = 0;
          for await (const outcome of outcomes) {
            const draft = taken[done] as ArticleDraft;
            const base = { input, origin: draft.origin, warnings: draft.warnings };
            if (outcome.ok) {
              const { article } = outcome.result;
              if (outcome.result.action !== 'skipped') known.set(article.headline, article.slug);
              print({ ...base, ...outcomeOf(outcome.result) });
            } else {
              print({ ...base, action: 'failed', reason: reasonOf(outcome.error) });
            }
            done += 1;
            articles += 1;
            progress.update({ input: index, doneInInput: done, inInput: drafts.length, articles });
          }
          if (drafts.length > room) {
            const reason =
              room === 0
                ? `not imported: a run imports at most ${limits.articles} articles; import it in another run`
                : `${drafts.length - room} of its ${drafts.length} articles left out: a run imports at most ${limits.articles} articles`;
            print({ input, origin: input, action: 'failed', reason, warnings: [] });
          }
        }
        progress.clear();

        if (pictures) report.pictures = { fetched: pictures.fetched, failed: pictures.failed };
        if (flags.json) io.out(JSON.stringify(report, null, 2));
        else io.out(summaryLineOf(report));
        return report.summary.failed > 0 ? 1 : 0;
      };
    },
  };
}

export const importCommand = createImportCommand();

/**
 * The drafts with their outside pictures fetched and kept, for the stories the import will create
 * or update. Which those are is asked of the Store first, in a dry run of the same import: a
 * story skipped (unchanged, or edited since its import) or refused is not written, so fetching
 * its pictures would only fill the library with pictures no article uses, and download a whole
 * feed's pictures again on every run.
 */
async function withPicturesKept(
  store: Store,
  drafts: ArticleDraft[],
  pictures: OutsidePictures,
  options: Omit<ImportDraftOptions, 'dryRun'>,
): Promise<ArticleDraft[]> {
  const written: boolean[] = [];
  for await (const outcome of store.imports.importDrafts(drafts, { ...options, dryRun: true })) {
    written.push(outcome.ok && outcome.result.action !== 'skipped');
  }
  return Promise.all(drafts.map((draft, index) => (written[index] ? pictures.keptIn(draft) : draft)));
}

/** Whether the newsroom has a section by this slug (or one renamed from it), asked once a slug a run. */
function knownSections(store: Store): (slug: string) => Promise<boolean> {
  const answers = new Map<string, Promise<boolean>>();
  return (slug) => {
    let answer = answers.get(slug);
    if (!answer) {
      answer = (async () =>
        (await store.sections.bySlug(slug)) !== null ||
        (await store.redirects.lookup('section', slug)) !== null)();
      answers.set(slug, answer);
    }
    return answer;
  };
}

/**
 * A section the copy names but the newsroom does not have never stops a story: it is left unset,
 * with a warning, for an editor to file (or for --section to name one on the next run).
 */
async function withKnownSection(
  draft: ArticleDraft,
  known: (slug: string) => Promise<boolean>,
): Promise<ArticleDraft> {
  if (!draft.section || (await known(draft.section))) return draft;
  return {
    ...draft,
    section: null,
    warnings: [
      ...draft.warnings,
      `section "${draft.section}" is not one of the newsroom's: left unset (name one with --section)`,
    ],
  };
}

/** The Store's search of published articles, as the see-also step asks it for candidates. */
function searchOf(store: Store): SeeAlsoCandidates['search'] {
  return async (q, limit) => (await store.articles.search({ q, limit })).items;
}

function outcomeOf(
  result: ImportDraftResult,
): Pick<ImportItem, 'action' | 'slug' | 'id' | 'status' | 'reason'> {
  const { article } = result;
  return {
    action: result.action,
    slug: article.slug,
    id: article.id,
    status: article.status,
    ...(result.reason ? { reason: result.reason } : {}),
  };
}

/** "created <slug>", "skipped <slug>: unchanged", "failed <origin>: <reason>". */
export function lineOf(item: ImportItem): string {
  switch (item.action) {
    case 'created':
    case 'updated':
      return `${item.action} ${item.slug}`;
    case 'skipped':
      return `skipped ${item.slug}: ${item.reason === 'edited since import' ? 'edited since import (use --force)' : item.reason}`;
    case 'failed':
      return `failed ${item.origin}: ${item.reason}`;
  }
}

/**
 * "3 created, 1 updated, 2 skipped, 1 failed", the pictures fetched with --fetch-images, and what
 * a dry run did not do.
 */
export function summaryLineOf(report: ImportReport): string {
  const { created, updated, skipped, failed } = report.summary;
  let line = `${created} created, ${updated} updated, ${skipped} skipped, ${failed} failed`;
  if (report.pictures) {
    const { fetched, failed: notFetched } = report.pictures;
    line += `; pictures: ${fetched} fetched, ${notFetched} failed (kept at their outside address)`;
  }
  return report.dryRun ? `${line} (dry run: nothing was written)` : line;
}

/** One line, whatever the error: a report never spills a stack or a multi-line message. */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.replace(/\s+/g, ' ').trim() || 'failed for an unknown reason';
  return line.length > 500 ? `${line.slice(0, 499)}…` : line;
}
