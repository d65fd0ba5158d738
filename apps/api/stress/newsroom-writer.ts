import type { Agent } from 'node:http';
import type { Article, Comment } from '@newsroom/domain';
import { dataOf, type Outcome, send } from './http-client.js';
import type { NewsroomDatabase } from './newsroom-database.js';
import type { ArticleContent, WriteLedger } from './write-ledger.js';

export type WriteKind = 'create' | 'update' | 'read-back' | 'comment';

/**
 * One stress client that writes as a newsroom does: an editor creating stories and revising
 * their own, and a reader commenting. Each write carries text found nowhere else, and every
 * answer goes into the ledger: acknowledged, refused, or lost with its fate unknown.
 */
export class NewsroomWriter {
  private readonly own: string[] = [];
  private count = 0;

  constructor(
    private readonly name: string,
    private readonly db: NewsroomDatabase,
    private readonly ledger: WriteLedger,
    private readonly random: () => number,
  ) {}

  /** Sends one write, chosen at random (creates first, so there is something to revise). */
  async writeOnce(agent: Agent, url: string): Promise<{ kind: WriteKind; outcome: Outcome }> {
    this.count += 1;
    const roll = this.random();
    if (this.own.length === 0 || roll < 0.35)
      return { kind: 'create', outcome: await this.create(agent, url) };
    if (roll < 0.75) return this.update(agent, url);
    return { kind: 'comment', outcome: await this.comment(agent, url) };
  }

  private content(what: string): ArticleContent {
    const marker = `${this.ledger.prefix} ${this.name} ${what} ${this.count}`;
    const tags = [...this.db.tagSlugs]
      .sort(() => this.random() - 0.5)
      .slice(0, 1 + Math.floor(this.random() * 3));
    return {
      headline: marker,
      body: [
        { type: 'paragraph', text: `First paragraph of ${marker}.` },
        { type: 'heading', level: 2, text: `Heading of ${marker}` },
        { type: 'paragraph', text: `Last paragraph of ${marker}, ${Math.round(this.random() * 1e9)}.` },
      ],
      tagSlugs: tags,
    };
  }

  private async create(agent: Agent, url: string): Promise<Outcome> {
    const content = this.content('story');
    const outcome = await send(agent, url, {
      method: 'POST',
      path: 'article.create',
      token: this.db.editorToken,
      input: { ...content, sectionSlug: this.db.sectionSlug, authorSlugs: [this.db.authorSlug] },
    });
    const article = dataOf(outcome) as Article | undefined;
    if (article) {
      this.ledger.created(article, content);
      this.own.push(article.id);
    } else if (outcome.kind === 'broken' || outcome.status >= 500) {
      this.ledger.createLost(content);
    }
    return outcome;
  }

  private async update(agent: Agent, url: string): Promise<{ kind: WriteKind; outcome: Outcome }> {
    const id = this.own[Math.floor(this.random() * this.own.length)] as string;
    if (this.ledger.isUnsure(id)) {
      // Which of the last states landed is unknown: read it, and check it is one that may have.
      const outcome = await send(agent, url, {
        path: 'article.byId',
        token: this.db.editorToken,
        input: { id },
      });
      const article = dataOf(outcome) as Article | undefined;
      if (article) this.ledger.observed(article);
      return { kind: 'read-back', outcome };
    }
    const content = this.content('revision');
    const index = this.ledger.updateSent(id, content);
    const outcome = await send(agent, url, {
      method: 'POST',
      path: 'article.update',
      token: this.db.editorToken,
      input: { id, version: this.ledger.version(id), ...content },
    });
    const article = dataOf(outcome) as Article | undefined;
    if (article) this.ledger.updateAcked(id, index, article);
    else if (outcome.kind === 'answer' && outcome.status < 500) this.ledger.updateRefused(id, index);
    else this.ledger.updateLost(id);
    return { kind: 'update', outcome };
  }

  private async comment(agent: Agent, url: string): Promise<Outcome> {
    const body = `${this.ledger.prefix} comment by ${this.name} number ${this.count}`;
    this.ledger.commentSent(body);
    const outcome = await send(agent, url, {
      method: 'POST',
      path: 'comment.create',
      input: { articleId: this.db.openArticleId, displayName: `Reader ${this.name}`, body },
    });
    const comment = dataOf(outcome) as Comment | undefined;
    if (comment) this.ledger.commentAcked(comment);
    return outcome;
  }
}
