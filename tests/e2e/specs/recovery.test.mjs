// A damaged library is recovered from its newest good backup, and the damaged file is kept.
// The library is made with the `byline` CLI (a story imported from Markdown, then `byline
// backup`); everything in library.sqlite after its first 4096 bytes is then overwritten. The app
// opens on it: the damaged-library banner or the recovery screen shows, the file is left exactly
// as it was; restoring the newest good backup brings the story back, the message says where the
// damaged file went, and it is there (damaged-*/library.sqlite, byte for byte). A restart then
// opens the library normally.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { CLI_PATH, findStoryRow, launch, pageErrors, sel, TIMEOUT } from "../lib/app.mjs";

const run = promisify(execFile);

const HEADLINE = "Council votes to rebuild the harbour wall";
const PARAGRAPH = "The council voted on Monday to rebuild the harbour wall before the winter storms.";
let damaged = null;

let app;
before(async () => {
  assert.ok(existsSync(CLI_PATH), `the byline CLI is needed to make the library: ${CLI_PATH} (cargo build --bins, or set BYLINE_CLI)`);
  app = await launch("recovery", {
    prepare: async (env, root) => {
      const md = path.join(root, "harbour.md");
      await writeFile(md, `---\nheadline: "${HEADLINE}"\nkicker: Harbour\n---\n\n${PARAGRAPH}\n`);
      await run(CLI_PATH, ["import", md], { env, timeout: 60_000 });
      await run(CLI_PATH, ["backup"], { env, timeout: 60_000 });
      const db = path.join(env.BYLINE_LIBRARY, "library.sqlite");
      assert.ok(!existsSync(`${db}-wal`) || (await readFile(`${db}-wal`)).length === 0, "the CLI left no WAL behind");
      const bytes = await readFile(db);
      assert.ok(bytes.length > 8192, `a library of some size: ${bytes.length} bytes`);
      // Scribble over everything after the first page.
      bytes.fill(0x5a, 4096);
      await writeFile(db, bytes);
      damaged = bytes;
    },
  });
});
after(async () => {
  await app?.stop();
});

test("a damaged library: the recovery UI, the newest good backup restored, the damaged file kept", async () => {
  let browser = app.browser;
  const library = app.env.BYLINE_LIBRARY;
  const db = path.join(library, "library.sqlite");

  await browser.waitUntil(async () => (await browser.$(`${sel("library-damaged")}, ${sel("recovery-screen")}`).isExisting()), {
    timeout: TIMEOUT,
    timeoutMsg: `neither the damaged-library banner nor the recovery screen showed (page errors: ${await pageErrors(browser)})`,
  });
  const readOnly = await browser.$(sel("library-damaged")).isExisting();
  const problem = await browser.execute(
    () => document.querySelector("[data-testid='library-damaged-message'], [data-testid='recovery-message']")?.textContent ?? "",
  );
  assert.match(problem, /\S/, "the UI says what is wrong");
  assert.deepEqual(await readFile(db), damaged, "the damaged library file was left exactly as it was");

  if (readOnly) {
    // Read-only: the banner offers the newest good backup.
    const recover = await browser.$(sel("recover-newest"));
    await recover.waitForClickable({ timeout: TIMEOUT });
    assert.match(await recover.getText(), /^Restore the backup of /);
    assert.equal(await browser.$(sel("new-story")).isEnabled(), false, "nothing can be created in a damaged library");
    await recover.click();
  } else {
    // Nothing could be opened: the recovery screen lists the backups; the newest good one is marked.
    const rows = await browser.$$(sel("backup-row"));
    assert.ok(rows.length >= 1, "the recovery screen lists the backup");
    const good = await browser.$(`${sel("backup-row")}:has(${sel("backup-good")}) ${sel("backup-restore")}`);
    await good.waitForClickable({ timeout: TIMEOUT, timeoutMsg: "no backup is marked as the newest good one" });
    await good.click();
  }

  const notice = await browser.$(sel("library-notice"));
  await notice.waitForExist({ timeout: TIMEOUT, timeoutMsg: `the recovery did not report back (page errors: ${await pageErrors(browser)})` });
  const message = await browser.execute((el) => el.textContent, notice);
  assert.match(message, /Restored the backup of .*The damaged library was kept in .*damaged-\d+/, message);
  assert.equal(await browser.$(sel("library-damaged")).isExisting(), false, "the banner is gone");
  assert.equal(await browser.$(sel("recovery-screen")).isExisting(), false, "the recovery screen is gone");

  // The story is back, with its text, and the library works again.
  const row = await findStoryRow(browser, HEADLINE);
  await row.click();
  await browser.waitUntil(async () => (await browser.$(sel("headline")).getValue()) === HEADLINE, { timeout: TIMEOUT, timeoutMsg: "the story did not open" });
  await browser.waitUntil(async () => (await browser.execute(() => document.querySelector("[data-testid='body']")?.textContent ?? "")).includes(PARAGRAPH), {
    timeout: TIMEOUT,
    timeoutMsg: "the story's text is not back",
  });
  assert.equal(await browser.$(sel("read-only-badge")).isExisting(), false, "the story can be edited again");

  // The damaged database was kept beside the library, byte for byte.
  const aside = (await readdir(library)).filter((n) => /^damaged-\d+$/.test(n));
  assert.equal(aside.length, 1, `one damaged-* folder in the library folder: ${aside.join(", ")}`);
  assert.ok(message.includes(aside[0]), "the message names the folder the damaged file went to");
  assert.deepEqual(await readFile(path.join(library, aside[0], "library.sqlite")), damaged, "the damaged file is kept as it was");

  // Closed and reopened: a normal library.
  browser = await app.restart();
  await browser.$(sel("new-story")).waitForEnabled({ timeout: TIMEOUT });
  assert.equal(await browser.$(sel("library-damaged")).isExisting(), false);
  await findStoryRow(browser, HEADLINE);
  console.log(`recovery: the app showed the ${readOnly ? "read-only banner" : "recovery screen"} (${problem.trim().slice(0, 120)}); ${message.trim()}`);
});
