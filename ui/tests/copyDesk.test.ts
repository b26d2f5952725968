/**
 * The copy desk without the editor (lib/copyDesk.svelte.ts) against the fake core, and the body's
 * underlines (editor/copyMarks.ts): findings mapped to document positions.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { Editor } from "@tiptap/core";
import { storyEditorProps, storyExtensions } from "../src/editor/extensions";
import { copyMarksKey, findingRange, setCopyFindings, findingAtPos } from "../src/editor/copyMarks";
import { CopyDesk, PAUSE_MS, saidByWarning } from "../src/lib/copyDesk.svelte";
import { FakePlatform } from "../src/platform/fake";
import { asDoc } from "../src/lib/docSchema";
import type { DocNode, Finding, FindingPlace, PhotoWarning } from "../src/platform/types";

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
  const saveNow = async () => {
    desk.saving();
    await save();
    desk.saved();
  };
  /** The editor's "save now" (before a check the journalist asked for). */
  const flush = vi.fn(saveNow);
  const warnings: PhotoWarning[] = [];
  const desk = new CopyDesk({ platform, storyId: story.id, textAt, replace, flush, photoWarnings: () => warnings });
  return {
    platform,
    desk,
    replace,
    fields,
    flush,
    warnings,
    setBody: (p: string[]) => (body = p.map(para)),
    save: saveNow,
  };
}

/** Checking as you type switched off in the library's settings. */
async function notAsYouType(platform: FakePlatform): Promise<void> {
  await platform.setCopyDeskSettings({ ...(await platform.copyDeskSettings()), asYouType: false });
}

const texts = (desk: CopyDesk) => desk.findings.map((f) => f.text);

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

describe("checking as you type switched off", () => {
  it("checks nothing by itself, on opening or after a save, and checks when asked", async () => {
    const t = await setup("Teh talks", ["The delegaton arrived."]);
    await notAsYouType(t.platform);
    const spy = vi.spyOn(t.platform, "checkStory");
    t.desk.opened();
    await vi.waitFor(() => expect(t.desk.asYouType).toBe(false));
    await new Promise((r) => setTimeout(r, 20));
    expect(spy).not.toHaveBeenCalled();
    expect(t.desk.report).toBeNull();

    // Asked (the drawer opened, F8): checked; asked again with nothing changed: not checked again.
    await t.desk.demand();
    expect(spy).toHaveBeenCalledTimes(1);
    expect(texts(t.desk)).toEqual(["Teh", "delegaton"]);
    expect(t.desk.stale).toBe(false);
    expect(t.desk.checkedAt).toBeInstanceOf(Date);
    await t.desk.demand();
    expect(spy).toHaveBeenCalledTimes(1);

    // Typed, paused, saved: no check. The findings stay as checked, and say they are older than the story.
    vi.useFakeTimers();
    t.setBody(["The delegation recieved them."]);
    t.desk.edited();
    expect(t.desk.stale).toBe(true);
    await t.save();
    await vi.advanceTimersByTimeAsync(PAUSE_MS * 3);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(texts(t.desk)).toEqual(["Teh", "delegaton"]);
    vi.useRealTimers();

    // Asked: the story as it is now.
    await t.desk.demand();
    expect(spy).toHaveBeenCalledTimes(2);
    expect(texts(t.desk)).toEqual(["Teh", "recieved"]);
    expect(t.desk.stale).toBe(false);
    // Check now checks even when nothing changed.
    await t.desk.demand(true);
    expect(spy).toHaveBeenCalledTimes(3);
    t.desk.dispose();
  });

  it("saves what is typed before the check asked for, and checks even while typing has not paused", async () => {
    const t = await setup("Plain", ["The delegaton arrived."]);
    await notAsYouType(t.platform);
    t.desk.opened();
    await t.desk.demand();
    expect(t.flush).not.toHaveBeenCalled();
    const order: string[] = [];
    t.flush.mockImplementation(async () => {
      order.push("save");
      t.desk.saving();
      await t.save();
    });
    const check = t.platform.checkStory.bind(t.platform);
    vi.spyOn(t.platform, "checkStory").mockImplementation(async (id) => {
      order.push("check");
      return check(id);
    });
    // Typed a moment ago, not saved yet: F8.
    t.setBody(["The delegaton recieved them."]);
    t.desk.edited();
    await t.desk.demand();
    expect(order).toEqual(["save", "check"]);
    expect(texts(t.desk)).toEqual(["delegaton", "recieved"]);
    t.desk.dispose();
  });

  it("a change outside the story marks the findings older than it; nothing is checked until asked", async () => {
    const t = await setup("Teh talks", []);
    await notAsYouType(t.platform);
    t.desk.opened();
    await t.desk.demand();
    const spy = vi.spyOn(t.platform, "checkStory");
    t.desk.recheck();
    expect(t.desk.stale).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect(spy).not.toHaveBeenCalled();
    t.desk.dispose();
  });

  it("Ignore, Add to dictionary and Turn off rule drop their findings without a check; Undo checks", async () => {
    const t = await setup("Teh talks", ["Algieria and the delegaton."]);
    await notAsYouType(t.platform);
    t.desk.opened();
    await t.desk.demand();
    const spy = vi.spyOn(t.platform, "checkStory");
    await t.desk.ignore(t.desk.findings[0]);
    await t.desk.addToDictionary(t.desk.findings[0]);
    expect(texts(t.desk)).toEqual(["delegaton"]);
    await t.desk.turnOff(t.desk.findings[0]);
    expect(texts(t.desk)).toEqual([]);
    expect(spy).not.toHaveBeenCalled();
    expect(t.desk.stale).toBe(false);
    await t.desk.turnOn("spelling.unknown");
    expect(spy).toHaveBeenCalledTimes(1);
    expect(texts(t.desk)).toEqual(["delegaton"]);
    t.desk.dispose();
  });

  it("follows the settings when they change: on again, findings older than the story are brought up to date", async () => {
    const t = await setup("Teh talks", ["The delegaton arrived."]);
    t.desk.opened();
    await vi.waitFor(() => expect(t.desk.total).toBe(2));
    const spy = vi.spyOn(t.platform, "checkStory");
    const settings = await t.platform.copyDeskSettings();

    // Off, and nothing else changed: the findings are still those of the story as it is.
    t.desk.settingsChanged({ ...settings, asYouType: false });
    expect(t.desk.asYouType).toBe(false);
    expect(t.desk.stale).toBe(false);
    t.setBody(["The delegation arrived."]);
    t.desk.edited();
    await t.save();
    await new Promise((r) => setTimeout(r, PAUSE_MS + 100));
    expect(spy).not.toHaveBeenCalled();
    expect(t.desk.stale).toBe(true);

    // On again: checked at once (the story is saved and typing has paused).
    t.desk.settingsChanged({ ...settings, asYouType: true });
    await vi.waitFor(() => expect(spy).toHaveBeenCalledTimes(1));
    await vi.waitFor(() => expect(texts(t.desk)).toEqual(["Teh"]));
    expect(t.desk.stale).toBe(false);

    // A rule switched off in the settings while checking as you type is off: older findings, no check.
    t.desk.settingsChanged({ ...settings, asYouType: false });
    t.desk.settingsChanged({ ...settings, asYouType: false, disabled: ["words.doubled"] });
    expect(t.desk.stale).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect(spy).toHaveBeenCalledTimes(1);
    t.desk.dispose();
  });

  it("as you type, asking checks only when there has been no check yet", async () => {
    const t = await setup("Teh talks", []);
    const spy = vi.spyOn(t.platform, "checkStory");
    await t.desk.demand();
    expect(spy).toHaveBeenCalledTimes(1);
    t.desk.edited();
    await t.desk.demand();
    expect(spy).toHaveBeenCalledTimes(1);
    expect(t.flush).not.toHaveBeenCalled();
    t.desk.dispose();
  });
});

