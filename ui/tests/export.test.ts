/** The export dialog against the fake core: opening, checklist, options, request, result, errors. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import Editor from "../src/components/Editor.svelte";
import { FakePlatform } from "../src/platform/fake";
import { createTauriPlatform } from "../src/platform/tauri";
import { FORMAT_CHOICES, paperForLanguage, parseBaseUrl, parseLongEdge, rememberedPaper } from "../src/lib/exportOptions";
import { EXPORT_FORMATS } from "../src/platform/types";
import type { DocNode, Story } from "../src/platform/types";
import { asDoc } from "../src/lib/docSchema";

const invoke = vi.fn();
vi.mock("@tauri-apps/api/core", () => ({
  invoke: (...args: unknown[]) => invoke(...args),
  Channel: class<T> {
    onmessage: (message: T) => void = () => {};
  },
}));
vi.mock("@tauri-apps/api/window", () => ({ getCurrentWindow: () => ({ onCloseRequested: async () => () => {} }) }));
vi.mock("@tauri-apps/api/webview", () => ({ getCurrentWebview: () => ({ onDragDropEvent: async () => () => {} }) }));

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const para = (...content: DocNode[]): DocNode => ({ type: "paragraph", content });
const text = (t: string, note = false): DocNode => (note ? { type: "text", text: t, marks: [{ type: "note" }] } : { type: "text", text: t });

/** A story saved in the fake: with `clean`, one that passes the checklist. */
async function makeStory(platform: FakePlatform, opts: { slug?: string; tk?: boolean; photoNoAlt?: boolean; language?: string } = {}): Promise<Story> {
  const created = await platform.createStory({ headline: "Ministers meet in Rome", kicker: null, byline: "Staff" });
  const body = { type: "doc", content: [para(text("Foreign ministers met in Rome on Monday. ")), ...(opts.tk ? [para(text("Check the figure "), text("ask the ministry", true))] : [])] };
  const saved = await platform.saveStory({
    id: created.id,
    baseRevision: created.revision,
    slug: opts.slug ?? created.slug,
    kicker: "",
    headline: created.headline,
    standfirst: "",
    byline: "Staff",
    dateline: "ROME",
    language: opts.language ?? "en-US",
    status: "editing",
    tags: [],
    wordTarget: null,
    body: asDoc(body),
  });
  if (opts.photoNoAlt) await platform.attachPhotos(saved.id, ["/home/desk/reuters-rome.jpg"], true);
  return platform.getStory(saved.id);
}

async function openEditor(platform: FakePlatform, id: string, onBack = vi.fn()) {
  render(Editor, { props: { platform, storyId: id, onBack } });
  await screen.findByTestId("headline");
  await waitFor(() => expect(screen.getByTestId("export-button")).toBeEnabled());
  return { onBack };
}

async function openDialog(): Promise<HTMLElement> {
  await fireEvent.click(screen.getByTestId("export-button"));
  return screen.findByTestId("export-dialog");
}

function commands(platform: FakePlatform): string[] {
  return platform.calls.map((c) => c.command);
}

