/**
 * The copy desk in the editor beyond the body: findings listed under a head field and under a
 * photo's caption, credit and alt text (a suggestion taken there saves the field as typing does),
 * a finding in the drawer focusing its field with the text selected, "Turn off this rule" (the
 * popover, the drawer, a field; undone from the toast), a suggestion that removes text ("Remove"),
 * and the copy desk's settings opened from the drawer, after which the story is checked again.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import Editor from "../src/components/Editor.svelte";
import { FakePlatform } from "../src/platform/fake";
import { AppError } from "../src/platform/errors";
import { toasts, dismissToast } from "../src/lib/toasts.svelte";
import { CopyDesk } from "../src/lib/copyDesk.svelte";
import { SAMPLE_HEADLINE } from "../src/platform/sample";
import type { CheckReport, Finding, PhotoUseEdit, StoryEdit } from "../src/platform/types";
import { addStory } from "./fixtures";

afterEach(() => {
  cleanup();
  for (const t of [...toasts]) dismissToast(t.id);
  vi.restoreAllMocks();
});

async function open(platform: FakePlatform, storyId: string) {
  render(Editor, { props: { platform, storyId, onBack: () => {} } });
  await screen.findByTestId("body");
}

async function headlineStory(headline = "Teh talks in Rome", paragraphs = ["The delegaton arrived."]) {
  const platform = new FakePlatform();
  const story = await addStory(platform, { headline, paragraphs });
  await open(platform, story.id);
  await waitFor(() => expect(count()).toBe("2"));
  return { platform, story };
}

/** The sample story (its lead's caption says "Algieria"). */
async function sampleStory() {
  const platform = new FakePlatform();
  const id = (await platform.listStories(null, 0, 100)).stories.find((s) => s.headline === SAMPLE_HEADLINE)?.id;
  if (!id) throw new Error("no sample story");
  await open(platform, id);
  await waitFor(() => expect(platform.calls.some((c) => c.command === "check_story")).toBe(true));
  return { platform, id };
}

/** The top bar's count of findings ("0" when it shows none). */
const count = () => screen.queryByTestId("copy-desk-count")?.textContent ?? "0";
const calls = (p: FakePlatform, command: string) => p.calls.filter((c) => c.command === command);
const savedEdits = (p: FakePlatform) => calls(p, "save_story").map((c) => (c.args as { edit: StoryEdit }).edit);

describe("findings under a head field", () => {
  it("lists the headline's finding under it, described by it, and takes a suggestion as typing would", async () => {
    const { platform, story } = await headlineStory();
    const headline = screen.getByTestId("headline") as HTMLTextAreaElement;
    const list = await screen.findByRole("list", { name: "Copy desk: Headline" });
    // The field is described by the messages, not by the buttons.
    expect(headline).toHaveAccessibleDescription("Copy desk: “Teh” is not in the en-US dictionary");
    expect(within(list).getByText("“Teh” is not in the en-US dictionary")).toBeInTheDocument();
    // Nothing listed under the standfirst: no list.
    expect(screen.queryByRole("list", { name: "Copy desk: Standfirst" })).toBeNull();
    expect(screen.getByTestId("standfirst")).not.toHaveAttribute("aria-describedby");

    await fireEvent.click(within(list).getByRole("button", { name: "Replace “Teh” with “The”" }));
    expect(headline.value).toBe("The talks in Rome");
    // The finding goes at once; the caret is back in the headline after the word put in.
    expect(screen.queryByRole("list", { name: "Copy desk: Headline" })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(headline));
    expect([headline.selectionStart, headline.selectionEnd]).toEqual([3, 3]);
    // Saved as any edit of the headline, then checked again.
    await waitFor(() => expect(savedEdits(platform).at(-1)?.headline).toBe("The talks in Rome"));
    expect(platform.peek(story.id).headline).toBe("The talks in Rome");
    await waitFor(() => expect(count()).toBe("1"), { timeout: 4000 });
  });

  it("hides a finding whose text was typed over, until the next check", async () => {
    await headlineStory();
    expect(await screen.findByRole("list", { name: "Copy desk: Headline" })).toBeInTheDocument();
    await fireEvent.input(screen.getByTestId("headline"), { target: { value: "Talks in Rome" } });
    expect(screen.queryByRole("list", { name: "Copy desk: Headline" })).toBeNull();
  });

  it("ignores a word or adds it to the dictionary from the field", async () => {
    const { platform } = await headlineStory("Teh talks on the goverment", []);
    const list = await screen.findByRole("list", { name: "Copy desk: Headline" });
    await fireEvent.click(within(list).getByRole("button", { name: "Ignore in this story: “Teh”" }));
    await waitFor(() => expect(calls(platform, "ignore_word")).toHaveLength(1));
    await waitFor(() => expect(within(screen.getByRole("list", { name: "Copy desk: Headline" })).getAllByTestId("field-finding")).toHaveLength(1));
    await fireEvent.click(screen.getByRole("button", { name: "Add to dictionary: “goverment”" }));
    await waitFor(() => expect(screen.queryByRole("list", { name: "Copy desk: Headline" })).toBeNull());
    expect(await platform.dictionaryWords()).toEqual(["goverment"]);
    expect(document.activeElement).toBe(screen.getByTestId("headline"));
  });

  it("shows only the messages in a read-only library", async () => {
    const platform = new FakePlatform({ seed: false });
    const story = await addStory(platform, { headline: "Teh talks" });
    render(Editor, { props: { platform, storyId: story.id, onBack: () => {}, readOnly: true } });
    const list = await screen.findByRole("list", { name: "Copy desk: Headline" });
    expect(within(list).getByText(/“Teh”/)).toBeInTheDocument();
    expect(within(list).queryAllByRole("button")).toHaveLength(0);
  });
});

