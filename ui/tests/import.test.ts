/** Importing stories from the library view: Import… (the native dialog), files dropped on the library, the report. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import Library from "../src/components/Library.svelte";
import App from "../src/App.svelte";
import { FakePlatform } from "../src/platform/fake";
import { NOT_A_STORY_FILE, headlineFromFileName } from "../src/platform/fakeImport";
import { AppError } from "../src/platform/errors";
import { importSummary, skippedLine } from "../src/lib/imports";

afterEach(() => {
  cleanup();
  location.hash = "";
  vi.useRealTimers();
});

/** An empty library (no sample, no seeded stories). */
const emptyLibrary = () => new FakePlatform({ seed: false, stories: [] });

function renderLibrary(platform: FakePlatform, props: { readOnly?: boolean } = {}) {
  const opened: string[] = [];
  render(Library, { props: { platform, onOpen: (id: string) => opened.push(id), onNew: () => {}, ...props } });
  return { opened };
}

const calls = (p: FakePlatform, command: string) => p.calls.filter((c) => c.command === command);
const headlines = () => screen.queryAllByTestId("story-row").map((r) => r.querySelector(".headline")?.textContent);

/** Waits until the library has registered its drop handler (it does on mount, asynchronously). */
async function listening(platform: FakePlatform): Promise<void> {
  await waitFor(() => expect(calls(platform, "list_stories").length).toBeGreaterThan(0));
  await Promise.resolve();
}

describe("Import… (the native dialog)", () => {
  it("imports the two files picked: the list shows them and the report says Imported 2 stories", async () => {
    const platform = emptyLibrary();
    platform.importPick = ["/home/desk/council-budget.docx", "/home/desk/river_flood.md"];
    renderLibrary(platform);
    expect(await screen.findByTestId("empty-library")).toBeInTheDocument();
    const button = screen.getByTestId("import-button");
    expect(button).toHaveTextContent("Import…");
    await fireEvent.click(button);
    const report = await screen.findByTestId("import-report");
    expect(within(report).getByTestId("import-summary")).toHaveTextContent("Imported 2 stories");
    expect(report.closest("[aria-live='polite']")).not.toBeNull();
    // Two stories: no Open button (it is for exactly one), nothing left out, no notes.
    expect(within(report).queryByTestId("import-open")).toBeNull();
    expect(within(report).queryAllByTestId("import-skipped")).toHaveLength(0);
    expect(within(report).queryAllByTestId("import-note")).toHaveLength(0);
    await waitFor(() => expect(headlines().sort()).toEqual(["Council budget", "River flood"]));
    expect(screen.queryByTestId("empty-library")).toBeNull();
    expect(calls(platform, "import_from_dialog")).toHaveLength(1);
  });

  it("shows the note of a Word file whose tracked changes were accepted", async () => {
    const platform = new FakePlatform();
    platform.importPick = ["/home/desk/tracked-mayor-interview.docx"];
    renderLibrary(platform);
    await screen.findAllByTestId("story-row");
    await fireEvent.click(screen.getByTestId("import-button"));
    const report = await screen.findByTestId("import-report");
    expect(within(report).getByTestId("import-summary")).toHaveTextContent("Imported 1 story");
    expect(within(report).getAllByTestId("import-note").map((n) => n.textContent)).toEqual(["2 tracked changes were accepted"]);
    await waitFor(() => expect(headlines()[0]).toBe("Tracked mayor interview"));
  });

  it("imports a Word file whose picture is broken, and names the picture left out with why", async () => {
    const platform = emptyLibrary();
    platform.importPick = ["/home/desk/broken-photo-harbour.docx"];
    renderLibrary(platform);
    await screen.findByTestId("empty-library");
    await fireEvent.click(screen.getByTestId("import-button"));
    const report = await screen.findByTestId("import-report");
    expect(within(report).getByTestId("import-summary")).toHaveTextContent("Imported 1 story");
    const skipped = within(report).getAllByTestId("import-skipped").map((s) => s.textContent);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatch(/^image2\.jpeg: the photo could not be decoded: /);
    expect(within(report).getByText("Left out:")).toBeInTheDocument();
    await waitFor(() => expect(headlines()).toEqual(["Broken photo harbour"]));
  });

  it("shows no report when the dialog is cancelled", async () => {
    const platform = new FakePlatform();
    expect(platform.importPick).toEqual([]);
    renderLibrary(platform);
    const before = (await screen.findAllByTestId("story-row")).length;
    await fireEvent.click(screen.getByTestId("import-button"));
    await waitFor(() => expect(calls(platform, "import_from_dialog")).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId("import-button")).not.toBeDisabled());
    expect(screen.queryByTestId("import-report")).toBeNull();
    expect(screen.getAllByTestId("story-row")).toHaveLength(before);
  });

  it("is busy while the dialog is open, and disabled on a read-only library", async () => {
    const platform = new FakePlatform({ latencyMs: 30 });
    platform.importPick = ["/home/desk/a.txt"];
    renderLibrary(platform);
    await screen.findAllByTestId("story-row");
    const button = screen.getByTestId("import-button");
    await fireEvent.click(button);
    await waitFor(() => expect(button).toHaveTextContent("Importing…"));
    expect(button).toBeDisabled();
    await screen.findByTestId("import-report");
    await waitFor(() => expect(button).toHaveTextContent("Import…"));
    cleanup();
    renderLibrary(new FakePlatform(), { readOnly: true });
    expect(screen.getByTestId("import-button")).toBeDisabled();
  });

  it("shows the core's error, never swallows it", async () => {
    const platform = new FakePlatform();
    platform.importPick = ["/home/desk/a.txt"];
    platform.failNext = { command: "import_from_dialog", error: new AppError("io", "could not read or write /home/desk: permission denied", "import_from_dialog"), times: 1 };
    renderLibrary(platform);
    await screen.findAllByTestId("story-row");
    await fireEvent.click(screen.getByTestId("import-button"));
    const report = await screen.findByTestId("import-report");
    expect(within(report).getByTestId("import-summary")).toHaveTextContent("Nothing was imported");
    expect(within(report).getByTestId("import-error")).toHaveTextContent("could not read or write /home/desk: permission denied");
    expect(within(report).queryByTestId("import-open")).toBeNull();
  });
});

