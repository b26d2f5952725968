/**
 * The outbox against the fake core, on fake timers: an item queued → sending (its progress) →
 * sent with the post's address, polling only while the panel is open and something moves, a
 * site's refusal shown as text (never HTML), a post changed on the server (both dates, Overwrite),
 * an embargo, a site out of reach, Cancel after a confirmation, the badge, Mod-Shift-O, and the
 * focus going back where it was when the drawer closes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/svelte";
import App from "../src/App.svelte";
import OutboxPanel from "../src/components/OutboxPanel.svelte";
import { FakePlatform } from "../src/platform/fake";
import { FAKE_REFUSAL, unreachable } from "../src/platform/fakePublish";
import { toEdit } from "../src/platform/fakeCore";
import Editor from "../src/components/Editor.svelte";
import { Outbox } from "../src/lib/outbox.svelte";
import { readableTime } from "../src/lib/publish";
import { SHORTCUTS } from "../src/lib/keys";
import { SAMPLE_HEADLINE } from "../src/platform/sample";
import type { OutboxItem } from "../src/platform/types";

const NOW = new Date("2030-03-04T10:00:00Z");

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  location.hash = "";
});

/** Lets the fake core, the outbox and Svelte run until `ms` have passed on the fake clock. */
async function pass(ms = 0): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  await vi.advanceTimersByTimeAsync(0);
}

/** A fake with the sample story (one photo) and a destination at `url`. */
async function setUp(url = "https://news.example.org", stepMs = 2000): Promise<{ platform: FakePlatform; storyId: string; slug: string }> {
  const platform = new FakePlatform({ stories: [] });
  platform.sendStepMs = stepMs;
  await platform.addDestination({ name: "News site", kind: "wordpress", url, user: "desk", secret: "abcd" });
  const [sample] = (await platform.listStories(null, 0, 10)).stories.filter((s) => s.headline === SAMPLE_HEADLINE);
  return { platform, storyId: sample.id, slug: sample.slug };
}

function send(platform: FakePlatform, story: string, holdUntil: string | null = null): Promise<OutboxItem> {
  return platform.sendStory({ story, destination: "News site", status: "draft", holdUntil });
}

function reads(platform: FakePlatform): number {
  return platform.calls.filter((c) => c.command === "list_outbox").length;
}

/** The outbox panel on its own, opened. */
async function openPanel(platform: FakePlatform): Promise<{ outbox: Outbox; onOpenLink: ReturnType<typeof vi.fn> }> {
  const outbox = new Outbox(platform);
  const onOpenLink = vi.fn();
  outbox.show();
  render(OutboxPanel, { props: { outbox, onOpenLink } });
  await pass();
  return { outbox, onOpenLink };
}

function item(): HTMLElement {
  return screen.getByTestId("outbox-item");
}

describe("the fake's outbox", () => {
  it("moves an item queued → sending (a photo, then the post) → sent at <url>/<slug>/ as its clock advances", async () => {
    const { platform, storyId, slug } = await setUp("https://news.example.org/", 500);
    const queued = await send(platform, storyId);
    expect(queued).toMatchObject({ state: "queued", destination: "News site", storyId, progress: null, remoteUrl: null });
    await pass(500);
    expect((await platform.listOutbox())[0]).toMatchObject({ state: "sending", progress: { done: 0, total: 2, label: "Uploading photo 1 of 1" } });
    await pass(500);
    expect((await platform.listOutbox())[0]).toMatchObject({ state: "sending", progress: { done: 1, total: 2, label: "Sending the post" } });
    await pass(500);
    expect((await platform.listOutbox())[0]).toMatchObject({ state: "sent", progress: null, remoteUrl: `https://news.example.org/${slug}/`, attempts: 1 });
  });

  it("marks the story published, as a new revision, once a send with status publish is sent; a draft send leaves it alone", async () => {
    const { platform, storyId } = await setUp("https://news.example.org", 500);
    const before = { ...platform.peek(storyId) };
    await send(platform, storyId);
    await pass(2000);
    expect((await platform.listOutbox())[0].state).toBe("sent");
    expect(platform.peek(storyId)).toMatchObject({ status: before.status, revision: before.revision, published: null });

    await platform.sendStory({ story: storyId, destination: "News site", status: "publish", holdUntil: null });
    await pass(2000);
    expect((await platform.listOutbox())[0]).toMatchObject({ state: "sent", status: "publish" });
    const after = platform.peek(storyId);
    expect(after).toMatchObject({ status: "published", revision: before.revision + 1, headline: before.headline });
    expect(after.published).not.toBeNull();
  });

  it("replaces a queued, unsent item of the same story and site, and lists newest first", async () => {
    const { platform, storyId } = await setUp();
    const first = await send(platform, storyId, "2030-03-05T08:00:00Z");
    const second = await send(platform, storyId);
    const list = await platform.listOutbox();
    expect(list.map((i) => i.id)).toEqual([second.id]);
    expect(second.id).toBeGreaterThan(first.id);
  });
});