describe("findings on a photo's caption, credit and alt text", () => {
  it("lists the caption's finding under it in the photos panel and saves the suggestion taken", async () => {
    const { platform, id } = await sampleStory();
    await fireEvent.click(screen.getByTestId("photos-button"));
    await fireEvent.click(await screen.findByTestId("photo-thumb"));
    const caption = (await screen.findByTestId("use-caption")) as HTMLTextAreaElement;
    const list = await screen.findByRole("list", { name: "Copy desk: Caption" });
    expect(caption).toHaveAccessibleDescription("Copy desk: “Algieria” is not in the en-US dictionary");
    expect(within(list).getByText(/“Algieria”/)).toBeInTheDocument();

    const checks = calls(platform, "check_story").length;
    await fireEvent.click(within(list).getByRole("button", { name: "Replace “Algieria” with “Algeria”" }));
    expect(caption.value).toBe("AL Secretary General Ahmed Aboul-Gheit speaks at a news conference in Algiers, Algeria.");
    await waitFor(() => expect(calls(platform, "edit_photo_use")).toHaveLength(1));
    const edit = (calls(platform, "edit_photo_use")[0].args as { edit: PhotoUseEdit }).edit;
    expect(edit.caption).toBe(caption.value);
    expect(edit.credit).toBeNull();
    expect(platform.peek(id).photos[0].caption).toBe(caption.value);
    // The caption was saved: the story is checked again.
    await waitFor(() => expect(calls(platform, "check_story").length).toBeGreaterThan(checks));
    await waitFor(() => expect(screen.queryByRole("list", { name: "Copy desk: Caption" })).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(caption));
  });

  it("goes from the drawer to the caption with the word selected", async () => {
    await sampleStory();
    await fireEvent.click(screen.getByTestId("copy-desk-button"));
    const item = (await screen.findAllByTestId("copy-finding")).find((b) => b.textContent?.includes("Algieria"));
    if (!item) throw new Error("no caption finding in the drawer");
    expect(item).toHaveAccessibleName(/^Caption: /);
    await fireEvent.click(item);
    const caption = (await screen.findByTestId("use-caption")) as HTMLTextAreaElement;
    await waitFor(() => expect(document.activeElement).toBe(caption));
    expect(caption.value.slice(caption.selectionStart, caption.selectionEnd)).toBe("Algieria");
  });

  it("takes a caption's suggestion from the drawer with the caption editor closed, saving the photo's details", async () => {
    const { platform, id } = await sampleStory();
    await fireEvent.click(screen.getByTestId("copy-desk-button"));
    const button = await screen.findByRole("button", { name: "Replace “Algieria” with “Algeria”" });
    await fireEvent.click(button);
    await waitFor(() => expect(calls(platform, "edit_photo_use")).toHaveLength(1));
    expect(platform.peek(id).photos[0].caption).toMatch(/Algiers, Algeria\.$/);
  });
});

