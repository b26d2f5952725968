// The installed package's app (tests/package/run.sh passes the binary its desktop entry starts)
// opens a library the older package wrote and the newer one upgraded: its stories are listed and
// the one with a photo opens with it. Not part of specs/: it needs the package installed.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cp } from "node:fs/promises";
import { findStoryRow, innerText, launch, openStory, sel } from "../lib/app.mjs";

const LIBRARY = process.env.BYLINE_PACKAGE_LIBRARY;

let app;
before(async () => {
  assert.ok(LIBRARY, "BYLINE_PACKAGE_LIBRARY names the library the package test wrote");
  app = await launch("installed", {
    // A copy: the package test checks afterwards that removing the package leaves the original.
    prepare: async (env) => cp(LIBRARY, env.BYLINE_LIBRARY, { recursive: true }),
  });
});
after(async () => {
  await app?.stop();
});

test("the installed app lists the upgraded library's stories", async () => {
  const browser = app.browser;
  for (const headline of [
    "AL Secretary-General calls for international efforts to eliminate IS",
    "Photo captions",
    "Floods close the coast road",
  ]) {
    const row = await findStoryRow(browser, headline);
    assert.ok((await innerText(browser, row)).includes(headline), `the library lists "${headline}"`);
  }
  assert.equal((await browser.$$(sel("story-row"))).length, 3, "three stories, no more");
});

test("a story with a photo opens with it", async () => {
  const browser = app.browser;
  await openStory(browser, "Floods close the coast road");
  assert.equal(await browser.$(sel("headline")).getValue(), "Floods close the coast road");
  await browser.$(sel("back")).click();
  await openStory(browser, "Photo captions");
  const photo = await browser.$(sel("lead-photo"));
  await photo.waitForExist({ timeoutMsg: "the lead photo is not shown" });
});
