// Search across the archive, related posts and backlinks, end to end: three stories typed in the
// app, a base URL set in the library settings, a search from the library view (matches marked),
// the result opened with Enter, a similar story added from the Related panel's suggestions, the
// backlink seen from the other side, the export dialog prefilled with the library's base URL.
// The HTML export itself is written by the `byline` CLI on the same library (the app's export
// asks for a folder in the native GTK dialog, which WebDriver cannot drive): the related story's
// headline must be in the page's "Related Posts", linked under the base URL.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Key } from "webdriverio";
import { APP_PATH, innerText, launch, pageErrors, sel, TIMEOUT, typeText, waitSaved } from "../lib/app.mjs";

const run = promisify(execFile);

/** The CLI built next to the app (`cargo build --bins` builds both), or BYLINE_CLI. */
const CLI_PATH = path.resolve(process.env.BYLINE_CLI || path.join(path.dirname(APP_PATH), process.platform === "win32" ? "byline.exe" : "byline"));

const BASE_URL = "https://news.example.org/stories";
const STORIES = {
  keepers: {
    headline: "Lighthouse keepers vote to strike",
    body: [
      "The lighthouse keepers of Norrland voted on Tuesday to strike over pay and the old tower lamps.",
      "A colony of cormorants nests below the tower, and the keepers count them every spring.",
    ],
  },
  museum: {
    headline: "Norrland lighthouse museum opens",
    body: ["A museum about the lighthouse keepers of Norrland opened with the old tower lamps on show."],
  },
  trams: {
    headline: "Council approves tram budget",
    body: ["The city council approved the budget for new trams on Wednesday after a long debate."],
  },
};
/** A word only the keepers story has. */
const QUERY = "cormorants";

let app;
before(async () => {
  app = await launch("related-search");
});
after(async () => {
  await app?.stop();
});

/** The id of the story open in the editor (from the #/story/<id> route). */
async function openStoryId(browser) {
  const hash = await browser.execute(() => location.hash);
  const m = /^#\/story\/([^/?#]+)/.exec(hash);
  assert.ok(m, `the editor route names the story: ${hash}`);
  return decodeURIComponent(m[1]);
}

async function toLibrary(browser) {
  const back = await browser.$(sel("back"));
  if (await back.isExisting()) await back.click();
  await browser.$(sel("library-search")).waitForExist({ timeout: TIMEOUT });
}

/** Types a new story (headline, paragraphs) with real key input; returns its id. */
async function writeStory(browser, { headline, body }) {
  const newStory = await browser.$(sel("new-story"));
  await newStory.waitForClickable({ timeout: TIMEOUT });
  await newStory.click();
  const headlineEl = await browser.$(sel("headline"));
  await headlineEl.waitForExist({ timeout: TIMEOUT });
  await headlineEl.click();
  await typeText(browser, headline);
  const bodyEl = await browser.$(sel("body"));
  await bodyEl.click();
  for (let i = 0; i < body.length; i++) {
    if (i > 0) await browser.keys(Key.Enter);
    await typeText(browser, body[i]);
  }
  await waitSaved(browser);
  const id = await openStoryId(browser);
  await toLibrary(browser);
  return id;
}

/** Waits for an element whose innerText includes `text` among `testid`s; returns it. */
async function findByText(browser, testid, text, what) {
  let found = null;
  try {
    await browser.waitUntil(
      async () => {
        const index = await browser.execute(
          (tid, t) => Array.from(document.querySelectorAll(`[data-testid='${tid}']`)).findIndex((el) => el.innerText.includes(t)),
          testid,
          text,
        );
        if (index < 0) return false;
        found = (await browser.$$(sel(testid)))[index];
        return true;
      },
      { timeout: TIMEOUT, interval: 300 },
    );
  } catch {
    throw new Error(`no ${what} (${testid}) containing "${text}" (page errors: ${await pageErrors(browser)})`);
  }
  return found;
}

