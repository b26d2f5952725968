/** Search: the query helpers, search-as-you-type (debounce, latest answer wins, pages), the fake's matching. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { LatestSearch, isSearching, pickerQuery, prefixLast, toQuery, type SearchState } from "../src/lib/search";
import { matches, parseQuery, snippet, toSpans } from "../src/platform/fakeSearch";
import { FakePlatform } from "../src/platform/fake";
import type { SearchQuery, SearchResults } from "../src/platform/types";
import { addStory, lighthouseLibrary } from "./fixtures";

afterEach(() => vi.useRealTimers());

const query = (text: string, extra: Partial<SearchQuery> = {}): SearchQuery => ({
  text,
  status: null,
  tag: null,
  since: null,
  until: null,
  headlineOnly: false,
  limit: 20,
  offset: 0,
  ...extra,
});

describe("prefixLast", () => {
  it.each([
    ["rome minis", "rome minis*"],
    ["rome", "rome*"],
    ["  rome ", "rome"],
    ["", ""],
    ["rome OR", "rome OR"],
    ["gheit*", "gheit*"],
    ['"foreign min', '"foreign min'],
    ['"foreign ministers"', '"foreign ministers"'],
    ["rome-", "rome-"],
    ["Aboul-Gheït", "Aboul-Gheït*"],
  ])("%j -> %j", (typed, sent) => {
    expect(prefixLast(typed)).toBe(sent);
  });

  it("builds picker queries with the prefix and no filters", () => {
    expect(pickerQuery("light", true, 8)).toEqual(query("light*", { headlineOnly: true, limit: 8 }));
  });
});

describe("library search filters", () => {
  const none = { text: "", status: null, tag: "", since: "", until: "" };
  it("searches when any of text, tag or dates is set; status alone is the plain list", () => {
    expect(isSearching(none)).toBe(false);
    expect(isSearching({ ...none, status: "ready" })).toBe(false);
    expect(isSearching({ ...none, text: "  " })).toBe(false);
    expect(isSearching({ ...none, text: "rome" })).toBe(true);
    expect(isSearching({ ...none, tag: "Diplomacy" })).toBe(true);
    expect(isSearching({ ...none, since: "2026-01-01" })).toBe(true);
    expect(isSearching({ ...none, until: "2026-01-01" })).toBe(true);
  });

  it("turns the fields into a SearchQuery (empty means none)", () => {
    expect(toQuery({ text: " rome ", status: "ready", tag: " IS ", since: "2026-01-01", until: "" }, 50, 50)).toEqual(
      query("rome", { status: "ready", tag: "IS", since: "2026-01-01", limit: 50, offset: 50 }),
    );
  });
});

describe("LatestSearch", () => {
  function setup(run: (q: SearchQuery) => Promise<SearchResults>) {
    const states: SearchState[] = [];
    const s = new LatestSearch({ run, onChange: (st) => states.push(st), describe: (e) => `failed: ${String(e)}` });
    return { s, states, last: () => states[states.length - 1] };
  }
  const hit = (id: string) => ({
    id,
    slug: id,
    kicker: "",
    headline: id,
    headlineSpans: [],
    snippet: [],
    status: "draft" as const,
    words: 0,
    updated: "2026-01-01T00:00:00Z",
    score: 1,
  });

  it("waits for a 150 ms pause in typing, then searches once for the last text", async () => {
    vi.useFakeTimers();
    const run = vi.fn(async (q: SearchQuery) => ({ total: 1, hits: [hit(q.text)] }));
    const { s, last } = setup(run);
    s.schedule(query("r"));
    await vi.advanceTimersByTimeAsync(100);
    s.schedule(query("ro"));
    await vi.advanceTimersByTimeAsync(100);
    s.schedule(query("rome"));
    expect(last().pending).toBe(true);
    await vi.advanceTimersByTimeAsync(149);
    expect(run).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(1);
    expect(run.mock.calls[0][0].text).toBe("rome");
    expect(last()).toMatchObject({ pending: false, total: 1, hits: [{ id: "rome" }] });
  });

  it("drops an older answer that arrives after a newer one", async () => {
    const resolvers: Array<(r: SearchResults) => void> = [];
    const { s, last } = setup(() => new Promise((r) => resolvers.push(r)));
    const first = s.now(query("old"));
    const second = s.now(query("new"));
    resolvers[1]({ total: 1, hits: [hit("new")] });
    await second;
    resolvers[0]({ total: 1, hits: [hit("old")] });
    await first;
    expect(last().hits.map((h) => h.id)).toEqual(["new"]);
    expect(last().query?.text).toBe("new");
  });

  it("appends the next page with the offset of what it has, and stops at the total", async () => {
    const run = vi.fn(async (q: SearchQuery) => ({ total: 3, hits: q.offset === 0 ? [hit("a"), hit("b")] : [hit("c")] }));
    const { s, last } = setup(run);
    await s.now(query("x", { limit: 2 }));
    await s.more();
    expect(run.mock.calls[1][0]).toMatchObject({ text: "x", offset: 2, limit: 2 });
    expect(last().hits.map((h) => h.id)).toEqual(["a", "b", "c"]);
    await s.more();
    expect(run).toHaveBeenCalledTimes(2);
  });

  it("reports a failure as a message and clears on request, ignoring a late answer", async () => {
    let resolve: (r: SearchResults) => void = () => {};
    const { s, last } = setup((q) => (q.text === "bad" ? Promise.reject(new Error("index gone")) : new Promise((r) => (resolve = r))));
    await s.now(query("bad"));
    expect(last()).toMatchObject({ pending: false, error: "failed: Error: index gone" });
    const late = s.now(query("slow"));
    s.clear();
    resolve({ total: 1, hits: [hit("slow")] });
    await late;
    expect(last()).toMatchObject({ query: null, hits: [], pending: false, error: null });
  });
});

describe("the fake's query language", () => {
  it("parses words, phrases, prefixes and OR into clauses", () => {
    expect(parseQuery('rome "foreign ministers" gheit* OR algiers')).toEqual([
      [{ words: ["rome"], prefix: false }],
      [{ words: ["foreign", "ministers"], prefix: false }],
      [
        { words: ["gheit"], prefix: true },
        { words: ["algiers"], prefix: false },
      ],
    ]);
    // Other characters are only part of words: nothing is an error.
    expect(parseQuery("(rome) && -paris: !")).toEqual([[{ words: ["rome"], prefix: false }], [{ words: ["paris"], prefix: false }]]);
    expect(parseQuery('"unclosed phrase')).toEqual([[{ words: ["unclosed", "phrase"], prefix: false }]]);
    // As the core reads it: OR joins two neighbours; alone, it is only a word.
    expect(parseQuery("OR")).toEqual([[{ words: ["or"], prefix: false }]]);
  });

  it("matches without case or accents; every clause must match", () => {
    const fields = ["Aboul-Gheit speaks in Algiers", "Foreign ministers met in Rome."];
    expect(matches(fields, parseQuery("GHEÏT rome"))).toBe(true);
    expect(matches(fields, parseQuery("gheit paris"))).toBe(false);
    expect(matches(fields, parseQuery("gheit paris OR rome"))).toBe(true);
    expect(matches(fields, parseQuery('"ministers met"'))).toBe(true);
    expect(matches(fields, parseQuery('"met ministers"'))).toBe(false);
    expect(matches(fields, parseQuery("minis*"))).toBe(true);
    expect(matches(fields, parseQuery("minis"))).toBe(false);
  });

  it("marks the matches as spans and cuts a snippet around the first one", () => {
    expect(toSpans("Ministers met in Rome", [[17, 21], [0, 9]])).toEqual([
      { text: "Ministers", hit: true },
      { text: " met in ", hit: false },
      { text: "Rome", hit: true },
    ]);
    const long = `${"word ".repeat(60)}the cormorant colony ${"more ".repeat(60)}`;
    const spans = snippet(["nothing here", long], parseQuery("cormorant"), 80);
    expect(spans[0]).toEqual({ text: "…", hit: false });
    expect(spans[spans.length - 1]).toEqual({ text: "…", hit: false });
    expect(spans.filter((s) => s.hit)).toEqual([{ text: "cormorant", hit: true }]);
    expect(spans.map((s) => s.text).join("").length).toBeLessThan(90);
  });
});

describe("fake search_stories", () => {
  it("finds stories by body words with highlighted headline and snippet, best first", async () => {
    const p = new FakePlatform({ seed: false });
    const { keepers, museum } = await lighthouseLibrary(p);
    const r = await p.searchStories(query("lighthouse"));
    expect(r.total).toBe(2);
    expect(r.hits.map((h) => h.id).sort()).toEqual([keepers.id, museum.id].sort());
    expect(r.hits[0].headlineSpans.some((s) => s.hit && s.text.toLowerCase() === "lighthouse")).toBe(true);
    const c = await p.searchStories(query("cormorant"));
    expect(c.hits.map((h) => h.id)).toEqual([keepers.id]);
    expect(c.hits[0].snippet.filter((s) => s.hit).map((s) => s.text)).toEqual(["cormorant"]);
    expect(c.hits[0].headlineSpans).toEqual([{ text: keepers.headline, hit: false }]);
  });

  it("narrows by status, tag (any case), dates and headline only; pages with offset and limit", async () => {
    const p = new FakePlatform({ seed: false, now: () => new Date("2026-03-10T12:00:00Z") });
    const { keepers, museum } = await lighthouseLibrary(p);
    expect((await p.searchStories(query("lighthouse", { status: "ready" }))).hits.map((h) => h.id)).toEqual([museum.id]);
    expect((await p.searchStories(query("", { tag: "labour" }))).hits.map((h) => h.id)).toEqual([keepers.id]);
    expect((await p.searchStories(query("", { since: "2026-03-11" }))).total).toBe(0);
    expect((await p.searchStories(query("", { since: "2026-03-10", until: "2026-03-10" }))).total).toBe(3);
    expect((await p.searchStories(query("keepers", { headlineOnly: true }))).hits.map((h) => h.id)).toEqual([keepers.id]);
    const page = await p.searchStories(query("", { limit: 2, offset: 2 }));
    expect(page.total).toBe(3);
    expect(page.hits).toHaveLength(1);
  });

  it("never fails on odd input and leaves trashed stories out", async () => {
    const p = new FakePlatform({ seed: false });
    const s = await addStory(p, { headline: "Ministers meet", paragraphs: ["In Rome."] });
    await expect(p.searchStories(query('( ** - ! ""'))).resolves.toMatchObject({ total: 1 });
    await expect(p.searchStories(query('"unclosed OR'))).resolves.toMatchObject({ total: 0 });
    await p.deleteStory(s.id);
    expect((await p.searchStories(query("ministers"))).total).toBe(0);
  });
});