describe("the outbox panel", () => {
  it("shows an item queued, then sending with a progress bar, then sent with the address as text and a link", async () => {
    const { platform, storyId, slug } = await setUp();
    await send(platform, storyId);
    const { outbox, onOpenLink } = await openPanel(platform);

    expect(item()).toHaveTextContent(SAMPLE_HEADLINE);
    expect(item()).toHaveTextContent("News site · Draft on the site");
    expect(within(item()).getByTestId("outbox-state")).toHaveTextContent("Queued");
    expect(outbox.unsent).toBe(1);

    await pass(3000);
    expect(within(item()).getByTestId("outbox-state")).toHaveTextContent("Sending — Uploading photo 1 of 1");
    const bar = within(item()).getByTestId("outbox-progress") as HTMLProgressElement;
    expect(bar.tagName).toBe("PROGRESS");
    expect(bar.max).toBe(2);
    expect(bar.value).toBe(0);

    await pass(2000);
    expect(within(item()).getByTestId("outbox-state")).toHaveTextContent("Sending — Sending the post");
    expect((within(item()).getByTestId("outbox-progress") as HTMLProgressElement).value).toBe(1);

    await pass(2000);
    expect(within(item()).getByTestId("outbox-state")).toHaveTextContent("Sent");
    const url = `https://news.example.org/${slug}/`;
    expect(within(item()).getByTestId("outbox-remote-url")).toHaveTextContent(url);
    const link = within(item()).getByRole("link", { name: /Open on the site/ });
    expect(link).toHaveAttribute("href", url);
    await fireEvent.click(link);
    expect(onOpenLink).toHaveBeenCalledWith(url);
    expect(outbox.unsent).toBe(0);
    expect(within(item()).queryByTestId("outbox-cancel")).toBeNull();

    // Nothing moves any more: no more reads.
    const before = reads(platform);
    await pass(5000);
    expect(reads(platform)).toBe(before);
    outbox.dispose();
  });

  it("tells its listeners of a publish item it sees become sent, once, and not of items sent before its first read", async () => {
    const { platform, storyId } = await setUp("https://news.example.org", 500);
    await platform.sendStory({ story: storyId, destination: "News site", status: "publish", holdUntil: null });
    await pass(2000);
    const outbox = new Outbox(platform);
    const heard = vi.fn();
    const stop = outbox.onPublished(heard);
    await outbox.refresh();
    expect(heard).not.toHaveBeenCalled();

    await send(platform, storyId);
    const publish = await platform.sendStory({ story: storyId, destination: "News site", status: "publish", holdUntil: null });
    await outbox.refresh();
    await pass(3000);
    await outbox.refresh();
    await outbox.refresh();
    expect(heard).toHaveBeenCalledTimes(1);
    expect(heard).toHaveBeenCalledWith(expect.objectContaining({ id: publish.id, state: "sent", status: "publish" }));
    stop();
    outbox.dispose();
  });

  it("reads the outbox every second only while it is open and something moves", async () => {
    const { platform, storyId } = await setUp("https://news.example.org", 60_000);
    await send(platform, storyId);
    const outbox = new Outbox(platform);
    await outbox.refresh();
    await pass(3000);
    expect(reads(platform)).toBe(1);

    outbox.show();
    await pass();
    expect(reads(platform)).toBe(2);
    await pass(3000);
    expect(reads(platform)).toBe(5);

    outbox.hide();
    await pass();
    const closed = reads(platform);
    await pass(5000);
    expect(reads(platform)).toBe(closed);
    outbox.dispose();
  });

  it("shows a site's refusal as text, never as HTML, and tries again on Retry", async () => {
    const { platform, storyId } = await setUp("https://refuse.example.org");
    const queued = await send(platform, storyId);
    const { outbox } = await openPanel(platform);
    await pass(3000);

    expect(within(item()).getByTestId("outbox-state")).toHaveTextContent("Failed");
    const message = within(item()).getByTestId("outbox-error");
    expect(message.textContent).toContain(FAKE_REFUSAL);
    expect(message.textContent).toContain("<h1>Error</h1>");
    expect(screen.getByTestId("outbox-panel").querySelector("h1, p p")).toBeNull();
    expect(outbox.unsent).toBe(1);

    await fireEvent.click(within(item()).getByRole("button", { name: `Retry: ${SAMPLE_HEADLINE}` }));
    await pass();
    expect(platform.calls.find((c) => c.command === "retry_outbox")?.args).toEqual({ id: queued.id, overwrite: false });
    expect(within(item()).getByTestId("outbox-state")).toHaveTextContent("Queued");
    outbox.dispose();
  });

  it("shows a post changed on the server with both dates and a link to it; Overwrite retries with overwrite and sends it", async () => {
    const { platform, storyId, slug } = await setUp("https://edited.example.org");
    const queued = await send(platform, storyId);
    const { outbox, onOpenLink } = await openPanel(platform);
    await pass(3000);

    const [changed] = await platform.listOutbox();
    expect(changed.state).toBe("changed");
    const url = `https://edited.example.org/${slug}/`;
    expect(changed.remoteUrl).toBe(url);
    expect(within(item()).getByTestId("outbox-remote-url")).toHaveTextContent(url);
    const link = within(item()).getByRole("link", { name: /See the post on the site/ });
    expect(link).toHaveAttribute("href", url);
    await fireEvent.click(link);
    expect(onOpenLink).toHaveBeenCalledWith(url);
    expect(within(item()).getByTestId("outbox-state")).toHaveTextContent("Changed on the server");
    const detail = within(item()).getByTestId("outbox-detail");
    expect(detail).toHaveTextContent(`you last sent it ${readableTime(changed.lastSent ?? "")}`);
    expect(detail).toHaveTextContent(`the site says it was changed ${readableTime(changed.remoteModified ?? "")}`);
    expect(within(item()).queryByTestId("outbox-retry")).toBeNull();

    await fireEvent.click(within(item()).getByTestId("outbox-overwrite"));
    await pass();
    expect(platform.calls.find((c) => c.command === "retry_outbox")?.args).toEqual({ id: queued.id, overwrite: true });
    await pass(8000);
    expect(within(item()).getByTestId("outbox-state")).toHaveTextContent("Sent");
    outbox.dispose();
  });

  it("shows an embargo, and cancels only after a confirmation", async () => {
    const { platform, storyId } = await setUp();
    const hold = "2030-03-05T08:00:00Z";
    const queued = await send(platform, storyId, hold);
    const { outbox } = await openPanel(platform);
    await pass(5000);

    expect(within(item()).getByTestId("outbox-state")).toHaveTextContent("Queued");
    expect(within(item()).getByTestId("outbox-detail")).toHaveTextContent(`held until ${readableTime(hold)}`);
    expect(within(item()).queryByTestId("outbox-retry")).toBeNull();

    await fireEvent.click(within(item()).getByRole("button", { name: `Cancel sending ${SAMPLE_HEADLINE}` }));
    let confirm = screen.getByTestId("confirm-dialog");
    expect(confirm).toHaveTextContent(`Cancel sending “${SAMPLE_HEADLINE}”?`);
    await fireEvent.click(within(confirm).getByRole("button", { name: "Keep it" }));
    await pass();
    expect(platform.calls.some((c) => c.command === "cancel_outbox")).toBe(false);

    await fireEvent.click(within(item()).getByTestId("outbox-cancel"));
    confirm = screen.getByTestId("confirm-dialog");
    await fireEvent.click(within(confirm).getByRole("button", { name: "Cancel sending" }));
    await pass();
    expect(platform.calls.find((c) => c.command === "cancel_outbox")?.args).toEqual({ id: queued.id });
    expect(within(item()).getByTestId("outbox-state")).toHaveTextContent("Cancelled");
    expect(within(item()).queryByTestId("outbox-cancel")).toBeNull();
    expect(outbox.unsent).toBe(0);
    outbox.dispose();
  });

  it("keeps an item for a site out of reach queued, with the next try once and the core's message", async () => {
    const { platform, storyId } = await setUp("https://offline.example.org");
    await send(platform, storyId);
    const { outbox } = await openPanel(platform);
    await pass(3000);

    const [waiting] = await platform.listOutbox();
    expect(waiting.state).toBe("queued");
    // The core's words: no time in them (the row gives the next try).
    const message = "could not reach offline.example.org: connection refused (is the site up?); Byline tries again by itself";
    expect(waiting.error).toBe(message);
    expect(unreachable("http://127.0.0.1:8080")).toBe("could not reach 127.0.0.1: connection refused (is the site up?); Byline tries again by itself");
    expect(within(item()).getByTestId("outbox-state")).toHaveTextContent("Queued");
    const next = readableTime(waiting.nextAttempt ?? "");
    expect(within(item()).getByTestId("outbox-detail").textContent).toBe(`waiting for the network, next try ${next}`);
    const error = within(item()).getByTestId("outbox-error");
    expect(error.textContent).toBe(`Why it waits: ${message}`);
    expect(item().textContent?.split(next)).toHaveLength(2);
    expect(item().textContent).not.toMatch(/tries again at/);
    expect(within(item()).getByRole("button", { name: `Try now: ${SAMPLE_HEADLINE}` })).toBeInTheDocument();
    outbox.dispose();
  });
});

