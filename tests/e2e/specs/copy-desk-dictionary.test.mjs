// The library dictionary from the copy desk: an unknown word typed into the body is underlined,
// "Add to dictionary" in its popover takes the underline away, and after the app is closed and
// opened again the word is still accepted (while a real misspelling next to it is still flagged,
// which shows the story was checked).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { copyMarks, launch, openStory, pageErrors, sel, TIMEOUT, typeText, waitForCopyMark, waitSaved } from "../lib/app.mjs";

const HEADLINE = "Council meets on Monday";
const TYPED = "The council discussed zorblatt and the goverment plan.";

let app;
before(async () => {
  app = await launch("copy-desk-dictionary");
});
after(async () => {
  await app?.stop();
});

/** The library dictionary's words, through the app's own IPC. */
function dictionaryWords(browser) {
  return browser.executeAsync((done) => {
    window.__TAURI_INTERNALS__.invoke("dictionary_words", {}).then(done, (err) => done([`error: ${String(err?.message ?? err)}`]));
  });
}

test("a word added to the dictionary stays accepted after a restart", async () => {
  let browser = app.browser;
  const newStory = await browser.$(sel("new-story"));
  await newStory.waitForClickable();
  await newStory.click();
  const headline = await browser.$(sel("headline"));
  await headline.waitForExist();
  await headline.click();
  await typeText(browser, HEADLINE);
  await (await browser.$(sel("body"))).click();
  await typeText(browser, TYPED);
  await waitSaved(browser);

  const mark = await waitForCopyMark(browser, "zorblatt");
  await waitForCopyMark(browser, "goverment");
  await mark.click();
  const pop = await browser.$(sel("copy-popover"));
  await pop.waitForDisplayed({ timeout: TIMEOUT, timeoutMsg: `no popover on a click of the underline (page errors: ${await pageErrors(browser)})` });
  const add = await pop.$(sel("copy-add"));
  assert.equal((await add.getText()).trim(), "Add to dictionary");
  await add.click();

  await browser.waitUntil(async () => !(await copyMarks(browser)).includes("zorblatt"), {
    timeout: TIMEOUT,
    timeoutMsg: "the underline on zorblatt stayed after Add to dictionary",
  });
  assert.deepEqual(await dictionaryWords(browser), ["zorblatt"]);
  // Checked again, and the other word is still flagged.
  assert.ok((await copyMarks(browser)).includes("goverment"), "the misspelling next to it is still underlined");

  browser = await app.restart();
  await openStory(browser, HEADLINE);
  const body = await browser.$(sel("body"));
  await browser.waitUntil(async () => (await body.getText()).includes("zorblatt"), { timeout: TIMEOUT, timeoutMsg: "the body did not load after the restart" });
  // The story is checked on opening: the misspelling is underlined again, zorblatt is not.
  await waitForCopyMark(browser, "goverment");
  assert.deepEqual(await copyMarks(browser), ["goverment"], "zorblatt is still accepted after the restart");
  assert.deepEqual(await dictionaryWords(browser), ["zorblatt"]);
});
