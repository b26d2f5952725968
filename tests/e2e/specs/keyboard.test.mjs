// Issue #17, the keyboard-only walk in the real app: create a story, write its headline, standfirst
// and body, attach a photo (the file input is the one thing set directly, as a file picker is the
// system's), caption it and give it alt text, export it (the native folder dialog answered from
// the keyboard too), open and close every panel and dialog, go back to the library — with Tab,
// Shift+Tab, Enter, Escape and the documented shortcuts only, asserting at each step where the
// focus is (by data-testid) and, at the end, what the core saved. The window's own title (what a
// screen reader announces) names the story being edited, read from X with xdotool.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chooseFile, E2E_DIR, launch, openStoryId, pageErrors, sel, storyFromCore, thumbIds, TIMEOUT, typeText } from "../lib/app.mjs";
import { answerDialog, SLOW } from "../lib/nativeDialog.mjs";
import { webdriverSide } from "../lib/sides.mjs";

const PHOTO = path.resolve(E2E_DIR, "../fixtures/photos/cp.jpg");
const HEADLINE = "Keyboard desk files from the harbour";
const CAPTION = "Police block the coast road near the harbour.";
const ALT = "A police car parked across a wet road";

let app;
let side;
before(async () => {
  app = await launch("keyboard");
  side = await webdriverSide(app.browser);
});
after(async () => {
  await app?.stop();
});

/** What has the focus: its data-testid (or its nearest ancestor's), or "<page>" when nothing does. */
function focused(browser) {
  return browser.execute(() => {
    const a = document.activeElement;
    if (!a || a === document.body || a === document.documentElement) return "<page>";
    const owner = a.closest("[data-testid]");
    return owner ? owner.getAttribute("data-testid") : `<${a.tagName.toLowerCase()}>`;
  });
}

/** Waits until the focus is on `testid` (it may move after an animation frame or a load). */
async function focusIs(browser, testid, why) {
  let last = "";
  try {
    await browser.waitUntil(
      async () => {
        last = await focused(browser);
        return last === testid;
      },
      { timeout: TIMEOUT, interval: 100 },
    );
  } catch {
    assert.fail(`${why}: the focus should be on ${testid}, it is on ${last} (page errors: ${await pageErrors(browser)})`);
  }
}

/** Presses Tab (or Shift+Tab) until the focus reaches `testid`; fails with the way it went. */
async function tabTo(browser, testid, { back = false, max = 60 } = {}) {
  const went = [];
  for (let i = 0; i <= max; i++) {
    const now = await focused(browser);
    if (now === testid) return i;
    went.push(now);
    await side.press(back ? "Shift+Tab" : "Tab");
  }
  assert.fail(`${back ? "Shift+Tab" : "Tab"} never reached ${testid}; it went ${went.join(" → ")}`);
}

const xdo = (...args) => execFileSync("xdotool", args, { encoding: "utf8" }).trim();

