/**
 * The fake core's copy desk: a stand-in for tests and the plain-browser UI, not a checker. It
 * knows a handful of misspellings (its "dictionary" is the table below) and reports them as the
 * core reports spelling findings (rule id, place, UTF-16 offsets, suggestions), minus the library
 * and story words. The real rules live in Rust (byline-check); nothing here mirrors them.
 */
import { AppError } from "./errors";
import type { ChecklistItem, CheckReport, Finding, FindingCategory, FindingPlace, Story } from "./types";

/**
 * A word as the library dictionary takes it (trimmed): letters and digits, with ' ’ - or . inside,
 * at most 64 characters; anything else is refused with the core's wording.
 */
export function dictionaryWord(word: string, command: string): string {
  const w = word.trim();
  if (/^[\p{L}\p{N}][\p{L}\p{N}'’.-]*$/u.test(w) && [...w].length <= 64) return w;
  const shown = [...w].slice(0, 40).join("");
  throw new AppError(
    "invalid_input",
    `“${shown}” is not a word the dictionary can take (letters and digits, with ' - or . inside, at most 64 characters)`,
    command,
  );
}

/** The misspellings the fake knows, with their suggestions (best first). */
export const FAKE_MISSPELLINGS: Readonly<Record<string, readonly string[]>> = {
  Teh: ["The", "Tet"],
  teh: ["the", "ten"],
  recieved: ["received", "relieved"],
  Algieria: ["Algeria", "Algiers"],
  goverment: ["government"],
  delegaton: ["delegation", "delegator"],
};

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** The fake's spelling findings in one text. */
function findingsIn(text: string, place: FindingPlace, language: string, accepted: (word: string) => boolean): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(WORD)) {
    const suggestions = FAKE_MISSPELLINGS[m[0]];
    if (!suggestions || accepted(m[0])) continue;
    out.push({
      rule: "spelling.unknown",
      category: "spelling",
      severity: "error",
      place,
      start: m.index,
      end: m.index + m[0].length,
      text: m[0],
      message: `“${m[0]}” is not in the ${language} dictionary`,
      suggestions: [...suggestions],
    });
  }
  return out;
}

/** A story's findings as the fake core gives them: head fields, then body paragraphs and headings. */
export function fakeCheck(story: Story, libraryWords: ReadonlySet<string>, ignored: ReadonlySet<string>): CheckReport {
  const accepted = (w: string) => libraryWords.has(w.toLowerCase()) || ignored.has(w.toLowerCase());
  const findings: Finding[] = [];
  const field = (name: FindingPlace["field"], text: string) => findings.push(...findingsIn(text, { field: name, block: [], photoUse: null }, story.language, accepted));
  field("kicker", story.kicker);
  field("headline", story.headline);
  field("standfirst", story.standfirst);
  story.body.content.forEach((block, i) => {
    if (block.type !== "paragraph" && block.type !== "heading") return;
    const text = (block.content ?? []).map((n) => (n.type === "text" ? n.text : "\n")).join("");
    findings.push(...findingsIn(text, { field: "body", block: [i], photoUse: null }, story.language, accepted));
  });
  return { findings, missingDictionaries: [] };
}

/** The categories in the core's order (the checklist counts them in this order). */
const CATEGORIES: readonly FindingCategory[] = ["spelling", "grammar", "punctuation", "style", "captions", "structure"];

/** Findings the checklist names itself, so its copy-desk count leaves them out (as the core does). */
const CHECKLIST_OWN = new Set(["structure.tk", "captions.missing-credit", "captions.missing-alt", "captions.alt-is-caption"]);

/** The checklist's copy-desk item for a report, worded as the core words it, or null when clean. */
export function copyDeskItem(report: CheckReport): ChecklistItem | null {
  const counted = report.findings.filter((f) => !CHECKLIST_OWN.has(f.rule));
  if (counted.length === 0) return null;
  const parts = CATEGORIES.map((c) => [c, counted.filter((f) => f.category === c).length] as const)
    .filter(([, n]) => n > 0)
    .map(([c, n]) => `${n} ${c}`);
  return { check: "copyDesk", message: `the copy desk has ${counted.length} finding(s): ${parts.join(", ")}` };
}