test("searches the archive, adds a related story from the suggestions, and exports it", async () => {
  const browser = app.browser;
  await browser.$(sel("library-search")).waitForExist({ timeout: TIMEOUT });

  // ------------------------------------------------------------ three stories
  const ids = {};
  for (const [key, story] of Object.entries(STORIES)) ids[key] = await writeStory(browser, story);

  // ------------------------------------------------------------ library settings: base URL
  await (await browser.$(sel("settings-button"))).click();
  const baseInput = await browser.$(sel("settings-base-url"));
  await baseInput.waitForEnabled({ timeout: TIMEOUT });
  await baseInput.click();
  await browser.keys([Key.Ctrl, "a"]);
  await typeText(browser, BASE_URL);
  await (await browser.$(sel("settings-save"))).click();
  await browser.waitUntil(async () => !(await browser.$(sel("settings-dialog")).isExisting()), {
    timeout: TIMEOUT,
    timeoutMsg: `the settings were not saved (page errors: ${await pageErrors(browser)})`,
  });

  // ------------------------------------------------------------ search from the library
  // Ctrl+K goes to the search box from anywhere in the library.
  await (await browser.$("h2")).click();
  await browser.keys([Key.Ctrl, "k"]);
  const box = await browser.$(sel("library-search"));
  await browser.waitUntil(async () => browser.execute(() => document.activeElement?.dataset?.testid === "library-search"), {
    timeout: TIMEOUT,
    timeoutMsg: "Ctrl+K did not focus the search box",
  });
  await typeText(browser, QUERY);
  assert.equal(await box.getValue(), QUERY);
  // Searched as typed (after a short pause): wait for the answer to the whole word.
  try {
    await browser.waitUntil(
      async () =>
        (await browser.execute(() => document.querySelector("[data-testid='search-count']")?.textContent ?? "")).startsWith("1 story found") &&
        (await browser.$$(sel("search-result"))).length === 1,
      { timeout: TIMEOUT, interval: 250 },
    );
  } catch {
    const count = await browser.execute(() => document.querySelector("[data-testid='search-count']")?.textContent ?? "(none)");
    throw new Error(`searching "${QUERY}" did not find exactly one story (count: ${count}; page errors: ${await pageErrors(browser)})`);
  }
  const result = await findByText(browser, "search-result", STORIES.keepers.headline, "search result");
  assert.equal(await result.getAttribute("data-id"), ids.keepers);
  const marked = await browser.execute(() =>
    Array.from(document.querySelectorAll("[data-testid='search-result'] mark"), (m) => m.textContent.toLowerCase()),
  );
  assert.ok(marked.some((m) => m.includes("cormorant")), `the matching word is marked: ${JSON.stringify(marked)}`);

  // Enter opens the highlighted result.
  await browser.keys(Key.Enter);
  const headline = await browser.$(sel("headline"));
  await headline.waitForExist({ timeout: TIMEOUT });
  await browser.waitUntil(async () => (await headline.getValue()) === STORIES.keepers.headline, {
    timeout: TIMEOUT,
    timeoutMsg: "Enter did not open the keepers story",
  });
  assert.equal(await openStoryId(browser), ids.keepers);

  // ------------------------------------------------------------ related: add from the suggestions
  await (await browser.$(sel("related-button"))).click();
  await browser.$(sel("related-panel")).waitForDisplayed({ timeout: TIMEOUT });
  const suggestion = await findByText(browser, "suggestion", STORIES.museum.headline, "suggestion");
  assert.equal(await suggestion.getAttribute("data-id"), ids.museum);
  const sharedEl = await suggestion.$(sel("suggestion-shared"));
  assert.ok(await sharedEl.isExisting(), "the suggestion names the words the stories share");
  const shared = await innerText(browser, sharedEl);
  assert.match(shared.toLowerCase(), /lighthouse|keepers|norrland/, `the suggestion names shared words: ${shared}`);
  await (await suggestion.$(sel("suggestion-add"))).click();
  const item = await browser.$(`${sel("related-item")}[data-story-id="${ids.museum}"]`);
  await item.waitForExist({ timeout: TIMEOUT, timeoutMsg: `the suggestion was not added (page errors: ${await pageErrors(browser)})` });
  assert.equal((await innerText(browser, await item.$(sel("related-title")))).trim(), STORIES.museum.headline);
  assert.equal((await browser.$$(sel("related-item"))).length, 1);
  assert.match(await browser.execute(() => document.querySelector("[data-testid='related-announce']").textContent), /Added/);

  // ------------------------------------------------------------ backlink, seen from the museum story
  // The title is the pointer's way to the story (the keyboard's is Enter on the item): the button
  // is inert, so a click on it lands on its wrapper, which is what WebDriver is asked to click.
  await (await item.$(sel("related-title")).parentElement()).click();
  await browser.waitUntil(async () => (await openStoryId(browser)) === ids.museum, { timeout: TIMEOUT, timeoutMsg: "the related story did not open" });
  await browser.waitUntil(async () => (await browser.$(sel("headline")).getValue()) === STORIES.museum.headline, { timeout: TIMEOUT });
  await (await browser.$(sel("related-button"))).click();
  await browser.$(sel("related-panel")).waitForDisplayed({ timeout: TIMEOUT });
  const backlink = await findByText(browser, "backlink", STORIES.keepers.headline, "backlink");
  assert.equal(await backlink.getAttribute("data-id"), ids.keepers);
  await (await backlink.$(sel("backlink-open"))).click();
  await browser.waitUntil(async () => (await openStoryId(browser)) === ids.keepers, { timeout: TIMEOUT, timeoutMsg: "the backlink did not open" });
  await browser.waitUntil(async () => (await browser.$(sel("headline")).getValue()) === STORIES.keepers.headline, { timeout: TIMEOUT });

  // ------------------------------------------------------------ export dialog: base URL from the settings
  await (await browser.$(sel("export-button"))).click();
  const dialog = await browser.$(sel("export-dialog"));
  await dialog.waitForDisplayed({ timeout: TIMEOUT });
  await (await browser.$(sel("export-format-html"))).click();
  const exportBase = await browser.$(sel("export-base-url"));
  await browser.waitUntil(async () => (await exportBase.getValue()) === BASE_URL, {
    timeout: TIMEOUT,
    timeoutMsg: `the export dialog's base URL was not filled from the library settings (has "${await exportBase.getValue()}")`,
  });
  await browser.waitUntil(
    async () => (await browser.$(sel("checklist-ready")).isExisting()) || (await browser.$$(sel("checklist-item"))).length > 0,
    { timeout: TIMEOUT, timeoutMsg: "the checklist did not load" },
  );
  // Not "Export…": that opens the native folder dialog. Close, and export with the CLI instead.
  await browser.keys(Key.Escape);
  await browser.waitUntil(async () => !(await dialog.isExisting()), { timeout: TIMEOUT, timeoutMsg: "Esc did not close the export dialog" });

  // ------------------------------------------------------------ HTML export (CLI, same library)
  assert.ok(existsSync(CLI_PATH), `the byline CLI is needed for the export step: ${CLI_PATH} (cargo build --bins, or set BYLINE_CLI)`);
  const out = await mkdtemp(path.join(os.tmpdir(), "byline-e2e-export-"));
  try {
    const { stdout } = await run(CLI_PATH, ["export", ids.keepers, "--format", "html", "--out", out], { env: app.env, timeout: 120_000 });
    const folders = (await readdir(out)).filter((n) => n.endsWith("-html"));
    assert.equal(folders.length, 1, `one HTML export folder in ${out}: ${stdout}`);
    const html = await readFile(path.join(out, folders[0], "index.html"), "utf8");
    const section = /<section class="related">([\s\S]*?)<\/section>/.exec(html);
    assert.ok(section, "the export has a Related Posts section");
    assert.ok(section[1].includes(`>${STORIES.museum.headline}</a>`), `the related story's headline is linked: ${section[1]}`);
    assert.match(section[1], new RegExp(`href="${BASE_URL.replace(/[.]/g, "\\.")}/[^"]+/"`), "linked under the library's base URL");
    assert.ok(!section[1].includes(STORIES.trams.headline), "only the related story is listed");
  } finally {
    if (!process.env.E2E_KEEP_TMP) await rm(out, { recursive: true, force: true });
  }
});