/** The title X knows for the app's window (what a screen reader announces). */
async function waitWindowTitle(title) {
  const deadline = Date.now() + TIMEOUT;
  while (Date.now() < deadline) {
    try {
      if (xdo("search", "--name", `^${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`)) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`no window titled "${title}"`);
}

test("a story written, illustrated, exported and walked through by keyboard alone", async () => {
  const browser = app.browser;
  await browser.$(sel("story-row")).waitForExist({ timeout: TIMEOUT });
  await waitWindowTitle("Library — Byline");

  // A new story starts in the headline; Enter moves down the head fields into the body.
  await side.press("Control+n");
  await focusIs(browser, "headline", "Ctrl+N");
  await waitWindowTitle("New story — Byline");
  await typeText(browser, HEADLINE);
  await side.press("Enter");
  await focusIs(browser, "standfirst", "Enter in the headline");
  await typeText(browser, "The coast road is shut after a night of rain.");
  await side.press("Enter");
  await focusIs(browser, "body", "Enter in the standfirst");
  await typeText(browser, "Police closed the road at dawn, officials said.");
  await waitWindowTitle(`${HEADLINE} — Byline`);

  // Escape inside a field never leaves the story.
  await side.press("Escape");
  assert.ok(await browser.$(sel("back")).isExisting(), "Escape in the body leaves the story open");

  // The photos panel takes the focus; the file is chosen through the input (the picker is the
  // system's); the caption and alt text are typed; Escape gives the focus back to the body.
  await side.press("Control+Shift+P");
  await focusIs(browser, "add-photos", "Ctrl+Shift+P");
  await tabTo(browser, "choose-files");
  await chooseFile(browser, PHOTO, await thumbIds(browser));
  await browser.$(sel("use-caption")).waitForExist({ timeout: SLOW, timeoutMsg: `no caption editor (page errors: ${await pageErrors(browser)})` });
  await tabTo(browser, "use-caption");
  await side.press("Control+a");
  await typeText(browser, CAPTION);
  await tabTo(browser, "use-alt");
  await typeText(browser, ALT);
  // The thumbnail is heard by the alt text just typed.
  const thumbAlt = () => browser.execute(() => document.querySelector("[data-testid='photo-thumb'] img")?.getAttribute("alt") ?? null);
  await browser.waitUntil(async () => (await thumbAlt()) === ALT, {
    timeout: TIMEOUT,
    timeoutMsg: `the thumbnail is not heard by its alt text: ${await thumbAlt()}`,
  });
  await side.press("Escape");
  await focusIs(browser, "body", "Escape in the photos panel");

  // Export: the dialog takes the focus; Enter on Export opens the native folder dialog, answered
  // from the keyboard; Escape closes the dialog and gives the focus back.
  const out = mkdtempSync(path.join(os.tmpdir(), "byline-e2e-keyboard-out-"));
  await side.press("Control+e");
  await browser.$(sel("export-confirm")).waitForExist({ timeout: TIMEOUT });
  await tabTo(browser, "export-confirm");
  await side.press("Enter");
  await answerDialog("Export to folder", `${out}/`);
  await browser.$(sel("export-path")).waitForExist({ timeout: SLOW, timeoutMsg: `no export result (page errors: ${await pageErrors(browser)})` });
  assert.equal(readdirSync(out).length, 1, "one export written");
  await side.press("Escape");
  await focusIs(browser, "body", "Escape in the export dialog");

  // Related: its search takes the focus; one Escape closes it, back in the body.
  await side.press("Control+Shift+L");
  await focusIs(browser, "related-search", "Ctrl+Shift+L");
  await side.press("Escape");
  await focusIs(browser, "body", "Escape in the related panel");
  assert.ok(await browser.$(sel("back")).isExisting(), "one Escape in the related panel does not leave the story");

  // The copy desk panel, from its button.
  await tabTo(browser, "copy-desk-button", { back: true });
  await side.press("Enter");
  await browser.waitUntil(async () => (await focused(browser)) !== "copy-desk-button", { timeout: TIMEOUT, timeoutMsg: "the copy desk did not take the focus" });
  await side.press("Escape");
  await focusIs(browser, "copy-desk-button", "Escape in the copy desk");

  // Revisions: the list, a preview, back to the list, then closed.
  await tabTo(browser, "revisions-button");
  await side.press("Enter");
  await focusIs(browser, "revision-row", "the revisions drawer");
  await side.press("Enter");
  await focusIs(browser, "revision-preview-page", "a revision's preview");
  await tabTo(browser, "revision-preview-back", { back: true });
  await side.press("Enter");
  await focusIs(browser, "revision-row", "back to all revisions");
  await side.press("Escape");
  await focusIs(browser, "revisions-button", "Escape in the revisions drawer");

  // Send (no site yet: it says how to add one), then the outbox.
  await tabTo(browser, "send-button");
  await side.press("Enter");
  await browser.waitUntil(async () => (await focused(browser)) !== "send-button", { timeout: TIMEOUT, timeoutMsg: "the send dialog did not take the focus" });
  await side.press("Escape");
  await focusIs(browser, "send-button", "Escape in the send dialog");
  await side.press("Control+Shift+O");
  await focusIs(browser, "outbox-list", "Ctrl+Shift+O");
  await side.press("Escape");
  await focusIs(browser, "send-button", "Escape in the outbox");

  // The shortcut sheet is a real modal: it takes the focus and Tab stays inside it.
  await side.press("Control+/");
  await focusIs(browser, "shortcut-list", "Ctrl+/");
  await side.press("Tab");
  await focusIs(browser, "shortcut-sheet-close", "Tab in the shortcut sheet");
  await side.press("Tab");
  await focusIs(browser, "shortcut-list", "Tab stays in the shortcut sheet");
  await side.press("Escape");
  await focusIs(browser, "send-button", "Escape in the shortcut sheet");

  // Back to the library: the story's row has the focus.
  const id = await openStoryId(browser);
  await side.press("Control+[");
  await focusIs(browser, "story-row", "Ctrl+[");
  const row = await browser.execute(() => document.activeElement?.closest("[data-testid='story-row']")?.textContent ?? "");
  assert.ok(row.includes(HEADLINE), `the focused row is the story's: ${row}`);
  await waitWindowTitle("Library — Byline");

  // Settings and backups, from the library's buttons.
  await tabTo(browser, "settings-button", { back: true });
  await side.press("Enter");
  await browser.waitUntil(async () => (await focused(browser)) !== "settings-button", { timeout: TIMEOUT, timeoutMsg: "Settings did not take the focus" });
  await side.press("Escape");
  await focusIs(browser, "settings-button", "Escape in Settings");
  await tabTo(browser, "backups-button");
  await side.press("Enter");
  await browser.waitUntil(async () => (await focused(browser)) !== "backups-button", { timeout: TIMEOUT, timeoutMsg: "Backups did not take the focus" });
  await side.press("Escape");
  await focusIs(browser, "backups-button", "Escape in Backups");

  // What the core keeps: everything typed arrived.
  const saved = await storyFromCore(browser, id);
  assert.equal(saved.error, null);
  assert.equal(saved.headline, HEADLINE);
  assert.match(saved.body, /Police closed the road at dawn, officials said\./);
  const photo = await browser.executeAsync((storyId, done) => {
    window.__TAURI_INTERNALS__
      .invoke("get_story", { id: storyId })
      .then((s) => done({ uses: (s.photos ?? []).map((u) => ({ caption: u.caption, alt: u.altText })) }))
      .catch((e) => done({ error: String(e?.message ?? e) }));
  }, id);
  assert.ok(photo.uses?.some((u) => u.caption === CAPTION && u.alt === ALT), `the photo's caption and alt text were saved: ${JSON.stringify(photo)}`);
});