describe("opening and closing", () => {
  it("opens with the header button and with Mod-E, as a labelled modal dialog; Esc closes it and keeps the story open", async () => {
    const platform = new FakePlatform();
    const story = await makeStory(platform);
    const { onBack } = await openEditor(platform, story.id);

    const dialog = await openDialog();
    expect(dialog).toHaveAttribute("role", "dialog");
    expect(dialog).toHaveAttribute("aria-modal", "true");
    expect(document.getElementById(dialog.getAttribute("aria-labelledby") ?? "")).toHaveTextContent("Export story");
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByTestId("export-format-zip")));

    await fireEvent.keyDown(document.activeElement ?? dialog, { key: "Escape" });
    expect(screen.queryByTestId("export-dialog")).toBeNull();
    expect(onBack).not.toHaveBeenCalled();

    await fireEvent.keyDown(window, { key: "e", ctrlKey: true });
    expect(await screen.findByTestId("export-dialog")).toBeInTheDocument();
  });

  it("keeps Tab inside the dialog", async () => {
    const platform = new FakePlatform();
    const story = await makeStory(platform);
    await openEditor(platform, story.id);
    const dialog = await openDialog();
    const confirm = within(dialog).getByTestId("export-confirm");
    confirm.focus();
    await fireEvent.keyDown(confirm, { key: "Tab" });
    expect(document.activeElement).toBe(within(dialog).getByLabelText("Esc to close"));
    await fireEvent.keyDown(document.activeElement ?? dialog, { key: "Tab", shiftKey: true });
    expect(document.activeElement).toBe(confirm);
  });

  it("defaults to the story package, 2048 px, GPS removed, with one line per format", async () => {
    const platform = new FakePlatform();
    const story = await makeStory(platform);
    await openEditor(platform, story.id);
    const dialog = await openDialog();
    expect(within(dialog).getByTestId("export-format-zip")).toBeChecked();
    for (const f of ["html", "hugo", "ninjs", "newsml", "docx", "pdf"]) expect(within(dialog).getByTestId(`export-format-${f}`)).not.toBeChecked();
    expect(dialog).toHaveTextContent("Markdown for static sites");
    expect(dialog).toHaveTextContent("NewsML-G2 2.35");
    expect(within(dialog).getByTestId("export-long-edge")).toHaveValue(2048);
    expect(within(dialog).getByTestId("export-keep-gps")).not.toBeChecked();
    expect(dialog).toHaveTextContent("Off protects sources: location is removed from exported photos");
  });
});

describe("checklist", () => {
  it("lists an unresolved TK note and a photo without alt text or credit, and offers Export anyway", async () => {
    const platform = new FakePlatform();
    const story = await makeStory(platform, { tk: true, photoNoAlt: true });
    await openEditor(platform, story.id);
    const dialog = await openDialog();
    const items = await within(dialog).findAllByTestId("checklist-item");
    const messages = items.map((i) => i.textContent ?? "");
    expect(messages.some((m) => /1 unresolved TK or newsroom note/.test(m))).toBe(true);
    expect(messages.some((m) => /the lead photo has no alt text/.test(m))).toBe(true);
    expect(items.map((i) => i.dataset.check)).toEqual(expect.arrayContaining(["notes", "photo"]));
    expect(within(dialog).queryByTestId("checklist-ready")).toBeNull();
    expect(within(dialog).getByTestId("export-confirm")).toHaveTextContent("Export anyway");
  });

  it("says Ready to publish when nothing is left to fix", async () => {
    const platform = new FakePlatform();
    const story = await makeStory(platform);
    await openEditor(platform, story.id);
    const dialog = await openDialog();
    expect(await within(dialog).findByTestId("checklist-ready")).toHaveTextContent("Ready to publish");
    expect(within(dialog).queryAllByTestId("checklist-item")).toHaveLength(0);
    expect(within(dialog).getByTestId("export-confirm")).toHaveTextContent("Export…");
  });

  it("flags an empty or over-long headline and a story under its word target (fake checklist)", async () => {
    const platform = new FakePlatform();
    const s = await makeStory(platform);
    const edit = { id: s.id, baseRevision: s.revision, slug: s.slug, kicker: "", headline: "x".repeat(111), standfirst: "", byline: "", dateline: "", language: s.language, status: s.status, tags: [], wordTarget: 600, body: s.body };
    const long = await platform.saveStory(edit);
    expect((await platform.exportChecklist(s.id)).map((i) => i.check)).toEqual(["headlineLength", "wordTarget"]);
    await platform.saveStory({ ...edit, baseRevision: long.revision, headline: "  ", wordTarget: null });
    expect(await platform.exportChecklist(s.id)).toEqual([{ check: "headline", message: "the headline is empty" }]);
  });
});

