// Screenshots of the library and of the editor with the sample story, for a human to look at.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { findStoryRow, fontsReady, launch, openStory, OUTPUT_DIR, screenshot, sel } from "../lib/app.mjs";

let app;
before(async () => {
  app = await launch("screenshots");
});
after(async () => {
  await app?.stop();
});

/** Width and height from a PNG's IHDR chunk. */
async function pngSize(file) {
  const buf = await readFile(file);
  assert.equal(buf.subarray(1, 4).toString("latin1"), "PNG", `${file} is a PNG`);
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20), bytes: buf.length };
}

async function fontFamiliesLoaded(browser) {
  return browser.execute(() =>
    Array.from(document.fonts)
      .filter((f) => f.status === "loaded")
      .map((f) => `${f.family} ${f.weight} ${f.style}`),
  );
}

test("saves screenshots of the library and the editor", async () => {
  const browser = app.browser;
  await findStoryRow(browser, "Photo captions");
  await fontsReady(browser);
  const library = path.join(OUTPUT_DIR, "library.png");
  await screenshot(browser, library);
  const lib = await pngSize(library);
  assert.ok(lib.width >= 800 && lib.height >= 500, `library screenshot is window-sized (${lib.width}x${lib.height})`);

  await openStory(browser, "Photo captions");
  await browser.$(sel("words")).waitForDisplayed();
  await fontsReady(browser);
  const loaded = await fontFamiliesLoaded(browser);
  assert.ok(loaded.length > 0, "the bundled web fonts loaded");
  const editor = path.join(OUTPUT_DIR, "editor.png");
  await screenshot(browser, editor);
  const ed = await pngSize(editor);
  assert.ok(ed.bytes > 20_000, `editor screenshot has content (${ed.bytes} bytes)`);
  console.log(`# fonts loaded: ${loaded.join(", ")}`);
});
