// The sample story's lead photo: shown above the headline from the photo protocol, with its
// caption and credit line; its alt text can be edited in the photos panel and stays edited.
// A photo file chosen through the panel's file input is attached with its IPTC caption and
// credit; an edited caption survives a restart of the app. An iPhone-style HEIC attaches upright
// with the words of its XMP. The agency table edited in the library
// settings decides how the next photo's credit prints.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { copyFileSync, existsSync, mkdtempSync } from "node:fs";
import { execFileSync } from "node:child_process";
import os from "node:os";
import { Key } from "webdriverio";
import { chooseFile, E2E_DIR, launch, openStory, pageErrors, sel, thumbIds, TIMEOUT, typeText } from "../lib/app.mjs";

const KICKER = "Photo captions";
const LEAD_LINE = "AL Secretary General Ahmed Aboul-Gheit speaks at a news conference in Algiers, Algieria. Photo: AFP/VNA";
const NEW_ALT = "Astronaut portrait in an orange suit beside a model shuttle";
const IPTC_FILE = path.resolve(E2E_DIR, "../fixtures/photos/IPTC-PhotometadataRef-Std2017.1.jpg");
const WIRE_FILE = path.resolve(E2E_DIR, "../fixtures/photos/cp.jpg");
const IPTC_CAPTION = "The description aka caption (ref2017.1)";
const IPTC_CREDIT = "Credit Line (ref2017.1)";
const NEW_CAPTION = "Edited in Byline (e2e)";
/** Importing a photo (hashing, reading metadata, making the derived files) under Xvfb. */
const ATTACH_TIMEOUT = Math.max(TIMEOUT, 60_000);

let app;
before(async () => {
  app = await launch("photos");
});
after(async () => {
  await app?.stop();
});

/** Opens the photos panel and selects the lead thumbnail; returns the caption editor. */
async function openLeadInPanel(browser) {
  const button = await browser.$(sel("photos-button"));
  await button.waitForClickable();
  if ((await button.getAttribute("aria-pressed")) !== "true") await button.click();
  await browser.$(sel("photos-panel")).waitForDisplayed();
  const lead = await browser.$(`${sel("photo-thumb")}[data-role="lead"]`);
  await lead.waitForClickable({ timeoutMsg: `no lead thumbnail (page errors: ${await pageErrors(browser)})` });
  if ((await lead.getAttribute("aria-selected")) !== "true") await lead.click();
  const editor = await browser.$(sel("caption-editor"));
  await editor.waitForDisplayed();
  return editor;
}

test("shows the lead photo from the photo protocol and keeps an edited alt text", async () => {
  const browser = app.browser;
  await openStory(browser, KICKER);

  const caption = await browser.$(sel("lead-caption"));
  await caption.waitForExist({ timeout: TIMEOUT, timeoutMsg: `no lead caption (page errors: ${await pageErrors(browser)})` });
  const captionText = await browser.execute((el) => el.textContent, caption);
  assert.equal(captionText, LEAD_LINE);

  // The preview comes through the custom protocol (photo:// or, on Windows, http://photo.localhost).
  await browser.waitUntil(
    async () =>
      browser.execute(() => {
        const img = document.querySelector("[data-testid='lead-photo-img']");
        return !!img && img.complete && img.naturalWidth > 0;
      }),
    { timeout: TIMEOUT, timeoutMsg: "the lead image did not load (naturalWidth stayed 0)" },
  );
  const src = await browser.execute(() => document.querySelector("[data-testid='lead-photo-img']").src);
  assert.ok(src.startsWith("photo://") || src.startsWith("http://photo.localhost"), `lead image src from the photo protocol: ${src}`);
  assert.match(src, /\/previews\/[0-9a-f]{64}\.jpg$/);

  // Edit the lead's alt text in the panel.
  let editor = await openLeadInPanel(browser);
  const alt = await editor.$(sel("use-alt"));
  await alt.click();
  await browser.keys([Key.Ctrl, "a"]);
  await typeText(browser, NEW_ALT);
  assert.equal(await alt.getValue(), NEW_ALT);
  // Saved after 600 ms idle (or on blur): move focus to the caption to be sure, then wait.
  await (await editor.$(sel("use-caption"))).click();
  await browser.waitUntil(async () => (await (await editor.$(".save-state")).getText()).trim() === "Saved", {
    timeout: TIMEOUT,
    timeoutMsg: `the photo details did not save (page errors: ${await pageErrors(browser)})`,
  });
  await browser.waitUntil(
    async () => (await browser.execute(() => document.querySelector("[data-testid='lead-photo-img']")?.alt)) === NEW_ALT,
    { timeout: TIMEOUT, timeoutMsg: "the lead image's alt did not follow the edit" },
  );
  await browser.pause(500);

  // Back to the library, open the story again: the new alt text was stored.
  await browser.keys(Key.Escape); // closes the panel (or leaves the field)
  await (await browser.$(sel("back"))).click();
  await browser.$(sel("new-story")).waitForExist({ timeout: TIMEOUT });
  await openStory(browser, KICKER);
  await browser.$(sel("lead-photo")).waitForExist({ timeout: TIMEOUT });
  assert.equal(await browser.execute(() => document.querySelector("[data-testid='lead-caption']").textContent), LEAD_LINE);
  editor = await openLeadInPanel(browser);
  assert.equal(await (await editor.$(sel("use-alt"))).getValue(), NEW_ALT);
  assert.equal(await browser.execute(() => document.querySelector("[data-testid='lead-photo-img']").alt), NEW_ALT);
});