describe("a suggestion that removes the text", () => {
  it("shows as Remove in the popover, the drawer and under a field, and takes the text out", async () => {
    const platform = new FakePlatform({ seed: false });
    const story = await addStory(platform, { headline: "Talks talks in Rome", paragraphs: ["They met met on Monday."] });
    const doubled = (field: "headline" | "body", start: number, end: number, text: string): Finding => ({
      rule: "words.doubled",
      category: "grammar",
      severity: "warning",
      place: { field, block: field === "body" ? [0] : [], photoUse: null },
      start,
      end,
      text,
      message: "The same word twice",
      suggestions: [""],
    });
    let report: CheckReport = { findings: [doubled("headline", 5, 11, " talks"), doubled("body", 8, 12, " met")], missingDictionaries: [] };
    vi.spyOn(platform, "checkStory").mockImplementation(async () => report);
    await open(platform, story.id);
    const body = screen.getByTestId("body");
    await waitFor(() => expect(body.querySelectorAll(".copy-mark").length).toBe(1));

    // Under the headline.
    const list = await screen.findByRole("list", { name: "Copy desk: Headline" });
    const remove = within(list).getByRole("button", { name: "Remove “ talks”" });
    expect(remove).toHaveTextContent(/^Remove$/);
    // In the drawer.
    await fireEvent.click(screen.getByTestId("copy-desk-button"));
    const panelRemove = await screen.findByRole("button", { name: "Remove “ met”" });
    expect(panelRemove).toHaveTextContent(/^Remove$/);
    // In the popover.
    await fireEvent.click(screen.getAllByTestId("copy-finding")[1]);
    await fireEvent.keyDown(body, { key: ".", ctrlKey: true });
    const pop = await screen.findByTestId("copy-popover");
    const popRemove = within(pop).getByRole("button", { name: "Remove “ met”" });
    expect(popRemove).toHaveTextContent(/^Remove$/);

    report = { findings: [], missingDictionaries: [] };
    await fireEvent.click(popRemove);
    await waitFor(() => expect(body.textContent).toBe("They met on Monday."));
    await fireEvent.click(remove);
    expect((screen.getByTestId("headline") as HTMLTextAreaElement).value).toBe("Talks in Rome");
    await waitFor(() => expect(platform.peek(story.id).headline).toBe("Talks in Rome"));
  });
});

