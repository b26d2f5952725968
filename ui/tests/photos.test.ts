/** Photos: the lead above the headline, the photos panel, caption editing, warnings, figures, URLs. */
import { tick } from "svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import Editor from "../src/components/Editor.svelte";
import { FakePlatform } from "../src/platform/fake";
import { buildPhotoUrl } from "../src/platform/photoUrl";
import { SAMPLE_LEAD } from "../src/platform/sample";
import { validateDoc } from "../src/lib/docSchema";
import { toasts } from "../src/lib/toasts.svelte";
import { AppError } from "../src/platform/errors";
import type { DocNode, StoryEdit } from "../src/platform/types";

const invoke = vi.fn();
vi.mock("@tauri-apps/api/core", () => ({
  invoke: (...args: unknown[]) => invoke(...args),
  /** Enough of Tauri's Channel: the core "sends" by calling onmessage. */
  Channel: class<T> {
    onmessage: (message: T) => void = () => {};
  },
}));
vi.mock("@tauri-apps/api/window", () => ({ getCurrentWindow: () => ({ onCloseRequested: async () => () => {} }) }));
vi.mock("@tauri-apps/api/webview", () => ({ getCurrentWebview: () => ({ onDragDropEvent: async () => () => {} }) }));

const LEAD_LINE = "AL Secretary General Ahmed Aboul-Gheit speaks at a news conference in Algiers, Algieria. Photo: AFP/VNA";
const SHA = "a".repeat(32) + "0123456789abcdef".repeat(2);

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

async function openSample(platform = new FakePlatform()) {
  const [summary] = (await platform.listStories(null, 0, 100)).stories;
  render(Editor, { props: { platform, storyId: summary.id, onBack: () => {} } });
  await screen.findByTestId("headline");
  return { platform, id: summary.id };
}

async function openPanel(): Promise<HTMLElement> {
  await fireEvent.click(screen.getByTestId("photos-button"));
  return screen.findByTestId("photos-panel");
}

function figuresIn(node: DocNode): string[] {
  const own = node.type === "figure" ? [String(node.attrs?.use)] : [];
  return [...own, ...(node.content ?? []).flatMap(figuresIn)];
}