describe("exporting", () => {
  it("sends the chosen format and options, shows the path, and reveals it in the file manager", async () => {
    const platform = new FakePlatform();
    const story = await makeStory(platform);
    await openEditor(platform, story.id);
    const dialog = await openDialog();
    await within(dialog).findByTestId("checklist-ready");

    await fireEvent.click(within(dialog).getByTestId("export-format-html"));
    await fireEvent.input(within(dialog).getByTestId("export-long-edge"), { target: { value: "1024" } });
    await fireEvent.click(within(dialog).getByTestId("export-keep-gps"));
    await fireEvent.input(within(dialog).getByTestId("export-base-url"), { target: { value: "https://news.example.org/stories/" } });
    await fireEvent.click(within(dialog).getByTestId("export-confirm"));

    const result = await within(dialog).findByTestId("export-result");
    const path = `/home/you/Exports/${story.slug}-html`;
    expect(result).toHaveTextContent(`Exported to ${path}`);
    const call = platform.calls.find((c) => c.command === "export_story");
    expect(call?.args).toEqual({ story: story.id, request: { format: "html", longEdge: 1024, keepGps: true, baseUrl: "https://news.example.org/stories/", paper: "letter" } });

    await fireEvent.click(within(result).getByRole("button", { name: "Show in folder" }));
    await waitFor(() => expect(platform.calls.at(-1)).toEqual({ command: "reveal_export", args: { path } }));
    expect(within(dialog).queryByTestId("export-error")).toBeNull();
    // The base URL is remembered for the next export.
    expect(localStorage.getItem("byline.export.baseUrl")).toBe("https://news.example.org/stories/");
  });

  it("sends the defaults (story package, 2048, GPS removed, no base URL, the language's paper) and reuses a remembered base URL", async () => {
    localStorage.setItem("byline.export.baseUrl", "https://example.org/");
    const platform = new FakePlatform();
    const story = await makeStory(platform);
    await openEditor(platform, story.id);
    const dialog = await openDialog();
    expect(within(dialog).getByTestId("export-base-url")).toHaveValue("https://example.org/");
    await fireEvent.input(within(dialog).getByTestId("export-base-url"), { target: { value: "" } });
    await fireEvent.click(within(dialog).getByTestId("export-confirm"));
    expect(await within(dialog).findByTestId("export-result")).toHaveTextContent(`/home/you/Exports/${story.slug}.zip`);
    expect(platform.calls.find((c) => c.command === "export_story")?.args).toEqual({
      story: story.id,
      request: { format: "zip", longEdge: 2048, keepGps: false, baseUrl: null, paper: "letter" },
    });
    expect(localStorage.getItem("byline.export.baseUrl")).toBeNull();
  });

  it("fills an empty base URL from the library settings, and does not remember the library's own", async () => {
    const platform = new FakePlatform();
    await platform.setLibrarySettings({ ...(await platform.librarySettings()), baseUrl: "https://news.example.org/stories" });
    const story = await makeStory(platform);
    await openEditor(platform, story.id);
    const dialog = await openDialog();
    await waitFor(() => expect(within(dialog).getByTestId("export-base-url")).toHaveValue("https://news.example.org/stories"));
    expect(within(dialog).getByTestId("export-base-url-from-library")).toBeInTheDocument();
    await fireEvent.click(within(dialog).getByTestId("export-confirm"));
    await within(dialog).findByTestId("export-result");
    expect(platform.calls.find((c) => c.command === "export_story")?.args).toMatchObject({ request: { baseUrl: "https://news.example.org/stories" } });
    expect(localStorage.getItem("byline.export.baseUrl")).toBeNull();
  });

  it("keeps a base URL the journalist typed over the library's", async () => {
    localStorage.setItem("byline.export.baseUrl", "https://mine.example.org/");
    const platform = new FakePlatform();
    await platform.setLibrarySettings({ ...(await platform.librarySettings()), baseUrl: "https://news.example.org/stories" });
    const story = await makeStory(platform);
    await openEditor(platform, story.id);
    const dialog = await openDialog();
    await waitFor(() => expect(platform.calls.some((c) => c.command === "library_settings")).toBe(true));
    await new Promise((r) => setTimeout(r, 0));
    expect(within(dialog).getByTestId("export-base-url")).toHaveValue("https://mine.example.org/");
    expect(within(dialog).queryByTestId("export-base-url-from-library")).toBeNull();
  });

  it("shows Exporting… (disabled) while the core works", async () => {
    const platform = new FakePlatform();
    const story = await makeStory(platform);
    await openEditor(platform, story.id);
    const dialog = await openDialog();
    await within(dialog).findByTestId("checklist-ready");
    platform.latencyMs = 30;
    const confirm = within(dialog).getByTestId("export-confirm");
    await fireEvent.click(confirm);
    await waitFor(() => expect(confirm).toHaveTextContent("Exporting…"));
    expect(confirm).toBeDisabled();
    await within(dialog).findByTestId("export-result");
    expect(confirm).toBeEnabled();
  });

  it("does nothing when the folder dialog is cancelled", async () => {
    const platform = new FakePlatform();
    platform.exportFolderPick = null;
    const story = await makeStory(platform);
    await openEditor(platform, story.id);
    const dialog = await openDialog();
    await fireEvent.click(within(dialog).getByTestId("export-confirm"));
    await waitFor(() => expect(commands(platform)).toContain("export_story"));
    await waitFor(() => expect(within(dialog).getByTestId("export-confirm")).toBeEnabled());
    expect(within(dialog).queryByTestId("export-result")).toBeNull();
    expect(within(dialog).queryByTestId("export-error")).toBeNull();
    expect(screen.getByTestId("export-dialog")).toBeInTheDocument();
  });

  it("shows an error inline and keeps the dialog open", async () => {
    const platform = new FakePlatform();
    const story = await makeStory(platform, { slug: "already-exists-here" });
    await openEditor(platform, story.id);
    const dialog = await openDialog();
    await fireEvent.click(within(dialog).getByTestId("export-confirm"));
    const error = await within(dialog).findByTestId("export-error");
    expect(error).toHaveTextContent("already exists; choose another destination (nothing was overwritten)");
    expect(error).toHaveAttribute("role", "alert");
    expect(within(dialog).queryByTestId("export-result")).toBeNull();
    expect(screen.getByTestId("export-dialog")).toBeInTheDocument();
    expect(within(dialog).getByTestId("export-confirm")).toBeEnabled();
  });

  it("refuses an invalid base URL or rendition size without calling the core", async () => {
    const platform = new FakePlatform();
    const story = await makeStory(platform);
    await openEditor(platform, story.id);
    const dialog = await openDialog();
    const baseUrl = within(dialog).getByTestId("export-base-url");
    await fireEvent.input(baseUrl, { target: { value: "javascript:alert(1)" } });
    await fireEvent.click(within(dialog).getByTestId("export-confirm"));
    expect(await within(dialog).findByTestId("base-url-error")).toHaveTextContent("https://");
    expect(baseUrl).toHaveAttribute("aria-invalid", "true");
    expect(document.activeElement).toBe(baseUrl);

    await fireEvent.input(baseUrl, { target: { value: "news.example.org" } });
    await fireEvent.click(within(dialog).getByTestId("export-confirm"));
    expect(within(dialog).getByTestId("base-url-error")).toBeInTheDocument();

    await fireEvent.input(baseUrl, { target: { value: "" } });
    await fireEvent.input(within(dialog).getByTestId("export-long-edge"), { target: { value: "100" } });
    await fireEvent.click(within(dialog).getByTestId("export-confirm"));
    expect(await within(dialog).findByTestId("long-edge-error")).toHaveTextContent("256 to 8192");
    expect(commands(platform)).not.toContain("export_story");
    expect(localStorage.getItem("byline.export.baseUrl")).toBeNull();
  });

  it("flushes a pending autosave first and saves nothing itself", async () => {
    const platform = new FakePlatform();
    const story = await makeStory(platform);
    await openEditor(platform, story.id);
    await fireEvent.input(screen.getByTestId("headline"), { target: { value: "Ministers meet in Rome again" } });
    await fireEvent.keyDown(window, { key: "e", ctrlKey: true });
    const dialog = await screen.findByTestId("export-dialog");
    // The pending edit is saved before the checklist is read.
    await waitFor(() => expect(commands(platform)).toContain("export_checklist"));
    const cmds = commands(platform);
    expect(cmds.lastIndexOf("save_story")).toBeLessThan(cmds.indexOf("export_checklist"));
    const before = await platform.getStory(story.id);
    expect(before.headline).toBe("Ministers meet in Rome again");

    const saves = cmds.filter((c) => c === "save_story").length;
    await fireEvent.click(within(dialog).getByTestId("export-confirm"));
    await within(dialog).findByTestId("export-result");
    expect(commands(platform).filter((c) => c === "save_story")).toHaveLength(saves);
    expect((await platform.getStory(story.id)).revision).toBe(before.revision);
  });
});