// ---------------------------------------------------------------- chosen file, restart

/** Back to the library if a story is open. */
async function toLibrary(browser) {
  const back = await browser.$(sel("back"));
  if (await back.isExisting()) {
    await browser.keys(Key.Escape); // leave a field or close a panel first
    if (await back.isExisting()) await back.click();
  }
  await browser.$(sel("new-story")).waitForExist({ timeout: TIMEOUT });
}

/** Opens the photos panel (if closed). */
async function openPanel(browser) {
  const button = await browser.$(sel("photos-button"));
  await button.waitForClickable();
  if ((await button.getAttribute("aria-pressed")) !== "true") await button.click();
  await browser.$(sel("photos-panel")).waitForDisplayed();
}

/** Selects the thumbnail of `useId` and returns its caption editor. */
async function selectUse(browser, useId) {
  const thumb = await browser.$(`${sel("photo-thumb")}[data-use="${useId}"]`);
  await thumb.waitForClickable({ timeout: TIMEOUT, timeoutMsg: `no thumbnail for ${useId} (page errors: ${await pageErrors(browser)})` });
  if ((await thumb.getAttribute("aria-selected")) !== "true") await thumb.click();
  const editor = await browser.$(`${sel("caption-editor")}[data-use="${useId}"]`);
  await editor.waitForDisplayed({ timeout: TIMEOUT });
  return editor;
}

/** The fields of the caption editor marked "from IPTC". */
function iptcMarks(browser, editor) {
  return browser.execute((el) => Array.from(el.querySelectorAll("[data-testid='from-iptc']"), (m) => m.dataset.field), editor);
}