describe("files dropped on the library", () => {
  it("shows the hint while files hover and imports what is dropped", async () => {
    const platform = emptyLibrary();
    renderLibrary(platform);
    await screen.findByTestId("empty-library");
    await listening(platform);
    expect(screen.queryByTestId("library-drop-hint")).toBeNull();
    platform.dropFiles(null);
    expect(await screen.findByTestId("library-drop-hint")).toHaveTextContent("Drop Word files, Markdown or story packages to import them");
    platform.dropFiles(["/tmp/budget-vote.txt", "/tmp/Press-Release.MARKDOWN", "/tmp/archive.zip"]);
    await waitFor(() => expect(screen.queryByTestId("library-drop-hint")).toBeNull());
    const report = await screen.findByTestId("import-report");
    expect(within(report).getByTestId("import-summary")).toHaveTextContent("Imported 3 stories");
    expect(calls(platform, "import_stories").map((c) => c.args)).toEqual([{ paths: ["/tmp/budget-vote.txt", "/tmp/Press-Release.MARKDOWN", "/tmp/archive.zip"] }]);
    await waitFor(() => expect(headlines().sort()).toEqual(["Archive", "Budget vote", "Press Release"]));
  });

  it("shows an unsupported file as left out, with why, and imports the others", async () => {
    const platform = emptyLibrary();
    renderLibrary(platform);
    await screen.findByTestId("empty-library");
    await listening(platform);
    platform.dropFiles(["/tmp/notes.pdf", "/tmp/old-letter.doc", "/tmp/school-board.md"]);
    const report = await screen.findByTestId("import-report");
    expect(within(report).getByTestId("import-summary")).toHaveTextContent("Imported 1 story");
    const skipped = within(report).getAllByTestId("import-skipped").map((s) => s.textContent);
    expect(skipped).toEqual([
      `/tmp/notes.pdf: ${NOT_A_STORY_FILE}`,
      // The core's message names the file already: it is not said twice.
      "/tmp/old-letter.doc cannot be imported: the file is password-protected or is an old Word 97-2003 document (.doc): open it in Word or LibreOffice, remove the password, save it as .docx and import that",
    ]);
    await waitFor(() => expect(headlines()).toEqual(["School board"]));
  });

  it("says Nothing was imported when every dropped file is left out", async () => {
    const platform = new FakePlatform();
    renderLibrary(platform);
    const before = (await screen.findAllByTestId("story-row")).length;
    await listening(platform);
    platform.dropFiles(["/tmp/photo.jpg"]);
    const report = await screen.findByTestId("import-report");
    expect(within(report).getByTestId("import-summary")).toHaveTextContent("Nothing was imported");
    expect(within(report).getByTestId("import-skipped")).toHaveTextContent(`/tmp/photo.jpg: ${NOT_A_STORY_FILE}`);
    expect(screen.getAllByTestId("story-row")).toHaveLength(before);
  });

  it("is refused on a read-only library, saying why", async () => {
    const platform = new FakePlatform();
    renderLibrary(platform, { readOnly: true });
    await screen.findAllByTestId("story-row");
    await listening(platform);
    platform.dropFiles(["/tmp/a.md"]);
    const report = await screen.findByTestId("import-report");
    expect(within(report).getByTestId("import-error")).toHaveTextContent("read-only");
    expect(calls(platform, "import_stories")).toHaveLength(0);
  });

  it("renders file names and headlines as text, never as HTML", async () => {
    const platform = emptyLibrary();
    renderLibrary(platform);
    await screen.findByTestId("empty-library");
    await listening(platform);
    const evil = "<img src=x onerror=alert(1)>";
    platform.dropFiles([`/tmp/${evil}.pdf`, `/tmp/${evil}.txt`]);
    const report = await screen.findByTestId("import-report");
    expect(within(report).getByTestId("import-skipped").textContent).toBe(`/tmp/${evil}.pdf: ${NOT_A_STORY_FILE}`);
    await waitFor(() => expect(headlines()).toEqual([evil]));
    expect(document.querySelector("img")).toBeNull();
  });
});

