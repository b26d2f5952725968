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

type Timer = ReturnType<typeof setTimeout>;

/**
 * Counts a body that keeps changing, but not on every key press: counting a 20,000-word story
 * takes several milliseconds, too long to add to each keystroke. `later(doc)` counts once typing
 * pauses for `quietMs`, and at least every `maxWaitMs` while it goes on; `now(doc)` counts at
 * once (a story or revision loaded). Each count goes to `onStats`.
 */
export class Recount {
  private pending: DocNode | (() => DocNode) | null = null;
  private quiet: Timer | null = null;
  private maxWait: Timer | null = null;

  constructor(
    private readonly onStats: (stats: StoryStats) => void,
    private readonly opts: { quietMs: number; maxWaitMs: number } = { quietMs: 300, maxWaitMs: 2000 },
  ) {}

  now(doc: DocNode): void {
    this.cancel();
    this.onStats(computeStats(doc));
  }

  /** `doc` may be a function that gives the body: it is called only when the count is made. */
  later(doc: DocNode | (() => DocNode)): void {
    this.pending = doc;
    if (this.quiet !== null) clearTimeout(this.quiet);
    this.quiet = setTimeout(() => this.run(), this.opts.quietMs);
    if (this.maxWait === null) this.maxWait = setTimeout(() => this.run(), this.opts.maxWaitMs);
  }

  /** Forgets a count that is still due. */
  cancel(): void {
    if (this.quiet !== null) clearTimeout(this.quiet);
    if (this.maxWait !== null) clearTimeout(this.maxWait);
    this.quiet = this.maxWait = null;
    this.pending = null;
  }

  private run(): void {
    const doc = this.pending;
    this.cancel();
    if (doc) this.onStats(computeStats(typeof doc === "function" ? doc() : doc));
  }
}
