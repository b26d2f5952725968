// The seeded sample story is listed, opens, and its status bar counts its words.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { findStoryRow, innerText, launch, openStory, sel } from "../lib/app.mjs";

const KICKER = "Photo captions";
const HEADLINE = "AL Secretary-General calls for international efforts to eliminate IS";
const SENTENCE = "Ministerial Conference of the Global Coalition Against ISIS";

let app;
before(async () => {
  app = await launch("sample-story");
});
after(async () => {
  await app?.stop();
});

test("lists and opens the sample story", async () => {
  const browser = app.browser;
  const row = await findStoryRow(browser, KICKER);
  const rowText = await innerText(browser, row);
  assert.ok(rowText.includes(HEADLINE), `the sample row shows its headline: ${rowText}`);

  await openStory(browser, KICKER);
  assert.equal(await browser.$(sel("kicker")).getValue(), KICKER);
  assert.equal(await browser.$(sel("headline")).getValue(), HEADLINE);
  const body = await browser.$(sel("body"));
  await browser.waitUntil(async () => (await body.getText()).includes(SENTENCE), {
    timeoutMsg: "the sample body does not contain the expected sentence",
  });

  const wordsText = await browser.$(sel("words")).getText();
  const words = Number(wordsText.replace(/[^\d]/g, ""));
  assert.match(wordsText, /words/);
  assert.ok(words > 300, `status bar word count > 300 (got "${wordsText}")`);
  assert.equal(await browser.$(sel("save-state")).getText(), "Saved", "opening a story does not dirty it");
});
