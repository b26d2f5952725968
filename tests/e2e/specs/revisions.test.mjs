// An older revision can be previewed and restored; restoring saves a new revision on top.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { Key } from "webdriverio";
import { currentRevision, innerText, launch, openStory, saveState, sel, TIMEOUT, typeText, waitSaved } from "../lib/app.mjs";

const FIRST = "Ministers agree first draft of Rome plan";
const SECOND = "Ministers reject Rome plan after late talks";

let app;
before(async () => {
  app = await launch("revisions");
});
after(async () => {
  await app?.stop();
});

async function replaceHeadline(browser, text) {
  const headline = await browser.$(sel("headline"));
  await headline.click();
  await browser.keys([Key.Ctrl, "a"]);
  await typeText(browser, text);
  assert.equal(await headline.getValue(), text);
  await waitSaved(browser);
}

/** [{revision, headline, current}] as listed in the drawer, newest first. */
async function listedRevisions(browser) {
  const rows = await browser.$$(sel("revision-row"));
  const out = [];
  for (const row of rows) {
    out.push({
      revision: Number(await row.getAttribute("data-revision")),
      headline: await innerText(browser, await row.$(".headline")),
      current: (await row.$(".current").isExisting()),
      el: row,
    });
  }
  return out;
}

test("restores an older revision as a new revision", async () => {
  const browser = app.browser;
  await openStory(browser, "Photo captions");
  const original = await browser.$(sel("headline")).getValue();
  const startRev = await currentRevision(browser);

  await replaceHeadline(browser, FIRST);
  const revFirst = await currentRevision(browser);
  assert.ok(revFirst > startRev, "the first edit saved a new revision");
  await replaceHeadline(browser, SECOND);
  const revSecond = await currentRevision(browser);
  assert.ok(revSecond > revFirst, "the second edit saved a new revision");

  await browser.$(sel("revisions-button")).click();
  await browser.$(sel("revisions-drawer")).waitForDisplayed();
  await browser.waitUntil(async () => (await browser.$$(sel("revision-row"))).length >= 3, {
    timeoutMsg: "fewer than 3 revisions listed",
  });
  // The list reloads on every save: wait until it shows the latest one as current.
  await browser.waitUntil(async () => {
    const [top] = await listedRevisions(browser);
    return top && top.revision === revSecond && top.current;
  }, { timeoutMsg: `the newest listed revision is not r${revSecond}` });

  const before = await listedRevisions(browser);
  const revisions = before.map((r) => r.revision);
  assert.deepEqual(revisions, [...revisions].sort((a, b) => b - a), "newest first");
  assert.equal(before[0].headline, SECOND);
  assert.ok(before.some((r) => r.headline === original), "the original headline is still in the history");

  // Pick the (newest) revision that has the FIRST headline: an older one, not the current one.
  const older = before.find((r) => r.headline === FIRST);
  assert.ok(older, `a revision with "${FIRST}" is listed: ${before.map((r) => r.headline).join(" / ")}`);
  assert.ok(older.revision < revSecond);
  await older.el.click();

  const preview = await browser.$(sel("revision-preview"));
  await preview.waitForDisplayed();
  assert.equal(await preview.$("h3").getText(), FIRST, "the preview shows the old headline");
  assert.match(await preview.getText(), new RegExp(`r${older.revision}\\b`));
  assert.equal(await browser.$(sel("headline")).getValue(), SECOND, "previewing does not change the editor");

  const restore = await browser.$(sel("restore-revision"));
  await restore.waitForClickable();
  await restore.click();

  const headline = await browser.$(sel("headline"));
  await browser.waitUntil(async () => (await headline.getValue()) === FIRST, {
    timeout: TIMEOUT,
    timeoutMsg: "the editor does not show the restored headline",
  });
  await browser.waitUntil(async () => (await browser.$$(sel("revision-row"))).length === before.length + 1, {
    timeoutMsg: `the revision list did not grow from ${before.length} to ${before.length + 1}`,
  });
  const afterList = await listedRevisions(browser);
  assert.equal(afterList.length, before.length + 1, "restoring added exactly one revision");
  assert.ok(afterList[0].revision > revSecond, "the new revision is on top");
  assert.equal(afterList[0].headline, FIRST, "the new top revision carries the restored headline");
  assert.ok(afterList[0].current, "the new top revision is the current one");
  assert.equal(await currentRevision(browser), afterList[0].revision, "the status bar shows the new revision");
  await waitSaved(browser);
  assert.equal(await saveState(browser), "Saved");
  assert.equal(await headline.getValue(), FIRST, "the restored headline stays");
});
