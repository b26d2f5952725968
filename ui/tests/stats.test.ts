/** The live counts follow the same rule as the Rust core's StoryStats. */
import { describe, expect, it } from "vitest";
import { computeStats } from "../src/lib/stats";
import type { DocNode } from "../src/platform/types";
import { sampleBody } from "../src/platform/sample";
import sharedCases from "../../tests/fixtures/stats.json";

const p = (...content: DocNode[]): DocNode => ({ type: "paragraph", content });
const t = (text: string, ...marks: string[]): DocNode => (marks.length ? { type: "text", text, marks: marks.map((type) => ({ type })) } : { type: "text", text });
const doc = (...content: DocNode[]): DocNode => ({ type: "doc", content });

describe("computeStats", () => {
  it("counts nothing in an empty story", () => {
    expect(computeStats(doc({ type: "paragraph" }))).toEqual({ words: 0, characters: 0, readingMinutes: 0, notes: 0 });
  });

  it("counts words, characters and reading time across blocks", () => {
    const s = computeStats(doc(p(t("Hello world.")), { type: "heading", attrs: { level: 2 }, content: [t("Next part")] }));
    expect(s.words).toBe(4);
    expect(s.characters).toBe("Hello world.".length + "Next part".length);
    expect(s.readingMinutes).toBe(1);
  });

  it("joins blocks with a newline, so words never run across blocks", () => {
    expect(computeStats(doc(p(t("end")), p(t("start")))).words).toBe(2);
  });

  it("ignores tokens without a letter or digit", () => {
    expect(computeStats(doc(p(t("Yes — no - 42 … ”")))).words).toBe(3);
  });

  it("counts Unicode letters and code points", () => {
    const s = computeStats(doc(p(t("Hà Nội 𝒜 ❤"))));
    expect(s.words).toBe(3);
    expect(s.characters).toBe(10);
  });

  it("excludes note text from words and characters", () => {
    const s = computeStats(doc(p(t("Mayor said "), t("check quote with desk", "note"), t(" today"))));
    expect(s.words).toBe(3);
    expect(s.characters).toBe("Mayor said ".length + " today".length);
    expect(s.notes).toBe(1);
  });

  it("counts adjacent note-marked text nodes as one note", () => {
    const s = computeStats(doc(p(t("a ", "note"), t("b", "note", "strong"), t(" text "), t("c", "note"))));
    expect(s.notes).toBe(2);
  });

  it("counts standalone TK tokens, trimming punctuation, case-sensitive", () => {
    const s = computeStats(doc(p(t("The toll was TK, officials said (TK). tk TKO ATK"))));
    expect(s.notes).toBe(2);
    expect(s.words).toBe(10); // TK tokens are still words
  });

  it("rounds reading time up at 230 words a minute", () => {
    const words = (n: number) => doc(p(t(Array.from({ length: n }, () => "word").join(" "))));
    expect(computeStats(words(230)).readingMinutes).toBe(1);
    expect(computeStats(words(231)).readingMinutes).toBe(2);
  });

  it("treats a hard break as a separator", () => {
    const s = computeStats(doc(p(t("one"), { type: "hardBreak" }, t("two"))));
    expect(s.words).toBe(2);
    expect(s.characters).toBe(6);
  });

  it("counts the sample story", () => {
    const s = computeStats(sampleBody());
    expect(s.words).toBeGreaterThan(300);
    expect(s.notes).toBe(0);
  });
});

// The same cases run in the Rust core (document.rs), so the editor and the library agree.

describe("computeStats agrees with the core", () => {
  for (const c of sharedCases) {
    it(c.name, () => {
      expect(computeStats(c.doc as DocNode)).toEqual(c.stats);
    });
  }
});