describe("Word document and PDF proof", () => {
  /** The page-size radio group, or null when the dialog does not show it. */
  const paperGroup = (dialog: HTMLElement) => within(dialog).queryByRole("radiogroup", { name: "Page size" });

  it("offers the PDF proof after the Word document, and the package says it holds them", async () => {
    const platform = new FakePlatform();
    const story = await makeStory(platform);
    await openEditor(platform, story.id);
    const dialog = await openDialog();
    const order = within(dialog)
      .getAllByRole("radio")
      .filter((r) => r.getAttribute("name") === "export-format")
      .map((r) => (r as HTMLInputElement).value);
    expect(order).toEqual(["html", "hugo", "ninjs", "newsml", "docx", "pdf", "zip"]);
    const pdf = within(dialog).getByTestId("export-format-pdf");
    expect(pdf).toHaveAccessibleName("PDF proof A print-ready proof: photos, captions, page numbers, status; marked not for publication unless ready");
    expect(document.getElementById("export-format-zip-desc")).toHaveTextContent(/all of the above \(.*Word and the PDF proof\)/);
  });

  it("shows the page size for the PDF proof and the package that holds one, and nowhere else", async () => {
    const platform = new FakePlatform();
    const story = await makeStory(platform);
    await openEditor(platform, story.id);
    const dialog = await openDialog();
    expect(paperGroup(dialog), "the package, chosen by default").not.toBeNull();
    await fireEvent.click(within(dialog).getByTestId("export-format-html"));
    expect(paperGroup(dialog)).toBeNull();
    await fireEvent.click(within(dialog).getByTestId("export-format-pdf"));
    const group = paperGroup(dialog);
    expect(group).not.toBeNull();
    expect(within(group as HTMLElement).getByRole("radio", { name: "A4" })).toBe(within(dialog).getByTestId("export-paper-a4"));
    expect(within(group as HTMLElement).getByRole("radio", { name: "US Letter" })).toBe(within(dialog).getByTestId("export-paper-letter"));
    // Rendition size and GPS still apply: the proof's photos are renditions too.
    expect(within(dialog).getByTestId("export-long-edge")).toBeInTheDocument();
    expect(within(dialog).getByTestId("export-keep-gps")).toBeInTheDocument();
    for (const f of EXPORT_FORMATS.filter((f) => f !== "pdf" && f !== "zip")) {
      await fireEvent.click(within(dialog).getByTestId(`export-format-${f}`));
      expect(paperGroup(dialog), f).toBeNull();
    }
  });

  it("starts on US Letter for an en-US story and on A4 for an en-GB one", async () => {
    const platform = new FakePlatform();
    const us = await makeStory(platform, { language: "en-US" });
    await openEditor(platform, us.id);
    let dialog = await openDialog();
    await fireEvent.click(within(dialog).getByTestId("export-format-pdf"));
    expect(within(dialog).getByTestId("export-paper-letter")).toBeChecked();
    expect(within(dialog).getByTestId("export-paper-a4")).not.toBeChecked();
    cleanup();

    const gb = await makeStory(platform, { language: "en-GB" });
    await openEditor(platform, gb.id);
    dialog = await openDialog();
    await fireEvent.click(within(dialog).getByTestId("export-format-pdf"));
    expect(within(dialog).getByTestId("export-paper-a4")).toBeChecked();
    expect(within(dialog).getByTestId("export-paper-letter")).not.toBeChecked();
  });

  it("exports the proof on the chosen paper as <slug>.pdf and remembers the choice", async () => {
    const platform = new FakePlatform();
    const story = await makeStory(platform, { language: "en-US" });
    await openEditor(platform, story.id);
    const dialog = await openDialog();
    await fireEvent.click(within(dialog).getByTestId("export-format-pdf"));
    await fireEvent.click(within(dialog).getByTestId("export-paper-a4"));
    await fireEvent.click(within(dialog).getByTestId("export-confirm"));

    const path = `/home/you/Exports/${story.slug}.pdf`;
    expect(await within(dialog).findByTestId("export-path")).toHaveTextContent(new RegExp(`^${path}$`));
    expect(platform.exportRequests).toEqual([{ format: "pdf", longEdge: 2048, keepGps: false, baseUrl: null, paper: "a4" }]);
    expect(platform.calls.find((c) => c.command === "export_story")?.args).toEqual({ story: story.id, request: platform.exportRequests[0] });
    expect(rememberedPaper()).toBe("a4");
    await fireEvent.click(within(dialog).getByTestId("export-reveal"));
    await waitFor(() => expect(platform.calls.at(-1)).toEqual({ command: "reveal_export", args: { path } }));
    expect(within(dialog).queryByTestId("export-error")).toBeNull();
  });

  it("uses the remembered page size next time, over the story's language", async () => {
    const platform = new FakePlatform();
    const story = await makeStory(platform, { language: "en-US" });
    await openEditor(platform, story.id);
    let dialog = await openDialog();
    await fireEvent.click(within(dialog).getByTestId("export-format-pdf"));
    await fireEvent.click(within(dialog).getByTestId("export-paper-a4"));
    await fireEvent.click(within(dialog).getByTestId("export-confirm"));
    await within(dialog).findByTestId("export-result");
    await fireEvent.keyDown(document.activeElement ?? dialog, { key: "Escape" });
    expect(screen.queryByTestId("export-dialog")).toBeNull();

    // The same US story again: A4, as chosen; and every format's request carries it (the package holds the proof).
    dialog = await openDialog();
    await fireEvent.click(within(dialog).getByTestId("export-format-pdf"));
    expect(within(dialog).getByTestId("export-paper-a4")).toBeChecked();
    await fireEvent.click(within(dialog).getByTestId("export-format-zip"));
    await fireEvent.click(within(dialog).getByTestId("export-confirm"));
    await within(dialog).findByTestId("export-result");
    expect(platform.exportRequests.map((r) => [r.format, r.paper])).toEqual([
      ["pdf", "a4"],
      ["zip", "a4"],
    ]);
    cleanup();

    // A British story after Letter was chosen: Letter.
    localStorage.setItem("byline.export.paper", "letter");
    const gb = await makeStory(platform, { language: "en-GB" });
    await openEditor(platform, gb.id);
    dialog = await openDialog();
    await fireEvent.click(within(dialog).getByTestId("export-format-pdf"));
    expect(within(dialog).getByTestId("export-paper-letter")).toBeChecked();
  });

  it("does not remember a page size the journalist was not shown", async () => {
    const platform = new FakePlatform();
    const story = await makeStory(platform, { language: "en-GB" });
    await openEditor(platform, story.id);
    const dialog = await openDialog();
    await fireEvent.click(within(dialog).getByTestId("export-format-html"));
    await fireEvent.click(within(dialog).getByTestId("export-confirm"));
    await within(dialog).findByTestId("export-result");
    expect(platform.exportRequests).toMatchObject([{ format: "html", paper: "a4" }]);
    expect(localStorage.getItem("byline.export.paper")).toBeNull();
  });

  it("exports the Word document as <slug>.docx", async () => {
    const platform = new FakePlatform();
    const story = await makeStory(platform);
    await openEditor(platform, story.id);
    const dialog = await openDialog();
    await fireEvent.click(within(dialog).getByTestId("export-format-docx"));
    await fireEvent.click(within(dialog).getByTestId("export-confirm"));
    expect(await within(dialog).findByTestId("export-path")).toHaveTextContent(new RegExp(`^/home/you/Exports/${story.slug}\\.docx$`));
    expect(platform.exportRequests).toMatchObject([{ format: "docx", paper: "letter" }]);
  });

  it("refuses an unknown paper in the fake, like the core", async () => {
    const platform = new FakePlatform();
    const story = await makeStory(platform);
    const bad = { format: "pdf", longEdge: 2048, keepGps: false, baseUrl: null, paper: "a3" } as unknown as Parameters<FakePlatform["exportStory"]>[1];
    await expect(platform.exportStory(story.id, bad)).rejects.toMatchObject({ kind: "invalid_input", message: expect.stringContaining("unknown paper a3") });
  });
});