describe("turning a rule off", () => {
  it("from the popover: the rule joins the settings' switched-off rules, its findings go, and Undo brings it back", async () => {
    const { platform } = await headlineStory();
    const body = screen.getByTestId("body");
    await waitFor(() => expect(body.querySelectorAll(".copy-mark").length).toBe(1));
    await fireEvent.click(screen.getByTestId("copy-desk-button"));
    await fireEvent.click(screen.getAllByTestId("copy-finding")[1]);
    await fireEvent.keyDown(body, { key: ".", ctrlKey: true });
    const pop = await screen.findByTestId("copy-popover");
    expect(within(pop).getByText("Unknown words")).toBeInTheDocument();
    await fireEvent.click(within(pop).getByRole("button", { name: "Turn off this rule: “Unknown words”, for the library" }));

    // One switch_rule, never the whole settings read and written back.
    await waitFor(() => expect(calls(platform, "switch_rule")).toHaveLength(1));
    expect(calls(platform, "switch_rule")[0].args).toEqual({ rule: "spelling.unknown", on: false });
    expect(calls(platform, "set_copy_desk_settings")).toHaveLength(0);
    expect((await platform.copyDeskSettings()).disabled).toEqual(["spelling.unknown"]);
    // The house style and the rest are kept as they were.
    expect((await platform.copyDeskSettings()).houseStyle).toHaveLength(3);
    await waitFor(() => expect(body.querySelectorAll(".copy-mark").length).toBe(0));
    await waitFor(() => expect(count()).toBe("0"));
    expect(screen.queryByRole("list", { name: "Copy desk: Headline" })).toBeNull();

    await waitFor(() => expect(toasts.some((t) => t.text.includes("Unknown words"))).toBe(true));
    const toast = toasts.find((t) => t.text.includes("Unknown words"));
    expect(toast?.text).toBe("“Unknown words” is off for every story in this library.");
    await toast?.action?.run();
    expect(calls(platform, "switch_rule").map((c) => c.args)).toEqual([
      { rule: "spelling.unknown", on: false },
      { rule: "spelling.unknown", on: true },
    ]);
    expect(calls(platform, "set_copy_desk_settings")).toHaveLength(0);
    expect((await platform.copyDeskSettings()).disabled).toEqual([]);
    await waitFor(() => expect(count()).toBe("2"));
  });

  it("keeps a rule switched elsewhere meanwhile (no read-then-write of the whole settings)", async () => {
    const { platform } = await headlineStory();
    // Another switch (the command line, say) lands while the editor's call is under way: after a
    // read of the settings has been answered, or before a switch_rule is done.
    const read = platform.copyDeskSettings.bind(platform);
    const write = platform.switchRule.bind(platform);
    let raced = false;
    const elsewhere = async () => {
      if (raced) return;
      raced = true;
      await write("words.doubled", false);
    };
    vi.spyOn(platform, "copyDeskSettings").mockImplementation(async () => {
      const s = await read();
      await elsewhere();
      return s;
    });
    vi.spyOn(platform, "switchRule").mockImplementation(async (rule, on) => {
      await elsewhere();
      return write(rule, on);
    });
    await fireEvent.click(screen.getByTestId("copy-desk-button"));
    await fireEvent.click(within((await screen.findAllByTestId("copy-finding-item"))[0]).getByTestId("panel-turn-off"));
    await waitFor(() => expect(count()).toBe("0"));
    expect(raced).toBe(true);
    expect((await read()).disabled).toEqual(["spelling.unknown", "words.doubled"]);
    await waitFor(() => expect(toasts.some((t) => t.text.includes("Unknown words"))).toBe(true));
    await toasts.find((t) => t.text.includes("Unknown words"))?.action?.run();
    expect((await read()).disabled).toEqual(["words.doubled"]);
  });

  it("from the drawer and from a field", async () => {
    const { platform } = await headlineStory();
    await fireEvent.click(screen.getByTestId("copy-desk-button"));
    const items = await screen.findAllByTestId("copy-finding-item");
    await fireEvent.click(within(items[0]).getByRole("button", { name: "Turn off rule: “Unknown words”, for the library" }));
    await waitFor(() => expect((platform.calls.at(-1)?.command)).toBe("check_story"));
    await waitFor(() => expect(screen.getByTestId("copy-desk-clean")).toBeInTheDocument());
    expect((await platform.copyDeskSettings()).disabled).toEqual(["spelling.unknown"]);

    await platform.setCopyDeskSettings({ ...(await platform.copyDeskSettings()), disabled: [] });
    await fireEvent.input(screen.getByTestId("headline"), { target: { value: "Teh talks in Rome again" } });
    const list = await screen.findByRole("list", { name: "Copy desk: Headline" }, { timeout: 4000 });
    await fireEvent.click(within(list).getByTestId("field-turn-off"));
    await waitFor(async () => expect((await platform.copyDeskSettings()).disabled).toEqual(["spelling.unknown"]));
  });

  it("from the drawer, the focus goes to the finding now in its place", async () => {
    const platform = new FakePlatform({ seed: false });
    const story = await addStory(platform, { headline: "Talks", paragraphs: ["The delegaton met met on Monday."] });
    const finding = (rule: string, category: Finding["category"], start: number, text: string, suggestions: string[]): Finding => ({
      rule,
      category,
      severity: "warning",
      place: { field: "body", block: [0], photoUse: null },
      start,
      end: start + text.length,
      text,
      message: `${rule} here`,
      suggestions,
    });
    const all = [finding("spelling.unknown", "spelling", 4, "delegaton", ["delegation"]), finding("words.doubled", "grammar", 17, " met", [""])];
    vi.spyOn(platform, "checkStory").mockImplementation(async () => {
      const off = (await platform.copyDeskSettings()).disabled;
      return { findings: all.filter((f) => !off.includes(f.rule)), missingDictionaries: [] };
    });
    await open(platform, story.id);
    await waitFor(() => expect(count()).toBe("2"));
    await fireEvent.click(screen.getByTestId("copy-desk-button"));
    const off = within((await screen.findAllByTestId("copy-finding-item"))[0]).getByTestId("panel-turn-off");
    off.focus();
    await fireEvent.click(off);
    await waitFor(() => expect(screen.getAllByTestId("copy-finding")).toHaveLength(1));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("copy-finding")));
    expect(document.activeElement).toHaveAccessibleName(/words\.doubled here/);
  });

  it("says so when the core refuses, and keeps the findings", async () => {
    const { platform } = await headlineStory();
    platform.failNext = { command: "switch_rule", error: new AppError("library", "attempt to write a readonly database", "switch_rule"), times: 1 };
    await fireEvent.click(screen.getByTestId("copy-desk-button"));
    await fireEvent.click(screen.getAllByTestId("panel-turn-off")[0]);
    await waitFor(() => expect(toasts.some((t) => t.tone === "error")).toBe(true));
    expect(toasts.find((t) => t.tone === "error")?.text).toBe("Could not turn off “Unknown words”: attempt to write a readonly database");
    expect(count()).toBe("2");
    expect((await platform.copyDeskSettings()).disabled).toEqual([]);
  });

  it("in the controller: turnOff switches the rule in one call, drops its findings and checks again; turnOn brings them back", async () => {
    const platform = new FakePlatform({ seed: false });
    const story = await addStory(platform, { headline: "Teh talks", paragraphs: ["The delegaton arrived."] });
    const desk = new CopyDesk({ platform, storyId: story.id, textAt: () => null, replace: () => {} });
    await desk.check();
    expect(desk.total).toBe(2);
    const checks = calls(platform, "check_story").length;
    await desk.turnOff(desk.findings[0]);
    expect(desk.total).toBe(0);
    expect(calls(platform, "check_story")).toHaveLength(checks + 1);
    expect((await platform.copyDeskSettings()).disabled).toEqual(["spelling.unknown"]);
    // A rule already off stays off: the same one call, nothing read first.
    await desk.turnOff({ ...({} as Finding), rule: "spelling.unknown" });
    expect(calls(platform, "switch_rule").map((c) => c.args)).toEqual([
      { rule: "spelling.unknown", on: false },
      { rule: "spelling.unknown", on: false },
    ]);
    expect((await platform.copyDeskSettings()).disabled).toEqual(["spelling.unknown"]);
    expect(calls(platform, "set_copy_desk_settings")).toHaveLength(0);
    await desk.turnOn("spelling.unknown");
    expect(calls(platform, "switch_rule").at(-1)?.args).toEqual({ rule: "spelling.unknown", on: true });
    expect(desk.total).toBe(2);
    desk.dispose();
  });

  it("in the controller: a refusal of switch_rule is thrown as the core worded it, and the findings stay", async () => {
    const platform = new FakePlatform({ seed: false });
    const story = await addStory(platform, { headline: "Teh talks", paragraphs: [] });
    const desk = new CopyDesk({ platform, storyId: story.id, textAt: () => null, replace: () => {} });
    await desk.check();
    platform.failNext = { command: "switch_rule", error: new AppError("library", "disk I/O error", "switch_rule"), times: 1 };
    await expect(desk.turnOff(desk.findings[0])).rejects.toMatchObject({ message: "disk I/O error", command: "switch_rule" });
    expect(desk.total).toBe(1);
    desk.dispose();
  });
});

