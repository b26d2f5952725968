/**
 * The library list as pages fetched on demand: a library can hold 100,000 stories, so the list
 * keeps the total (for the scroll height) and only the pages the window has asked for. Answers
 * from before a reset or reload (another filter, a deletion) are dropped, never shown.
 */

export type Page<T> = { total: number; items: T[] };

export type PagerOptions<T> = {
  /** Fetches `limit` rows from `offset`, with the list's total. */
  fetch: (offset: number, limit: number) => Promise<Page<T>>;
  /** Rows per page (default 100). */
  pageSize?: number;
  /** Something changed: the total, a page arrived, a page failed. */
  onChange?: () => void;
  onError?: (err: unknown) => void;
};

export class Pager<T> {
  readonly pageSize: number;
  /** How many rows the list has in all; null until the first answer. */
  total: number | null = null;
  private pages = new Map<number, T[]>();
  private inFlight = new Set<number>();
  private generation = 0;
  private readonly opts: PagerOptions<T>;

  constructor(opts: PagerOptions<T>) {
    this.opts = opts;
    this.pageSize = opts.pageSize ?? 100;
  }

  /** The row at `index`, or undefined while its page is not here yet. */
  get(index: number): T | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  /** The index of the first row held that `match`es, or -1 (rows of pages not fetched are not looked at). */
  findIndex(match: (item: T) => boolean): number {
    for (const [page, items] of [...this.pages.entries()].sort(([x], [y]) => x - y)) {
      const i = items.findIndex(match);
      if (i >= 0) return page * this.pageSize + i;
    }
    return -1;
  }

  /** True while any page is being fetched. */
  get loading(): boolean {
    return this.inFlight.size > 0;
  }

  /** How many pages are held (for tests and diagnostics). */
  get pagesHeld(): number {
    return this.pages.size;
  }

  /** Fetches the pages that rows [from, to) fall in and that are neither here nor on their way. */
  ensure(from: number, to: number): Promise<void> {
    const wanted: number[] = [];
    for (const p of this.pagesFor(from, to)) if (!this.pages.has(p) && !this.inFlight.has(p)) wanted.push(p);
    return Promise.all(wanted.map((p) => this.fetchPage(p))).then(() => {});
  }

  /** Forgets everything (another filter) and fetches the first page. */
  reset(): Promise<void> {
    this.generation += 1;
    this.pages.clear();
    this.inFlight.clear();
    this.total = null;
    this.opts.onChange?.();
    return this.ensure(0, 1);
  }

  /**
   * Fetches rows [from, to) again (after a deletion, say) while they stay on screen; every other
   * page is forgotten, to be fetched again when scrolled to.
   */
  reload(from: number, to: number): Promise<void> {
    this.generation += 1;
    this.inFlight.clear();
    const keep = new Set(this.pagesFor(from, to));
    if (keep.size === 0) keep.add(0);
    for (const p of [...this.pages.keys()]) if (!keep.has(p)) this.pages.delete(p);
    return Promise.all([...keep].map((p) => this.fetchPage(p))).then(() => {});
  }

  private pagesFor(from: number, to: number): number[] {
    const last = this.total === null ? to : Math.min(to, this.total);
    const out: number[] = [];
    if (last <= from) return this.total === null && from === 0 ? [0] : out;
    for (let p = Math.floor(Math.max(0, from) / this.pageSize); p * this.pageSize < last; p++) out.push(p);
    return out;
  }

  private async fetchPage(page: number): Promise<void> {
    const generation = this.generation;
    this.inFlight.add(page);
    try {
      const answer = await this.opts.fetch(page * this.pageSize, this.pageSize);
      if (generation !== this.generation) return;
      this.pages.set(page, answer.items);
      if (answer.total !== this.total) {
        this.total = answer.total;
        // Pages past the new end are gone.
        for (const p of [...this.pages.keys()]) if (p * this.pageSize >= answer.total && p !== 0) this.pages.delete(p);
      }
    } catch (err) {
      if (generation === this.generation) this.opts.onError?.(err);
    } finally {
      if (generation === this.generation) {
        this.inFlight.delete(page);
        this.opts.onChange?.();
      }
    }
  }
}
