/**
 * The copy desk without the editor (lib/copyDesk.svelte.ts) against the fake core, and the body's
 * underlines (editor/copyMarks.ts): findings mapped to document positions.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { Editor } from "@tiptap/core";
import { storyEditorProps, storyExtensions } from "../src/editor/extensions";
import { copyMarksKey, findingRange, setCopyFindings, findingAtPos } from "../src/editor/copyMarks";
import { CopyDesk, PAUSE_MS } from "../src/lib/copyDesk.svelte";
import { FakePlatform } from "../src/platform/fake";
import { asDoc } from "../src/lib/docSchema";
import type { DocNode, Finding, FindingPlace } from "../src/platform/types";

function para(text: string): DocNode {
  return { type: "paragraph", content: [{ type: "text", text }] };
}

/** A fake core with one story whose headline and body the test can change and save. */
async function setup(headline: string, paragraphs: string[]) {
  const platform = new FakePlatform();
  const story = await platform.createStory({ headline, kicker: null, byline: "Staff" });
  let revision = story.revision;
  const fields = { headline };
  let body: DocNode[] = paragraphs.map(para);
  const save = async () => {
    const saved = await platform.saveStory({
      id: story.id,
      baseRevision: revision,
      slug: story.slug,
      kicker: "",
      headline: fields.headline,
      standfirst: "",
      byline: "Staff",
      dateline: "",
      language: "en-US",
      status: "draft",
      tags: [],
      wordTarget: null,
      body: asDoc({ type: "doc", content: body }),
    });
    revision = saved.revision;
  };
  await save();
  const textAt = (place: FindingPlace): string | null => {
    if (place.field === "headline") return fields.headline;
    if (place.field !== "body") return null;
    const block = body[place.block[0]];
    return block ? (block.content ?? []).map((n) => n.text ?? "\n").join("") : null;
  };
  const replace = vi.fn((place: FindingPlace, start: number, end: number, text: string) => {
    const now = textAt(place) ?? "";
    const next = now.slice(0, start) + text + now.slice(end);
    if (place.field === "headline") fields.headline = next;
    else body = body.map((b, i) => (i === place.block[0] ? para(next) : b));
  });
  const desk = new CopyDesk({ platform, storyId: story.id, textAt, replace });
  return {
    platform,
    desk,
    replace,
    fields,
    setBody: (p: string[]) => (body = p.map(para)),
    save: async () => {
      desk.saving();
      await save();
      desk.saved();
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the copy desk controller", () => {
  it("checks once typing has paused and the save carrying the change is done", async () => {
    const t = await setup("Teh talks", ["The delegaton arrived."]);
    const spy = vi.spyOn(t.platform, "checkStory");
    t.desk.opened();
    await vi.waitFor(() => expect(t.desk.total).toBe(2));
    expect(t.desk.counts.spelling).toBe(2);
    expect(t.desk.findings.map((f) => f.text)).toEqual(["Teh", "delegaton"]);

    vi.useFakeTimers();
    spy.mockClear();
    t.setBody(["The delegation recieved them."]);
    t.desk.edited();
    await vi.advanceTimersByTimeAsync(PAUSE_MS + 50);
    // Paused, but the change is not saved yet: the core would check the old story.
    expect(spy).not.toHaveBeenCalled();
    await t.save();
    await vi.advanceTimersByTimeAsync(0);
    expect(spy).toHaveBeenCalledTimes(1);
    vi.useRealTimers();
    await vi.waitFor(() => expect(t.desk.findings.map((f) => f.text)).toEqual(["Teh", "recieved"]));

    // Saved quickly, but typing has not paused: no check until the pause is over.
    vi.useFakeTimers();
    spy.mockClear();
    t.desk.edited();
    await t.save();
    await vi.advanceTimersByTimeAsync(PAUSE_MS - 100);
    expect(spy).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(spy).toHaveBeenCalledTimes(1);
    t.desk.dispose();
  });

  it("runs one check at a time and checks again after one that was running", async () => {
    const t = await setup("Plain", ["Teh end."]);
    let release: () => void = () => {};
    const real = t.platform.checkStory.bind(t.platform);
    const spy = vi.spyOn(t.platform, "checkStory").mockImplementation(async (id) => {
      await new Promise<void>((r) => (release = r));
      return real(id);
    });
    void t.desk.check();
    void t.desk.check();
    expect(spy).toHaveBeenCalledTimes(1);
    release();
    await vi.waitFor(() => expect(spy).toHaveBeenCalledTimes(2));
    release();
    await vi.waitFor(() => expect(t.desk.checking).toBe(false));
  });

  it("applies a suggestion where the text still is, and checks again when it moved", async () => {
    const t = await setup("Teh talks", ["The delegaton arrived."]);
    await t.desk.check();
    const [head, body] = t.desk.findings;
    expect(t.desk.apply(body, body.suggestions[0])).toBe(true);
    expect(t.replace).toHaveBeenCalledWith(body.place, 4, 13, "delegation");
    expect(t.desk.findings).toEqual([head]);
    await t.save();
    await t.desk.check();
    expect(t.desk.findings.map((f) => f.text)).toEqual(["Teh"]);

    // The headline changed since the report: nothing is replaced, the story is checked again.
    t.fields.headline = "Talks: Teh end";
    const spy = vi.spyOn(t.platform, "checkStory");
    expect(t.desk.apply(head, "The")).toBe(false);
    expect(t.fields.headline).toBe("Talks: Teh end");
    await vi.waitFor(() => expect(spy).toHaveBeenCalled());
  });

  it("ignores a word in the story and adds one to the dictionary through the core, and the mark goes", async () => {
    const t = await setup("Teh talks", ["Algieria and teh delegaton."]);
    await t.desk.check();
    expect(t.desk.total).toBe(4);
    const ignore = vi.spyOn(t.platform, "ignoreWord");
    const add = vi.spyOn(t.platform, "addDictionaryWord");
    await t.desk.ignore(t.desk.findings[0]);
    expect(ignore).toHaveBeenCalledWith(expect.any(String), "Teh");
    // "teh" is the same word, whatever its case.
    expect(t.desk.findings.map((f) => f.text)).toEqual(["Algieria", "delegaton"]);
    await t.desk.addToDictionary(t.desk.findings[0]);
    expect(add).toHaveBeenCalledWith("Algieria");
    expect(t.desk.findings.map((f) => f.text)).toEqual(["delegaton"]);
  });

  it("goes to the next finding after the caret, round to the first", async () => {
    const t = await setup("Teh talks", ["Plain.", "The delegaton and recieved."]);
    await t.desk.check();
    expect(t.desk.next(null)?.text).toBe("Teh");
    expect(t.desk.next({ field: "headline", block: [], offset: 0 })?.text).toBe("delegaton");
    expect(t.desk.next({ field: "body", block: [1], offset: 4 })?.text).toBe("recieved");
    expect(t.desk.next({ field: "body", block: [1], offset: 20 })?.text).toBe("Teh");
  });
});

describe("underlines in the body", () => {
  let editor: Editor | null = null;
  afterEach(() => {
    editor?.destroy();
    editor = null;
    document.body.replaceChildren();
  });

  function make(content: DocNode[]): Editor {
    const element = document.createElement("div");
    document.body.appendChild(element);
    editor = new Editor({ element, extensions: storyExtensions(), content: { type: "doc", content }, editorProps: storyEditorProps });
    return editor;
  }

  const finding = (block: number[], start: number, text: string, category: Finding["category"] = "spelling"): Finding => ({
    rule: "spelling.unknown",
    category,
    severity: "error",
    place: { field: "body", block, photoUse: null },
    start,
    end: start + text.length,
    text,
    message: `“${text}” is not in the dictionary`,
    suggestions: [],
  });

  const textAt = (ed: Editor, r: { from: number; to: number } | null) => (r ? ed.state.doc.textBetween(r.from, r.to) : null);

  it("maps a paragraph, a nested list item, a hardBreak and non-ASCII text before the word", () => {
    const ed = make([
      para("Teh start."),
      {
        type: "bulletList",
        content: [{ type: "listItem", content: [para("First item"), para("then recieved")] }],
      },
      { type: "paragraph", content: [{ type: "text", text: "Line one" }, { type: "hardBreak" }, { type: "text", text: "Algieria again" }] },
      para("Ça — “😀” delegaton"),
    ]);
    const doc = ed.state.doc;
    expect(textAt(ed, findingRange(doc, [0], 0, 3))).toBe("Teh");
    expect(textAt(ed, findingRange(doc, [1, 0, 1], 5, 13))).toBe("recieved");
    // "Line one" (8) + the hardBreak (1).
    expect(textAt(ed, findingRange(doc, [2], 9, 17))).toBe("Algieria");
    const s = "Ça — “😀” ".length; // the emoji is two UTF-16 units
    expect(textAt(ed, findingRange(doc, [3], s, s + 9))).toBe("delegaton");
    expect(findingRange(doc, [1], 0, 1)).toBeNull(); // a list is no textblock
    expect(findingRange(doc, [9], 0, 1)).toBeNull();
  });

  it("draws a decoration per finding with its category's class, mapped while typing, and skips stale ones", () => {
    const ed = make([para("Teh end."), para("A delegaton came.")]);
    setCopyFindings(ed.state, (tr) => ed.view.dispatch(tr), [finding([0], 0, "Teh"), finding([1], 2, "delegaton", "style"), finding([1], 0, "Nope")]);
    const marks = () => (copyMarksKey.getState(ed.state)?.find() ?? []).map((d) => ed.state.doc.textBetween(d.from, d.to));
    expect(marks()).toEqual(["Teh", "delegaton"]);
    expect(ed.view.dom.querySelector(".copy-mark.copy-spelling")?.textContent).toBe("Teh");
    expect(ed.view.dom.querySelector(".copy-mark.copy-style")?.textContent).toBe("delegaton");
    // Typing before the words moves the underlines with them.
    ed.commands.insertContentAt(1, "So ");
    expect(marks()).toEqual(["Teh", "delegaton"]);
    expect(findingAtPos(ed.state, 5)?.finding.text).toBe("Teh");
  });
});