describe("the copy desk's settings from the drawer", () => {
  it("opens the settings on the Copy desk tab, and a saved change checks the story again", async () => {
    const { platform } = await headlineStory();
    await fireEvent.click(screen.getByTestId("copy-desk-button"));
    await fireEvent.click(screen.getByRole("button", { name: "Settings…" }));
    const dialog = await screen.findByTestId("settings-dialog");
    expect(within(dialog).getByRole("tab", { name: "Copy desk" })).toHaveAttribute("aria-selected", "true");
    const unknown = (await within(dialog).findByRole("checkbox", { name: "Unknown words" })) as HTMLInputElement;
    await waitFor(() => expect(unknown).toBeChecked());
    const checks = calls(platform, "check_story").length;
    await fireEvent.click(unknown);
    await fireEvent.click(within(dialog).getByTestId("settings-save"));
    await waitFor(() => expect(screen.queryByTestId("settings-dialog")).toBeNull());
    await waitFor(() => expect(calls(platform, "check_story").length).toBeGreaterThan(checks));
    await waitFor(() => expect(count()).toBe("0"));
    expect(screen.getByTestId("body")).toBeInTheDocument();
  });

  it("a word taken out of the dictionary there is flagged again", async () => {
    const platform = new FakePlatform();
    await platform.addDictionaryWord("delegaton");
    const story = await addStory(platform, { headline: "Talks", paragraphs: ["The delegaton arrived."] });
    await open(platform, story.id);
    await waitFor(() => expect(count()).toBe("0"));
    await fireEvent.click(screen.getByTestId("copy-desk-button"));
    await fireEvent.click(screen.getByTestId("copy-desk-settings"));
    await fireEvent.click(await screen.findByRole("button", { name: "Remove “delegaton” from the dictionary" }));
    await waitFor(() => expect(count()).toBe("1"));
    await fireEvent.keyDown(screen.getByTestId("settings-dialog"), { key: "Escape" });
    expect(screen.queryByTestId("settings-dialog")).toBeNull();
    expect(screen.getByTestId("body")).toBeInTheDocument();
  });
});
