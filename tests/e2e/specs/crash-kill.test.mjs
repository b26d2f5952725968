// A crash loses at most the last two seconds of typing. Words are typed into a story's body one
// after another (about one every 100 ms, each timestamped once its keys were delivered); the app
// process is killed with SIGKILL in the middle of it (no close handler, no last save); a new
// session on the same library opens the story: every word typed more than 2 s before the kill
// must be there, in order, with nothing missing in between. The app says the library was not
// closed properly and was checked. What was lost is written to output/crash-kill.json.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { appPid, launch, openStoryId, OUTPUT_DIR, pageErrors, sel, TIMEOUT, typeText, waitSaved } from "../lib/app.mjs";

const HEADLINE = "Typing when the power goes";
const WORD_EVERY_MS = 100;
/** Typing goes on for this long (plus up to a second, so the kill lands anywhere in a save cycle). */
const KILL_AFTER_MS = 6000;
const MAX_LOST_MS = 2000;

let app;
before(async () => {
  app = await launch("crash-kill");
});
after(async () => {
  await app?.stop();
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits until the process is gone (or a zombie waiting for its parent). */
async function waitDead(pid, ms = 10_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => null);
    if (stat === null || /^\d+ \(.*\) Z /.test(stat)) return true;
    await sleep(50);
  }
  return false;
}

test("after a SIGKILL mid-typing, everything typed up to 2 s before the kill is in the story", async () => {
  let browser = app.browser;
  await (await browser.$(sel("new-story"))).click();
  const headline = await browser.$(sel("headline"));
  await headline.waitForExist({ timeout: TIMEOUT });
  await headline.click();
  await typeText(browser, HEADLINE);
  await waitSaved(browser, { settleMs: 500 });
  const storyId = await openStoryId(browser);
  await (await browser.$(sel("body"))).click();

  const pid = await appPid(app.env.BYLINE_LIBRARY);
  assert.ok(pid, `found the app's process (running on ${app.env.BYLINE_LIBRARY})`);

  /** @type {Array<{word: string, at: number}>} */
  const typed = [];
  let killedAt = null;
  const killAfter = KILL_AFTER_MS + Math.floor(Math.random() * 1000);
  const startedAt = Date.now();
  const killer = setTimeout(() => {
    killedAt = Date.now();
    process.kill(pid, "SIGKILL");
  }, killAfter);
  let typingError = null;
  try {
    for (let i = 1; killedAt === null; i++) {
      const word = `w${String(i).padStart(4, "0")}`;
      const began = Date.now();
      try {
        await typeText(browser, `${word} `);
      } catch (err) {
        typingError = err.message.split("\n")[0];
        break;
      }
      // Only words whose keys were all delivered before the kill count as typed.
      if (killedAt === null) typed.push({ word, at: Date.now() });
      const wait = WORD_EVERY_MS - (Date.now() - began);
      if (wait > 0) await sleep(wait);
    }
  } finally {
    clearTimeout(killer);
  }
  assert.ok(killedAt !== null, `the app was killed (typing stopped early: ${typingError})`);
  assert.ok(await waitDead(pid), "the app process died");
  assert.ok(typed.length >= 20, `typed enough words before the kill: ${typed.length}`);

  // A new session on the same library.
  browser = await app.restart();
  const toast = await browser.waitUntil(
    async () =>
      browser.execute(() => Array.from(document.querySelectorAll("[data-testid='toast']"), (t) => t.textContent).find((t) => t.includes("not closed properly")) ?? null),
    { timeout: TIMEOUT, timeoutMsg: `no "not closed properly" toast after the kill (page errors: ${await pageErrors(browser)})` },
  );
  assert.match(toast, /library was checked and is fine/);
  assert.equal(await browser.$(sel("library-damaged")).isExisting(), false, "the library is not damaged");
  const row = await browser.$(`${sel("story-row")}[data-id="${storyId}"]`);
  await row.waitForExist({ timeout: TIMEOUT, timeoutMsg: `the story is not in the library (page errors: ${await pageErrors(browser)})` });
  await row.click();
  await browser.waitUntil(async () => (await browser.$(sel("headline")).getValue()) === HEADLINE, { timeout: TIMEOUT, timeoutMsg: "the story did not open" });
  const text = await browser.execute(() => document.querySelector("[data-testid='body']").textContent);
  const present = text.match(/w\d{4}/g) ?? [];

  // What is there is exactly the first N words typed, in order: a prefix, nothing skipped.
  assert.deepEqual(present, typed.slice(0, present.length).map((t) => t.word), "the saved words are the first ones typed, in order");
  const last = present.length > 0 ? typed[present.length - 1] : null;
  const deadline = killedAt - MAX_LOST_MS;
  const mustHave = typed.filter((t) => t.at <= deadline);
  const lostMs = killedAt - (last ? last.at : startedAt);
  const result = {
    typingMs: killedAt - startedAt,
    wordsTyped: typed.length,
    wordsSaved: present.length,
    wordsLost: typed.length - present.length,
    lostMs,
    // How long before the kill the first lost word was typed (what a crash really cost).
    firstLostTypedMsBeforeKill: typed[present.length] ? killedAt - typed[present.length].at : 0,
    averageMsPerWord: Math.round((typed.at(-1).at - startedAt) / typed.length),
  };
  writeFileSync(path.join(OUTPUT_DIR, "crash-kill.json"), `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `crash-kill: ${result.wordsTyped} words typed in ${result.typingMs} ms, ${result.wordsSaved} saved; ` +
      `lost ${result.wordsLost} word(s), the first typed ${result.firstLostTypedMsBeforeKill} ms before the kill`,
  );
  assert.ok(
    present.length >= mustHave.length,
    `everything typed up to ${MAX_LOST_MS} ms before the kill is saved: ${mustHave.length} words were, only ${present.length} are there ` +
      `(the first lost word was typed ${result.firstLostTypedMsBeforeKill} ms before the kill)`,
  );
});
