/**
 * Never lose a story: the library's health at startup (unclean shutdown, damaged and read-only,
 * unavailable), recovery from a backup, the backups dialog (back up now, restore after a safety
 * backup), and the platform calls behind them.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import App from "../src/App.svelte";
import { FakePlatform } from "../src/platform/fake";
import { AppError } from "../src/platform/errors";
import { backupDate, describeBackup, formatBytes, reasonLabel } from "../src/lib/backups";
import { toasts } from "../src/lib/toasts.svelte";
import { addStory } from "./fixtures";

const invoke = vi.fn();
vi.mock("@tauri-apps/api/core", () => ({ invoke: (...args: unknown[]) => invoke(...args), Channel: class {} }));
vi.mock("@tauri-apps/api/window", () => ({ getCurrentWindow: () => ({ onCloseRequested: async () => () => {} }) }));
vi.mock("@tauri-apps/api/webview", () => ({ getCurrentWebview: () => ({ onDragDropEvent: async () => () => {} }) }));

afterEach(() => {
  cleanup();
  location.hash = "";
  toasts.splice(0, toasts.length);
});

const headlines = () => screen.queryAllByTestId("story-row").map((r) => r.textContent ?? "");

describe("tauri platform: health, backups, links", () => {
  it("invokes each command by its name with camelCase arguments", async () => {
    const { createTauriPlatform } = await import("../src/platform/tauri");
    const p = createTauriPlatform();
    const cases: Array<[() => Promise<unknown>, string, Record<string, unknown> | undefined]> = [
      [() => p.libraryHealth(), "library_health", undefined],
      [() => p.listBackups(), "list_backups", undefined],
      [() => p.backupNow(), "backup_now", undefined],
      [() => p.restoreBackup("/lib/backups/backup-1-daily.sqlite"), "restore_backup", { file: "/lib/backups/backup-1-daily.sqlite" }],
      [() => p.recoverLibrary("/lib/backups/backup-1-daily.sqlite"), "recover_library", { file: "/lib/backups/backup-1-daily.sqlite" }],
    ];
    for (const [run, command, args] of cases) {
      const reply = { from: command };
      invoke.mockResolvedValueOnce(reply);
      expect(await run()).toBe(reply);
      expect(invoke).toHaveBeenLastCalledWith(command, args);
    }
    invoke.mockResolvedValueOnce(null);
    await expect(p.openExternal("https://example.org/a")).resolves.toBeUndefined();
    expect(invoke).toHaveBeenLastCalledWith("open_external", { url: "https://example.org/a" });
  });

  it("turns the core's refusals into AppErrors naming the command", async () => {
    const { createTauriPlatform } = await import("../src/platform/tauri");
    const p = createTauriPlatform();
    invoke.mockRejectedValueOnce({ kind: "invalid_input", message: "only https and mailto links open outside Byline; `file:///etc/passwd` was not opened" });
    await expect(p.openExternal("file:///etc/passwd")).rejects.toMatchObject({ kind: "invalid_input", command: "open_external" });
    invoke.mockRejectedValueOnce({ kind: "library", message: "database or disk is full" });
    await expect(p.backupNow()).rejects.toMatchObject({ kind: "library", command: "backup_now", message: "database or disk is full" });
  });
});

describe("fake platform: backups and health", () => {
  it("restores a backup after a safety backup of what is there now", async () => {
    const p = new FakePlatform();
    const first = await p.backupNow();
    await addStory(p, { headline: "Written after the backup" });
    const safety = await p.restoreBackup(first.file);
    expect(safety.reason).toBe("before-restore");
    expect((await p.listStories(null, 0, 10)).stories.map((s) => s.headline)).not.toContain("Written after the backup");
    const list = await p.listBackups();
    expect(list.map((b) => b.reason)).toEqual(["before-restore", "manual"]);
    // Nothing is lost: the safety backup has the story written after the first one.
    await p.restoreBackup(safety.file);
    expect((await p.listStories(null, 0, 10)).stories.map((s) => s.headline)).toContain("Written after the backup");
    await expect(p.restoreBackup("/elsewhere/library.sqlite")).rejects.toMatchObject({ kind: "invalid_input" });
  });

  it("refuses writes when read-only, and everything but health and recovery when unavailable", async () => {
    const p = new FakePlatform();
    const backup = p.makeBackup("daily");
    const [s] = (await p.listStories(null, 0, 1)).stories;
    p.damage("readOnly", "database disk image is malformed");
    const story = await p.getStory(s.id);
    await expect(p.saveStory({ ...story, baseRevision: story.revision, headline: "x" })).rejects.toMatchObject({ kind: "library" });
    expect(await p.libraryHealth()).toMatchObject({ state: "readOnly", message: "database disk image is malformed", newestGoodBackup: backup });

    p.damage("unavailable", "not a Byline library");
    await expect(p.listStories(null, 0, 1)).rejects.toMatchObject({ message: "not a Byline library" });
    const health = await p.recoverLibrary(backup.file);
    expect(health.state).toBe("ok");
    expect(health.message).toMatch(/^Restored the backup of .+ The damaged library was kept in .+damaged-/);
    expect((await p.listStories(null, 0, 1)).stories).toHaveLength(1);
    await expect(p.recoverLibrary(backup.file)).rejects.toThrow(/not damaged/);
  });

  it("opens only https and mailto links outside", async () => {
    const p = new FakePlatform();
    await p.openExternal("https://example.org/x");
    await p.openExternal("mailto:desk@example.org");
    for (const bad of ["http://example.org", "javascript:alert(1)", "file:///etc/passwd", "https://user@example.org", "story:x"]) {
      await expect(p.openExternal(bad)).rejects.toBeInstanceOf(AppError);
    }
    expect(p.openedExternally).toEqual(["https://example.org/x", "mailto:desk@example.org"]);
  });
});

describe("backup wording", () => {
  it("names reasons and sizes the way people read them", () => {
    expect(reasonLabel("daily")).toBe("Daily");
    expect(reasonLabel("before-restore")).toBe("Before a restore");
    expect(reasonLabel("before-upgrade-v2")).toBe("Before an upgrade");
    expect(formatBytes(812)).toBe("812 bytes");
    expect(formatBytes(48 * 1024)).toBe("48 KB");
    expect(formatBytes(3.4 * 1024 * 1024)).toBe("3.4 MB");
    expect(describeBackup({ file: "f", made: "2026-11-28T14:05:00Z", bytes: 2048, reason: "close" })).toContain("When Byline closed, 2.0 KB");
    expect(backupDate("not a date")).toBe("not a date");
  });
});

describe("startup: the library's health", () => {
  it("says so after an unclean shutdown, and carries on", async () => {
    const platform = new FakePlatform({ health: { afterUncleanShutdown: true } });
    render(App, { props: { platform } });
    expect(await screen.findByText(/not closed properly last time; the library was checked and is fine/)).toBeInTheDocument();
    expect(await screen.findAllByTestId("story-row")).toHaveLength(1);
    expect(platform.calls[0].command).toBe("library_health");
    expect(screen.queryByTestId("library-damaged")).toBeNull();
  });

  it("opens a damaged library read-only under a banner, and recovers it from the newest good backup", async () => {
    const platform = new FakePlatform();
    const good = platform.makeBackup("daily", new Date("2026-11-20T09:30:00Z"));
    await addStory(platform, { headline: "Lost in the damage" });
    platform.damage("readOnly", "the library is damaged: database disk image is malformed");
    render(App, { props: { platform } });

    const banner = await screen.findByTestId("library-damaged");
    expect(banner).toHaveTextContent("opened read-only");
    expect(banner).toHaveTextContent("database disk image is malformed");
    const recover = within(banner).getByTestId("recover-newest");
    expect(recover).toHaveTextContent(`Restore the backup of ${backupDate(good.made)}`);
    expect(within(banner).getByTestId("recover-choose")).toHaveTextContent("Choose another backup…");
    expect(screen.getByTestId("new-story")).toBeDisabled();

    // The editor shows the story, read-only: fields disabled, no toolbar, nothing saved.
    const rows = await screen.findAllByTestId("story-row");
    await fireEvent.click(rows.find((r) => r.textContent?.includes("Lost in the damage")) ?? rows[0]);
    const headline = await screen.findByTestId("headline");
    expect(headline).toBeDisabled();
    expect(screen.getByTestId("byline")).toBeDisabled();
    expect(screen.getByTestId("read-only-badge")).toHaveTextContent("Read-only");
    expect(screen.getByTestId("save-state")).toHaveTextContent("Read-only");
    await waitFor(() => expect(document.querySelector("[data-testid='body']")?.getAttribute("contenteditable")).toBe("false"));
    expect(screen.queryByRole("toolbar", { name: "Formatting" })).toBeNull();
    const saves = () => platform.calls.filter((c) => c.command === "save_story").length;
    const savesBefore = saves();
    await fireEvent.input(headline, { target: { value: "typed anyway" } });
    await new Promise((r) => setTimeout(r, 700));
    expect(saves()).toBe(savesBefore);

    // Recover: the damaged library goes aside, the backup comes back, everything is read again.
    await fireEvent.click(screen.getByTestId("back"));
    await fireEvent.click(await screen.findByTestId("recover-newest"));
    const notice = await screen.findByTestId("library-notice");
    expect(notice).toHaveTextContent(/Restored the backup of .+ The damaged library was kept in/);
    expect(screen.queryByTestId("library-damaged")).toBeNull();
    await waitFor(() => expect(headlines().some((h) => h.includes("Lost in the damage"))).toBe(false));
    expect(screen.getByTestId("new-story")).toBeEnabled();
    expect(platform.calls.filter((c) => c.command === "recover_library")).toEqual([{ command: "recover_library", args: { file: good.file } }]);
  });

  it("lets a damaged library be recovered from another backup, with a reason when one fails", async () => {
    const platform = new FakePlatform();
    const older = platform.makeBackup("daily", new Date("2026-11-01T08:00:00Z"));
    const newer = platform.makeBackup("close", new Date("2026-11-02T18:00:00Z"));
    platform.spoilBackup(newer.file);
    platform.damage("readOnly");
    render(App, { props: { platform } });
    await fireEvent.click(await screen.findByTestId("recover-choose"));
    const dialog = await screen.findByTestId("backups-dialog");
    expect(dialog).toHaveTextContent("never deleted");
    expect(within(dialog).queryByTestId("backup-now")).toBeNull();
    const rows = await within(dialog).findAllByTestId("backup-row");
    expect(rows.map((r) => r.dataset.file)).toEqual([newer.file, older.file]);

    await fireEvent.click(within(rows[0]).getByTestId("backup-restore"));
    expect(screen.getByTestId("confirm-message")).toHaveTextContent("never deleted");
    await fireEvent.click(screen.getByTestId("confirm-ok"));
    expect(await within(dialog).findByTestId("backups-error")).toHaveTextContent("integrity check failed");
    expect(screen.getByTestId("library-damaged")).toBeInTheDocument();

    await fireEvent.click(within(rows[1]).getByTestId("backup-restore"));
    await fireEvent.click(screen.getByTestId("confirm-ok"));
    expect(await screen.findByTestId("library-notice")).toHaveTextContent("The damaged library was kept in");
    expect(screen.queryByTestId("backups-dialog")).toBeNull();
    expect(screen.queryByTestId("library-damaged")).toBeNull();
  });

  it("shows the recovery screen when nothing could be opened, and restores a backup from it", async () => {
    const platform = new FakePlatform();
    const backup = platform.makeBackup("close", new Date("2026-11-27T17:45:00Z"));
    platform.damage("unavailable", "library.sqlite is not a Byline library (left untouched): file is not a database");
    render(App, { props: { platform } });
    const screenEl = await screen.findByTestId("recovery-screen");
    expect(within(screenEl).getByTestId("recovery-message")).toHaveTextContent("file is not a database");
    expect(screen.queryByTestId("new-story")).toBeNull();
    const [row] = within(screenEl).getAllByTestId("backup-row");
    expect(row).toHaveTextContent(backupDate(backup.made));
    expect(row).toHaveTextContent("When Byline closed");
    expect(within(row).getByTestId("backup-good")).toBeInTheDocument();
    await fireEvent.click(within(row).getByTestId("backup-restore"));
    expect(await screen.findByTestId("library-notice")).toHaveTextContent("The damaged library was kept in");
    expect(screen.queryByTestId("recovery-screen")).toBeNull();
    expect(await screen.findAllByTestId("story-row")).toHaveLength(1);
  });

  it("says plainly when there is no backup, and that the library file was left untouched", async () => {
    const platform = new FakePlatform();
    platform.damage("unavailable", "file is not a database");
    render(App, { props: { platform } });
    const none = await screen.findByTestId("no-backups");
    expect(none).toHaveTextContent("There are no backups of this library");
    expect(none).toHaveTextContent("left untouched");
    expect(screen.queryByTestId("backup-restore")).toBeNull();
  });
});

describe("backups dialog", () => {
  it("lists backups, backs up now, and restores one after saying the library is backed up first", async () => {
    const platform = new FakePlatform();
    const before = platform.makeBackup("daily", new Date(Date.now() - 3600_000));
    await addStory(platform, { headline: "Written after the backup" });
    render(App, { props: { platform } });
    await waitFor(() => expect(headlines().some((h) => h.includes("Written after the backup"))).toBe(true));

    await fireEvent.click(screen.getByTestId("backups-button"));
    const dialog = await screen.findByTestId("backups-dialog");
    expect(dialog).toHaveAttribute("aria-modal", "true");
    expect(await within(dialog).findAllByTestId("backup-row")).toHaveLength(1);
    expect(within(dialog).getByTestId("backup-row")).toHaveTextContent("Daily");
    expect(within(dialog).getByTestId("backup-size").textContent).toMatch(/KB|bytes/);

    await fireEvent.click(within(dialog).getByTestId("backup-now"));
    expect(await within(dialog).findByTestId("backups-done")).toHaveTextContent("Backed up");
    await waitFor(() => expect(within(dialog).getAllByTestId("backup-row")).toHaveLength(2));

    const old = within(dialog).getAllByTestId("backup-row").find((r) => r.dataset.file === before.file);
    await fireEvent.click(within(old as HTMLElement).getByTestId("backup-restore"));
    expect(screen.getByTestId("confirm-message")).toHaveTextContent("The current library is backed up first");
    await fireEvent.click(screen.getByTestId("confirm-ok"));
    const done = await within(dialog).findByTestId("backups-done");
    expect(done).toHaveTextContent(`Restored the backup of ${backupDate(before.made)}`);
    expect(done).toHaveTextContent("before a restore");
    expect(await screen.findByTestId("library-notice")).toHaveTextContent("kept in the backup of");
    await waitFor(() => expect(within(dialog).getAllByTestId("backup-row")).toHaveLength(3));
    expect(within(dialog).getAllByTestId("backup-row")[0].dataset.reason).toBe("before-restore");

    // The library list was read again: the story written after that backup is gone from it.
    await fireEvent.keyDown(dialog, { key: "Escape" });
    expect(screen.queryByTestId("backups-dialog")).toBeNull();
    await waitFor(() => expect(headlines().some((h) => h.includes("Written after the backup"))).toBe(false));
    expect(headlines()).toHaveLength(1);
  });

  it("cancelling the confirmation restores nothing", async () => {
    const platform = new FakePlatform();
    platform.makeBackup("manual");
    render(App, { props: { platform } });
    await fireEvent.click(await screen.findByTestId("backups-button"));
    await fireEvent.click(await screen.findByTestId("backup-restore"));
    await fireEvent.click(screen.getByTestId("confirm-cancel"));
    expect(platform.calls.some((c) => c.command === "restore_backup")).toBe(false);
    expect(screen.getByTestId("backups-dialog")).toBeInTheDocument();
  });
});

describe("a failed save in the editor (full disk)", () => {
  it("says Not saved with the core's message, keeps the text, and saves once the disk has room", async () => {
    const platform = new FakePlatform();
    const [summary] = (await platform.listStories(null, 0, 1)).stories;
    location.hash = `#/story/${summary.id}`;
    render(App, { props: { platform } });
    const headline = (await screen.findByTestId("headline")) as HTMLTextAreaElement;
    platform.failNext = { command: "save_story", error: new AppError("io", "database or disk is full", "save_story"), times: 2 };
    await fireEvent.input(headline, { target: { value: "Typed while the disk was full" } });
    await waitFor(() => expect(screen.getByTestId("save-state")).toHaveTextContent("Not saved — retrying"), { timeout: 3000 });
    expect(screen.getByTestId("save-error")).toHaveTextContent("database or disk is full");
    expect(screen.getByTestId("save-failed")).toHaveTextContent("Database or disk is full. Your text is kept here");
    expect(screen.getByTestId("save-now")).toBeInTheDocument();
    expect(headline.value).toBe("Typed while the disk was full");
    // Retried after 1 s (fails again), then after 2 s: saved.
    await waitFor(() => expect(screen.getByTestId("save-state")).toHaveTextContent("Saved"), { timeout: 6000 });
    expect(screen.queryByTestId("save-error")).toBeNull();
    expect((await platform.getStory(summary.id)).headline).toBe("Typed while the disk was full");
  }, 10_000);
});
