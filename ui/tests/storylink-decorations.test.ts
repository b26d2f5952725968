/**
 * The story-link decorations follow a document edit by edit (mapped, with the touched blocks
 * decorated again) and must always be what decorating the whole document gives.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Editor } from "@tiptap/core";
import type { Decoration, DecorationSet } from "@tiptap/pm/view";
import { storyEditorProps, storyExtensions } from "../src/editor/extensions";
import { decorateStoryLinks, setStoryRefs, storyRefsKey } from "../src/editor/storyLinks";
import type { StoryRef } from "../src/platform/types";

const A = "0b7a1c52-8d7e-4f53-9d0e-2c1a5e9b7f01";
const B = "6f0e3d21-4c8b-4a6e-8f3d-9e2b1c7a5d02";

let editor: Editor | null = null;
afterEach(() => {
  editor?.destroy();
  editor = null;
  document.body.replaceChildren();
});

function makeEditor(): Editor {
  const element = document.createElement("div");
  document.body.appendChild(element);
  const html = [
    `<p>Before <a href="story:${A}">the strike</a> and <a href="story:${B}">the trams</a> after.</p>`,
    `<p>Plain words with no link at all.</p>`,
    `<ul><li><p>A list with <a href="story:${A}">a link</a> inside.</p></li></ul>`,
    `<blockquote><p>Quoted <a href="https://example.org/">web link</a> and <a href="story:${B}">story</a>.</p></blockquote>`,
    `<p>Last <a href="story:${A}">one</a></p>`,
  ].join("");
  editor = new Editor({ element, extensions: storyExtensions(), content: html, editorProps: storyEditorProps });
  return editor;
}

/** A set's decorations as comparable values. */
function described(set: DecorationSet): string[] {
  return set
    .find()
    .map((d: Decoration) => {
      const attrs = (d as unknown as { type: { attrs: Record<string, string> } }).type.attrs;
      return `${d.from}-${d.to} ${attrs.class} ${attrs["data-story-id"]} ${attrs.title}`;
    })
    .sort();
}

function check(ed: Editor, what: string): void {
  const state = storyRefsKey.getState(ed.state);
  expect(state, what).toBeDefined();
  expect(described(state!.decorations), what).toEqual(described(decorateStoryLinks(ed.state.doc, state!.refs)));
}

/** A small deterministic random source. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("story-link decorations", () => {
  it("stay equal to a whole-document decoration through typing, deleting, linking, unlinking, splitting and joining", () => {
    const ed = makeEditor();
    const refs = new Map<string, StoryRef>([
      [A, { id: A, slug: "strike", headline: "Keepers strike", status: "draft", exists: true }],
      [B, { id: B, slug: "trams", headline: "", status: "draft", exists: false }],
    ]);
    setStoryRefs(ed.state, (tr) => ed.view.dispatch(tr), refs);
    check(ed, "after the refs arrive");
    expect(described(storyRefsKey.getState(ed.state)!.decorations)).toHaveLength(5);

    const random = rng(7);
    const pick = (n: number) => Math.floor(random() * n);
    const ops: Array<[string, () => void]> = [
      ["type", () => ed.chain().setTextSelection(1 + pick(ed.state.doc.content.size - 1)).insertContent("xy").run()],
      [
        "delete a range",
        () => {
          const from = 1 + pick(ed.state.doc.content.size - 2);
          ed.chain().setTextSelection({ from, to: Math.min(ed.state.doc.content.size - 1, from + 1 + pick(12)) }).deleteSelection().run();
        },
      ],
      [
        "link a range to a story",
        () => {
          const from = 1 + pick(ed.state.doc.content.size - 2);
          ed.chain().setTextSelection({ from, to: Math.min(ed.state.doc.content.size - 1, from + 1 + pick(8)) }).setLink({ href: `story:${random() < 0.5 ? A : B}` }).run();
        },
      ],
      [
        "unlink a range",
        () => {
          const from = 1 + pick(ed.state.doc.content.size - 2);
          ed.chain().setTextSelection({ from, to: Math.min(ed.state.doc.content.size - 1, from + 1 + pick(20)) }).unsetLink().run();
        },
      ],
      ["split a block", () => ed.chain().setTextSelection(1 + pick(ed.state.doc.content.size - 1)).splitBlock().run()],
      ["join backward", () => ed.chain().setTextSelection(1 + pick(ed.state.doc.content.size - 1)).joinBackward().run()],
      ["undo", () => ed.commands.undo()],
    ];
    const done = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const [name, op] = ops[pick(ops.length)];
      const before = ed.state.doc;
      op();
      if (!ed.state.doc.eq(before)) done.add(name);
      check(ed, `step ${i}: ${name}`);
    }
    // Every kind of edit changed the document at least once.
    expect([...done].sort()).toEqual(ops.map(([n]) => n).sort());
  });

  it("redraw every link when the core's answer changes", () => {
    const ed = makeEditor();
    setStoryRefs(ed.state, (tr) => ed.view.dispatch(tr), new Map([[A, { id: A, slug: "s", headline: "First", status: "draft", exists: true }]]));
    ed.chain().setTextSelection(3).insertContent("typed").run();
    setStoryRefs(ed.state, (tr) => ed.view.dispatch(tr), new Map([[A, { id: A, slug: "s", headline: "Second", status: "draft", exists: false }]]));
    check(ed, "after the second answer");
    const titles = ed.view.dom.querySelectorAll(`[data-story-id="${A}"]`);
    expect(titles.length).toBe(3);
    for (const el of titles) {
      expect(el.getAttribute("title")).toBe("This story no longer exists");
      expect(el).toHaveClass("story-link-broken");
    }
  });
});
