/** The toolbar's quick reading of the selection gives TipTap's own answers, at every caret. */
import { afterEach, describe, expect, it } from "vitest";
import { Editor } from "@tiptap/core";
import { TextSelection } from "@tiptap/pm/state";
import { storyEditorProps, storyExtensions } from "../src/editor/extensions";
import { canRedo, canUndo, isActiveAt } from "../src/editor/toolbarState";

let editor: Editor | null = null;
afterEach(() => {
  editor?.destroy();
  editor = null;
  document.body.replaceChildren();
});

const QUERIES: Array<[string, Record<string, unknown>?]> = [
  ["heading", { level: 2 }],
  ["heading", { level: 3 }],
  ["heading", { level: 4 }],
  ["heading"],
  ["strong"],
  ["em"],
  ["link"],
  ["note"],
  ["bulletList"],
  ["orderedList"],
  ["blockquote"],
  ["paragraph"],
  ["listItem"],
];

describe("toolbar state", () => {
  it("says what editor.isActive says at every caret and for selections", () => {
    const element = document.createElement("div");
    document.body.appendChild(element);
    editor = new Editor({
      element,
      extensions: storyExtensions(),
      editorProps: storyEditorProps,
      content: [
        "<h2>A heading two</h2><p>Plain <strong>bold <em>both</em></strong> and <a href=\"https://example.org/\">a link</a>.</p>",
        "<h3>Three</h3><ul><li><p>One item</p></li><li><p>Two <em>items</em></p><ul><li><p>Nested</p></li></ul></li></ul>",
        "<ol><li><p>First</p></li></ol><blockquote><p>Quoted words</p><h4>Quoted heading</h4></blockquote><hr><p>End</p>",
      ].join(""),
    });
    const ed = editor;
    const size = ed.state.doc.content.size;
    let carets = 0;
    let actives = 0;
    for (let pos = 0; pos <= size; pos++) {
      const $pos = ed.state.doc.resolve(pos);
      if (!$pos.parent.inlineContent) continue;
      ed.view.dispatch(ed.state.tr.setSelection(TextSelection.create(ed.state.doc, pos)));
      carets += 1;
      for (const [name, attrs] of QUERIES) {
        const expected = ed.isActive(name, attrs ?? {});
        if (expected) actives += 1;
        expect(isActiveAt(ed, name, attrs), `${name} ${JSON.stringify(attrs ?? {})} at ${pos}`).toBe(expected);
      }
    }
    // The walk met carets in every kind of block, and each query was true somewhere.
    expect(carets).toBeGreaterThan(80);
    for (const [name, attrs] of QUERIES) {
      let somewhere = false;
      for (let pos = 1; pos < size && !somewhere; pos++) {
        if (!ed.state.doc.resolve(pos).parent.inlineContent) continue;
        ed.view.dispatch(ed.state.tr.setSelection(TextSelection.create(ed.state.doc, pos)));
        somewhere = isActiveAt(ed, name, attrs);
      }
      if (name !== "note") expect(somewhere, `${name} ${JSON.stringify(attrs ?? {})} is active somewhere`).toBe(true);
    }
    expect(actives).toBeGreaterThan(carets);
    // A range is left to TipTap: the same answer by definition, checked on one.
    ed.view.dispatch(ed.state.tr.setSelection(TextSelection.create(ed.state.doc, 2, 6)));
    expect(isActiveAt(ed, "heading", { level: 2 })).toBe(ed.isActive("heading", { level: 2 }));
  });

  it("says whether there is something to undo or redo as can() does", () => {
    const element = document.createElement("div");
    document.body.appendChild(element);
    editor = new Editor({ element, extensions: storyExtensions(), editorProps: storyEditorProps, content: "<p>Text</p>" });
    const ed = editor;
    const same = () => {
      expect(canUndo(ed)).toBe(ed.can().undo());
      expect(canRedo(ed)).toBe(ed.can().redo());
    };
    same();
    expect(canUndo(ed)).toBe(false);
    ed.chain().setTextSelection(5).insertContent(" more").run();
    same();
    expect(canUndo(ed)).toBe(true);
    ed.commands.undo();
    same();
    expect(canRedo(ed)).toBe(true);
  });
});
