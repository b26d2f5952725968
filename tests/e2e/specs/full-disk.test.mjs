// A full disk loses nothing. The library lives on a small tmpfs (mounting one needs root; the spec
// is skipped otherwise, saying why). A story is written and saved; a filler file then takes every
// free byte; more text is typed: the status bar says "Not saved" with the core's message (the
// disk is full), the text stays in the editor, and Byline keeps retrying. The filler is removed:
// the next retry saves. The app is closed and reopened: the text is there.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdir, open, unlink } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { Key } from "webdriverio";
import { launch, openStoryId, OUTPUT_DIR, pageErrors, saveState, screenshot, sel, TIMEOUT, typeText, waitSaved } from "../lib/app.mjs";

const run = promisify(execFile);

const IS_ROOT = typeof process.getuid === "function" && process.getuid() === 0;
const SIZE = "24m";
const HEADLINE = "Writing on a full disk";
const BEFORE = "This paragraph was saved before the disk filled up.";
const DURING = "This one was typed while the disk was full and must not be lost.";
/** A failed save is retried after 1, 2, 4, 8 then every 15 s: give the retry time to come round. */
const RETRY_TIMEOUT = Math.max(TIMEOUT, 60_000);

/** Writes zeros into `file` until the file system says it is full; returns the bytes written. */
async function fill(file) {
  const fh = await open(file, "w");
  let written = 0;
  try {
    for (const size of [1 << 20, 64 << 10, 4 << 10, 512]) {
      const chunk = Buffer.alloc(size);
      for (;;) {
        try {
          const { bytesWritten } = await fh.write(chunk);
          written += bytesWritten;
          if (bytesWritten < size) break;
        } catch (err) {
          if (err.code === "ENOSPC") break;
          throw err;
        }
      }
    }
    await fh.sync().catch(() => {});
  } finally {
    await fh.close().catch(() => {});
  }
  return written;
}

async function unmount(dir) {
  for (let i = 0; i < 10; i++) {
    try {
      await run("umount", [dir]);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  await run("umount", ["-l", dir]);
}

test(
  "a full disk: Not saved with the core's message, the text kept, saved once there is room, there after a restart",
  { skip: IS_ROOT ? false : "needs root to mount a small tmpfs as the library folder (run the suite as root, as CI does)" },
  async () => {
    let mounted = null;
    const app = await launch("full-disk", {
      prepare: async (env) => {
        await mkdir(env.BYLINE_LIBRARY, { recursive: true });
        await run("mount", ["-t", "tmpfs", "-o", `size=${SIZE}`, "tmpfs", env.BYLINE_LIBRARY]);
        mounted = env.BYLINE_LIBRARY;
      },
      onStop: async () => {
        if (mounted) await unmount(mounted);
      },
    });
    try {
      let browser = app.browser;
      const filler = path.join(app.env.BYLINE_LIBRARY, "filler.bin");
      const { stdout } = await run("findmnt", ["-n", "-o", "FSTYPE", app.env.BYLINE_LIBRARY]);
      assert.equal(stdout.trim(), "tmpfs", "the library folder is the small tmpfs");

      // A story, saved while there is room.
      await (await browser.$(sel("new-story"))).click();
      const headline = await browser.$(sel("headline"));
      await headline.waitForExist({ timeout: TIMEOUT });
      await headline.click();
      await typeText(browser, HEADLINE);
      await (await browser.$(sel("body"))).click();
      await typeText(browser, BEFORE);
      await waitSaved(browser);
      const storyId = await openStoryId(browser);

      // Every free byte taken.
      const taken = await fill(filler);
      assert.ok(taken > 1 << 20, `the filler took the free space: ${taken} bytes`);

      // More text: it stays in the editor, and the status bar says it is not saved, and why.
      await browser.keys(Key.Enter);
      await typeText(browser, DURING);
      try {
        await browser.waitUntil(async () => (await saveState(browser)).startsWith("Not saved"), { timeout: TIMEOUT, interval: 200 });
      } catch {
        throw new Error(`the status bar never said "Not saved" (it says "${await saveState(browser)}"; page errors: ${await pageErrors(browser)})`);
      }
      const errorShown = () =>
        browser.execute(() => {
          const el = document.querySelector("[data-testid='save-error']");
          const box = el?.getBoundingClientRect();
          return { text: el?.textContent ?? "", width: box?.width ?? 0, title: el?.getAttribute("title") ?? "" };
        });
      const shown = await errorShown();
      const why = shown.text;
      assert.match(why, /full|no space/i, `the status bar gives the core's message that the disk is full: "${why}"`);
      assert.ok(shown.width > 40, `the message is visible in the status bar (${shown.width}px wide)`);
      await screenshot(browser, path.join(OUTPUT_DIR, "full-disk-not-saved.png"), { minBytes: 5_000 }).catch(() => {});
      assert.match(await browser.execute(() => document.querySelector("[data-testid='save-failed']")?.textContent ?? ""), /Your text is kept here/);
      const body = () => browser.execute(() => document.querySelector("[data-testid='body']").textContent);
      assert.ok((await body()).includes(DURING), "the text typed on the full disk is still in the editor");
      // Still not saved a few seconds (and retries) later.
      await browser.pause(3500);
      assert.match(await saveState(browser), /^Not saved/);
      assert.ok((await body()).includes(DURING));

      // Room again: the next retry saves, without anyone pressing anything.
      await unlink(filler);
      try {
        await browser.waitUntil(async () => (await saveState(browser)) === "Saved", { timeout: RETRY_TIMEOUT, interval: 250 });
      } catch {
        throw new Error(`not saved after the filler was removed (status "${await saveState(browser)}"; page errors: ${await pageErrors(browser)})`);
      }
      assert.equal(await browser.$(sel("save-error")).isExisting(), false);

      // Closed and reopened: the text typed on the full disk is there.
      browser = await app.restart();
      const row = await browser.$(`${sel("story-row")}[data-id="${storyId}"]`);
      await row.waitForExist({ timeout: TIMEOUT, timeoutMsg: `the story is not listed (page errors: ${await pageErrors(browser)})` });
      await row.click();
      await browser.waitUntil(async () => (await browser.$(sel("headline")).getValue()) === HEADLINE, { timeout: TIMEOUT });
      await browser.waitUntil(async () => (await body()).includes(DURING), { timeout: TIMEOUT, timeoutMsg: "the text typed on the full disk was lost" });
      assert.ok((await body()).includes(BEFORE));
      console.log(`full-disk: "${why}" shown while the ${SIZE} tmpfs was full; saved by a retry once the ${taken} byte filler was removed`);
    } finally {
      await app.stop();
    }
  },
);
