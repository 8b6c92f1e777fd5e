// The time one article may take to be understood. Every stage is linear in the article, but a 10 MB article is still
// long work, and an ingest must not wait on one input: past its budget, the stages not yet run are skipped (the
// dates stage stops between pieces of text), the article is kept with what was done, and the caller warns.

/** Time allowed to understand one article by default: a news article takes milliseconds; 1 MB of text about two seconds. */
export const ARTICLE_BUDGET_MS = 10_000;

export class Budget {
  private readonly started: number;
  /** What was left undone because the time ran out, each in words for the operator. */
  readonly cuts: string[] = [];

  /** `now` reads the clock in milliseconds (tests give a clock of their own). */
  constructor(
    readonly ms: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
  }

  /** A budget that never runs out. */
  static unlimited(): Budget {
    return new Budget(Infinity);
  }

  get exhausted(): boolean {
    return this.now() - this.started >= this.ms;
  }

  /** Records what is skipped because the budget is spent. */
  cut(what: string): void {
    this.cuts.push(what);
  }
}