test("attaches a chosen photo file with its IPTC caption and credit, and keeps an edited caption after a restart", async () => {
  assert.ok(existsSync(IPTC_FILE), `fixture missing: ${IPTC_FILE}`);
  let browser = app.browser;
  await toLibrary(browser);
  await openStory(browser, KICKER);
  await openPanel(browser);
  await browser.waitUntil(async () => (await thumbIds(browser)).length > 0, { timeout: TIMEOUT, timeoutMsg: "the sample's lead thumbnail did not appear" });
  const before = await thumbIds(browser);

  const how = await chooseFile(browser, IPTC_FILE, before);
  let useId = null;
  await browser.waitUntil(
    async () => {
      useId = (await thumbIds(browser)).find((id) => !before.includes(id)) ?? null;
      return useId !== null;
    },
    { timeout: ATTACH_TIMEOUT, interval: 300, timeoutMsg: `no new photo-thumb after choosing the file by ${how} (page errors: ${await pageErrors(browser)})` },
  );
  // One file, one new photo; the batch is over once the progress strip has gone.
  await browser.waitUntil(async () => !(await browser.$(sel("attach-progress")).isExisting()), { timeout: ATTACH_TIMEOUT, timeoutMsg: "the progress strip stayed" });
  assert.equal((await thumbIds(browser)).length, before.length + 1, "exactly one photo was attached");

  // Its thumbnail is a derived file from the photo protocol.
  await browser.waitUntil(
    async () =>
      browser.execute((id) => {
        const img = document.querySelector(`[data-testid='photo-thumb'][data-use='${id}'] img`);
        return !!img && img.complete && img.naturalWidth > 0;
      }, useId),
    { timeout: ATTACH_TIMEOUT, timeoutMsg: "the new thumbnail did not load" },
  );

  let editor = await selectUse(browser, useId);
  const caption = await editor.$(sel("use-caption"));
  assert.equal(await caption.getValue(), IPTC_CAPTION);
  assert.equal(await (await editor.$(sel("use-credit"))).getValue(), IPTC_CREDIT);
  const marks = await iptcMarks(browser, editor);
  assert.ok(marks.includes("caption") && marks.includes("credit"), `"from IPTC" on caption and credit: ${marks.join(", ")}`);

  // Edit the caption; leaving the field saves it.
  await caption.click();
  await browser.keys([Key.Ctrl, "a"]);
  await typeText(browser, NEW_CAPTION);
  assert.equal(await caption.getValue(), NEW_CAPTION);
  await (await editor.$(sel("use-credit"))).click();
  const saved = await editor.$(sel("use-saved"));
  await browser.waitUntil(
    async () => (await saved.getAttribute("data-state")) === "saved" && Number(await saved.getAttribute("data-saves")) >= 1,
    { timeout: TIMEOUT, timeoutMsg: `the caption did not save (state: ${await saved.getAttribute("data-state")}; page errors: ${await pageErrors(browser)})` },
  );
  assert.equal((await saved.getText()).trim(), "Saved");
  assert.ok(!(await iptcMarks(browser, editor)).includes("caption"), "an edited caption loses its IPTC mark");
  await browser.pause(500);

  // Close and reopen the app on the same library.
  browser = await app.restart();
  await toLibrary(browser);
  await openStory(browser, KICKER);
  await openPanel(browser);
  editor = await selectUse(browser, useId);
  assert.equal(await (await editor.$(sel("use-caption"))).getValue(), NEW_CAPTION);
  assert.equal(await (await editor.$(sel("use-credit"))).getValue(), IPTC_CREDIT);
  const after = await iptcMarks(browser, editor);
  assert.ok(!after.includes("caption") && after.includes("credit"), `after the restart, "from IPTC" on the credit only: ${after.join(", ")}`);
});

// ---------------------------------------------------------------- HEIC

test("attaches an iPhone-style HEIC upright, with the caption and credit from its XMP", async () => {
  // Made here by Debian's heif-enc (libheif-examples) from the IPTC reference image turned by
  // EXIF (90° clockwise), as a phone's photo is stored.
  const dir = mkdtempSync(path.join(os.tmpdir(), "byline-e2e-heic-"));
  const jpeg = path.join(dir, "turned.jpg");
  copyFileSync(IPTC_FILE, jpeg);
  execFileSync("exiftool", ["-q", "-overwrite_original", "-IFD0:Orientation#=6", jpeg]);
  const heic = path.join(dir, "IMG_4021.HEIC");
  execFileSync("heif-enc", ["-q", "80", "-o", heic, jpeg]);

  const browser = app.browser;
  await toLibrary(browser);
  await openStory(browser, KICKER);
  await openPanel(browser);
  await browser.waitUntil(async () => (await thumbIds(browser)).length > 0, { timeout: TIMEOUT, timeoutMsg: "no thumbnails" });
  const before = await thumbIds(browser);
  const how = await chooseFile(browser, heic, before);
  let useId = null;
  await browser.waitUntil(
    async () => {
      useId = (await thumbIds(browser)).find((id) => !before.includes(id)) ?? null;
      return useId !== null;
    },
    { timeout: ATTACH_TIMEOUT, interval: 300, timeoutMsg: `the HEIC was not attached by ${how} (page errors: ${await pageErrors(browser)})` },
  );
  // Its thumbnail, a JPEG from the photo protocol, is upright: taller than wide (the file stores 1000x500).
  let size = null;
  await browser.waitUntil(
    async () => {
      size = await browser.execute((id) => {
        const img = document.querySelector(`[data-testid='photo-thumb'][data-use='${id}'] img`);
        return img && img.complete && img.naturalWidth > 0 ? [img.naturalWidth, img.naturalHeight] : null;
      }, useId);
      return size !== null;
    },
    { timeout: ATTACH_TIMEOUT, timeoutMsg: "the HEIC's thumbnail did not load" },
  );
  assert.ok(size[1] > size[0], `upright thumbnail, got ${size[0]}x${size[1]}`);
  const editor = await selectUse(browser, useId);
  assert.equal(await (await editor.$(sel("use-caption"))).getValue(), IPTC_CAPTION);
  assert.equal(await (await editor.$(sel("use-credit"))).getValue(), IPTC_CREDIT);
});

