/**
 * The copy desk in the editor with checking as you type off (the library's setting): the story is
 * not checked on opening nor after saves; the drawer checks when it opens, says when the findings
 * were checked and whether the story changed since, and has "Check now"; F8 checks first when the
 * findings are older than the story. The setting changed from the drawer's Settings… is followed at
 * once. And the drawer does not list again what a photo's warning says.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import Editor from "../src/components/Editor.svelte";
import { FakePlatform } from "../src/platform/fake";
import { PAUSE_MS } from "../src/lib/copyDesk.svelte";
import { SAMPLE_HEADLINE } from "../src/platform/sample";
import { toasts, dismissToast } from "../src/lib/toasts.svelte";
import type { Finding, StoryEdit } from "../src/platform/types";
import { addStory } from "./fixtures";

afterEach(() => {
  cleanup();
  for (const t of [...toasts]) dismissToast(t.id);
  vi.restoreAllMocks();
});

const count = () => screen.queryByTestId("copy-desk-count")?.textContent ?? "0";
const calls = (p: FakePlatform, command: string) => p.calls.filter((c) => c.command === command);
const savedEdits = (p: FakePlatform) => calls(p, "save_story").map((c) => (c.args as { edit: StoryEdit }).edit);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function notAsYouType(platform: FakePlatform): Promise<void> {
  await platform.setCopyDeskSettings({ ...(await platform.copyDeskSettings()), asYouType: false });
}

async function open(asYouType: boolean, headline = "Teh talks", paragraphs = ["The delegaton arrived."]) {
  const platform = new FakePlatform({ seed: false });
  if (!asYouType) await notAsYouType(platform);
  const story = await addStory(platform, { headline, paragraphs });
  render(Editor, { props: { platform, storyId: story.id, onBack: () => {} } });
  await screen.findByTestId("body");
  return { platform, story };
}

const drawer = () => screen.getByRole("complementary", { name: "Copy desk" });

describe("checking as you type off, in the editor", () => {
  it("opens the story unchecked; the drawer checks it, says when, and keeps the findings until Check now", async () => {
    const { platform } = await open(false);
    await waitFor(() => expect(calls(platform, "copy_desk_settings").length).toBeGreaterThan(0));
    await pause(50);
    expect(calls(platform, "check_story")).toHaveLength(0);
    expect(screen.queryByTestId("copy-desk-count")).toBeNull();

    await fireEvent.click(screen.getByTestId("copy-desk-button"));
    await waitFor(() => expect(count()).toBe("2"));
    const status = within(drawer()).getByTestId("copy-desk-status");
    await waitFor(() => expect(status).toHaveTextContent(/^Checked at \d{1,2}:\d\d( [AP]M)?\. Checking as you type is off\.$/));
    expect(status).toHaveAttribute("aria-live", "polite");
    expect(status.querySelector("time")).toHaveAttribute("datetime");
    expect(calls(platform, "check_story")).toHaveLength(1);

    // Typed and saved: not checked. The findings stay, marked as older than the story.
    const headline = screen.getByTestId("headline") as HTMLTextAreaElement;
    await fireEvent.input(headline, { target: { value: "Teh talks on the goverment" } });
    await waitFor(() => expect(savedEdits(platform).at(-1)?.headline).toBe("Teh talks on the goverment"), { timeout: 4000 });
    await pause(PAUSE_MS + 200);
    expect(calls(platform, "check_story")).toHaveLength(1);
    expect(count()).toBe("2");
    expect(within(drawer()).getByTestId("copy-desk-stale")).toHaveTextContent("the story has changed since");
    expect(screen.getByRole("list", { name: "Copy desk: Headline" })).toBeInTheDocument();

    await fireEvent.click(within(drawer()).getByRole("button", { name: "Check now" }));
    await waitFor(() => expect(count()).toBe("3"));
    expect(within(drawer()).queryByTestId("copy-desk-stale")).toBeNull();
    expect(calls(platform, "check_story")).toHaveLength(2);
  });

  it("the top bar's Copy desk button is busy while a check runs", async () => {
    const platform = new FakePlatform({ seed: false });
    await notAsYouType(platform);
    const story = await addStory(platform, { headline: "Teh talks" });
    let release: () => void = () => {};
    const check = platform.checkStory.bind(platform);
    vi.spyOn(platform, "checkStory").mockImplementation(async (id) => {
      await new Promise<void>((r) => (release = r));
      return check(id);
    });
    render(Editor, { props: { platform, storyId: story.id, onBack: () => {} } });
    const button = await screen.findByTestId("copy-desk-button");
    expect(button).toHaveAttribute("aria-busy", "false");
    await fireEvent.keyDown(window, { key: "F8" });
    await waitFor(() => expect(button).toHaveAttribute("aria-busy", "true"));
    release();
    await waitFor(() => expect(button).toHaveAttribute("aria-busy", "false"));
    expect(count()).toBe("1");
  });

  it("reopening the drawer checks only when the story changed since", async () => {
    const { platform } = await open(false);
    await fireEvent.click(screen.getByTestId("copy-desk-button"));
    await waitFor(() => expect(count()).toBe("2"));
    await fireEvent.click(screen.getByRole("button", { name: "Close copy desk" }));
    await fireEvent.click(screen.getByTestId("copy-desk-button"));
    await pause(50);
    expect(calls(platform, "check_story")).toHaveLength(1);

    await fireEvent.click(screen.getByRole("button", { name: "Close copy desk" }));
    await fireEvent.input(screen.getByTestId("headline"), { target: { value: "Teh talks, goverment" } });
    // Opened straight after typing: saved first, then checked.
    await fireEvent.click(screen.getByTestId("copy-desk-button"));
    await waitFor(() => expect(count()).toBe("3"));
    const order = platform.calls.map((c) => c.command).filter((c) => c === "save_story" || c === "check_story");
    expect(order.slice(-2)).toEqual(["save_story", "check_story"]);
  });

  it("F8 checks first when there are no findings yet or they are older than the story, then goes to the next", async () => {
    const { platform } = await open(false);
    await pause(50);
    expect(calls(platform, "check_story")).toHaveLength(0);
    // The story opened with the caret in the body; with no caret, F8 starts from the top.
    (document.activeElement as HTMLElement | null)?.blur();
    await fireEvent.keyDown(window, { key: "F8" });
    const headline = screen.getByTestId("headline") as HTMLTextAreaElement;
    await waitFor(() => expect(document.activeElement).toBe(headline));
    expect([headline.selectionStart, headline.selectionEnd]).toEqual([0, 3]);
    expect(calls(platform, "check_story")).toHaveLength(1);

    // Nothing changed: F8 goes on without a check.
    await fireEvent.keyDown(window, { key: "F8" });
    const body = screen.getByTestId("body");
    await waitFor(() => expect(body.contains(document.activeElement) || document.activeElement === body).toBe(true));
    expect(calls(platform, "check_story")).toHaveLength(1);

    // Typed just now (not saved yet): F8 saves, checks, and goes to the new finding after the caret.
    await fireEvent.input(headline, { target: { value: "Teh goverment talks" } });
    headline.focus();
    headline.setSelectionRange(3, 3);
    await fireEvent.keyDown(window, { key: "F8" });
    await waitFor(() => expect(calls(platform, "check_story")).toHaveLength(2));
    expect(savedEdits(platform).at(-1)?.headline).toBe("Teh goverment talks");
    await waitFor(() => expect([headline.selectionStart, headline.selectionEnd]).toEqual([4, 13]));
    expect(document.activeElement).toBe(headline);
  });

  it("follows the setting changed from the drawer's Settings… without a reload", async () => {
    const { platform } = await open(true);
    await waitFor(() => expect(count()).toBe("2"));
    await fireEvent.click(screen.getByTestId("copy-desk-button"));
    expect(within(drawer()).queryByRole("button", { name: "Check now" })).toBeNull();

    // Off.
    await fireEvent.click(within(drawer()).getByRole("button", { name: "Settings…" }));
    const dialog = await screen.findByTestId("settings-dialog");
    const asYouType = await within(dialog).findByRole("switch", { name: "Check as I type" });
    await waitFor(() => expect(asYouType).toBeChecked());
    await fireEvent.click(asYouType);
    await fireEvent.click(within(dialog).getByTestId("settings-save"));
    await waitFor(() => expect(screen.queryByTestId("settings-dialog")).toBeNull());
    expect(await within(drawer()).findByRole("button", { name: "Check now" })).toBeInTheDocument();
    // Only checking as you type changed: the findings are still those of the story.
    expect(within(drawer()).queryByTestId("copy-desk-stale")).toBeNull();
    const checks = calls(platform, "check_story").length;
    await fireEvent.input(screen.getByTestId("headline"), { target: { value: "Teh talks on the goverment" } });
    await waitFor(() => expect(savedEdits(platform).at(-1)?.headline).toBe("Teh talks on the goverment"), { timeout: 4000 });
    await pause(PAUSE_MS + 200);
    expect(calls(platform, "check_story")).toHaveLength(checks);
    expect(count()).toBe("2");

    // On again: the findings, older than the story, are brought up to date at once.
    await fireEvent.click(within(drawer()).getByRole("button", { name: "Settings…" }));
    const again = await screen.findByTestId("settings-dialog");
    const on = await within(again).findByRole("switch", { name: "Check as I type" });
    await waitFor(() => expect(on).not.toBeChecked());
    await fireEvent.click(on);
    await fireEvent.click(within(again).getByTestId("settings-save"));
    await waitFor(() => expect(count()).toBe("3"));
    expect(within(drawer()).queryByRole("button", { name: "Check now" })).toBeNull();
  });
});

describe("the drawer and the photos' warnings", () => {
  it("does not list again a finding a photo's warning says; a line points to the photos panel", async () => {
    const platform = new FakePlatform();
    const id = (await platform.listStories(null, 0, 100)).stories.find((s) => s.headline === SAMPLE_HEADLINE)?.id;
    if (!id) throw new Error("no sample story");
    const lead = (await platform.getStory(id)).photos[0];
    await platform.editPhotoUse(id, lead.id, { caption: null, credit: "", altText: null, creator: null, copyright: null, role: null, standIn: null });
    expect((await platform.photoWarnings(id)).map((w) => w.kind)).toContain("noCredit");
    const missingCredit: Finding = {
      rule: "captions.missing-credit",
      category: "captions",
      severity: "warning",
      place: { field: "credit", block: [], photoUse: lead.id },
      start: 0,
      end: 0,
      text: "",
      message: "The photo has no credit",
      suggestions: [],
    };
    const check = platform.checkStory.bind(platform);
    vi.spyOn(platform, "checkStory").mockImplementation(async (story) => {
      const report = await check(story);
      return { ...report, findings: [...report.findings, missingCredit] };
    });
    render(Editor, { props: { platform, storyId: id, onBack: () => {} } });
    await screen.findByTestId("body");
    // The photos' warnings are read too: the top bar counts the spelling only.
    await waitFor(() => expect(screen.queryByTestId("photos-warning-count")).not.toBeNull());
    await waitFor(() => expect(count()).toBe("1"));

    await fireEvent.click(screen.getByTestId("copy-desk-button"));
    const items = await within(drawer()).findAllByTestId("copy-finding-item");
    expect(items.map((i) => i.dataset.rule)).toEqual(["spelling.unknown"]);
    expect(within(drawer()).getByTestId("copy-count-captions")).toHaveTextContent("0");
    expect(within(drawer()).getByTestId("copy-desk-photo-note")).toHaveTextContent("1 more is listed with the photos' warnings");

    await fireEvent.click(within(drawer()).getByRole("button", { name: "Show photos" }));
    expect(screen.queryByRole("complementary", { name: "Copy desk" })).toBeNull();
    const warning = (await screen.findAllByTestId("photo-warning")).find((w) => w.dataset.kind === "noCredit");
    expect(warning).toBeTruthy();
  });
});