describe("lead photo", () => {
  it("shows the preview above the headline with the caption and then the credit line", async () => {
    await openSample();
    const figure = await screen.findByTestId("lead-photo");
    expect(screen.getByTestId("lead-caption").textContent).toBe(LEAD_LINE);
    const img = screen.getByTestId("lead-photo-img") as HTMLImageElement;
    expect(img.alt).toBe(SAMPLE_LEAD.altText);
    expect(img.getAttribute("src")).toMatch(/sample-lead.*\.png$/);
    // Above the headline in document order.
    const headline = screen.getByTestId("headline");
    expect(figure.compareDocumentPosition(headline) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it("opens the lead in the caption editor when clicked", async () => {
    await openSample();
    await fireEvent.click(within(await screen.findByTestId("lead-photo")).getByRole("button"));
    const editor = await screen.findByTestId("caption-editor");
    expect(within(editor).getByTestId("use-caption")).toHaveValue(SAMPLE_LEAD.caption);
    expect(within(editor).getByTestId("use-alt")).toHaveValue(SAMPLE_LEAD.altText);
    expect(within(editor).getByTestId("make-lead")).toBeDisabled();
  });
});

describe("photos panel", () => {
  it("attaches from the dialog, shows thumbnails, and names skipped files in an error toast", async () => {
    const { platform, id } = await openSample();
    platform.dialogPick = ["/home/desk/reuters-rome.jpg", "/home/desk/notes.pdf", "/home/desk/square.png"];
    const panel = await openPanel();
    expect(within(panel).getAllByTestId("photo-thumb")).toHaveLength(1);
    expect(within(panel).getByTestId("lead-badge")).toBeInTheDocument();
    await fireEvent.click(screen.getByTestId("add-photos"));
    await waitFor(() => expect(within(panel).getAllByTestId("photo-thumb")).toHaveLength(3));
    expect(platform.calls.find((c) => c.command === "attach_from_dialog")?.args).toEqual({ story: id, lead: false });
    // Editor alone renders no toast stack: read the toast list it feeds.
    const error = toasts.find((t) => t.text.includes("notes.pdf"));
    expect(error).toMatchObject({ tone: "error" });
    expect(error?.text).toContain("notes.pdf (not a photo Byline can read)");
    expect(error?.text).not.toContain("reuters-rome.jpg");
    expect(toasts.some((t) => t.text === "Attached 2 photos.")).toBe(true);
    // The lead stays first and marked; the newcomer is selected for captioning.
    const thumbs = within(panel).getAllByTestId("photo-thumb");
    expect(thumbs[0].dataset.role).toBe("lead");
    expect(screen.getByTestId("use-credit")).toHaveValue("Reuters");
  });

  it("shows the agency's terms a photo carries, and the checklist raises them", async () => {
    const { platform, id } = await openSample();
    platform.dialogPick = ["/home/desk/afp-embargo-vote.jpg"];
    const panel = await openPanel();
    await fireEvent.click(screen.getByTestId("add-photos"));
    await waitFor(() => expect(within(panel).getAllByTestId("photo-thumb")).toHaveLength(2));
    const terms = await screen.findByTestId("use-terms");
    expect(terms).toHaveAttribute("role", "note");
    expect(terms.textContent).toContain("EMBARGOED UNTIL 06 DEC 2026 18:00 GMT");
    expect(terms.textContent).toContain("Editorial use only");
    expect(screen.getByTestId("use-soft-edits").textContent).toContain("Photo Mechanic asks to rotate 90° clockwise; not applied");
    const items = await platform.exportChecklist(id);
    const raised = items.filter((i) => i.check === "photo" && i.message.includes("agency's terms"));
    expect(raised.map((i) => i.message)).toEqual([
      "photo 2 comes with the agency's terms: “EMBARGOED UNTIL 06 DEC 2026 18:00 GMT / Editorial use only”",
    ]);
    // The sample's lead photo has none: no terms shown for it.
    await fireEvent.click(within(panel).getAllByTestId("photo-thumb")[0]);
    await waitFor(() => expect(screen.queryByTestId("use-terms")).toBeNull());
  });

  it("attaches dropped files, as the lead when the story has none", async () => {
    const platform = new FakePlatform({ seed: false });
    const story = await platform.createStory({ headline: "Drop", kicker: null, byline: null });
    render(Editor, { props: { platform, storyId: story.id, onBack: () => {} } });
    await screen.findByTestId("headline");
    expect(screen.queryByTestId("lead-photo")).toBeNull();
    await waitFor(() => expect(platform.calls.some((c) => c.command === "photo_warnings")).toBe(true));
    platform.dropFiles(["/tmp/afp-rome.jpg", "/tmp/other.webp"]);
    expect(await screen.findByTestId("lead-photo")).toBeInTheDocument();
    expect(platform.calls.find((c) => c.command === "attach_photos")?.args).toEqual({ story: story.id, files: ["/tmp/afp-rome.jpg", "/tmp/other.webp"], lead: true });
    expect(await screen.findByTestId("photos-panel")).toBeInTheDocument();
  });

  it("saves caption, credit and alt text through edit_photo_use and drops the IPTC mark of an edited field", async () => {
    const { platform, id } = await openSample();
    platform.dialogPick = ["/home/desk/reuters-rome.jpg"];
    await openPanel();
    await fireEvent.click(screen.getByTestId("add-photos"));
    const editor = await screen.findByTestId("caption-editor");
    const marks = () => within(editor).queryAllByTestId("from-iptc").map((m) => m.dataset.field);
    expect(marks()).toEqual(["caption", "credit", "creator", "copyright"]);

    const caption = within(editor).getByTestId("use-caption");
    await fireEvent.input(caption, { target: { value: "Ministers meet in Rome." } });
    expect(marks()).not.toContain("caption");
    await fireEvent.blur(caption);
    await waitFor(() => expect(platform.calls.some((c) => c.command === "edit_photo_use")).toBe(true));
    const call = platform.calls.find((c) => c.command === "edit_photo_use");
    expect(call?.args).toMatchObject({ story: id, edit: { caption: "Ministers meet in Rome.", credit: null, altText: null, role: null } });

    const credit = within(editor).getByTestId("use-credit");
    await fireEvent.input(credit, { target: { value: "AFP" } });
    expect(within(editor).getByTestId("credit-line-preview")).toHaveTextContent("Photo: AFP");
    await fireEvent.blur(credit);
    const alt = within(editor).getByTestId("use-alt");
    await fireEvent.input(alt, { target: { value: "Men in suits walk past flags" } });
    // Saved after 600 ms without typing, no blur needed.
    await waitFor(() => expect(platform.calls.filter((c) => c.command === "edit_photo_use")).toHaveLength(3), { timeout: 2000 });
    expect(marks()).toEqual(["creator", "copyright"]);

    const story = await platform.getStory(id);
    const use = story.photos.find((u) => u.credit === "AFP");
    expect(use).toMatchObject({ caption: "Ministers meet in Rome.", creditLine: "Photo: AFP", altText: "Men in suits walk past flags" });
    expect(use?.fromPhoto).toMatchObject({ caption: false, credit: false, creator: true });
  });

  it("updates the lead caption in place when the lead is edited", async () => {
    const { platform } = await openSample();
    await openPanel();
    await fireEvent.click(screen.getAllByTestId("photo-thumb")[0]);
    const caption = await screen.findByTestId("use-caption");
    await fireEvent.input(caption, { target: { value: "Aboul-Gheit in Algiers." } });
    await fireEvent.blur(caption);
    await waitFor(() => expect(screen.getByTestId("lead-caption").textContent).toBe("Aboul-Gheit in Algiers. Photo: AFP/VNA"));
    expect(platform.calls.filter((c) => c.command === "edit_photo_use")).toHaveLength(1);
  });

  it("counts warnings on the Photos button and lists them in the panel", async () => {
    const { platform } = await openSample();
    await waitFor(() => expect(platform.calls.some((c) => c.command === "photo_warnings")).toBe(true));
    // The sample's lead photo is a stand-in: one thing to fix from the start.
    await waitFor(() => expect(screen.getByTestId("photos-warning-count")).toHaveTextContent("1"));
    platform.dialogPick = ["/d/reuters-1.jpg", "/d/plain.jpg"];
    await openPanel();
    await fireEvent.click(screen.getByTestId("add-photos"));
    // reuters-1: no alt text; plain: no credit, no alt text.
    await waitFor(() => expect(screen.getByTestId("photos-warning-count")).toHaveTextContent("4"));
    const listed = screen.getAllByTestId("photo-warning").map((w) => w.dataset.kind);
    expect(listed.sort()).toEqual(["noAltText", "noAltText", "noCredit", "standIn"]);

    // The alt text repeating the caption is a warning of its own; fixing it clears it.
    const editor = screen.getByTestId("caption-editor");
    const alt = within(editor).getByTestId("use-alt");
    await fireEvent.input(alt, { target: { value: (within(editor).getByTestId("use-caption") as HTMLTextAreaElement).value } });
    await fireEvent.blur(alt);
    await waitFor(() => expect(screen.getAllByTestId("photo-warning").map((w) => w.dataset.kind)).toContain("altTextIsCaption"));
    await fireEvent.input(alt, { target: { value: "Delegates in a hall" } });
    await fireEvent.blur(alt);
    await waitFor(() => expect(screen.getByTestId("photos-warning-count")).toHaveTextContent("3"));
  });

  it("marks the sample's lead as a stand-in on the photo, and a photo is marked or unmarked in its details", async () => {
    const { platform, id } = await openSample();
    // On the lead photo above the headline: the note, read as a note.
    const badge = await screen.findByTestId("stand-in-badge");
    expect(badge).toHaveTextContent(SAMPLE_LEAD.standIn);
    expect(badge).toHaveAttribute("role", "note");
    expect(SAMPLE_LEAD.altText).toContain("Eileen Collins");
    // On its thumbnail, and in its details, ticked with its note.
    const panel = await openPanel();
    expect(within(panel).getByTestId("thumb-stand-in")).toHaveTextContent("Stand-in");
    await fireEvent.click(within(panel).getAllByTestId("photo-thumb")[0]);
    const editor = await screen.findByTestId("caption-editor");
    const toggle = within(editor).getByTestId("use-stand-in-toggle") as HTMLInputElement;
    expect(toggle.checked).toBe(true);
    expect(within(editor).getByTestId("use-stand-in-note")).toHaveValue(SAMPLE_LEAD.standIn);
    expect(within(editor).getByTestId("use-stand-in").textContent).toContain("is a stand-in, not the real photo");
    // The checklist raises it before publishing.
    const items = await platform.exportChecklist(id);
    expect(items.filter((i) => i.check === "photo").map((i) => i.message)).toEqual([
      `the lead photo is a stand-in, not the real photo (“${SAMPLE_LEAD.standIn}”): replace it before publishing`,
    ]);

    // Unmarked: saved as an empty note, and the badge goes.
    await fireEvent.click(toggle);
    await waitFor(() => expect(screen.queryByTestId("stand-in-badge")).toBeNull());
    const calls = platform.calls.filter((c) => c.command === "edit_photo_use");
    expect(calls.at(-1)?.args).toMatchObject({ edit: { standIn: "", caption: null } });
    expect(within(panel).queryByTestId("thumb-stand-in")).toBeNull();
    // Marked again: the note it had comes back; a new note is saved as typed.
    await fireEvent.click(within(editor).getByTestId("use-stand-in-toggle"));
    await waitFor(() => expect(screen.getByTestId("stand-in-badge")).toHaveTextContent(SAMPLE_LEAD.standIn));
    const note = within(editor).getByTestId("use-stand-in-note");
    await fireEvent.input(note, { target: { value: "" } });
    await fireEvent.blur(note);
    expect(screen.getByTestId("stand-in-badge")).toHaveTextContent(SAMPLE_LEAD.standIn);
    await fireEvent.input(note, { target: { value: "File photo of a different meeting" } });
    await fireEvent.blur(note);
    await waitFor(() => expect(screen.getByTestId("stand-in-badge")).toHaveTextContent("File photo of a different meeting"));
    expect((await platform.getStory(id)).photos[0].standIn).toBe("File photo of a different meeting");
  });

  it("shows a stand-in's note on its figure in the body", async () => {
    const { platform, id } = await openSample();
    platform.dialogPick = ["/d/reuters-1.jpg"];
    const panel = await openPanel();
    await fireEvent.click(screen.getByTestId("add-photos"));
    await waitFor(() => expect(within(panel).getAllByTestId("photo-thumb")).toHaveLength(2));
    const editor = await screen.findByTestId("caption-editor");
    await fireEvent.click(within(editor).getByTestId("insert-figure"));
    await fireEvent.click(within(editor).getByTestId("use-stand-in-toggle"));
    const figureNote = await screen.findByTestId("figure-stand-in");
    expect(figureNote).toHaveTextContent("Stand-in photo — not what the caption describes");
    expect(figureNote.closest("figure")).toHaveClass("stand-in");
    expect((await platform.getStory(id)).photos[1].standIn).toBe("Stand-in photo — not what the caption describes");
  });

  it("inserts a figure for the selected photo into the body, and removes it on detach", async () => {
    const { platform, id } = await openSample();
    platform.dialogPick = ["/d/reuters-1.jpg"];
    await openPanel();
    await fireEvent.click(screen.getByTestId("add-photos"));
    await screen.findByTestId("caption-editor");
    const [, use] = (await platform.getStory(id)).photos;
    await fireEvent.click(screen.getByTestId("insert-figure"));
    const figure = await screen.findByTestId("body-figure");
    expect(figure.dataset.use).toBe(use.id);
    expect(figure.querySelector("figcaption")).toHaveTextContent(`${use.caption} Photo: Reuters`);
    expect(figure.querySelector("img")).not.toBeNull();

    await waitFor(() => expect(platform.calls.some((c) => c.command === "save_story")).toBe(true), { timeout: 3000 });
    const saved = platform.calls.filter((c) => c.command === "save_story").at(-1)?.args as { edit: StoryEdit };
    const body = saved.edit.body as unknown as DocNode;
    expect(figuresIn(body)).toEqual([use.id]);
    expect(validateDoc(body)).toBeNull();

    await fireEvent.click(screen.getByTestId("detach-photo"));
    await fireEvent.click(screen.getByTestId("detach-confirm"));
    await waitFor(() => expect(screen.queryByTestId("body-figure")).toBeNull());
    expect(platform.calls.find((c) => c.command === "detach_photo")?.args).toEqual({ story: id, useId: use.id });
    expect(screen.getAllByTestId("photo-thumb")).toHaveLength(1);
  });

  it("shows the caption editor's save state and counts confirmed saves", async () => {
    await openSample();
    await openPanel();
    await fireEvent.click(screen.getAllByTestId("photo-thumb")[0]);
    const state = await screen.findByTestId("use-saved");
    expect(state).toHaveTextContent("Saved");
    expect(state.dataset).toMatchObject({ state: "saved", saves: "0" });
    const caption = screen.getByTestId("use-caption");
    await fireEvent.input(caption, { target: { value: "Aboul-Gheit in Algiers." } });
    expect(state).toHaveTextContent("Edited");
    expect(state.dataset.state).toBe("edited");
    await fireEvent.blur(caption);
    await waitFor(() => expect(state.dataset).toMatchObject({ state: "saved", saves: "1" }));
    expect(state).toHaveTextContent("Saved");
  });

  it("saves captions through the autosave: a failed save keeps the text, says so once and is retried", async () => {
    const { platform } = await openSample();
    await openPanel();
    await fireEvent.click(screen.getAllByTestId("photo-thumb")[0]);
    const state = await screen.findByTestId("use-saved");
    vi.useFakeTimers();
    const full = "Could not save the photo details: database or disk is full";
    const shown = () => toasts.filter((t) => t.text === full).length;
    const before = shown();
    platform.failNext = { command: "edit_photo_use", error: new AppError("io", "database or disk is full", "edit_photo_use"), times: 2 };
    const caption = screen.getByTestId("use-caption") as HTMLTextAreaElement;
    await fireEvent.input(caption, { target: { value: "Aboul-Gheit in Algiers." } });
    await fireEvent.blur(caption);
    await vi.advanceTimersByTimeAsync(0);
    await tick();
    expect(state.dataset).toMatchObject({ state: "failed", saves: "0" });
    expect(state).toHaveTextContent("Not saved — retrying");
    expect(state).toHaveAttribute("title", "database or disk is full");
    expect(caption.value).toBe("Aboul-Gheit in Algiers.");
    expect(shown()).toBe(before + 1);
    // Retried after 1 s (fails again, no second toast), then after 2 s more: saved.
    await vi.advanceTimersByTimeAsync(1000);
    await tick();
    expect(platform.calls.filter((c) => c.command === "edit_photo_use")).toHaveLength(2);
    expect(state.dataset.state).toBe("failed");
    expect(shown()).toBe(before + 1);
    await vi.advanceTimersByTimeAsync(2000);
    await tick();
    expect(platform.calls.filter((c) => c.command === "edit_photo_use")).toHaveLength(3);
    expect(state.dataset).toMatchObject({ state: "saved", saves: "1" });
    expect(state).not.toHaveAttribute("title");
    expect(screen.getByTestId("lead-caption").textContent).toBe("Aboul-Gheit in Algiers. Photo: AFP/VNA");
  });

  it("saves a caption 600 ms after typing pauses, however long the typing went on", async () => {
    const { platform } = await openSample();
    await openPanel();
    await fireEvent.click(screen.getAllByTestId("photo-thumb")[0]);
    const state = await screen.findByTestId("use-saved");
    vi.useFakeTimers();
    const caption = screen.getByTestId("use-caption");
    const edits = () => platform.calls.filter((c) => c.command === "edit_photo_use");
    for (let n = 1; n <= 10; n++) {
      await fireEvent.input(caption, { target: { value: "Aboul-Gheit".slice(0, n) } });
      await vi.advanceTimersByTimeAsync(400);
    }
    // Four seconds of typing, no pause of 600 ms: nothing sent yet.
    expect(edits()).toHaveLength(0);
    expect(state.dataset.state).toBe("edited");
    await vi.advanceTimersByTimeAsync(200);
    await tick();
    expect(edits()).toHaveLength(1);
    expect(edits()[0].args).toMatchObject({ edit: { caption: "Aboul-Gheit".slice(0, 10), credit: null } });
    expect(state.dataset).toMatchObject({ state: "saved", saves: "1" });
  });

  it("opens and closes with Mod-Shift-P", async () => {
    await openSample();
    await fireEvent.keyDown(window, { key: "P", ctrlKey: true, shiftKey: true });
    expect(await screen.findByTestId("photos-panel")).toBeInTheDocument();
    await fireEvent.keyDown(window, { key: "P", ctrlKey: true, shiftKey: true });
    await waitFor(() => expect(screen.queryByTestId("photos-panel")).toBeNull());
  });
});

describe("photo URLs", () => {
  const BAD = [
    "",
    "../../etc/passwd",
    SHA.toUpperCase(),
    SHA.slice(1),
    `${SHA}0`,
    `${SHA}/../x`,
    `${SHA.slice(0, 60)}.jpg`,
    "g".repeat(64),
    `/${SHA.slice(1)}`,
    "https://example.com/x.jpg",
  ];

  it("builds only photo-protocol URLs of derived files named by a 64-hex sha256", () => {
    expect(buildPhotoUrl(SHA, "thumbnails", { httpForm: false })).toBe(`photo://localhost/thumbnails/${SHA}.jpg`);
    expect(buildPhotoUrl(SHA, "previews", { httpForm: false })).toBe(`photo://localhost/previews/${SHA}.jpg`);
    expect(buildPhotoUrl(SHA, "previews", { httpForm: true })).toBe(`http://photo.localhost/previews/${SHA}.jpg`);
    for (const bad of BAD) {
      expect(() => buildPhotoUrl(bad, "thumbnails")).toThrow();
    }
    expect(() => buildPhotoUrl(SHA, "originals" as "thumbnails")).toThrow();
  });

  it("the Tauri platform yields photo:// URLs and refuses anything else; the fake refuses the same", async () => {
    const { createTauriPlatform } = await import("../src/platform/tauri");
    const p = createTauriPlatform();
    for (const size of ["thumbnails", "previews"] as const) {
      expect(p.photoUrl(SHA, size)).toMatch(/^photo:\/\/localhost\/(thumbnails|previews)\/[0-9a-f]{64}\.jpg$/);
    }
    const fake = new FakePlatform();
    for (const bad of BAD) {
      expect(() => p.photoUrl(bad, "previews")).toThrow();
      expect(() => fake.photoUrl(bad, "previews")).toThrow();
    }
  });

  it("sends pasted bytes as the raw body with the story and lead flag as headers", async () => {
    const { createTauriPlatform } = await import("../src/platform/tauri");
    const p = createTauriPlatform();
    invoke.mockResolvedValueOnce({ uses: [], skipped: [] });
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0]);
    await p.attachPastedPhoto("story-1", bytes, false);
    expect(invoke).toHaveBeenLastCalledWith("attach_pasted_photo", bytes, { headers: { "byline-story": "story-1", "byline-lead": "false" } });
    invoke.mockResolvedValueOnce({ caption: "x" });
    await p.editPhotoUse("story-1", "use-1", { caption: "x", credit: null, altText: null, creator: null, copyright: null, role: null, standIn: null });
    expect(invoke).toHaveBeenLastCalledWith("edit_photo_use", {
      story: "story-1",
      useId: "use-1",
      edit: { caption: "x", credit: null, altText: null, creator: null, copyright: null, role: null, standIn: null },
    });
  });
});

describe("batch progress and cancel", () => {
  /** The progress strip's text and bar, or null when there is none. */
  function strip(): { text: string; value: number; max: number } | null {
    const bar = screen.queryByTestId("attach-progress") as HTMLProgressElement | null;
    if (!bar) return null;
    return { text: screen.getByTestId("attach-progress-text").textContent ?? "", value: bar.value, max: bar.max };
  }

  /** Lets the fake's per-file timers run for `ms`, then lets Svelte render. */
  async function advance(ms: number): Promise<void> {
    await vi.advanceTimersByTimeAsync(ms);
    await tick();
  }

  it("shows a progress strip that follows a dropped batch, then the count in a toast", async () => {
    const { platform } = await openSample();
    const panel = await openPanel();
    vi.useFakeTimers();
    platform.attachStepMs = 100;
    platform.dropFiles(["/d/reuters-1.jpg", "/d/reuters-2.jpg", "/d/afp-3.jpg", "/d/plain-4.jpg"]);
    await advance(0);
    expect(strip()).toEqual({ text: "Importing 1 of 4 photos…", value: 0, max: 4 });
    expect(within(panel).getByTestId("cancel-attach")).toBeEnabled();
    await advance(100);
    expect(strip()).toEqual({ text: "Importing 2 of 4 photos…", value: 1, max: 4 });
    // Each photo shows as soon as it is attached, the first selected for captioning.
    expect(within(panel).getAllByTestId("photo-thumb")).toHaveLength(2);
    const first = screen.getByTestId("caption-editor").dataset.use;
    const thumbs = within(panel).getAllByTestId("photo-thumb").map((t) => t.dataset.use);
    expect(first).toBe(thumbs[thumbs.length - 1]);
    await advance(100);
    expect(strip()).toEqual({ text: "Importing 3 of 4 photos…", value: 2, max: 4 });
    expect(within(panel).getAllByTestId("photo-thumb")).toHaveLength(3);
    expect(screen.getByTestId("caption-editor").dataset.use).toBe(first);
    await advance(200);
    expect(strip()).toBeNull();
    expect(within(panel).getAllByTestId("photo-thumb")).toHaveLength(5);
    expect(toasts.some((t) => t.text === "Attached 4 photos.")).toBe(true);
    expect(platform.calls.some((c) => c.command === "cancel_attach")).toBe(false);
  });

  it("Cancel starts nothing more, attaches the file in hand, and the toast says how many were attached", async () => {
    const { platform, id } = await openSample();
    const panel = await openPanel();
    vi.useFakeTimers();
    platform.attachStepMs = 100;
    platform.dialogPick = ["/d/a-1.jpg", "/d/a-2.jpg", "/d/a-3.jpg", "/d/a-4.jpg", "/d/a-5.jpg"];
    await fireEvent.click(within(panel).getByTestId("add-photos"));
    await advance(100);
    // The dialog's batch size is known from the first progress message.
    expect(strip()).toEqual({ text: "Importing 2 of 5 photos…", value: 1, max: 5 });
    const first = screen.getByTestId("caption-editor").dataset.use;
    await fireEvent.click(within(panel).getByTestId("cancel-attach"));
    expect(platform.calls.filter((c) => c.command === "cancel_attach")).toHaveLength(1);
    expect(strip()?.text).toBe("Stopping after the photos in hand…");
    expect(within(panel).getByTestId("cancel-attach")).toBeDisabled();
    await advance(100);
    // The file in hand when the cancel came shows as it lands.
    expect(within(panel).getAllByTestId("photo-thumb")).toHaveLength(3);
    await advance(100);
    expect(strip()).toBeNull();
    expect(toasts.some((t) => t.text === "Import stopped: 3 of 5 photos attached.")).toBe(true);
    expect(within(panel).getAllByTestId("photo-thumb")).toHaveLength(4);
    // The photo selected first stays selected for captioning.
    expect(screen.getByTestId("caption-editor").dataset.use).toBe(first);
    // Nothing after the stop: the story has the lead and the three photos attached.
    await advance(1000);
    expect((await platform.getStory(id)).photos).toHaveLength(4);
  });
});

describe("file input", () => {
  const JPEG = [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10];

  function choose(files: File[]): Promise<boolean> {
    return fireEvent.change(screen.getByTestId("photo-file-input"), { target: { files } });
  }

  it("is a hidden multi-file input for photo types next to Add photos", async () => {
    await openSample();
    const panel = await openPanel();
    const input = within(panel).getByTestId("photo-file-input") as HTMLInputElement;
    expect(input.type).toBe("file");
    expect(input.multiple).toBe(true);
    expect(input.accept).toBe("image/jpeg,image/heic,image/heif,image/png,image/webp,image/tiff,image/avif,.heic,.heif,.avif");
    expect(input).toHaveClass("visually-hidden");
    const click = vi.spyOn(input, "click");
    await fireEvent.click(within(panel).getByTestId("choose-files"));
    expect(click).toHaveBeenCalled();
  });

  it("sends each chosen file's bytes with its name, one by one, and reports skipped ones by name", async () => {
    const { platform, id } = await openSample();
    const panel = await openPanel();
    const reuters = new File([new Uint8Array([...JPEG, 1, 2, 3])], "reuters-rome.jpg", { type: "image/jpeg" });
    const notes = new File([new Uint8Array([0x25, 0x50, 0x44, 0x46])], "notes.jpg", { type: "image/jpeg" });
    await choose([reuters, notes]);
    await waitFor(() => expect(platform.calls.filter((c) => c.command === "attach_pasted_photo")).toHaveLength(2));
    expect(platform.calls.filter((c) => c.command === "attach_pasted_photo").map((c) => c.args)).toEqual([
      { story: id, bytes: 9, name: "reuters-rome.jpg", lead: false },
      { story: id, bytes: 4, name: "notes.jpg", lead: false },
    ]);
    await waitFor(() => expect(within(panel).getAllByTestId("photo-thumb")).toHaveLength(2));
    // The attached one is selected, prefilled from its (fake) IPTC fields.
    expect(screen.getByTestId("use-credit")).toHaveValue("Reuters");
    await waitFor(() => expect(toasts.some((t) => t.text === "Attached 1 photo.")).toBe(true));
    expect(toasts.find((t) => t.text.includes("notes.jpg"))).toMatchObject({ tone: "error", text: "Not attached: notes.jpg (not a photo Byline can read)" });
    expect((screen.getByTestId("photo-file-input") as HTMLInputElement).value).toBe("");
  });

  it("makes the first chosen file the lead of a story without one", async () => {
    const platform = new FakePlatform({ seed: false });
    const story = await platform.createStory({ headline: "Files", kicker: null, byline: null });
    render(Editor, { props: { platform, storyId: story.id, onBack: () => {} } });
    await screen.findByTestId("headline");
    await openPanel();
    await choose([new File([new Uint8Array([...JPEG, 1])], "one.jpg"), new File([new Uint8Array([...JPEG, 2])], "two.jpg")]);
    await waitFor(() => expect(screen.getAllByTestId("photo-thumb")).toHaveLength(2));
    const leads = platform.calls.filter((c) => c.command === "attach_pasted_photo").map((c) => (c.args as { lead: boolean }).lead);
    expect(leads).toEqual([true, false]);
    expect(screen.getAllByTestId("photo-thumb").map((t) => t.dataset.role)).toEqual(["lead", "inline"]);
    expect(await screen.findByTestId("lead-photo")).toBeInTheDocument();
  });

  it("shows progress for chosen files and Cancel stops after the file in hand", async () => {
    const { platform } = await openSample();
    const panel = await openPanel();
    vi.useFakeTimers();
    platform.attachStepMs = 100;
    const files = [1, 2, 3, 4].map((n) => new File([new Uint8Array([...JPEG, n])], `f-${n}.jpg`));
    await choose(files);
    await vi.advanceTimersByTimeAsync(0);
    await tick();
    expect(strip()).toEqual({ text: "Importing 1 of 4 photos…", value: 0, max: 4 });
    await vi.advanceTimersByTimeAsync(100);
    await tick();
    expect(strip()).toEqual({ text: "Importing 2 of 4 photos…", value: 1, max: 4 });
    await fireEvent.click(within(panel).getByTestId("cancel-attach"));
    await vi.advanceTimersByTimeAsync(1000);
    await tick();
    expect(strip()).toBeNull();
    expect(platform.calls.filter((c) => c.command === "attach_pasted_photo")).toHaveLength(2);
    expect(toasts.some((t) => t.text === "Import stopped: 2 of 4 photos attached.")).toBe(true);
    expect(within(panel).getAllByTestId("photo-thumb")).toHaveLength(3);
  });

  function strip(): { text: string; value: number; max: number } | null {
    const bar = screen.queryByTestId("attach-progress") as HTMLProgressElement | null;
    if (!bar) return null;
    return { text: screen.getByTestId("attach-progress-text").textContent ?? "", value: bar.value, max: bar.max };
  }
});

describe("Tauri photo batch calls", () => {
  it("passes a progress channel to attach_photos and attach_from_dialog, and has cancel_attach", async () => {
    const { createTauriPlatform } = await import("../src/platform/tauri");
    const p = createTauriPlatform();
    const heard: Array<{ done: number; total: number }> = [];
    invoke.mockImplementationOnce(async (_cmd: string, args: { progress: { onmessage: (m: unknown) => void } }) => {
      args.progress.onmessage({ done: 1, total: 2 });
      args.progress.onmessage({ done: 2, total: 2 });
      return { uses: [], skipped: [], cancelled: false };
    });
    await p.attachPhotos("story-1", ["/a.jpg", "/b.jpg"], true, (m) => heard.push(m));
    expect(invoke).toHaveBeenLastCalledWith("attach_photos", expect.objectContaining({ story: "story-1", files: ["/a.jpg", "/b.jpg"], lead: true }));
    expect(heard).toEqual([{ done: 1, total: 2 }, { done: 2, total: 2 }]);

    invoke.mockResolvedValueOnce({ uses: [], skipped: [], cancelled: false });
    await p.attachFromDialog("story-1", false);
    const [, dialogArgs] = invoke.mock.lastCall as [string, { progress: unknown }];
    expect(invoke.mock.lastCall?.[0]).toBe("attach_from_dialog");
    expect(dialogArgs).toMatchObject({ story: "story-1", lead: false });
    expect(dialogArgs.progress).toHaveProperty("onmessage");

    invoke.mockResolvedValueOnce(null);
    await p.cancelAttach();
    expect(invoke).toHaveBeenLastCalledWith("cancel_attach", undefined);
  });

  it("sends a chosen file's bytes raw, with its name in byline-name (ASCII only)", async () => {
    const { createTauriPlatform } = await import("../src/platform/tauri");
    const p = createTauriPlatform();
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0]);
    invoke.mockResolvedValueOnce({ uses: [], skipped: [], cancelled: false });
    await p.attachFileBytes("story-1", bytes, "IPTC-PhotometadataRef-Std2017.1.jpg", true);
    expect(invoke).toHaveBeenLastCalledWith("attach_pasted_photo", bytes, {
      headers: { "byline-story": "story-1", "byline-lead": "true", "byline-name": "IPTC-PhotometadataRef-Std2017.1.jpg" },
    });
    invoke.mockResolvedValueOnce({ uses: [], skipped: [], cancelled: false });
    await p.attachFileBytes("story-1", bytes, "Zürich café.jpg", false);
    expect(invoke.mock.lastCall?.[2]).toEqual({ headers: { "byline-story": "story-1", "byline-lead": "false", "byline-name": "Z_rich caf_.jpg" } });
  });
});

describe("paste", () => {
  it("attaches a pasted image through attach_pasted_photo and places a figure where it was pasted", async () => {
    const { platform, id } = await openSample();
    const body = document.querySelector("[data-testid='body']") as HTMLElement;
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const file = new File([png], "image.png", { type: "image/png" });
    const event = new Event("paste", { bubbles: true, cancelable: true }) as Event & { clipboardData: unknown };
    event.clipboardData = {
      items: [{ kind: "file", type: "image/png", getAsFile: () => file }],
      files: [file],
      types: ["Files"],
      getData: () => "",
    };
    body.dispatchEvent(event);
    await waitFor(() => expect(screen.getByTestId("body-figure")).toBeInTheDocument());
    const call = platform.calls.find((c) => c.command === "attach_pasted_photo");
    expect(call?.args).toEqual({ story: id, bytes: png.length, lead: false });
    const story = await platform.getStory(id);
    expect(screen.getByTestId("body-figure").dataset.use).toBe(story.photos[1].id);
  });
});
