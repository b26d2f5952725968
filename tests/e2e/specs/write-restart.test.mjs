// A new story typed with real key input survives closing and reopening the app.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { Key } from "webdriverio";
import { currentRevision, launch, openStory, saveState, sel, typeText, waitSaved } from "../lib/app.mjs";

const HEADLINE = "Coalition ministers meet in Rome";
const PARA_1 = "Foreign ministers from forty countries gathered on Tuesday to agree a common plan.";
const PARA_2 = "The talks continue tomorrow with a closed session on funding.";

let app;
before(async () => {
  app = await launch("write-restart");
});
after(async () => {
  await app?.stop();
});

test("writes a new story and finds every word after a restart", async () => {
  let browser = app.browser;
  const newStory = await browser.$(sel("new-story"));
  await newStory.waitForClickable();
  await newStory.click();

  const headline = await browser.$(sel("headline"));
  await headline.waitForExist();
  assert.equal(await headline.getValue(), "", "a new story starts with an empty headline");
  await headline.click();
  await typeText(browser, HEADLINE);
  assert.equal(await headline.getValue(), HEADLINE);

  const body = await browser.$(sel("body"));
  assert.equal(await body.getAttribute("contenteditable"), "true", "the body testid is on the contenteditable");
  await body.click();
  await typeText(browser, PARA_1);
  await browser.keys(Key.Enter);
  await typeText(browser, PARA_2);

  assert.notEqual(await saveState(browser), "", "the status bar shows a save state");
  await waitSaved(browser);
  assert.ok((await currentRevision(browser)) >= 2, "typing produced at least one saved revision");
  const paragraphs = await body.$$("p");
  assert.equal(paragraphs.length, 2, "Enter split the body into two paragraphs");

  browser = await app.restart();

  await openStory(browser, HEADLINE);
  assert.equal(await browser.$(sel("headline")).getValue(), HEADLINE);
  const bodyAfter = await browser.$(sel("body"));
  await browser.waitUntil(async () => (await bodyAfter.getText()).includes(PARA_1), {
    timeoutMsg: "first paragraph missing after restart",
  });
  const text = await bodyAfter.getText();
  assert.ok(text.includes(PARA_1), `body has the first paragraph: ${text}`);
  assert.ok(text.includes(PARA_2), `body has the second paragraph: ${text}`);
  const ps = await browser.execute((el) => Array.from(el.querySelectorAll("p"), (p) => p.textContent), bodyAfter);
  assert.deepEqual(ps, [PARA_1, PARA_2], "still two separate paragraphs");
  assert.equal(await saveState(browser), "Saved");
});
