/**
 * The copy desk's rules as the settings list them: Byline's own (ids and categories as the core's
 * `byline-check` gives them, see its `rules/` modules), each with a short name and one plain line
 * of what it points out, and a readable name for any other id (Harper's grammar rules come as
 * `harper.<Rule>`; a rule the core adds later is still listed by its id).
 */
import type { FindingCategory } from "../platform/types";

export type RuleInfo = { id: string; category: FindingCategory; name: string; description: string };

/** Byline's own rules, by category in the copy desk's order. */
export const BYLINE_RULES: readonly RuleInfo[] = [
  {
    id: "spelling.unknown",
    category: "spelling",
    name: "Unknown words",
    description: "Words neither the story's dictionary nor the library's words know. Names and places are left alone.",
  },
  {
    id: "spelling.run-together",
    category: "spelling",
    name: "Words run together",
    description: "A number run into a word (“60people”) or a title into a name (“MPLouis”).",
  },
  { id: "grammar.a-an", category: "grammar", name: "A or an", description: "“a” before a vowel sound or “an” before a consonant sound (an hour, a union, an MP)." },
  { id: "words.doubled", category: "grammar", name: "Doubled words", description: "The same word twice in a row (“the the”)." },
  { id: "sentences.lowercase", category: "grammar", name: "Sentence in lower case", description: "A sentence that goes on in lower case after a full stop." },
  { id: "punctuation.doubled", category: "punctuation", name: "Doubled marks", description: "The same mark twice (“,,” or “..”); an ellipsis is fine." },
  { id: "punctuation.space-before", category: "punctuation", name: "Space before a mark", description: "A space before a comma, full stop, colon, semicolon, ! or ?." },
  {
    id: "punctuation.space-after",
    category: "punctuation",
    name: "Missing space after a mark",
    description: "No space after a comma, colon or semicolon, or between two sentences.",
  },
  {
    id: "punctuation.stop-before-quote",
    category: "punctuation",
    name: "Full stop inside a quote",
    description: "A full stop before a closing quote when the sentence goes on.",
  },
  {
    id: "punctuation.french-space",
    category: "punctuation",
    name: "French spacing",
    description: "In French stories: the no-break space missing before ; : ! ? or inside « ».",
  },
  { id: "quotes.reversed", category: "punctuation", name: "Reversed quotation marks", description: "A closing mark that opens a quote, or an opening one that closes it." },
  {
    id: "quotes.unclosed",
    category: "punctuation",
    name: "Unclosed quotes",
    description: "A quote never closed in its paragraph. A quote running on into the next paragraph is fine.",
  },
  { id: "quotes.mixed", category: "punctuation", name: "Straight and curly quotes", description: "Straight and curly double quotes both used in one story." },
  { id: "style.variant", category: "style", name: "House style", description: "A form the house-style table replaces (“e-mail” for “email”)." },
  {
    id: "style.mixed",
    category: "style",
    name: "Two forms in one story",
    description: "Two forms of one house-style group in a story; only when House style is off.",
  },
  {
    id: "abbreviations.unexplained",
    category: "style",
    name: "Unexplained abbreviations",
    description: "An abbreviation not spelled out at its first use; known ones and names (CBC News) are left alone.",
  },
  { id: "headline.length", category: "style", name: "Headline length", description: "A headline longer than the limit set below." },
  { id: "headline.case", category: "style", name: "Headline casing", description: "A headline not cased the house's way (set below)." },
  { id: "captions.missing-caption", category: "captions", name: "No caption", description: "A photo without a caption." },
  { id: "captions.missing-credit", category: "captions", name: "No credit", description: "A photo without a credit." },
  { id: "captions.missing-alt", category: "captions", name: "No alt text", description: "A photo without a description for readers who cannot see it." },
  { id: "captions.not-a-sentence", category: "captions", name: "Caption without a full stop", description: "A caption that does not end with . ! or ?." },
  {
    id: "captions.credit-in-caption",
    category: "captions",
    name: "Credit in the caption",
    description: "“Photo:” or the credit written into the caption; the credit has its own field.",
  },
  { id: "captions.alt-is-caption", category: "captions", name: "Alt text repeats the caption", description: "Alt text that says what the caption says." },
  { id: "structure.tk", category: "structure", name: "Notes left in (TK)", description: "A note or a bare “TK” still in the copy." },
  { id: "structure.empty-heading", category: "structure", name: "Empty headings", description: "A heading with no text, or with nothing under it." },
  { id: "structure.trailing-empty", category: "structure", name: "Empty paragraphs at the end", description: "Empty paragraphs closing the body." },
];

const BY_ID = new Map(BYLINE_RULES.map((r) => [r.id, r]));

/** Byline's rule of this id, or undefined for another (a Harper rule, a newer one). */
export function bylineRule(id: string): RuleInfo | undefined {
  return BY_ID.get(id);
}

/** "WrongApostrophe" → "Wrong apostrophe". */
function words(camel: string): string {
  const spaced = camel.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/([A-Z])([A-Z][a-z])/g, "$1 $2");
  return spaced.charAt(0) + spaced.slice(1).toLowerCase();
}

/** A rule's name as a journalist reads it: Byline's own name, "Wrong apostrophe (Harper)", else the id. */
export function ruleName(id: string): string {
  const own = BY_ID.get(id);
  if (own) return own.name;
  const harper = /^harper\.([A-Za-z0-9]+)$/.exec(id);
  if (harper) return `${words(harper[1])} (Harper)`;
  return id;
}

/** Ids switched off that are not Byline's own (Harper's, newer ones), in order. */
export function otherDisabled(disabled: readonly string[]): string[] {
  return [...new Set(disabled.filter((id) => !BY_ID.has(id)))].sort();
}
