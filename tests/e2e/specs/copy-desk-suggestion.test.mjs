// The copy desk on real typing: a misspelt word typed into the body gets its spelling underline,
// its popover offers suggestions, and taking the first one changes the word in the body and in
// the story as the core saved it. Then a misspelt headline: its finding is listed under the
// field, "Turn off rule" there switches spelling off for the library (the core's settings), and
// the copy desk's settings (opened from the drawer) switch it back on, after which the story is
// checked again. Screenshots of the headline's finding and of the settings go to output/.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import {
  copyMarks,
  fontsReady,
  launch,
  openStoryId,
  OUTPUT_DIR,
  pageErrors,
  screenshot,
  sel,
  setFieldText,
  storyFromCore,
  TIMEOUT,
  typeText,
  waitForCopyMark,
  waitSaved,
} from "../lib/app.mjs";

const HEADLINE = "Delegation arrives in Rome";
const TYPED = "The delegation recieved the minister on Monday.";

let app;
before(async () => {
  app = await launch("copy-desk-suggestion");
});
after(async () => {
  await app?.stop();
});

test("a spelling suggestion taken from the popover is saved in the body", async () => {
  const browser = app.browser;
  const newStory = await browser.$(sel("new-story"));
  await newStory.waitForClickable();
  await newStory.click();
  const headline = await browser.$(sel("headline"));
  await headline.waitForExist();
  await headline.click();
  await typeText(browser, HEADLINE);
  const body = await browser.$(sel("body"));
  await body.click();
  await typeText(browser, TYPED);
  await waitSaved(browser);
  const id = await openStoryId(browser);

  // The check runs once the typing is saved: the word gets its spelling underline.
  const mark = await waitForCopyMark(browser, "recieved");
  assert.match(await mark.getAttribute("class"), /copy-spelling/);

  await mark.click();
  const pop = await browser.$(sel("copy-popover"));
  await pop.waitForDisplayed({ timeout: TIMEOUT, timeoutMsg: `no popover on a click of the underline (page errors: ${await pageErrors(browser)})` });
  const suggestions = await pop.$$(sel("copy-suggestion"));
  assert.ok(suggestions.length > 0, "the popover offers suggestions");
  const first = (await suggestions[0].getText()).trim();
  assert.equal(first, "received", "the first suggestion for recieved");
  await screenshot(browser, path.join(OUTPUT_DIR, "copy-desk-popover.png"));
  await suggestions[0].click();

  await browser.waitUntil(async () => (await body.getText()).includes("The delegation received the minister"), {
    timeout: TIMEOUT,
    timeoutMsg: "the body did not take the suggestion",
  });
  await waitSaved(browser);
  const saved = await storyFromCore(browser, id);
  assert.equal(saved.error, null);
  assert.equal(saved.body, "The delegation received the minister on Monday.", "the core saved the corrected body");
  // Checked again: no underline left on the word.
  await browser.waitUntil(async () => !(await copyMarks(browser)).some((m) => /recei?v/i.test(m)), {
    timeout: TIMEOUT,
    timeoutMsg: "an underline is still on the corrected word",
  });
});

/** The texts of the findings listed under the headline. */
function headlineFindings(browser) {
  return browser.execute(() => Array.from(document.querySelectorAll("[data-testid='field-findings'][data-field='headline'] [data-testid='field-finding']"), (li) => li.textContent));
}

test("a headline's finding is listed under it; its rule is turned off there and back on in the settings", async () => {
  const browser = app.browser;
  await setFieldText(browser, sel("headline"), "Delegation recieved in Rome");
  await browser.waitUntil(async () => (await headlineFindings(browser)).some((t) => t.includes("recieved")), {
    timeout: TIMEOUT,
    timeoutMsg: `no finding listed under the headline (page errors: ${await pageErrors(browser)})`,
  });
  const list = await browser.$(`${sel("field-findings")}[data-field='headline']`);
  const described = await browser.execute(() => {
    const ids = document.querySelector("[data-testid='headline']").getAttribute("aria-describedby") ?? "";
    return ids
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" ");
  });
  assert.match(described, /recieved/, "the headline is described by its finding's message");
  await fontsReady(browser);
  await screenshot(browser, path.join(OUTPUT_DIR, "copy-desk-headline.png"));

  // Turn off rule: spelling is off for the library; the finding goes.
  await (await list.$(sel("field-turn-off"))).click();
  await browser.waitUntil(async () => (await headlineFindings(browser)).length === 0, { timeout: TIMEOUT, timeoutMsg: "the finding stayed after Turn off rule" });

  // The settings, from the copy desk drawer: spelling is off; switched back on and saved.
  await (await browser.$(sel("copy-desk-button"))).click();
  await (await browser.$(sel("copy-desk-settings"))).click();
  const dialog = await browser.$(sel("settings-dialog"));
  await dialog.waitForDisplayed();
  const unknown = await browser.$(`${sel("rule-toggle")}[data-rule='spelling.unknown']`);
  await unknown.waitForExist();
  await browser.waitUntil(async () => !(await unknown.isSelected()), { timeout: TIMEOUT, timeoutMsg: "the settings do not show spelling as off" });
  await screenshot(browser, path.join(OUTPUT_DIR, "copy-desk-settings.png"));
  await unknown.click();
  assert.equal(await unknown.isSelected(), true);
  await (await browser.$(sel("settings-save"))).click();
  await dialog.waitForExist({ reverse: true, timeout: TIMEOUT, timeoutMsg: `the settings did not save (page errors: ${await pageErrors(browser)})` });

  // Checked again with spelling on: the headline's finding is back.
  await browser.waitUntil(async () => (await headlineFindings(browser)).some((t) => t.includes("recieved")), {
    timeout: TIMEOUT,
    timeoutMsg: "the headline was not checked again after the settings were saved",
  });
});