describe("the outbox in the app", () => {
  it("opens from the library's Outbox button with its badge, takes the focus and gives it back when closed", async () => {
    const { platform, storyId } = await setUp();
    render(App, { props: { platform } });
    await pass();
    const button = await screen.findByTestId("outbox-button");
    expect(within(button).queryByTestId("outbox-count")).toBeNull();

    await send(platform, storyId);
    // The badge follows on the next read (here: the panel opening).
    button.focus();
    await fireEvent.click(button);
    await pass();
    const panel = screen.getByTestId("outbox-panel");
    expect(panel).toHaveAttribute("aria-label", "Outbox");
    expect(button).toHaveAttribute("aria-pressed", "true");
    expect(within(button).getByTestId("outbox-count")).toHaveTextContent("1");
    expect(button).toHaveAccessibleName("Outbox, 1 not sent yet");
    expect(document.activeElement).toBe(within(panel).getByTestId("outbox-list"));

    await fireEvent.click(within(panel).getByRole("button", { name: "Close the outbox" }));
    await pass();
    expect(screen.queryByTestId("outbox-panel")).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it("toggles with Mod-Shift-O in the editor; Esc in it closes it, the story stays open and the focus goes back", async () => {
    const { platform, storyId } = await setUp();
    location.hash = `#/story/${storyId}`;
    render(App, { props: { platform } });
    await pass(100);
    const headline = screen.getByTestId("headline");
    headline.focus();
    expect(screen.getByTestId("outbox-button")).toBeInTheDocument();

    await fireEvent.keyDown(headline, { key: "O", ctrlKey: true, shiftKey: true });
    await pass();
    const panel = screen.getByTestId("outbox-panel");
    expect(within(panel).getByTestId("outbox-empty")).toHaveTextContent("Nothing in the outbox");
    expect(document.activeElement).toBe(within(panel).getByTestId("outbox-list"));

    await fireEvent.keyDown(within(panel).getByTestId("outbox-list"), { key: "Escape" });
    await pass();
    expect(screen.queryByTestId("outbox-panel")).toBeNull();
    expect(screen.getByTestId("headline")).toBeInTheDocument();
    expect(document.activeElement).toBe(headline);

    await fireEvent.keyDown(document.body, { key: "o", ctrlKey: true, shiftKey: true });
    await pass();
    expect(screen.getByTestId("outbox-panel")).toBeInTheDocument();
    await fireEvent.keyDown(document.body, { key: "o", ctrlKey: true, shiftKey: true });
    await pass();
    expect(screen.queryByTestId("outbox-panel")).toBeNull();
  });

  it("is on the shortcut sheet, on a key nothing else uses", () => {
    const all = SHORTCUTS.flatMap((g) => g.items);
    const outbox = all.filter((s) => s.what.startsWith("Outbox"));
    expect(outbox).toHaveLength(1);
    const keys = outbox[0].keys.join("+");
    expect(keys.endsWith("Shift+O")).toBe(true);
    expect(all.filter((s) => s.keys.join("+") === keys)).toHaveLength(1);
  });
});

describe("a send that publishes the story open in the editor", () => {
  /** The sample story, marked Ready, open in the editor with the app's outbox. */
  async function openEditor(): Promise<{ platform: FakePlatform; storyId: string; outbox: Outbox; revision: number }> {
    const { platform, storyId } = await setUp("https://news.example.org", 500);
    const ready = await platform.saveStory({ ...toEdit(platform.peek(storyId)), status: "ready" });
    const outbox = new Outbox(platform);
    render(Editor, { props: { platform, storyId, onBack: vi.fn(), outbox } });
    await pass(100);
    expect(status().value).toBe("ready");
    return { platform, storyId, outbox, revision: ready.revision };
  }

  function status(): HTMLSelectElement {
    return screen.getByTestId("status") as HTMLSelectElement;
  }

  async function publish(platform: FakePlatform, storyId: string, outbox: Outbox): Promise<void> {
    outbox.queued(await platform.sendStory({ story: storyId, destination: "News site", status: "publish", holdUntil: null }));
  }

  function saves(platform: FakePlatform): number {
    return platform.calls.filter((c) => c.command === "save_story").length;
  }

  it("shows the story published once the outbox sees it sent, and saves the next edit on the new revision without a conflict", async () => {
    const { platform, storyId, outbox, revision } = await openEditor();
    await publish(platform, storyId, outbox);
    await pass(3000);
    expect(outbox.items[0]).toMatchObject({ state: "sent", status: "publish" });
    expect(platform.peek(storyId)).toMatchObject({ status: "published", revision: revision + 1 });

    expect(status().value).toBe("published");
    expect((screen.getByTestId("headline") as HTMLInputElement).value).toBe(SAMPLE_HEADLINE);

    await fireEvent.input(screen.getByTestId("headline"), { target: { value: "Published, then corrected" } });
    await pass(2000);
    expect(screen.queryByTestId("conflict")).toBeNull();
    expect(platform.peek(storyId)).toMatchObject({ headline: "Published, then corrected", status: "published", revision: revision + 2 });
    outbox.dispose();
  });

  it("settles the conflict of an edit saved on the old revision once the outbox reports the send, keeping the text and the status", async () => {
    const { platform, storyId, outbox, revision } = await openEditor();
    await publish(platform, storyId, outbox);
    outbox.hide();
    await pass(3000);
    // Sent and marked published by the core; the outbox, closed, has not read it yet.
    expect(platform.peek(storyId)).toMatchObject({ status: "published", revision: revision + 1 });
    expect(status().value).toBe("ready");

    await fireEvent.input(screen.getByTestId("headline"), { target: { value: "Typed before the editor knew" } });
    await pass(2000);
    expect(screen.getByTestId("conflict")).toBeInTheDocument();

    await outbox.refresh();
    await pass(2000);
    expect(screen.queryByTestId("conflict")).toBeNull();
    expect(status().value).toBe("published");
    expect((screen.getByTestId("headline") as HTMLInputElement).value).toBe("Typed before the editor knew");
    expect(platform.peek(storyId)).toMatchObject({ headline: "Typed before the editor knew", status: "published", revision: revision + 2 });
    outbox.dispose();
  });

  it("lets unsaved edits wait for the new revision: one save, based on it, with status published", async () => {
    const { platform, storyId, outbox, revision } = await openEditor();
    await publish(platform, storyId, outbox);
    outbox.hide();
    await pass(3000);
    const before = saves(platform);

    await fireEvent.input(screen.getByTestId("headline"), { target: { value: "Typed as the send went out" } });
    await outbox.refresh();
    await pass(2000);
    expect(screen.queryByTestId("conflict")).toBeNull();
    const saved = platform.calls.filter((c) => c.command === "save_story").slice(before);
    expect(saved).toHaveLength(1);
    expect(saved[0].args).toMatchObject({ edit: { baseRevision: revision + 1, status: "published", headline: "Typed as the send went out" } });
    expect(platform.peek(storyId)).toMatchObject({ headline: "Typed as the send went out", status: "published", revision: revision + 2 });
    outbox.dispose();
  });

  it("keeps a change made elsewhere a conflict: only a status the core gave is taken", async () => {
    const { platform, storyId, outbox, revision } = await openEditor();
    await platform.touchElsewhere(storyId, "Changed in another window");
    await publish(platform, storyId, outbox);
    await pass(3000);
    expect(platform.peek(storyId)).toMatchObject({ status: "published", revision: revision + 2 });
    expect(status().value).toBe("ready");

    await fireEvent.input(screen.getByTestId("standfirst"), { target: { value: "Mine" } });
    await pass(2000);
    expect(screen.getByTestId("conflict")).toBeInTheDocument();
    expect(platform.peek(storyId).headline).toBe("Changed in another window");
    outbox.dispose();
  });
});