// ---------------------------------------------------------------- agency table

/** The agency rows of the open settings dialog as [name, spellings]. */
function agencyRows(browser) {
  return browser.execute(() =>
    Array.from(document.querySelectorAll("[data-testid='agency-row']"), (row) => [
      row.querySelector("[data-testid='agency-name']").value,
      row.querySelector("[data-testid='agency-spellings']").value,
    ]),
  );
}

async function openSettings(browser) {
  await toLibrary(browser);
  await (await browser.$(sel("settings-button"))).click();
  await browser.$(sel("settings-dialog")).waitForDisplayed({ timeout: TIMEOUT });
  await browser.waitUntil(async () => (await agencyRows(browser)).length > 0, { timeout: TIMEOUT, timeoutMsg: "the agency table did not load" });
}

test("an agency renamed in the library settings is how the next photo's credit prints", async () => {
  assert.ok(existsSync(WIRE_FILE), `fixture missing: ${WIRE_FILE}`);
  const browser = app.browser;
  await openSettings(browser);
  // The wire's own name goes; a house name takes its spellings.
  const at = (await agencyRows(browser)).findIndex(([name]) => name === "The Canadian Press");
  assert.ok(at >= 0, `the seeded table has The Canadian Press: ${JSON.stringify(await agencyRows(browser))}`);
  // The table scrolls inside the dialog: bring each control into view before clicking it.
  const click = async (element) => {
    await browser.execute((el) => el.scrollIntoView({ block: "center" }), element);
    await element.click();
  };
  await click((await browser.$$(sel("agency-remove")))[at]);
  await click(await browser.$(sel("agency-add")));
  // A new row is focused for typing its name.
  await browser.waitUntil(() => browser.execute(() => document.activeElement?.dataset.testid === "agency-name"), {
    timeout: TIMEOUT,
    timeoutMsg: "the new agency's name field did not take the focus",
  });
  await typeText(browser, "CP Images");
  const spellings = await browser.$$(sel("agency-spellings"));
  await click(spellings[spellings.length - 1]);
  await typeText(browser, "The Canadian Press, CP");
  await (await browser.$(sel("settings-save"))).click();
  await browser.$(sel("settings-dialog")).waitForExist({ reverse: true, timeout: TIMEOUT, timeoutMsg: `the settings did not save (page errors: ${await pageErrors(browser)})` });

  // Stored: the dialog opens with it, the old name gone.
  await openSettings(browser);
  const rows = await agencyRows(browser);
  assert.deepEqual(rows.find(([name]) => name === "CP Images"), ["CP Images", "CP, The Canadian Press"]);
  assert.ok(!rows.some(([name]) => name === "The Canadian Press"), "the removed agency is gone");
  await browser.keys(Key.Escape);
  await browser.$(sel("settings-dialog")).waitForExist({ reverse: true, timeout: TIMEOUT });

  // A wire photo credited "The Canadian Press" in its IPTC prints as the house name.
  await openStory(browser, KICKER);
  await openPanel(browser);
  await browser.waitUntil(async () => (await thumbIds(browser)).length > 0, { timeout: TIMEOUT, timeoutMsg: "no thumbnails in the panel" });
  const before = await thumbIds(browser);
  await chooseFile(browser, WIRE_FILE, before);
  let useId = null;
  await browser.waitUntil(
    async () => {
      useId = (await thumbIds(browser)).find((id) => !before.includes(id)) ?? null;
      return useId !== null;
    },
    { timeout: ATTACH_TIMEOUT, interval: 300, timeoutMsg: `the wire photo was not attached (page errors: ${await pageErrors(browser)})` },
  );
  const editor = await selectUse(browser, useId);
  assert.equal(await (await editor.$(sel("use-credit"))).getValue(), "CP Images");
  assert.ok((await iptcMarks(browser, editor)).includes("credit"), "a credit normalised by the table still counts as from the photo");
});