describe("the report", () => {
  it("opens the single imported story the way a click on its row does", async () => {
    const platform = new FakePlatform();
    platform.importPick = ["/home/desk/council-budget.docx"];
    const { opened } = renderLibrary(platform);
    await screen.findAllByTestId("story-row");
    await fireEvent.click(screen.getByTestId("import-button"));
    const open = await screen.findByTestId("import-open");
    const [id] = (await platform.listStories(null, 0, 1)).stories.map((s) => s.id);
    expect(platform.peek(id).headline).toBe("Council budget");
    await fireEvent.click(open);
    expect(opened).toEqual([id]);
    // The same as clicking its row.
    await fireEvent.click(screen.getAllByTestId("story-row").find((r) => r.dataset.id === id)!);
    expect(opened).toEqual([id, id]);
  });

  it("opens it in the editor in the app", async () => {
    const platform = new FakePlatform();
    platform.importPick = ["/home/desk/council-budget.docx"];
    render(App, { props: { platform } });
    await fireEvent.click(await screen.findByTestId("import-button"));
    await fireEvent.click(await screen.findByTestId("import-open"));
    expect(await screen.findByTestId("headline")).toHaveValue("Council budget");
    expect(location.hash).toMatch(/^#\/story\//);
  });

  it("is dismissed by its close button and by Escape, focus going back to Import…", async () => {
    const platform = new FakePlatform();
    platform.importPick = ["/home/desk/a.txt"];
    renderLibrary(platform);
    await screen.findAllByTestId("story-row");
    const button = screen.getByTestId("import-button");
    await fireEvent.click(button);
    await fireEvent.click(await screen.findByTestId("import-report-close"));
    expect(screen.queryByTestId("import-report")).toBeNull();

    await waitFor(() => expect(button).not.toBeDisabled());
    await fireEvent.click(button);
    const close = await screen.findByTestId("import-report-close");
    close.focus();
    await fireEvent.keyDown(close, { key: "Escape" });
    expect(screen.queryByTestId("import-report")).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(button));
  });
});

