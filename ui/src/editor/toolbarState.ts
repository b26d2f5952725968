/**
 * What the formatting toolbar shows, read from the selection without walking the document.
 * TipTap's `isActive()` for a node type walks the top-level blocks up to the selection: for a
 * caret in a long story that is hundreds of blocks, for each button, on every key press. At a
 * caret the answer is in the caret's ancestors, which is what `isActiveAt` reads; any other
 * selection is left to TipTap.
 */
import type { Editor } from "@tiptap/core";
import { redoDepth, undoDepth } from "@tiptap/pm/history";

/** The same answer as `editor.isActive(name, attrs)`. */
export function isActiveAt(editor: Editor, name: string, attrs: Record<string, unknown> = {}): boolean {
  const { selection, schema } = editor.state;
  if (!selection.empty || !schema.nodes[name]) return editor.isActive(name, attrs);
  const $from = selection.$from;
  for (let depth = $from.depth; depth > 0; depth--) {
    const node = $from.node(depth);
    if (node.type.name === name && Object.entries(attrs).every(([key, value]) => node.attrs[key] === value)) return true;
  }
  return false;
}

/** Whether there is something to undo (what `editor.can().undo()` says, without a dry run). */
export function canUndo(editor: Editor): boolean {
  return undoDepth(editor.state) > 0;
}

/** Whether there is something to redo. */
export function canRedo(editor: Editor): boolean {
  return redoDepth(editor.state) > 0;
}
