/**
 * Publishing against the fake core: destinations in Settings (adding, where the secret is kept,
 * Test connection, Remove), the send dialog (the checklist and "Send anyway", draft or publish, an
 * embargo as RFC 3339 with the offset, a secret asked for, no destination yet) and the local time
 * helpers.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import SettingsDialog from "../src/components/SettingsDialog.svelte";
import Editor from "../src/components/Editor.svelte";
import { FakePlatform } from "../src/platform/fake";
import { Outbox } from "../src/lib/outbox.svelte";
import { localToRfc3339, secretPlaceWords, toLocalInput } from "../src/lib/publish";
import { asDoc } from "../src/lib/docSchema";
import { toasts } from "../src/lib/toasts.svelte";
import type { NewDestination, Story } from "../src/platform/types";

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  toasts.splice(0, toasts.length);
});

const WP: NewDestination = { name: "News site", kind: "wordpress", url: "https://news.example.org", user: "desk", secret: "abcd efgh ijkl" };

function commands(platform: FakePlatform): string[] {
  return platform.calls.map((c) => c.command);
}

async function openDestinations(platform: FakePlatform): Promise<HTMLElement> {
  render(SettingsDialog, { props: { platform, tab: "destinations", onClose: vi.fn() } });
  return screen.findByTestId("settings-destinations");
}

async function type(testid: string, value: string): Promise<void> {
  await fireEvent.input(screen.getByTestId(testid), { target: { value } });
}

describe("Settings → Destinations", () => {
  it("adds a WordPress site and lists it with where its password is kept, in words", async () => {
    const platform = new FakePlatform();
    const panel = await openDestinations(platform);
    expect(await within(panel).findByTestId("destinations-empty")).toHaveTextContent("No destinations yet");
    expect(screen.getByTestId("destination-secret-hint")).toHaveTextContent("Users → Profile → Application Passwords");
    expect(screen.getByLabelText("Application password")).toHaveAttribute("type", "password");

    await type("destination-name", "News site");
    await type("destination-url", "https://news.example.org/");
    await type("destination-user", "desk");
    await type("destination-secret", "abcd efgh ijkl");
    await fireEvent.click(screen.getByTestId("destination-add"));

    const row = await screen.findByTestId("destination-row");
    expect(row).toHaveTextContent("News site");
    expect(row).toHaveTextContent("WordPress");
    expect(row).toHaveTextContent("news.example.org");
    expect(row).toHaveTextContent("as desk");
    expect(within(row).getByTestId("destination-secret-place")).toHaveTextContent("Application password: in the keychain");
    expect(platform.calls.find((c) => c.command === "add_destination")?.args).toEqual({
      destination: { name: "News site", kind: "wordpress", url: "https://news.example.org/", user: "desk", secret: "abcd efgh ijkl" },
    });
    // The form is empty again, ready for another.
    await waitFor(() => expect((screen.getByTestId("destination-name") as HTMLInputElement).value).toBe(""));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("destination-name")));
    expect(screen.queryByTestId("destinations-empty")).toBeNull();
  });

  it("asks Ghost for its Admin API key, with no user, and says where Ghost shows it", async () => {
    const platform = new FakePlatform();
    await openDestinations(platform);
    await fireEvent.change(screen.getByTestId("destination-kind"), { target: { value: "ghost" } });
    expect(screen.queryByTestId("destination-user")).toBeNull();
    expect(screen.getByTestId("destination-secret-hint")).toHaveTextContent("Settings → Integrations → Add custom integration");
    expect(screen.getByLabelText("Admin API key")).toHaveAttribute("type", "password");
    await type("destination-name", "Magazine nokeychain");
    await type("destination-url", "https://mag.example.org");
    await type("destination-secret", "6489a1:8f3e2b");
    await fireEvent.click(screen.getByTestId("destination-add"));
    const row = await screen.findByTestId("destination-row");
    expect(row).toHaveTextContent("Ghost");
    expect(row).toHaveTextContent("Admin API key: for this session only (no keychain on this computer)");
    expect((platform.calls.find((c) => c.command === "add_destination")?.args as { destination: NewDestination }).destination.user).toBeNull();
  });

  it("shows the core's refusal and keeps what was typed", async () => {
    const platform = new FakePlatform();
    await openDestinations(platform);
    await type("destination-name", "News site");
    await type("destination-url", "http://news.example.org");
    await type("destination-user", "desk");
    await type("destination-secret", "secret");
    await fireEvent.click(screen.getByTestId("destination-add"));
    expect(await screen.findByTestId("destination-error")).toHaveTextContent("Byline sends over https; plain http only to this computer");
    expect(screen.getByTestId("destination-url")).toHaveValue("http://news.example.org");
    expect(screen.queryByTestId("destination-row")).toBeNull();
  });

  it("says which field is missing before asking the core", async () => {
    const platform = new FakePlatform();
    await openDestinations(platform);
    await type("destination-name", "News site");
    await fireEvent.click(screen.getByTestId("destination-add"));
    expect(await screen.findByTestId("destination-error")).toHaveTextContent("Enter the site's address.");
    expect(document.activeElement).toBe(screen.getByTestId("destination-url"));
    expect(commands(platform)).not.toContain("add_destination");
  });

  it("tests a connection and says the result in a live region, ok or the problem", async () => {
    const platform = new FakePlatform();
    await platform.addDestination(WP);
    await platform.addDestination({ ...WP, name: "Old site", url: "https://bad.example.org" });
    await openDestinations(platform);
    const [good, bad] = await screen.findAllByTestId("destination-row");

    await fireEvent.click(within(good).getByRole("button", { name: "Test connection to News site" }));
    const report = within(good).getByTestId("destination-report");
    expect(report).toHaveAttribute("role", "status");
    await waitFor(() => expect(report).toHaveTextContent("Connected. Connected to news.example.org as desk."));

    await fireEvent.click(within(bad).getByTestId("destination-test"));
    await waitFor(() => expect(within(bad).getByTestId("destination-report")).toHaveTextContent("Problem: bad.example.org refused to sign in (401 Unauthorized)"));
    expect(platform.calls.filter((c) => c.command === "test_destination").map((c) => c.args)).toEqual([
      { name: "News site", secret: null },
      { name: "Old site", secret: null },
    ]);
  });

  it("asks for a secret that is not stored before testing with it", async () => {
    const platform = new FakePlatform();
    await platform.addDestination(WP);
    platform.forgetSecret("News site");
    await openDestinations(platform);
    const row = await screen.findByTestId("destination-row");
    expect(row).toHaveTextContent(`Application password: ${secretPlaceWords("missing")}`);
    expect(row).toHaveTextContent("not stored: asked when sending");
    await fireEvent.input(within(row).getByTestId("destination-test-secret"), { target: { value: "typed now" } });
    await fireEvent.click(within(row).getByTestId("destination-test"));
    await waitFor(() => expect(within(row).getByTestId("destination-report")).toHaveTextContent("Connected"));
    expect(platform.calls.find((c) => c.command === "test_destination")?.args).toEqual({ name: "News site", secret: "typed now" });
  });

  it("removes a destination only after a confirmation", async () => {
    const platform = new FakePlatform();
    await platform.addDestination(WP);
    await openDestinations(platform);
    const row = await screen.findByTestId("destination-row");

    await fireEvent.click(within(row).getByRole("button", { name: "Remove News site" }));
    let confirm = await screen.findByTestId("confirm-dialog");
    expect(confirm).toHaveTextContent("Remove News site?");
    await fireEvent.click(within(confirm).getByTestId("confirm-cancel"));
    expect(screen.getByTestId("destination-row")).toBeInTheDocument();
    expect(commands(platform)).not.toContain("remove_destination");

    await fireEvent.click(within(row).getByTestId("destination-remove"));
    confirm = await screen.findByTestId("confirm-dialog");
    await fireEvent.click(within(confirm).getByTestId("confirm-ok"));
    await waitFor(() => expect(screen.queryByTestId("destination-row")).toBeNull());
    expect(platform.calls.find((c) => c.command === "remove_destination")?.args).toEqual({ name: "News site" });
    expect(await platform.listDestinations()).toEqual([]);
  });
});

// ------------------------------------------------------------------------------ the send dialog

const para = (t: string, note = false) => ({ type: "paragraph", content: [note ? { type: "text", text: t, marks: [{ type: "note" }] } : { type: "text", text: t }] });

async function makeStory(platform: FakePlatform, tk: boolean): Promise<Story> {
  const created = await platform.createStory({ headline: "Ministers meet in Rome", kicker: null, byline: "Staff" });
  await platform.saveStory({
    id: created.id,
    baseRevision: created.revision,
    slug: created.slug,
    kicker: "",
    headline: created.headline,
    standfirst: "",
    byline: "Staff",
    dateline: "ROME",
    language: "en-GB",
    status: "editing",
    tags: [],
    wordTarget: null,
    body: asDoc({ type: "doc", content: [para("Foreign ministers met in Rome on Monday."), ...(tk ? [para("ask the ministry", true)] : [])] }),
  });
  return platform.getStory(created.id);
}

async function openSend(platform: FakePlatform, story: Story, outbox: Outbox | null = null): Promise<HTMLElement> {
  render(Editor, { props: { platform, storyId: story.id, onBack: vi.fn(), outbox } });
  await screen.findByTestId("headline");
  await waitFor(() => expect(screen.getByTestId("send-button")).toBeEnabled());
  // A click focuses the button in a browser; jsdom's click does not.
  screen.getByTestId("send-button").focus();
  await fireEvent.click(screen.getByTestId("send-button"));
  return screen.findByTestId("send-dialog");
}

describe("the send dialog", () => {
  it("shows the checklist under “Before you send” and sends anyway, queued for the destination", async () => {
    const platform = new FakePlatform();
    await platform.addDestination(WP);
    const story = await makeStory(platform, true);
    const outbox = new Outbox(platform);
    const dialog = await openSend(platform, story, outbox);

    expect(dialog).toHaveAttribute("aria-modal", "true");
    expect(within(dialog).getByText("Before you send")).toBeInTheDocument();
    const items = await within(dialog).findAllByTestId("send-checklist-item");
    expect(items[0]).toHaveTextContent("1 unresolved TK or newsroom note(s)");
    expect(within(dialog).getByTestId("send-confirm")).toHaveTextContent("Send anyway");
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByTestId("send-destination")));
    expect(within(dialog).getByTestId("send-destination")).toHaveValue("News site");
    expect(within(dialog).getByTestId("send-status-draft")).toBeChecked();

    await fireEvent.click(within(dialog).getByTestId("send-status-publish"));
    await fireEvent.click(within(dialog).getByTestId("send-confirm"));
    await waitFor(() => expect(screen.queryByTestId("send-dialog")).toBeNull());
    expect(platform.calls.find((c) => c.command === "send_story")?.args).toEqual({
      request: { story: story.id, destination: "News site", status: "publish", holdUntil: null },
    });
    expect(toasts.map((t) => t.text)).toContain("Queued for News site");
    // The outbox opens on the new item, without taking the focus.
    expect(outbox.open).toBe(true);
    expect(outbox.focusOnOpen).toBe(false);
    expect(outbox.items[0]).toMatchObject({ headline: "Ministers meet in Rome", destination: "News site", status: "publish", state: "queued" });
    outbox.dispose();
  });

  it("says Send when the checklist is clean, and gives the focus back to Send… when it closes", async () => {
    const platform = new FakePlatform();
    await platform.addDestination(WP);
    const story = await makeStory(platform, false);
    const dialog = await openSend(platform, story);
    expect(await within(dialog).findByTestId("send-checklist-ready")).toHaveTextContent("ready to send");
    expect(within(dialog).getByTestId("send-confirm")).toHaveTextContent(/^Send$/);
    await fireEvent.keyDown(dialog, { key: "Escape" });
    expect(screen.queryByTestId("send-dialog")).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId("send-button"));
    expect(commands(platform)).not.toContain("send_story");
  });

  it("sends an embargo as RFC 3339 with the local offset, and refuses a time already past", async () => {
    const platform = new FakePlatform();
    await platform.addDestination(WP);
    const story = await makeStory(platform, false);
    const dialog = await openSend(platform, story);
    await within(dialog).findByTestId("send-checklist-ready");
    const hold = within(dialog).getByTestId("send-hold");

    await fireEvent.input(hold, { target: { value: "2001-05-01T09:30" } });
    await fireEvent.click(within(dialog).getByTestId("send-confirm"));
    expect(await within(dialog).findByTestId("send-hold-error")).toHaveTextContent("That time has passed");
    expect(commands(platform)).not.toContain("send_story");

    const year = new Date().getFullYear() + 1;
    await fireEvent.input(hold, { target: { value: `${year}-05-01T09:30` } });
    await fireEvent.click(within(dialog).getByTestId("send-confirm"));
    await waitFor(() => expect(screen.queryByTestId("send-dialog")).toBeNull());
    const sent = platform.calls.find((c) => c.command === "send_story")?.args as { request: { holdUntil: string } };
    expect(sent.request.holdUntil).toMatch(new RegExp(`^${year}-05-01T09:30:00[+-]\\d{2}:\\d{2}$`));
    expect(Date.parse(sent.request.holdUntil)).toBe(new Date(year, 4, 1, 9, 30).getTime());
  });

  it("asks for a secret that is not stored and gives it to the core before sending", async () => {
    const platform = new FakePlatform();
    await platform.addDestination(WP);
    platform.forgetSecret("News site");
    const story = await makeStory(platform, false);
    const dialog = await openSend(platform, story);
    const secret = await within(dialog).findByLabelText("Application password");
    expect(secret).toHaveAttribute("type", "password");

    await fireEvent.click(within(dialog).getByTestId("send-confirm"));
    expect(await within(dialog).findByTestId("send-error")).toHaveTextContent("Enter the application password of News site.");
    expect(commands(platform)).not.toContain("send_story");

    await fireEvent.input(secret, { target: { value: "abcd efgh" } });
    await fireEvent.click(within(dialog).getByTestId("send-confirm"));
    await waitFor(() => expect(screen.queryByTestId("send-dialog")).toBeNull());
    const sent = commands(platform).filter((c) => c === "provide_secret" || c === "send_story");
    expect(sent).toEqual(["provide_secret", "send_story"]);
    expect(platform.calls.find((c) => c.command === "provide_secret")?.args).toEqual({ destination: "News site", secret: "abcd efgh" });
  });

  it("with no destination, says so and opens Settings on Destinations; the send dialog comes back after", async () => {
    const platform = new FakePlatform();
    const story = await makeStory(platform, false);
    const dialog = await openSend(platform, story);
    expect(await within(dialog).findByTestId("send-no-destinations")).toHaveTextContent("add your WordPress or Ghost site first");
    expect(within(dialog).getByTestId("send-confirm")).toBeDisabled();

    await fireEvent.click(within(dialog).getByTestId("send-setup"));
    const settings = await screen.findByTestId("settings-dialog");
    expect(screen.queryByTestId("send-dialog")).toBeNull();
    expect(within(settings).getByRole("tab", { name: "Destinations" })).toHaveAttribute("aria-selected", "true");
    await within(settings).findByTestId("destinations-empty");
    await type("destination-name", "News site");
    await type("destination-url", "https://news.example.org");
    await type("destination-user", "desk");
    await type("destination-secret", "abcd");
    await fireEvent.click(within(settings).getByTestId("destination-add"));
    await within(settings).findByTestId("destination-row");
    await fireEvent.click(within(settings).getByTestId("settings-close"));

    const again = await screen.findByTestId("send-dialog");
    expect(await within(again).findByTestId("send-destination")).toHaveValue("News site");
  });

  it("shows the core's refusal and stays open", async () => {
    const platform = new FakePlatform();
    await platform.addDestination(WP);
    const story = await makeStory(platform, false);
    const dialog = await openSend(platform, story);
    await within(dialog).findByTestId("send-checklist-ready");
    await platform.removeDestination("News site");
    await fireEvent.click(within(dialog).getByTestId("send-confirm"));
    expect(await within(dialog).findByTestId("send-error")).toHaveTextContent("no destination named “News site”");
    expect(screen.getByTestId("send-dialog")).toBeInTheDocument();
  });
});

describe("local time for the embargo", () => {
  it("reads a datetime-local value as local time and writes RFC 3339 with the offset", () => {
    const rfc = localToRfc3339("2030-01-15T18:05");
    expect(rfc).toMatch(/^2030-01-15T18:05:00(\+|-)\d{2}:\d{2}$/);
    expect(Date.parse(rfc ?? "")).toBe(new Date(2030, 0, 15, 18, 5).getTime());
    expect(localToRfc3339("2030-02-31T10:00")).toBeNull();
    expect(localToRfc3339("tomorrow")).toBeNull();
    expect(localToRfc3339("")).toBeNull();
    expect(toLocalInput(new Date(2030, 0, 15, 18, 5))).toBe("2030-01-15T18:05");
  });
});
