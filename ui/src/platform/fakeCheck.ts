/**
 * The fake core's copy desk: a stand-in for tests and the plain-browser UI, not a checker. It
 * knows a handful of misspellings (its "dictionary" is the table below) and reports them as the
 * core reports spelling findings (rule id, place, UTF-16 offsets, suggestions), minus the library
 * and story words. The real rules live in Rust (byline-check); nothing here mirrors them.
 */
import { AppError } from "./errors";
import { trimLikeCore } from "./fakeCore";
import type { ChecklistItem, CheckReport, CheckSettings, Finding, FindingCategory, FindingPlace, Story } from "./types";

/**
 * A word as the library dictionary takes it (trimmed): letters and digits, with ' ’ - or . inside,
 * at most 64 characters; anything else is refused with the core's wording.
 */
export function dictionaryWord(word: string, command: string): string {
  const w = word.trim();
  if (/^[\p{L}\p{N}][\p{L}\p{N}'’.-]*$/u.test(w) && [...w].length <= 64) return w;
  const shown = [...w].slice(0, 40).join("").replace(/\p{Cc}/gu, "\uFFFD");
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

/**
 * A story's findings as the fake core gives them: head fields, body paragraphs and headings, then
 * each photo use's caption, credit and alt text; none of a rule the library switched off.
 */
export function fakeCheck(story: Story, libraryWords: ReadonlySet<string>, ignored: ReadonlySet<string>, disabled: readonly string[] = []): CheckReport {
  const accepted = (w: string) => libraryWords.has(w.toLowerCase()) || ignored.has(w.toLowerCase());
  const findings: Finding[] = [];
  const at = (place: FindingPlace, text: string) => findings.push(...findingsIn(text, place, story.language, accepted));
  const field = (name: FindingPlace["field"], text: string) => at({ field: name, block: [], photoUse: null }, text);
  field("kicker", story.kicker);
  field("headline", story.headline);
  field("standfirst", story.standfirst);
  field("byline", story.byline);
  field("dateline", story.dateline);
  story.body.content.forEach((block, i) => {
    if (block.type !== "paragraph" && block.type !== "heading") return;
    const text = (block.content ?? []).map((n) => (n.type === "text" ? n.text : "\n")).join("");
    at({ field: "body", block: [i], photoUse: null }, text);
  });
  for (const use of story.photos) {
    at({ field: "caption", block: [], photoUse: use.id }, use.caption);
    at({ field: "credit", block: [], photoUse: use.id }, use.credit);
    at({ field: "altText", block: [], photoUse: use.id }, use.altText);
  }
  return { findings: findings.filter((f) => !disabled.includes(f.rule)), missingDictionaries: [] };
}

/** ASCII letters lower-cased, the rest as it is: SQLite's NOCASE, which the library dictionary's words compare with. */
export function nocase(word: string): string {
  return word.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/**
 * Copy-desk settings tidied and checked as the core's `set_copy_desk_settings` does (its refusals
 * worded as the core words them): forms trimmed, empty and repeated variants dropped, abbreviations
 * and switched-off rules sorted without repeats; refused whole when a group has no house form, a
 * form is in two groups, an abbreviation is not in capitals, or the headline limit is 0.
 */
export function tidyCopyDeskSettings(given: CheckSettings, command: string): CheckSettings {
  const refuse = (message: string) => new AppError("invalid_input", message, command);
  const seen = new Map<string, string>();
  const houseStyle = given.houseStyle.map((g) => {
    const preferred = trimLikeCore(g.preferred);
    const variants: string[] = [];
    for (const v of g.variants.map(trimLikeCore)) {
      if (v !== "" && nocase(v) !== nocase(preferred) && !variants.some((k) => nocase(k) === nocase(v))) variants.push(v);
    }
    if (preferred === "") throw refuse("a house-style group needs the form the house uses");
    for (const form of [preferred, ...variants]) {
      const other = seen.get(form.toLowerCase());
      if (other !== undefined) throw refuse(`“${form}” is in the house style twice (under ${other} and ${preferred}); keep it in one group`);
      seen.set(form.toLowerCase(), preferred);
    }
    return { preferred, variants };
  });
  const knownAbbreviations = given.knownAbbreviations.map(trimLikeCore);
  for (const a of knownAbbreviations) {
    const ok = /\p{Alphabetic}/u.test(a) && [...a].every((c) => /[\p{Alphabetic}\p{N}]/u.test(c) && !/\p{Lowercase}/u.test(c));
    if (!ok) throw refuse(`“${[...a].slice(0, 40).join("")}” is not an abbreviation in capitals (such as UN or NATO)`);
  }
  if (!Number.isInteger(given.headlineMax) || given.headlineMax < 0 || given.headlineMax > 0xffffffff) {
    throw refuse("invalid type: the headline limit must be a whole number");
  }
  if (given.headlineMax === 0) throw refuse("the headline limit must be at least 1 character");
  const sortedUnique = (list: string[]) => [...new Set(list)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    disabled: sortedUnique(given.disabled),
    houseStyle,
    knownAbbreviations: sortedUnique(knownAbbreviations),
    headlineMax: given.headlineMax,
    headlineCase: given.headlineCase,
    asYouType: given.asYouType,
  };
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
