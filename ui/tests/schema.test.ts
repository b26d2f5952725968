/**
 * Schema conformance: whatever the toolbar, shortcuts or a paste do, the editor's getJSON() only
 * holds the node, mark and attribute names the Rust core accepts.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Editor } from "@tiptap/core";
import { storyEditorProps, storyExtensions } from "../src/editor/extensions";
import { MARK_ATTRS, NODE_ATTRS, validateDoc } from "../src/lib/docSchema";
import type { DocNode } from "../src/platform/types";
import { sampleBody } from "../src/platform/sample";

let editor: Editor | null = null;

function makeEditor(content: DocNode | string = "<p>Hello world, this is the story.</p>"): Editor {
  const element = document.createElement("div");
  document.body.appendChild(element);
  editor = new Editor({ element, extensions: storyExtensions(), content, editorProps: storyEditorProps });
  return editor;
}

afterEach(() => {
  editor?.destroy();
  editor = null;
  document.body.replaceChildren();
});

/** Every node/mark type and attribute name in a doc. */
function names(doc: DocNode): { nodes: Set<string>; marks: Set<string>; attrs: Set<string> } {
  const out = { nodes: new Set<string>(), marks: new Set<string>(), attrs: new Set<string>() };
  const walk = (n: DocNode) => {
    out.nodes.add(n.type);
    for (const k of Object.keys(n.attrs ?? {})) out.attrs.add(`${n.type}.${k}`);
    for (const m of n.marks ?? []) {
      out.marks.add(m.type);
      for (const k of Object.keys(m.attrs ?? {})) out.attrs.add(`${m.type}.${k}`);
    }
    (n.content ?? []).forEach(walk);
  };
  walk(doc);
  return out;
}

function expectConforms(json: DocNode): void {
  expect(validateDoc(json)).toBeNull();
  const { nodes, marks, attrs } = names(json);
  for (const n of nodes) expect(Object.keys(NODE_ATTRS)).toContain(n);
  for (const m of marks) expect(Object.keys(MARK_ATTRS)).toContain(m);
  const allowedAttrs = [
    ...Object.entries(NODE_ATTRS).flatMap(([t, a]) => a.map((x) => `${t}.${x}`)),
    ...Object.entries(MARK_ATTRS).flatMap(([t, a]) => a.map((x) => `${t}.${x}`)),
  ];
  for (const a of attrs) expect(allowedAttrs).toContain(a);
}

describe("the editor schema", () => {
  it("registers exactly the core's node and mark types", () => {
    const ed = makeEditor();
    expect(Object.keys(ed.schema.nodes).sort()).toEqual(Object.keys(NODE_ATTRS).sort());
    expect(Object.keys(ed.schema.marks).sort()).toEqual(Object.keys(MARK_ATTRS).sort());
  });

  it("produces only allowed names after every formatting command", () => {
    const ed = makeEditor();
    // Select five characters of the first text, wherever block commands have moved it.
    const all = () => {
      let from = -1;
      ed.state.doc.descendants((node, pos) => {
        if (from < 0 && node.isText) from = pos;
        return from < 0;
      });
      return ed.commands.setTextSelection({ from, to: from + 5 });
    };
    const used = new Set<string>();
    const step = (label: string, run: () => boolean) => {
      all();
      expect(run(), label).toBe(true);
      const json = ed.getJSON() as DocNode;
      expectConforms(json);
      names(json).nodes.forEach((n) => used.add(n));
      names(json).marks.forEach((m) => used.add(m));
    };
    step("bold", () => ed.commands.toggleBold());
    step("italic", () => ed.commands.toggleItalic());
    step("note", () => ed.commands.toggleNote());
    step("link", () => ed.commands.setLink({ href: "https://example.com/a" }));
    step("story link", () => ed.commands.setLink({ href: "story:0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b" }));
    step("h2", () => ed.commands.toggleHeading({ level: 2 }));
    step("h3", () => ed.commands.toggleHeading({ level: 3 }));
    step("h4", () => ed.commands.toggleHeading({ level: 4 }));
    step("paragraph", () => ed.commands.setParagraph());
    step("blockquote", () => ed.commands.toggleBlockquote());
    step("bullet list", () => ed.commands.toggleBulletList());
    step("ordered list", () => ed.commands.toggleOrderedList());
    step("hard break", () => ed.commands.setHardBreak());
    step("horizontal rule", () => ed.commands.setHorizontalRule());
    step("figure", () => ed.commands.insertContent({ type: "figure", attrs: { use: "u1" } }));
    step("undo", () => ed.commands.undo());
    step("redo", () => ed.commands.redo());
    for (const expected of ["heading", "bulletList", "orderedList", "listItem", "blockquote", "horizontalRule", "hardBreak", "figure", "strong", "em", "note", "link"]) {
      expect(used, expected).toContain(expected);
    }
  });

  it("writes headings with exactly {level} and ordered lists with exactly {start}", () => {
    const ed = makeEditor("<h1>Top</h1><h2>Two</h2><ol start=\"3\" type=\"a\"><li><p>x</p></li></ol><ol start=\"-4\"><li><p>y</p></li></ol>");
    const json = ed.getJSON() as DocNode;
    expectConforms(json);
    const [first, second, ol, ol2] = json.content ?? [];
    expect(first.type).toBe("paragraph"); // h1 is not a story heading
    expect(second).toMatchObject({ type: "heading", attrs: { level: 2 } });
    expect(ol.attrs).toEqual({ start: 3 });
    expect(ol2.attrs).toEqual({ start: 1 });
  });

  it("refuses links with other schemes", () => {
    const ed = makeEditor();
    ed.commands.setTextSelection({ from: 1, to: 6 });
    ed.commands.setLink({ href: "javascript:alert(1)" });
    ed.commands.setLink({ href: "data:text/html,x" });
    const json = JSON.stringify(ed.getJSON());
    expect(json).not.toContain("javascript");
    expect(json).not.toContain("data:");
    expectConforms(ed.getJSON() as DocNode);
  });

  it("round-trips the sample story unchanged", () => {
    const ed = makeEditor(sampleBody());
    expect(ed.getJSON()).toEqual(sampleBody());
  });

  it("keeps pasted rich text inside the schema and drops dangerous links", () => {
    const ed = makeEditor("<p></p>");
    ed.view.pasteHTML(
      `<h1 style="color:red">Title</h1><p class="x"><b>bold</b> <i>it</i> <u>under</u> <s>strike</s> <code>code</code> ` +
        `<a href="https://example.com" target="_blank" title="t">ok</a> <a href="javascript:alert(1)">bad</a> ` +
        `<a href=" jav&#x09;ascript:alert(1)">bad2</a><img src=x onerror=alert(1)></p>` +
        `<pre><code>block</code></pre><table><tr><td>cell</td></tr></table><ul><li>item</li></ul><ol start="2"><li>two</li></ol>` +
        `<mark data-note>check this</mark>`,
    );
    const json = ed.getJSON() as DocNode;
    expectConforms(json);
    const text = JSON.stringify(json);
    expect(text).not.toContain("javascript");
    expect(text).toContain("https://example.com");
    expect(text).toContain("cell");
    expect(text).toContain("block");
    expect(names(json).marks).toEqual(new Set(["strong", "em", "link", "note"]));
  });
});