describe("findings a photo's warning says too", () => {
  const captionFinding = (rule: string, field: "credit" | "altText", photoUse: string): Finding => ({
    rule,
    category: "captions",
    severity: "warning",
    place: { field, block: [], photoUse },
    start: 0,
    end: 0,
    text: "",
    message: `${rule} on ${photoUse}`,
    suggestions: [],
  });

  it("are those of the same photo and kind", () => {
    const warnings: PhotoWarning[] = [{ photoUse: "u1", kind: "noCredit", message: "Photo 1 has no credit" }];
    expect(saidByWarning(captionFinding("captions.missing-credit", "credit", "u1"), warnings)).toBe(true);
    expect(saidByWarning(captionFinding("captions.missing-credit", "credit", "u2"), warnings)).toBe(false);
    expect(saidByWarning(captionFinding("captions.missing-alt", "altText", "u1"), warnings)).toBe(false);
    expect(saidByWarning(captionFinding("captions.missing-caption", "credit", "u1"), warnings)).toBe(false);
  });

  it("are left out of the findings, the counts and F8, and counted apart", async () => {
    const t = await setup("Teh talks", []);
    const said = captionFinding("captions.missing-credit", "credit", "u1");
    const kept = captionFinding("captions.missing-alt", "altText", "u1");
    vi.spyOn(t.platform, "checkStory").mockResolvedValue({ findings: [said, kept], missingDictionaries: [] });
    t.warnings.push({ photoUse: "u1", kind: "noCredit", message: "Photo 1 has no credit" });
    await t.desk.check();
    expect(t.desk.findings).toEqual([kept]);
    expect(t.desk.saidByWarnings).toEqual([said]);
    expect(t.desk.total).toBe(1);
    expect(t.desk.counts.captions).toBe(1);
    expect(t.desk.next(null)).toBe(kept);
    expect(t.desk.next({ field: "caption", block: [], offset: 0 })).toBe(kept);
    t.desk.dispose();
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
