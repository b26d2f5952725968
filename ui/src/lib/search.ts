/**
 * Search as you type: `LatestSearch` runs a query after a pause in typing (150 ms), keeps only
 * the answer to the latest query (an older answer arriving late is dropped) and fetches further
 * pages on request. `prefixLast` turns what is being typed into a prefix query, so that "rome
 * minis" already finds "ministers". Helpers to build a `SearchQuery` and to tell whether the
 * library view is searching at all.
 */
import type { SearchHit, SearchQuery, SearchResults, Status } from "../platform/types";

export const SEARCH_DELAY_MS = 150;

/**
 * What is being typed as a query: a `*` after the last word, unless the text ends in a space
 * (the word is finished), a closing quote, a `*` already, or the operator OR. Only a word that
 * ends in a letter or digit is made a prefix.
 */
export function prefixLast(text: string): string {
  const trimmed = text.replace(/^\s+/, "");
  if (trimmed === "" || /\s$/.test(trimmed)) return trimmed.trim();
  // An open quote: the phrase is still being typed; leave it as it is.
  if ((trimmed.match(/"/g)?.length ?? 0) % 2 === 1) return trimmed;
  const last = trimmed.split(/\s+/).pop() ?? "";
  if (last === "OR" || last.endsWith('"') || last.endsWith("*")) return trimmed;
  return /[\p{L}\p{N}]$/u.test(last) ? `${trimmed}*` : trimmed;
}

/** The filters of the library search. Empty strings mean "any". */
export type SearchFilters = { text: string; status: Status | null; tag: string; since: string; until: string };

/** True when the library should show search results rather than the plain list. */
export function isSearching(f: SearchFilters): boolean {
  return f.text.trim() !== "" || f.tag.trim() !== "" || f.since !== "" || f.until !== "";
}

/** A `SearchQuery` from the library's filters. */
export function toQuery(f: SearchFilters, limit: number, offset = 0): SearchQuery {
  return {
    text: f.text.trim(),
    status: f.status,
    tag: f.tag.trim() === "" ? null : f.tag.trim(),
    since: f.since === "" ? null : f.since,
    until: f.until === "" ? null : f.until,
    headlineOnly: false,
    limit,
    offset,
  };
}

/** A query for picking a story by what is typed so far (link pickers). */
export function pickerQuery(typed: string, headlineOnly: boolean, limit: number): SearchQuery {
  return { text: prefixLast(typed), status: null, tag: null, since: null, until: null, headlineOnly, limit, offset: 0 };
}

export type SearchState = {
  /** The query these results answer (null: none yet). */
  query: SearchQuery | null;
  hits: SearchHit[];
  total: number;
  /** A query is waiting for the pause or for its answer. */
  pending: boolean;
  error: string | null;
};

export type LatestSearchOptions = {
  run: (query: SearchQuery) => Promise<SearchResults>;
  onChange: (state: SearchState) => void;
  /** Pause after the last keystroke before searching (default 150 ms). */
  delayMs?: number;
  /** Turns a failure into the message shown. */
  describe?: (err: unknown) => string;
};

export class LatestSearch {
  private readonly opts: LatestSearchOptions;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private seq = 0;
  private state: SearchState = { query: null, hits: [], total: 0, pending: false, error: null };

  constructor(opts: LatestSearchOptions) {
    this.opts = opts;
  }

  get current(): SearchState {
    return this.state;
  }

  /** Searches for `query` once typing has paused. */
  schedule(query: SearchQuery): void {
    this.clearTimer();
    this.seq += 1;
    this.set({ pending: true });
    const seq = this.seq;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run(query, seq, false);
    }, this.opts.delayMs ?? SEARCH_DELAY_MS);
  }

  /** Searches for `query` right away. */
  now(query: SearchQuery): Promise<void> {
    this.clearTimer();
    this.seq += 1;
    this.set({ pending: true });
    return this.run(query, this.seq, false);
  }

  /** Fetches the next page of the current results (appended). */
  more(): Promise<void> {
    const q = this.state.query;
    if (!q || this.state.pending || this.state.hits.length >= this.state.total) return Promise.resolve();
    this.seq += 1;
    this.set({ pending: true });
    return this.run({ ...q, offset: this.state.hits.length }, this.seq, true);
  }

  /** Forgets the query and its results; a late answer is dropped. */
  clear(): void {
    this.clearTimer();
    this.seq += 1;
    this.state = { query: null, hits: [], total: 0, pending: false, error: null };
    this.opts.onChange(this.state);
  }

  dispose(): void {
    this.clearTimer();
    this.seq += 1;
  }

  private async run(query: SearchQuery, seq: number, append: boolean): Promise<void> {
    try {
      const r = await this.opts.run(query);
      if (seq !== this.seq) return;
      const base = append && this.state.query ? this.state.query : query;
      this.set({ query: base, hits: append ? [...this.state.hits, ...r.hits] : r.hits, total: r.total, pending: false, error: null });
    } catch (err) {
      if (seq !== this.seq) return;
      this.set({ pending: false, error: this.opts.describe ? this.opts.describe(err) : String(err) });
    }
  }

  private set(patch: Partial<SearchState>): void {
    this.state = { ...this.state, ...patch };
    this.opts.onChange(this.state);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
