/** Photos: the lead above the headline, the photos panel, caption editing, warnings, figures, URLs. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import Editor from "../src/components/Editor.svelte";
import { FakePlatform } from "../src/platform/fake";
import { buildPhotoUrl } from "../src/platform/photoUrl";
import { SAMPLE_LEAD } from "../src/platform/sample";
import { validateDoc } from "../src/lib/docSchema";
import { toasts } from "../src/lib/toasts.svelte";
import type { DocNode, StoryEdit } from "../src/platform/types";

const invoke = vi.fn();
vi.mock("@tauri-apps/api/core", () => ({ invoke: (...args: unknown[]) => invoke(...args) }));
vi.mock("@tauri-apps/api/window", () => ({ getCurrentWindow: () => ({ onCloseRequested: async () => () => {} }) }));
vi.mock("@tauri-apps/api/webview", () => ({ getCurrentWebview: () => ({ onDragDropEvent: async () => () => {} }) }));

const LEAD_LINE = "AL Secretary General Ahmed Aboul-Gheit speaks at a news conference in Algiers, Algieria. Photo: AFP/VNA";
const SHA = "a".repeat(32) + "0123456789abcdef".repeat(2);

afterEach(() => cleanup());

async function openSample(platform = new FakePlatform()) {
  const [summary] = await platform.listStories(null);
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
    expect(screen.queryByTestId("photos-warning-count")).toBeNull();
    platform.dialogPick = ["/d/reuters-1.jpg", "/d/plain.jpg"];
    await openPanel();
    await fireEvent.click(screen.getByTestId("add-photos"));
    // reuters-1: no alt text; plain: no credit, no alt text.
    await waitFor(() => expect(screen.getByTestId("photos-warning-count")).toHaveTextContent("3"));
    const listed = screen.getAllByTestId("photo-warning").map((w) => w.dataset.kind);
    expect(listed.sort()).toEqual(["noAltText", "noAltText", "noCredit"]);

    // The alt text repeating the caption is a warning of its own; fixing it clears it.
    const editor = screen.getByTestId("caption-editor");
    const alt = within(editor).getByTestId("use-alt");
    await fireEvent.input(alt, { target: { value: (within(editor).getByTestId("use-caption") as HTMLTextAreaElement).value } });
    await fireEvent.blur(alt);
    await waitFor(() => expect(screen.getAllByTestId("photo-warning").map((w) => w.dataset.kind)).toContain("altTextIsCaption"));
    await fireEvent.input(alt, { target: { value: "Delegates in a hall" } });
    await fireEvent.blur(alt);
    await waitFor(() => expect(screen.getByTestId("photos-warning-count")).toHaveTextContent("2"));
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
    await p.editPhotoUse("story-1", "use-1", { caption: "x", credit: null, altText: null, creator: null, copyright: null, role: null });
    expect(invoke).toHaveBeenLastCalledWith("edit_photo_use", {
      story: "story-1",
      useId: "use-1",
      edit: { caption: "x", credit: null, altText: null, creator: null, copyright: null, role: null },
    });
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
