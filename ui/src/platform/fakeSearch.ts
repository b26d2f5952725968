/**
 * The fake core's search: a small stand-in for the real index, good enough for tests and for
 * running the UI in a browser. Same query language as the core (words, "quoted phrases",
 * prefix*, OR; every other character is only part of a word, so no query is an error), matching
 * words without regard to case or accents, with the matches marked as `TextSpan`s.
 */
import { ALPHANUMERIC, trimLikeCore } from "./fakeCore";
import type { DocNode, TextSpan } from "./types";

/** One thing to look for: a word, a phrase (several words in a row); `prefix` on the last word. */
export type Term = { words: string[]; prefix: boolean };
/** A parsed query: every clause must match; a clause matches when any of its terms does. */
export type ParsedQuery = Term[][];

const WORD = /[\p{L}\p{N}]+/gu;

/** Lower case, accents off: "Aboul-Gheït" and "gheit" meet. */
export function fold(word: string): string {
  return word.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
}

/** The words of a text with where each one is (UTF-16 offsets into `text`). */
export function wordsOf(text: string): Array<{ word: string; start: number; end: number }> {
  const out: Array<{ word: string; start: number; end: number }> = [];
  for (const m of text.matchAll(WORD)) out.push({ word: fold(m[0]), start: m.index, end: m.index + m[0].length });
  return out;
}

/** One clause of a query as the core reads it (its `query::Clause`): a word as typed, a phrase, a prefix. */
export type QueryClause = { kind: "word" | "phrase" | "prefix"; text: string };
/** A query as the core reads it: every group must match; a group matches when any of its clauses does. */
export type QueryGroups = QueryClause[][];

/** Trailing `*`s, which make a prefix. */
const STARS = /\*+$/;

/**
 * Reads a query by the core's rules (`query::parse`): a quote opens a phrase up to the next quote
 * or the end (blank ones dropped; a trailing `*` makes a prefix); a bare `OR` joins the next clause
 * to the group before it (with no group before, it is a word); any other token is a prefix when it
 * ends in `*` after a letter or digit, else a word as typed.
 */
export function readQuery(text: string): QueryGroups {
  const groups: QueryGroups = [];
  let joinNext = false;
  const push = (clause: QueryClause) => {
    if (joinNext && groups.length > 0) groups[groups.length - 1].push(clause);
    else groups.push([clause]);
    joinNext = false;
  };
  for (const m of text.matchAll(/"([^"]*)"?|[^\p{White_Space}"]+/gu)) {
    const phrase = m[1];
    if (phrase !== undefined) {
      if (trimLikeCore(phrase) === "") continue;
      const end = phrase.replace(/\p{White_Space}+$/u, "");
      push(end.endsWith("*") ? { kind: "prefix", text: end.replace(STARS, "") } : { kind: "phrase", text: phrase });
      continue;
    }
    const token = m[0];
    if (token === "OR" && groups.length > 0) {
      joinNext = true;
      continue;
    }
    const stem = token.replace(STARS, "");
    push(stem !== token && ALPHANUMERIC.test(stem) ? { kind: "prefix", text: stem } : { kind: "word", text: token });
  }
  return groups;
}

/** Parses a query; an empty result means "no words" (the filters alone decide). */
export function parseQuery(text: string): ParsedQuery {
  // The core's reading (readQuery), then each clause's words as the fake matches them: a word
  // that holds several ("rome-paris") is searched as a phrase, as the core's index does.
  return readQuery(text)
    .map((group) =>
      group
        .map((clause): Term => ({ words: [...clause.text.matchAll(WORD)].map((w) => fold(w[0])), prefix: clause.kind === "prefix" }))
        .filter((term) => term.words.length > 0),
    )
    .filter((group) => group.length > 0);
}

/** Where `term` occurs in `text`, as [start, end) ranges. */
export function occurrences(text: string, term: Term): Array<[number, number]> {
  const words = wordsOf(text);
  const out: Array<[number, number]> = [];
  const n = term.words.length;
  for (let i = 0; i + n <= words.length; i++) {
    let ok = true;
    for (let k = 0; k < n && ok; k++) {
      const want = term.words[k];
      const have = words[i + k].word;
      ok = term.prefix && k === n - 1 ? have.startsWith(want) : have === want;
    }
    if (ok) out.push([words[i].start, words[i + n - 1].end]);
  }
  return out;
}