describe("one drop, one handler", () => {
  it("stops importing drops once a story is open: the editor attaches them as photos", async () => {
    const platform = new FakePlatform();
    render(App, { props: { platform } });
    const rows = await screen.findAllByTestId("story-row");
    await listening(platform);
    await fireEvent.click(rows[0]);
    await screen.findByTestId("headline");
    await waitFor(() => expect(calls(platform, "photo_warnings").length).toBeGreaterThan(0));
    // The library's handler went with the library: the editor's is the only one.
    await waitFor(() => expect(platform.dropListeners).toBe(1));
    platform.dropFiles(["/tmp/afp-rome.jpg"]);
    await waitFor(() => expect(calls(platform, "attach_photos")).toHaveLength(1));
    expect(calls(platform, "import_stories")).toHaveLength(0);

    // Back in the library, drops are imported again (and only there).
    await fireEvent.click(screen.getByTestId("back"));
    await screen.findAllByTestId("story-row");
    await listening(platform);
    await waitFor(() => expect(screen.queryByTestId("headline")).toBeNull());
    await waitFor(() => expect(platform.dropListeners).toBe(1));
    platform.dropFiles(["/tmp/late-edition.md"]);
    await screen.findByTestId("import-report");
    expect(calls(platform, "import_stories")).toHaveLength(1);
    expect(calls(platform, "attach_photos")).toHaveLength(1);
  });

  it("leaves no handler behind when the library goes before its handler is registered", async () => {
    const platform = new FakePlatform();
    const { unmount } = render(Library, { props: { platform, onOpen: () => {}, onNew: () => {} } });
    unmount();
    await new Promise((r) => setTimeout(r, 0));
    expect(platform.dropListeners).toBe(0);
  });
});

describe("how a report reads", () => {
  it("counts stories and says each file left out once", () => {
    expect(importSummary({ stories: ["a"], skipped: [], notes: [] })).toBe("Imported 1 story");
    expect(importSummary({ stories: ["a", "b", "c"], skipped: [], notes: [] })).toBe("Imported 3 stories");
    expect(importSummary({ stories: [], skipped: [{ file: "x", problem: "y" }], notes: [] })).toBe("Nothing was imported");
    expect(skippedLine({ file: "image2.jpeg", problem: "the photo could not be decoded: bad" })).toBe("image2.jpeg: the photo could not be decoded: bad");
    // The core's Error::Photo already reads "file: problem".
    expect(skippedLine({ file: "image2.jpeg", problem: "image2.jpeg: the photo could not be decoded: bad" })).toBe("image2.jpeg: the photo could not be decoded: bad");
    expect(skippedLine({ file: "/d/a.docx", problem: "/d/a.docx cannot be imported: this is not a DOCX" })).toBe("/d/a.docx cannot be imported: this is not a DOCX");
  });

  it("makes headlines from file names in the fake", () => {
    expect(headlineFromFileName("council-budget.docx")).toBe("Council budget");
    expect(headlineFromFileName("river_flood  update.md")).toBe("River flood update");
    expect(headlineFromFileName(".txt")).toBe("");
  });
});
