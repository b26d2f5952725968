/**
 * The copy desk's underlines in the body: a ProseMirror plugin holding a DecorationSet of the
 * body's findings (`place.field === "body"`), one inline decoration per finding with a class per
 * category (`copy-mark copy-spelling`…). A finding's place is a block path from the document's
 * root and UTF-16 offsets into that textblock's text, where an inline leaf (a hardBreak) counts
 * as one character — as ProseMirror counts positions, so an offset is a position in the block.
 * The set is replaced with `setCopyFindings` and mapped through every transaction in between,
 * so the underlines stay on their words while typing goes on. A finding whose text is no longer
 * at its place (a report older than the text) is not drawn.
 */
import { Extension } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, type EditorState, type Transaction } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import type { Finding } from "../platform/types";

export const copyMarksKey = new PluginKey<DecorationSet>("copyMarks");

/** The textblock at `path` (from the doc's root) and where its content starts, or null. */
export function blockAt(doc: PMNode, path: readonly number[]): { node: PMNode; start: number } | null {
  if (path.length === 0) return null;
  let node = doc;
  let start = 0; // where `node`'s content starts
  for (const i of path) {
    if (i < 0 || i >= node.childCount) return null;
    let offset = 0;
    for (let k = 0; k < i; k++) offset += node.child(k).nodeSize;
    const child = node.child(i);
    start = start + offset + 1;
    node = child;
  }
  return node.isTextblock ? { node, start } : null;
}

/** The text of a textblock as the core counts it (a hardBreak or other inline leaf is "\n"). */
export function blockText(node: PMNode): string {
  return node.textBetween(0, node.content.size, undefined, "\n");
}

/** Document positions of `start`–`end` (UTF-16) in the textblock at `path`, or null. */
export function findingRange(doc: PMNode, path: readonly number[], start: number, end: number): { from: number; to: number } | null {
  const block = blockAt(doc, path);
  if (!block || start < 0 || end < start || end > block.node.content.size) return null;
  return { from: block.start + start, to: block.start + end };
}

/** The block path and offset of a document position (the caret), or null outside a textblock. */
export function caretAt(doc: PMNode, pos: number): { block: number[]; offset: number } | null {
  const $pos = doc.resolve(pos);
  if (!$pos.parent.isTextblock) return null;
  const block: number[] = [];
  for (let d = 0; d < $pos.depth; d++) block.push($pos.index(d));
  return { block, offset: $pos.parentOffset };
}

/** The underlines of `findings` in `doc` (body findings whose text is still where it was). */
export function copyDecorations(doc: PMNode, findings: readonly Finding[]): DecorationSet {
  const decos: Decoration[] = [];
  for (const f of findings) {
    if (f.place.field !== "body" || f.end <= f.start) continue;
    const r = findingRange(doc, f.place.block, f.start, f.end);
    if (!r || doc.textBetween(r.from, r.to, undefined, "\n") !== f.text) continue;
    decos.push(
      Decoration.inline(
        r.from,
        r.to,
        { class: `copy-mark copy-${f.category}`, "data-copy-category": f.category },
        { finding: f, inclusiveStart: false, inclusiveEnd: false },
      ),
    );
  }
  return DecorationSet.create(doc, decos);
}

/** Replaces the body's underlines with those of `findings`. */
export function setCopyFindings(state: EditorState, dispatch: (tr: Transaction) => void, findings: readonly Finding[]): void {
  dispatch(state.tr.setMeta(copyMarksKey, findings).setMeta("addToHistory", false));
}

/** The finding underlined at `pos` (or touching it), if any, with its current range. */
export function findingAtPos(state: EditorState, pos: number): { finding: Finding; from: number; to: number } | null {
  const set = copyMarksKey.getState(state);
  if (!set) return null;
  const hit = set.find(pos, pos)[0];
  if (!hit) return null;
  return { finding: (hit.spec as { finding: Finding }).finding, from: hit.from, to: hit.to };
}

export const CopyMarks = Extension.create({
  name: "copyMarks",
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: copyMarksKey,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, set) {
            const findings = tr.getMeta(copyMarksKey) as Finding[] | undefined;
            if (findings) return copyDecorations(tr.doc, findings);
            return tr.docChanged ? set.map(tr.mapping, tr.doc) : set;
          },
        },
        props: {
          decorations(state) {
            return copyMarksKey.getState(state);
          },
        },
      }),
    ];
  },
});