describe("validation helpers", () => {
  it("accepts http(s) base URLs only, and empty as none", () => {
    expect(parseBaseUrl("")).toEqual({ value: null });
    expect(parseBaseUrl(" https://a.example/x/ ")).toEqual({ value: "https://a.example/x/" });
    expect(parseBaseUrl("http://localhost:1313/")).toEqual({ value: "http://localhost:1313/" });
    for (const bad of ["ftp://a.example/", "file:///etc", "a.example", "https://user:pw@a.example/"]) expect(parseBaseUrl(bad)).toHaveProperty("error");
  });

  it("accepts whole pixel sizes from 256 to 8192", () => {
    expect(parseLongEdge(256)).toEqual({ value: 256 });
    expect(parseLongEdge("8192")).toEqual({ value: 8192 });
    for (const bad of [255, 8193, 1024.5, null, undefined, "", "12px"]) expect(parseLongEdge(bad)).toHaveProperty("error");
  });

  it("picks US Letter for a US or Canadian region, A4 for anything else", () => {
    for (const tag of ["en-US", "es-US", "fr-CA", "en-ca", "zh-Hant-US", " en-US "]) expect(paperForLanguage(tag), tag).toBe("letter");
    for (const tag of ["en-GB", "en", "fr", "de-DE", "ar-EG", "es-419", "en-x-us", "en-Latn-GB-oxendict", ""]) expect(paperForLanguage(tag), tag).toBe("a4");
  });

  it("remembers only a4 or letter", () => {
    expect(rememberedPaper()).toBeNull();
    localStorage.setItem("byline.export.paper", "letter");
    expect(rememberedPaper()).toBe("letter");
    localStorage.setItem("byline.export.paper", "tabloid");
    expect(rememberedPaper()).toBeNull();
  });

  it("offers every export format once, in the order of EXPORT_FORMATS", () => {
    expect(FORMAT_CHOICES.map((c) => c.format)).toEqual([...EXPORT_FORMATS]);
  });
});

