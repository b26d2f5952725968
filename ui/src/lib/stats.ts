/**
 * Live counts for the status bar, by the same rule the Rust core uses for `StoryStats`:
 * the text of all text nodes except note-marked text, one line per textblock ("\n" joins,
 * a hard break also splits words but is not counted as a character);
 * words: whitespace-separated tokens with at least one letter or digit;
 * characters: code points (joins excluded); readingMinutes: ceil(words / 230), 0 for none;
 * notes: note-marked runs (adjacent note-marked text nodes count once) + standalone "TK" tokens.
 */
import type { DocNode, StoryStats } from "../platform/types";

export const WORDS_PER_MINUTE = 230;

const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const EDGE_PUNCTUATION = /^\p{P}+|\p{P}+$/gu;

function isNote(node: DocNode): boolean {
  return node.marks?.some((m) => m.type === "note") ?? false;
}

type Collected = { lines: string[]; characters: number; noteRuns: number };

/** Walks a node, one line per textblock; adjacent note-marked text nodes form one run. */
function collect(node: DocNode, out: Collected): void {
  const children = node.content ?? [];
  const inlineChildren = children.length > 0 && children.every((c) => c.type === "text" || c.type === "hardBreak");
  if (inlineChildren) {
    let line = "";
    let inNoteRun = false;
    for (const child of children) {
      if (child.type === "hardBreak") {
        line += "\n";
        inNoteRun = false;
        continue;
      }
      const text = child.text ?? "";
      if (isNote(child)) {
        if (!inNoteRun) out.noteRuns += 1;
        inNoteRun = true;
        continue;
      }
      inNoteRun = false;
      line += text;
      out.characters += [...text].length;
    }
    out.lines.push(line);
    return;
  }
  for (const child of children) collect(child, out);
}

export function computeStats(doc: DocNode): StoryStats {
  const out: Collected = { lines: [], characters: 0, noteRuns: 0 };
  collect(doc, out);
  const text = out.lines.join("\n");
  const tokens = text.split(/\s+/u).filter((t) => t.length > 0);
  const words = tokens.filter((t) => HAS_LETTER_OR_DIGIT.test(t)).length;
  const tk = tokens.filter((t) => t.replace(EDGE_PUNCTUATION, "") === "TK").length;
  return {
    words,
    characters: out.characters,
    readingMinutes: words === 0 ? 0 : Math.ceil(words / WORDS_PER_MINUTE),
    notes: out.noteRuns + tk,
  };
}