/** Every match of any term of the query in `text`. */
export function hitsIn(text: string, query: ParsedQuery): Array<[number, number]> {
  return query.flat().flatMap((t) => occurrences(text, t));
}

/** True when every clause has a term that occurs in one of `fields`. */
export function matches(fields: string[], query: ParsedQuery): boolean {
  return query.every((clause) => clause.some((term) => fields.some((f) => occurrences(f, term).length > 0)));
}

/** `text` cut into spans, the `ranges` marked as hits (overlaps merged). */
export function toSpans(text: string, ranges: Array<[number, number]>): TextSpan[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  const spans: TextSpan[] = [];
  let at = 0;
  for (const [s, e] of merged) {
    if (s > at) spans.push({ text: text.slice(at, s), hit: false });
    spans.push({ text: text.slice(s, e), hit: true });
    at = e;
  }
  if (at < text.length) spans.push({ text: text.slice(at), hit: false });
  return spans;
}

/**
 * A passage of about `width` characters around the first match in `texts` (the first text that
 * has one), the matches marked; without a match, the start of the first non-empty text.
 */
export function snippet(texts: string[], query: ParsedQuery, width = 180): TextSpan[] {
  for (const text of texts) {
    const hits = hitsIn(text, query);
    if (hits.length === 0) continue;
    const first = Math.min(...hits.map((h) => h[0]));
    let start = Math.max(0, first - Math.floor(width / 3));
    if (start > 0) {
      const space = text.indexOf(" ", start);
      start = space >= 0 && space < first ? space + 1 : start;
    }
    let end = Math.min(text.length, start + width);
    if (end < text.length) {
      const space = text.lastIndexOf(" ", end);
      if (space > Math.max(first, start)) end = space;
    }
    const inside = hits.filter((h) => h[0] >= start && h[1] <= end).map((h): [number, number] => [h[0] - start, h[1] - start]);
    const spans = toSpans(text.slice(start, end), inside);
    if (start > 0) spans.unshift({ text: "…", hit: false });
    if (end < text.length) spans.push({ text: "…", hit: false });
    return spans;
  }
  const plain = texts.find((t) => t.trim() !== "") ?? "";
  if (plain === "") return [];
  if (plain.length <= width) return [{ text: plain, hit: false }];
  const cut = plain.lastIndexOf(" ", width);
  return [{ text: `${plain.slice(0, cut > 0 ? cut : width)}…`, hit: false }];
}

/** The text of a body, one string per block (paragraph, heading, list item). */
export function blockTexts(doc: DocNode): string[] {
  const out: string[] = [];
  const walk = (node: DocNode) => {
    if (node.content?.some((c) => c.type === "text" || c.type === "hardBreak")) {
      out.push(node.content.map((c) => (c.type === "text" ? (c.text ?? "") : " ")).join(""));
      return;
    }
    node.content?.forEach(walk);
  };
  walk(doc);
  return out.filter((t) => t.trim() !== "");
}

/** The `story:<id>` targets of a body's links. */
export function storyLinkTargets(doc: DocNode): string[] {
  const out = new Set<string>();
  const walk = (node: DocNode) => {
    for (const m of node.marks ?? []) {
      const href = m.type === "link" ? m.attrs?.href : null;
      if (typeof href === "string" && href.startsWith("story:")) out.add(href.slice("story:".length));
    }
    node.content?.forEach(walk);
  };
  walk(doc);
  return [...out];
}

const STOPWORDS = new Set(
  (
    "about above after again against also although among because been before being below between both could does doing down during each " +
    "from further have having here hers herself himself into itself just more most myself once only other ours ourselves over same should " +
    "some such than that their theirs them themselves then there these they this those through under until very were what when where which " +
    "while whom with would your yours yourself yourselves said says will within without upon onto like many much even still made make year years"
  ).split(" "),
);

/** The telling words of a text and how often each occurs (four letters or more, no stopwords). */
export function tellingWords(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const { word } of wordsOf(text)) {
    if (word.length < 4 || STOPWORDS.has(word) || /^\d+$/.test(word)) continue;
    out.set(word, (out.get(word) ?? 0) + 1);
  }
  return out;
}
