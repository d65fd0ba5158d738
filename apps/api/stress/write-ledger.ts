import type { Article, Block, Comment } from '@newsroom/domain';

/** The parts of an article each stress write sets, all at once, so a half-applied write shows. */
export interface ArticleContent {
  headline: string;
  body: Block[];
  tagSlugs: string[];
}

interface TrackedArticle {
  /**
   * Every state sent for the article, oldest first (the create is the first); null for one the
   * API refused, which therefore never landed.
   */
  sent: (ArticleContent | null)[];
  /** The newest state known to have landed (acknowledged, or read back). */
  floor: number;
  /** The version the next update names. */
  version: number;
  /** An update's fate is unknown (its answer was lost, or a 409 said one landed): read it before writing again. */
  unsure: boolean;
}

function sameContent(article: Article, content: ArticleContent): boolean {
  return (
    article.headline === content.headline &&
    JSON.stringify(article.body) === JSON.stringify(content.body) &&
    article.tags.map((tag) => tag.slug).join(',') === content.tagSlugs.join(',')
  );
}

/**
 * What stress clients wrote and what the API acknowledged, and the check of a database
 * against it. Each article is updated by one client at a time, so its states form a sequence:
 * once a state is acknowledged, the article must end in that state or one sent after it; a
 * state whose answer was lost may or may not have landed, but nothing else may be found.
 */
export class WriteLedger {
  readonly articles = new Map<string, TrackedArticle>();
  /** Creates whose answer was lost: they may exist, with exactly this content. */
  private readonly unsureCreates: ArticleContent[] = [];
  private readonly ackedComments = new Map<string, Comment>();
  private readonly sentCommentBodies = new Set<string>();
  readonly problems: string[] = [];
  /** Writes the API acknowledged with a 2xx. */
  acknowledged = 0;

  /** `prefix` starts every headline and comment this ledger's clients write, and nothing else's. */
  constructor(readonly prefix: string) {}

  created(article: Article, sent: ArticleContent): void {
    this.acknowledged += 1;
    if (!sameContent(article, sent)) {
      this.problems.push(`create of "${sent.headline}" was answered with different content`);
    }
    this.articles.set(article.id, { sent: [sent], floor: 0, version: article.version, unsure: false });
  }

  createLost(sent: ArticleContent): void {
    this.unsureCreates.push(sent);
  }

  /** Records an update about to be sent; returns its place in the article's sequence. */
  updateSent(id: string, content: ArticleContent): number {
    const tracked = this.tracked(id);
    tracked.sent.push(content);
    return tracked.sent.length - 1;
  }

  updateAcked(id: string, index: number, article: Article): void {
    this.acknowledged += 1;
    const tracked = this.tracked(id);
    if (!sameContent(article, tracked.sent[index] as ArticleContent)) {
      this.problems.push(`update ${index} of ${id} was answered with different content`);
    }
    tracked.floor = index;
    tracked.version = article.version;
  }

  /** The API said no (a 409 among them): that state never landed. */
  updateRefused(id: string, index: number): void {
    const tracked = this.tracked(id);
    tracked.sent[index] = null;
    tracked.unsure = true;
  }

  updateLost(id: string): void {
    this.tracked(id).unsure = true;
  }

  /** Whether the article needs reading back before it is written again. */
  isUnsure(id: string): boolean {
    return this.tracked(id).unsure;
  }

  version(id: string): number {
    return this.tracked(id).version;
  }

  /** An article read back from the API: it must be in a state that may have landed; it is now known. */
  observed(article: Article): void {
    const tracked = this.tracked(article.id);
    const index = this.landedIndex(tracked, article);
    if (index < 0) {
      this.problems.push(
        `article ${article.id} read back as "${article.headline}", not the last acknowledged state or a later one`,
      );
      return;
    }
    tracked.floor = index;
    tracked.version = article.version;
    tracked.unsure = false;
  }

  commentSent(body: string): void {
    this.sentCommentBodies.add(body);
  }

  commentAcked(comment: Comment): void {
    this.acknowledged += 1;
    this.ackedComments.set(comment.id, comment);
  }

  get ackedCommentCount(): number {
    return this.ackedComments.size;
  }

  /**
   * What is wrong with the stored articles and comments against this ledger: an acknowledged
   * write missing or older than acknowledged, content that was never sent, a lost create found
   * with other content than it was sent with.
   */
  problemsWith(articles: Article[], comments: Comment[]): string[] {
    const problems = [...this.problems];
    const byId = new Map(articles.map((article) => [article.id, article]));
    for (const [id, tracked] of this.articles) {
      const stored = byId.get(id);
      if (!stored) {
        problems.push(`acknowledged article ${id} ("${tracked.sent[0]?.headline}") is missing`);
      } else if (this.landedIndex(tracked, stored) < 0) {
        problems.push(
          `article ${id} is "${stored.headline}"; acknowledged was "${tracked.sent[tracked.floor]?.headline}"`,
        );
      }
    }
    const unclaimed = [...this.unsureCreates];
    for (const stored of articles) {
      if (!stored.headline.startsWith(this.prefix) || this.articles.has(stored.id)) continue;
      const at = unclaimed.findIndex((content) => sameContent(stored, content));
      if (at < 0)
        problems.push(`article ${stored.id} ("${stored.headline}") matches no create that was sent`);
      else unclaimed.splice(at, 1);
    }
    const storedComments = new Map(comments.map((comment) => [comment.id, comment]));
    for (const [id, acked] of this.ackedComments) {
      const stored = storedComments.get(id);
      if (!stored) problems.push(`acknowledged comment ${id} ("${acked.body}") is missing`);
      else if (stored.body !== acked.body || stored.articleId !== acked.articleId) {
        problems.push(`comment ${id} is "${stored.body}", acknowledged as "${acked.body}"`);
      }
    }
    for (const stored of comments) {
      if (stored.body.startsWith(this.prefix) && !this.sentCommentBodies.has(stored.body)) {
        problems.push(`comment ${stored.id} ("${stored.body}") was never sent`);
      }
    }
    return problems;
  }

  /** The newest state at or after the floor that the article equals, or -1. */
  private landedIndex(tracked: TrackedArticle, article: Article): number {
    for (let index = tracked.sent.length - 1; index >= tracked.floor; index--) {
      const content = tracked.sent[index];
      if (content && sameContent(article, content)) return index;
    }
    return -1;
  }

  private tracked(id: string): TrackedArticle {
    const tracked = this.articles.get(id);
    if (!tracked) throw new Error(`article ${id} was never acknowledged`);
    return tracked;
  }
}