describe("tauri platform", () => {
  it("calls the export commands with camelCase arguments", async () => {
    const p = createTauriPlatform();
    invoke.mockResolvedValueOnce([{ check: "notes", message: "1 unresolved TK" }]);
    expect(await p.exportChecklist("s1")).toEqual([{ check: "notes", message: "1 unresolved TK" }]);
    expect(invoke).toHaveBeenLastCalledWith("export_checklist", { story: "s1" });

    const request = { format: "pdf" as const, longEdge: 1600, keepGps: false, baseUrl: null, paper: "letter" as const };
    invoke.mockResolvedValueOnce({ path: null });
    expect(await p.exportStory("s1", request)).toEqual({ path: null });
    expect(invoke).toHaveBeenLastCalledWith("export_story", { story: "s1", request });

    invoke.mockRejectedValueOnce({ kind: "invalid_input", message: "/x already exists; choose another destination (nothing was overwritten)" });
    await expect(p.exportStory("s1", request)).rejects.toMatchObject({ kind: "invalid_input", command: "export_story" });

    invoke.mockResolvedValueOnce(null);
    await p.revealExport("/home/you/Exports/a.zip");
    expect(invoke).toHaveBeenLastCalledWith("reveal_export", { path: "/home/you/Exports/a.zip" });
  });
});
