/** Work below this many articles (or inputs) finishes too fast for a progress bar to help. */
export const progressThreshold = 50;
const barWidth = 24;
const redrawEveryMs = 100;

/**
 * A one-line progress bar for long imports, drawn through `status` (which rewrites a line on
 * the terminal's stderr). Silent when `status` is absent: stderr is not a terminal, or the
 * output is JSON.
 */
export class Progress {
  private shown = false;
  private lastDrawn = 0;

  constructor(
    private readonly status: ((line: string) => void) | undefined,
    private readonly inputs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Reports `doneInInput` of `inInput` articles of input `input` (from 0) done, `articles` in
   * all. Draws only for long work, and at most every 100 ms.
   */
  update(position: { input: number; doneInInput: number; inInput: number; articles: number }): void {
    if (!this.status) return;
    if (!this.shown && this.inputs <= progressThreshold && position.inInput <= progressThreshold) return;
    const at = this.now();
    if (this.shown && at - this.lastDrawn < redrawEveryMs) return;
    const inputShare = position.inInput === 0 ? 1 : position.doneInInput / position.inInput;
    const fraction = Math.min(1, (position.input + inputShare) / this.inputs);
    const filled = Math.round(fraction * barWidth);
    this.status(
      `importing [${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${Math.floor(fraction * 100)}%` +
        ` · ${position.articles.toLocaleString('en')} articles · input ${position.input + 1} of ${this.inputs}`,
    );
    this.shown = true;
    this.lastDrawn = at;
  }

  /** Takes the bar off the screen (before a line of output, and at the end). */
  clear(): void {
    if (!this.shown || !this.status) return;
    this.status('');
    this.shown = false;
    this.lastDrawn = 0;
  }
}
