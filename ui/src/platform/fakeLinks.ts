/**
 * The fake core's links between stories and out of Byline: search (fakeSearch.ts), related posts
 * with the core's refusals, backlinks, suggestions, story references, and links opened in the
 * system's browser or mail program.
 */
import { AppError } from "./errors";
import { blockTexts, hitsIn, matches, parseQuery, snippet, storyLinkTargets, tellingWords, toSpans } from "./fakeSearch";
import { FakeStories } from "./fakeStories";
import type { Backlink, LinkKind, RelatedLink, SearchHit, SearchQuery, SearchResults, Story, StoryRef, Suggestion } from "./types";

export abstract class FakeLinks extends FakeStories {
  /** Links handed to the system's browser or mail program (tests). */
  readonly openedExternally: string[] = [];

  private refOf(id: string): StoryRef {
    const e = this.stories.get(id);
    if (!e) return { id, slug: "", headline: "", status: "draft", exists: false };
    return { id, slug: e.story.slug, headline: e.story.headline, status: e.story.status, exists: !e.deleted };
  }

  searchStories(query: SearchQuery): Promise<SearchResults> {
    return this.call("search_stories", { query }, () => {
      const parsed = parseQuery(query.text);
      const tag = query.tag?.trim().toLowerCase() || null;
      const hits: SearchHit[] = [];
      for (const { story: s, deleted } of this.stories.values()) {
        if (deleted) continue;
        if (query.status !== null && s.status !== query.status) continue;
        if (tag !== null && !s.tags.some((t) => t.toLowerCase() === tag)) continue;
        const day = s.updated.slice(0, 10);
        if (query.since && day < query.since) continue;
        if (query.until && day > query.until) continue;
        const rest = [s.standfirst, ...blockTexts(s.body), ...s.photos.map((u) => u.caption)].filter((t) => t.trim() !== "");
        const fields = query.headlineOnly ? [s.headline] : [s.headline, s.kicker, ...rest];
        if (parsed.length > 0 && !matches(fields, parsed)) continue;
        const inHeadline = hitsIn(s.headline, parsed).length;
        const elsewhere = query.headlineOnly ? 0 : fields.slice(1).reduce((n, f) => n + hitsIn(f, parsed).length, 0);
        hits.push({
          id: s.id,
          slug: s.slug,
          kicker: s.kicker,
          headline: s.headline,
          headlineSpans: toSpans(s.headline, hitsIn(s.headline, parsed)),
          snippet: snippet(rest, parsed),
          status: s.status,
          words: s.stats.words,
          updated: s.updated,
          score: inHeadline * 3 + elsewhere,
        });
      }
      hits.sort((a, b) => b.score - a.score || b.updated.localeCompare(a.updated));
      const offset = query.offset ?? 0;
      const limit = Math.max(1, Math.min(200, query.limit ?? 20));
      return { total: hits.length, hits: hits.slice(offset, offset + limit) };
    });
  }

  setRelated(story: string, links: RelatedLink[]): Promise<RelatedLink[]> {
    return this.call("set_related", { story, links }, () => {
      const s = this.live(story, "set_related").story;
      for (const link of links) {
        if (link.storyId !== null && link.url === null) {
          if (link.storyId === s.id) throw new AppError("invalid_input", "a story cannot be related to itself", "set_related");
        } else if (link.storyId === null && link.url !== null) {
          const lower = link.url.trim().toLowerCase();
          const ok = (lower.startsWith("https://") || lower.startsWith("http://")) && lower.length > 8 && !/[\s\p{Cc}]/u.test(link.url);
          if (!ok) {
            throw new AppError("invalid_input", `related link \`${[...link.url].slice(0, 80).join("")}\` refused: only http and https addresses`, "set_related");
          }
        } else {
          throw new AppError("invalid_input", "a related post is either a story or a URL", "set_related");
        }
      }
      s.related = links.map((l) => ({ storyId: l.storyId, url: l.url, title: l.title, broken: false }));
      this.refreshBroken();
      return s.related;
    });
  }

  backlinks(story: string): Promise<Backlink[]> {
    return this.call("backlinks", { story }, () => {
      const out: Array<Backlink & { updated: string }> = [];
      for (const { story: s, deleted } of this.stories.values()) {
        if (deleted || s.id === story) continue;
        const via: LinkKind[] = [];
        if (storyLinkTargets(s.body).includes(story)) via.push("body");
        if (s.related.some((r) => r.storyId === story)) via.push("related");
        if (via.length > 0) out.push({ story: this.refOf(s.id), via, updated: s.updated });
      }
      return out.sort((a, b) => b.updated.localeCompare(a.updated)).map(({ story: ref, via }) => ({ story: ref, via }));
    });
  }

  suggestRelated(story: string, limit: number): Promise<Suggestion[]> {
    return this.call("suggest_related", { story, limit }, () => {
      const s = this.live(story, "suggest_related").story;
      const textOf = (x: Story) => [x.headline, x.standfirst, ...blockTexts(x.body)].join(" ");
      const live = [...this.stories.values()].filter((e) => !e.deleted).map((e) => e.story);
      const words = new Map(live.map((x) => [x.id, tellingWords(textOf(x))]));
      const df = new Map<string, number>();
      for (const w of words.values()) for (const k of w.keys()) df.set(k, (df.get(k) ?? 0) + 1);
      const mine = words.get(s.id) ?? new Map<string, number>();
      const linked = new Set([...s.related.map((r) => r.storyId), ...storyLinkTargets(s.body)]);
      const out: Suggestion[] = [];
      for (const other of live) {
        if (other.id === s.id || linked.has(other.id)) continue;
        const theirs = words.get(other.id) ?? new Map<string, number>();
        const shared: Array<[string, number]> = [];
        for (const [w, n] of mine) {
          const m = theirs.get(w);
          if (m === undefined) continue;
          shared.push([w, Math.min(n, m) * Math.log(1 + live.length / (df.get(w) ?? 1))]);
        }
        if (shared.length === 0) continue;
        shared.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
        const score = shared.reduce((n, [, w]) => n + w, 0);
        out.push({ story: this.refOf(other.id), score, shared: shared.slice(0, 5).map(([w]) => w) });
      }
      return out.sort((a, b) => b.score - a.score).slice(0, limit);
    });
  }

  storyRefs(ids: string[]): Promise<StoryRef[]> {
    return this.call("story_refs", { ids }, () => ids.map((id) => this.refOf(id)));
  }

  /** Records the link; refuses what the core refuses (anything but https with a host, or mailto). */
  openExternal(url: string): Promise<void> {
    return this.call("open_external", { url }, () => {
      let ok = false;
      try {
        const u = new URL(url.trim());
        ok = (u.protocol === "https:" && u.hostname !== "" && u.username === "") || (u.protocol === "mailto:" && u.pathname !== "");
      } catch {
        ok = false;
      }
      if (!ok) {
        throw new AppError("invalid_input", `only https and mailto links open outside Byline; \`${[...url].slice(0, 80).join("")}\` was not opened`, "open_external");
      }
      this.openedExternally.push(url.trim());
    });
  }
}
