// "Never lose a story", promise 9: a 20,000-word story with 50 photos opens, takes typing and
// saves smoothly. The same story (Markdown from a fixed seed, imported by the `byline` CLI, 50
// distinct JPEGs attached, the first as lead) is opened in the real app (WebKitGTK through
// tauri-driver) and, as the very JSON the core returns, in the same UI bundle (ui/dist) on the
// fake platform in headless Chromium. On both: the time to open it from the library, then 150
// characters typed one key at a time at the end of a paragraph in the middle of the body, in
// three rounds of 50 that the two sides take in turn (each side's saves are over before the
// other types), each key timed from the keydown's timeStamp to the next animation frame
// (performance.mark/measure). The app types its rounds twice: with the copy desk checking as you
// type (the library's default) and, in another paragraph, with it switched off in the copy desk's
// settings (through the drawer's Settings…, as a journalist would); the rounds with checking off
// are interleaved with the others (on, Chromium, off, then off, Chromium, on…), so all three see
// the same moments of the machine, and checking is switched back on at the end. Before the rounds
// each side types a few keys in each of its paragraphs and takes them back, untimed: the session's
// first key press is the slowest and must fall to no run.
// The app types a third time, in a third paragraph, while its outbox sends the story with its 50
// photos to a real WordPress on 127.0.0.1 (a destination of its own each round, so every photo is
// uploaded): each of those rounds starts once the item is sending, and the send is waited out
// before the next run types.
// LOAD_THEME=dark (or light) runs both sides in that theme, chosen as the Settings switch keeps it.
// Prints the opening times and their ratio (the frame after the body is in place, app over
// Chromium; goal: at most 1.0x), p50/p95 of each run, the app's p95 as a ratio of Chromium's with
// checking on and off (goal: at most 1.0x), how far checking on moves that ratio (goal: at most 10%), and how far the
// outbox sending moves it against the outbox idle (goal: at most 10%). Goals are
// reported, not asserted: the machine is shared and noisy. Asserts the typed text arrived on both
// sides, was saved by the app (read back with the CLI), and that the app's p95 with checking on
// stays under an absolute bound. Figures go to output/load.json.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { chromium } from "playwright-core";
import { APP_PATH, E2E_DIR, launch, OUTPUT_DIR, sel, TIMEOUT, waitSaved } from "../lib/app.mjs";
import { fileURLToPath } from "node:url";
import {
  armKeyProbe,
  blockSelector,
  blockText,
  bundleName,
  caretToEnd,
  checkCount,
  checkTimes,
  distinctJpegs,
  frameInterval,
  getJsonMs,
  installKeyProbe,
  keyResults,
  waitKeysDone,
  pickMiddleParagraph,
  pickNextParagraph,
  serveStatic,
  storyMarkdown,
  summary,
  timeOpening,
} from "../lib/load.mjs";

const run = promisify(execFile);

/** A port free on 127.0.0.1 now. */
function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** An app command through its IPC, as the UI calls it. */
function invoke(browser, command, args) {
  return browser.executeAsync(
    (c, a, done) => window.__TAURI_INTERNALS__.invoke(c, a).then((r) => done({ ok: r }), (e) => done({ err: String(e?.message ?? JSON.stringify(e)) })),
    command,
    args,
  );
}

/**
 * Queues the story to a destination of its own (every photo is uploaded again) and waits until
 * the outbox worker is sending it.
 */
async function startSending(browser, round) {
  const name = `load-${round}`;
  const added = await invoke(browser, "add_destination", {
    destination: { name, kind: "wordpress", url: site.url, user: site.user, secret: site.secret },
  });
  assert.ok(added.ok, `destination added: ${added.err}`);
  const queued = await invoke(browser, "send_story", { request: { story: story.id, destination: name, status: "draft", holdUntil: null } });
  assert.ok(queued.ok, `send queued: ${queued.err}`);
  await browser.waitUntil(async () => (await outboxItem(browser, queued.ok.id))?.state === "sending", {
    timeout: TIMEOUT,
    interval: 50,
    timeoutMsg: "the outbox did not start sending",
  });
  return queued.ok.id;
}

async function outboxItem(browser, id) {
  const list = await invoke(browser, "list_outbox", {});
  return (list.ok ?? []).find((i) => i.id === id);
}

const CLI_PATH = path.resolve(process.env.BYLINE_CLI || path.join(path.dirname(APP_PATH), process.platform === "win32" ? "byline.exe" : "byline"));
const UI_DIST = path.resolve(E2E_DIR, "../../ui/dist");
const CHROMIUM = process.env.BYLINE_CHROMIUM || "/usr/bin/chromium";
/** LOAD_THEME=dark (or light): both sides type in that theme; unset, the system's (light here). */
const THEME = process.env.LOAD_THEME || null;
const FIXTURES = ["cp.jpg", "IPTC-PhotometadataRef-Std2017.1.jpg", "iphone_gpsinfo_exif.JPG"].map((f) =>
  path.resolve(E2E_DIR, "../fixtures/photos", f),
);

const HEADLINE = "City budget: the long night at the council";
const WORDS = 20_000;
const PHOTOS = 50;
/** 150 characters, typed one key at a time. */
const TYPED = " Officials said a final vote on the harbour plan would be held in March, after a public hearing in the old market hall on the eastern quay, on Monday.";
/**
 * Key press to next frame, p95, in the app: above this the test fails whatever Chromium does. A
 * sanity bound, not the goal: in the debug build the e2e suite runs, a save (every 1.5 s while
 * typing: SQLite and zstd unoptimised, on the same two cores) delays the keys that meet it, and
 * those are about the slowest 15 %.
 */
const P95_BOUND_MS = Number(process.env.LOAD_P95_BOUND_MS || 150);
/** The words in TYPED, as the core and the status bar count them. */
const TYPED_WORDS = TYPED.split(/\s+/u).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;
const GOAL_RATIO = 1.0;
/** With the copy desk checking as you type, the ratio stays within this much of the ratio with it off. */
const GOAL_CHECKING = 0.1;
/** The story is painted within this much of the time Chromium takes to paint it. */
const GOAL_OPENING = 1.0;
/** With the outbox sending, the ratio stays within this much of the ratio with it idle. */
const GOAL_SENDING = 0.1;
const WORDPRESS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../servers/wordpress.sh");
/** The typing comes in this many rounds, the sides taking turns. */
const ROUNDS = 3;
/** Keys typed and taken back in each paragraph before the rounds, not timed (see warmUp). */
const WARM_UP_KEYS = 5;

let work;
let app;
let site; // the WordPress the outbox sends to: { dir, url, user, secret }
let story; // the story as the core returns it (byline show --json)
let blocks; // top-level blocks of its body
const results = {};

before(async () => {
  assert.equal([...TYPED].length, 150, "the typed text is 150 characters");
  assert.ok(existsSync(CLI_PATH), `the byline CLI is needed to prepare the library: ${CLI_PATH} (cargo build --bins, or set BYLINE_CLI)`);
  assert.ok(existsSync(path.join(UI_DIST, "index.html")), `ui/dist is needed for the Chromium side: npm --prefix ui run build`);
  assert.ok(existsSync(CHROMIUM), `headless Chromium is needed: ${CHROMIUM} (apt-get install chromium, or set BYLINE_CHROMIUM)`);
  work = await mkdtemp(path.join(os.tmpdir(), "byline-e2e-load-"));

  // The site the outbox sends to while the app types its third paragraph: a real WordPress
  // (tests/servers/wordpress.sh). It stands in for a site on another computer, so its own work is
  // not the app's and must not take the two cores from the typing measured: it runs only when the
  // processor is otherwise idle (SCHED_IDLE), and it makes no smaller sizes of the uploads
  // (WP_IMAGE_SIZES=off). Resizing with PHP's GD at idle priority still moved the typing figure
  // (+40% in two of three runs, +0% in all three without it, the app's part unchanged): the
  // other core's caches and memory are the typing's too.
  const wpDir = path.join(work, "wordpress");
  await run("chrt", ["--idle", "0", "bash", WORDPRESS, "start", wpDir, String(await freePort())], {
    timeout: 120_000,
    env: { ...process.env, WP_IMAGE_SIZES: "off" },
  });
  const env = Object.fromEntries((await readFile(path.join(wpDir, "env"), "utf8")).trim().split("\n").map((l) => l.split(/=(.*)/s).slice(0, 2)));
  site = { dir: wpDir, url: env.WP_URL, user: env.WP_USER, secret: env.WP_APP_PASSWORD };

  // The app starts on a fresh library; close it, fill the library with the CLI, open it again.
  // No keychain here: the destinations' secret is kept for the session.
  app = await launch("load", { prepare: async (env) => { env.BYLINE_KEYCHAIN = "off"; } });
  await app.browser.deleteSession();
  app.browser = null;

  const gen = storyMarkdown({ seed: 9, words: WORDS, headline: HEADLINE });
  const md = path.join(work, "load-story.md");
  await writeFile(md, gen.markdown);
  const cli = (args) => run(CLI_PATH, args, { env: app.env, timeout: 180_000, maxBuffer: 64 * 1024 * 1024 });
  const id = (await cli(["import", md])).stdout.trim().split(/\s+/).pop();
  const photos = await distinctJpegs(FIXTURES, PHOTOS, work);
  const attached = JSON.parse((await cli(["attach", id, ...photos, "--lead", "--json"])).stdout);
  assert.equal(attached.uses.length, PHOTOS, `all ${PHOTOS} photos attached (skipped: ${JSON.stringify(attached.skipped)})`);
  assert.equal(new Set(attached.uses.map((u) => u.photo)).size, PHOTOS, "50 distinct photos (distinct content hashes)");
  story = JSON.parse((await cli(["show", id, "--json"])).stdout);
  blocks = story.body.content.length;
  assert.equal(blocks, gen.blocks, "the imported body has one block per generated paragraph or heading");
  assert.ok(story.stats.words >= WORDS, `at least ${WORDS} words (${story.stats.words})`);
  assert.equal(story.photos.length, PHOTOS);
  results.story = { words: story.stats.words, blocks, paragraphs: gen.paragraphs, links: gen.links, headings: gen.blocks - gen.paragraphs, photos: story.photos.length, bodyJsonBytes: JSON.stringify(story.body).length };
  results.cli = async (args) => (await cli(args)).stdout;

  await app.open();
  if (THEME) {
    // Both sides in the theme asked for, chosen as the Settings switch keeps it.
    await app.browser.execute((t) => localStorage.setItem("byline.theme", t), THEME);
    await app.browser.refresh();
    await app.browser.waitUntil(() => app.browser.execute((t) => document.documentElement.dataset.theme === t, THEME), {
      timeout: TIMEOUT,
      timeoutMsg: `the app did not take the ${THEME} theme`,
    });
  }
  results.theme = THEME ?? "system (light)";
});

after(async () => {
  await chromiumContext?.close().catch(() => {});
  await chromiumServer?.close();
  if (chromiumProfile) await rm(chromiumProfile, { recursive: true, force: true }).catch(() => {});
  await app?.stop();
  if (site) await run("bash", [WORDPRESS, "stop", site.dir]).catch(() => {});
  if (work && !process.env.E2E_KEEP_TMP) await rm(work, { recursive: true, force: true });
});

/**
 * Both sides, the same steps: open the story from the library (timed), open the photos panel
 * (50 thumbnails), click the middle paragraph, caret to its end. `side` wraps the WebDriver or
 * Playwright calls.
 */
async function prepare(side) {
  await side.eval(installKeyProbe);
  const bundle = await side.eval(bundleName);
  await side.waitFor(`[data-testid='story-row']`);
  const opening = await side.timeOpening(HEADLINE, blocks);
  assert.ok(!opening.error, `${side.name}: ${opening.error}`);

  // The body opened laid out in slices (ui/src/lib/lazyLayout.ts); they are over, every block
  // is in normal layout before anything is typed.
  await side.waitUntil(`document.querySelectorAll("[data-lazy-from]").length === 0`, "the whole body laid out");
  await side.click(sel("photos-button"));
  await side.waitUntil(`document.querySelectorAll("[data-testid='photo-thumb']").length === ${PHOTOS}`, `${PHOTOS} thumbnails in the photos panel`);

  const target = await side.eval(pickMiddleParagraph);
  await placeCaret(side, target);
  side.target = target;
  return {
    bundle,
    opening: { bodyMs: round(opening.bodyMs), paintedMs: round(opening.paintedMs), measuredMs: opening.measured === null ? null : round(opening.measured) },
    idleFrameMs: await side.frameInterval(30),
    getJsonMs: await side.eval(getJsonMs),
    paragraph: target.index,
  };
}

/** Clicks paragraph `target` and puts the caret at its end; the body has the focus. */
async function placeCaret(side, target) {
  await side.click(blockSelector(target.index));
  const focused = await side.eval(caretToEnd, target.index);
  assert.equal(focused, "body", `${side.name}: the body has the focus`);
  await side.frames(3);
}

/**
 * A few keys typed in a paragraph and taken back, not timed: the session's first key press is
 * the slowest (16 to 29 ms in the app where the others take 4 to 9), and it falls to no run.
 */
async function warmUp(side, target) {
  await placeCaret(side, target);
  for (let i = 0; i < WARM_UP_KEYS; i++) {
    await side.key("x");
    await side.frames(1);
    await side.backspace();
    await side.frames(1);
  }
  await side.settled();
  assert.equal(await side.eval(blockText, target.index), target.text, `${side.name}: the warm-up left the paragraph as it was`);
}

/** One side typing in one paragraph: its keys, saves and checks across its rounds. */
function typingRun(side, name, target) {
  return { side, name, target, keys: [], saves: [], checks: [], checkMs: [], eventStamps: 0, userTiming: true };
}

/** Types `text` one key at a time, each waited for until its frame has been rendered. */
async function typeRound(run, text) {
  const side = run.side;
  const checksBefore = await side.eval(checkCount);
  await side.eval(armKeyProbe, true);
  for (let i = 0; i < text.length; i++) {
    await side.key(text[i]);
    await side.waitKeys(i + 1);
  }
  await side.eval(armKeyProbe, false);
  const probe = await side.eval(keyResults);
  assert.equal(probe.keys.length, text.length, `${run.name}: one keydown per typed character`);
  run.keys.push(...probe.keys);
  run.saves.push(...probe.saves);
  run.checks.push(...probe.checks);
  run.eventStamps += probe.eventStamps;
  run.userTiming &&= probe.userTiming;
  // The side's saves (and the app's copy-desk check) end before anyone types again: each round
  // is measured on a quiet machine.
  await side.settled();
  run.checkMs.push(...(await side.eval(checkTimes, checksBefore)).filter((ms) => ms !== null));
}

/** The figures of a run once every round is typed; checks the text arrived whole. */
async function figures(run) {
  const side = run.side;
  const after = await side.eval(blockText, run.target.index);
  assert.ok(after.endsWith(TYPED), `${run.name}: the typed text ends the paragraph: …${after.slice(-200)}`);
  const keys = run.keys;
  const frame = keys.map((k) => k.frame);
  return {
    ...side.prepared,
    paragraph: run.target.index,
    keyToFrame: summary(frame),
    keyToPainted: summary(keys.map((k) => k.painted)),
    handler: summary(keys.map((k) => k.handler)),
    // Keydown to the end of the key's task (the editor's script), when that came before the frame.
    task: summary(keys.filter((k) => k.task !== null && k.task <= k.frame).map((k) => k.task)),
    beforeinput: summary(keys.filter((k) => k.beforeinput !== null).map((k) => k.beforeinput)),
    input: summary(keys.filter((k) => k.input !== null).map((k) => k.input)),
    // The same figure for the keys that met a save in progress and for the others.
    duringSave: summary(keys.filter((k) => k.duringSave).map((k) => k.frame)),
    noSave: summary(keys.filter((k) => !k.duringSave).map((k) => k.frame)),
    saveMs: summary(run.saves.filter((x) => x.end !== null).map((x) => x.end - x.start)),
    // Keys that met a copy-desk check, and the checks from the first key of a round until it settled.
    duringCheck: summary(keys.filter((k) => k.duringCheck).map((k) => k.frame)),
    checkMs: summary(run.checkMs),
    clock: run.eventStamps === keys.length ? "event.timeStamp" : `event.timeStamp for ${run.eventStamps} of ${keys.length} keys, handler time for the rest`,
    userTiming: run.userTiming,
    caretAtEnd: after.endsWith(TYPED),
    samples: frame.map(round),
  };
}

/** Whether the copy-desk button says a check is running. */
function copyDeskBusy() {
  return document.querySelector("[data-testid='copy-desk-button']")?.getAttribute("aria-busy") === "true";
}

/** The words the status bar counts, once it has followed the typing (it recounts when typing pauses). */
const wordsShown = (n) => `Number(document.querySelector("[data-testid='words'] strong")?.textContent.replace(/\\D/g, "")) === ${n}`;

const round = (x) => Math.round(x * 10) / 10;
const hundredths = (x) => Math.round(x * 100) / 100;
const sides = {};
const runs = {};
let chromiumContext;
let chromiumServer;
let chromiumProfile;
const chromiumRefused = [];
const chromiumErrors = [];

test("the app: opens the 20,000-word story with 50 photos", async () => {
  const browser = app.browser;
  const side = {
    name: "app",
    eval: (fn, ...args) => browser.execute(fn, ...args),
    timeOpening: (h, b) => browser.executeAsync(timeOpening, h, b),
    frameInterval: (n) => browser.executeAsync(frameInterval, n),
    waitFor: (css) => browser.$(css).waitForExist({ timeout: TIMEOUT }),
    click: async (css) => {
      const el = await browser.$(css);
      await el.waitForClickable({ timeout: TIMEOUT });
      await el.click();
    },
    waitUntil: (expr, what) =>
      browser.waitUntil(() => browser.execute(`return ${expr}`), { timeout: TIMEOUT, interval: 100, timeoutMsg: `app: no ${what}` }),
    frames: (n) => browser.executeAsync((k, done) => {
      const step = (i) => (i === 0 ? done() : requestAnimationFrame(() => step(i - 1)));
      step(k);
    }, n),
    key: (ch) => browser.performActions([{ type: "key", id: "keyboard", actions: [{ type: "keyDown", value: ch }, { type: "keyUp", value: ch }] }]),
    backspace: () => browser.performActions([{ type: "key", id: "keyboard", actions: [{ type: "keyDown", value: "\uE003" }, { type: "keyUp", value: "\uE003" }] }]),
    waitKeys: async (n) => assert.ok(await browser.executeAsync(waitKeysDone, n), `app: key ${n} was never timed`),
    settled: async () => {
      // Saved at least 300 ms ago, so more than the copy desk's pause (600 ms) after the last key:
      // checking as you type, the check of the story has started; it is over too before anyone
      // types again.
      await waitSaved(browser, { settleMs: 300 });
      await browser.waitUntil(async () => !(await browser.execute(copyDeskBusy)), {
        timeout: TIMEOUT,
        interval: 50,
        timeoutMsg: "app: the copy desk's check did not end",
      });
    },
  };
  side.prepared = await prepare(side);
  // The copy desk checks the story on opening (checking as you type is the library's default):
  // the first check of the whole story, over before anything is typed.
  await side.settled();
  side.prepared.checkOnOpeningMs = (await side.eval(checkTimes, 0))[0] ?? null;
  sides.app = side;
  runs.appOn = typingRun(side, "app, checking on", side.target);
  runs.appOff = typingRun(side, "app, checking off", await side.eval(pickNextParagraph, side.target.index));
  runs.appSending = typingRun(side, "app, outbox sending", await side.eval(pickNextParagraph, runs.appOff.target.index));
});

/**
 * Switches the app's copy desk checking as you type on or off as a journalist would: the copy desk
 * drawer, Settings…, "Check as I type", Save; the open story follows without a reload (the drawer
 * shows Check now only when it is off). Then the photos panel again, and the saves and any check
 * over. Returns how long it took.
 */
async function setCheckingAsYouType(side, on) {
  const browser = app.browser;
  const start = Date.now();
  await side.click(sel("copy-desk-button"));
  await side.click(sel("copy-desk-settings"));
  const toggle = await browser.$(sel("as-you-type"));
  await toggle.waitForEnabled({ timeout: TIMEOUT });
  if ((await toggle.isSelected()) !== on) await toggle.click();
  assert.equal(await toggle.isSelected(), on, `the switch reads ${on ? "on" : "off"}`);
  await side.click(sel("settings-save"));
  await browser.$(sel("settings-dialog")).waitForExist({ timeout: TIMEOUT, reverse: true });
  await side.waitUntil(`!!document.querySelector("[data-testid='copy-desk-check-now']") === ${!on}`, `Check now ${on ? "gone" : "shown"} in the drawer`);
  await side.click(sel("photos-button"));
  await side.waitUntil(`document.querySelectorAll("[data-testid='photo-thumb']").length === ${PHOTOS}`, `${PHOTOS} thumbnails in the photos panel`);
  await side.settled();
  return Date.now() - start;
}

test("headless Chromium: the same bundle and story on the fake platform", async () => {
  chromiumServer = await serveStatic(UI_DIST);
  chromiumProfile = await mkdtemp(path.join(os.tmpdir(), "byline-e2e-chromium-"));
  const origin = new URL(chromiumServer.url).origin;
  const viewport = await app.browser.execute(() => ({ width: window.innerWidth, height: window.innerHeight }));
  chromiumContext = await chromium.launchPersistentContext(chromiumProfile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  // Nothing leaves this machine: only the static server answers, anything else is refused.
  await chromiumContext.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) return route.continue();
    chromiumRefused.push(url);
    return route.abort();
  });
  // The same story JSON the core returned, seeded into the fake before the bundle runs.
  await chromiumContext.addInitScript((s) => {
    window.__BYLINE_FAKE_STORIES__ = [s];
  }, story);
  if (THEME) await chromiumContext.addInitScript((t) => localStorage.setItem("byline.theme", t), THEME);
  const page = chromiumContext.pages()[0] ?? (await chromiumContext.newPage());
  page.on("pageerror", (err) => chromiumErrors.push(err.message));
  await page.goto(chromiumServer.url, { waitUntil: "load" });
  const saved = `document.querySelector("[data-testid='save-state']")?.textContent.trim() === "Saved"`;
  const side = {
    name: "chromium",
    eval: (fn, arg) => page.evaluate(fn, arg),
    timeOpening: (h, b) => page.evaluate(`(${timeOpening})(${JSON.stringify(h)}, ${b})`),
    frameInterval: (n) => page.evaluate(`(${frameInterval})(${n})`),
    waitFor: (css) => page.waitForSelector(css, { timeout: TIMEOUT, state: "attached" }),
    click: (css) => page.click(css, { timeout: TIMEOUT }),
    waitUntil: (expr) => page.waitForFunction(expr, null, { timeout: TIMEOUT }),
    frames: (n) =>
      page.evaluate(
        (k) =>
          new Promise((resolve) => {
            const step = (i) => (i === 0 ? resolve() : requestAnimationFrame(() => step(i - 1)));
            step(k);
          }),
        n,
      ),
    key: async (ch) => {
      await page.keyboard.down(ch);
      await page.keyboard.up(ch);
    },
    backspace: () => page.keyboard.press("Backspace"),
    waitKeys: async (n) => assert.ok(await page.evaluate(`(${waitKeysDone})(${n})`), `chromium: key ${n} was never timed`),
    settled: () => page.waitForFunction(saved, null, { timeout: TIMEOUT }),
  };
  side.prepared = await prepare(side);
  sides.chromium = side;
  runs.chromium = typingRun(side, "chromium", side.target);
});

test(`typing: ${ROUNDS} rounds of ${TYPED.length / ROUNDS} keys, the app (checking as you type on, and off) and Chromium in turn; the app saves it`, async () => {
  assert.ok(sides.app && sides.chromium, "both sides are open on the story");
  // In turns, the order reversed every round: both of the app's runs and Chromium meet the same
  // moments of a shared machine, and the setting changes as seldom as it can.
  let checking = true;
  const switches = [];
  const sending = [];
  for (const run of [runs.appOff, runs.appOn, runs.appSending, runs.chromium]) await warmUp(run.side, run.target);
  for (let r = 0; r < ROUNDS; r++) {
    const text = TYPED.slice((r * TYPED.length) / ROUNDS, ((r + 1) * TYPED.length) / ROUNDS);
    const order =
      r % 2 === 0 ? [runs.appSending, runs.appOn, runs.chromium, runs.appOff] : [runs.appOff, runs.chromium, runs.appOn, runs.appSending];
    for (const run of order) {
      if (run === runs.appSending) {
        // Idle outbox before every other run: this one's send started for it and is waited out.
        const id = await startSending(app.browser, r);
        await placeCaret(sides.app, run.target);
        await typeRound(run, text);
        const after = await outboxItem(app.browser, id);
        sending.push(after?.state === "sending");
        await app.browser.waitUntil(async () => (await outboxItem(app.browser, id))?.state === "sent", {
          timeout: 180_000,
          interval: 250,
          timeoutMsg: "the send did not end",
        });
        await sides.app.settled();
        continue;
      }
      if (run.side === sides.app) {
        const on = run === runs.appOn;
        if (checking !== on) {
          switches.push(await setCheckingAsYouType(sides.app, on));
          checking = on;
        }
        await placeCaret(sides.app, run.target);
      }
      await typeRound(run, text);
    }
  }
  if (!checking) switches.push(await setCheckingAsYouType(sides.app, true));
  const browser = app.browser;
  await browser.releaseActions();
  const m = await figures(runs.appOn);
  const off = await figures(runs.appOff);
  const duringSend = await figures(runs.appSending);
  results.chromium = await figures(runs.chromium);
  // The status bar's count follows once typing pauses (it is not recounted on every key).
  await sides.app.waitUntil(wordsShown(story.stats.words + 3 * TYPED_WORDS), `word count of ${story.stats.words + 3 * TYPED_WORDS} in the app's status bar`);
  await sides.chromium.waitUntil(wordsShown(story.stats.words + TYPED_WORDS), `word count of ${story.stats.words + TYPED_WORDS} in Chromium's status bar`);
  assert.deepEqual(chromiumErrors, [], "no page errors in Chromium");
  assert.deepEqual(chromiumRefused, [], "Chromium asked for nothing beyond the local static server");

  // Saved: the status bar says so, and the core has the text (read back with the CLI).
  const saveStart = Date.now();
  await waitSaved(browser, { settleMs: 1_000 });
  m.savedWithinMs = Date.now() - saveStart;
  const saved = JSON.parse(await results.cli(["show", story.id, "--json"]));
  const texts = saved.body.content.map((b) => (b.content ?? []).map((i) => i.text ?? "").join(""));
  for (const run of [runs.appOn, runs.appOff, runs.appSending]) {
    assert.ok(texts[run.target.index].endsWith(TYPED), `${run.name}: the saved paragraph ends with the typed text: …${texts[run.target.index].slice(-200)}`);
  }
  assert.equal(texts.filter((t) => t.includes(TYPED.trim())).length, 3, "the typed text is saved once in each of the three paragraphs");
  assert.equal(saved.stats.words, story.stats.words + 3 * TYPED_WORDS, "the core counts the typed words");
  assert.ok(saved.revision > story.revision, `typing made new revisions (r${story.revision} -> r${saved.revision})`);
  assert.equal(saved.body.content.length, blocks, "no block was lost or split");
  m.revisions = saved.revision - story.revision;
  results.app = m;
  results.appOff = off;
  results.appSending = duringSend;
  results.sendingAtRoundEnd = sending;
  results.switches = { count: switches.length, ms: switches };
  assert.ok(m.keyToFrame.p95 < P95_BOUND_MS, `app: key press to next frame p95 ${m.keyToFrame.p95} ms is under ${P95_BOUND_MS} ms`);
});

test("figures: app vs Chromium (goal: app p95 at most 1.0x Chromium's), checking as you type on vs off and the outbox sending vs idle (goals: within 10%)", async () => {
  assert.ok(results.app && results.appOff && results.appSending && results.chromium, "every run was measured");
  const { app: a, appOff: o, chromium: c } = results;
  const ratio = a.keyToFrame.p95 / c.keyToFrame.p95;
  const met = ratio <= GOAL_RATIO;
  const ratioOff = o.keyToFrame.p95 / c.keyToFrame.p95;
  // How far checking as you type moves the ratio (the same Chromium figure under both).
  const checkingDelta = ratio / ratioOff - 1;
  const checkingMet = checkingDelta <= GOAL_CHECKING;
  // How far the outbox sending moves the ratio (checking on in both).
  const sendingRatio = results.appSending.keyToFrame.p95 / c.keyToFrame.p95;
  const sendingDelta = sendingRatio / ratio - 1;
  const sendingMet = sendingDelta <= GOAL_SENDING;
  const p50Delta = a.keyToFrame.p50 / o.keyToFrame.p50 - 1;
  // Opening the story: click to the frame after the body is in place, app over Chromium.
  const openingRatio = a.opening.paintedMs / c.opening.paintedMs;
  const openingMet = openingRatio <= GOAL_OPENING;
  // The stricter reading: until the frame with the key's change has been rendered.
  const paintedRatio = a.keyToPainted.p95 / c.keyToPainted.p95;
  const paintedRatioOff = o.keyToPainted.p95 / c.keyToPainted.p95;
  // WebKit's performance.now() may be coarsened to whole milliseconds: 1 ms is then the smallest
  // difference the two runs can show.
  const wholeMs = [...a.samples, ...o.samples].every(Number.isInteger);
  const pct = (x) => `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(0)}%`;
  const secs = (ms) => `${(ms.reduce((x, y) => x + y, 0) / 1000).toFixed(1)} s`;
  const sameBundle = a.bundle !== null && a.bundle === c.bundle;
  /** "p50 / p95 ms (n)" of a summary, or "-" when it has no values. */
  const pp = (x, n = false) => (x.n ? `${x.p50} / ${x.p95} ms${n ? ` (n=${x.n})` : ""}` : "-");
  const lines = [
    `load: ${results.story.words} words, ${results.story.blocks} blocks, ${results.story.photos} photos; ${TYPED.length} keys typed one at a time by each run, in ${ROUNDS} rounds taken in turn; the app types twice, in two paragraphs: with the copy desk checking as you type on (its default) and off; theme: ${results.theme}`,
    `  open (click in the library -> body rendered / next frame painted):`,
    `    app                ${a.opening.bodyMs} ms / ${a.opening.paintedMs} ms`,
    `    chromium           ${c.opening.bodyMs} ms / ${c.opening.paintedMs} ms`,
    `    ratio app / chromium (painted) = ${openingRatio.toFixed(2)}x (goal <= ${GOAL_OPENING.toFixed(1)}x): ${openingMet ? "goal met" : "goal not met"}`,
    `  key press -> next animation frame, p50 / p95 (max):`,
    `    app, checking on   ${pp(a.keyToFrame)} (${a.keyToFrame.max} ms)`,
    `    app, checking off  ${pp(o.keyToFrame)} (${o.keyToFrame.max} ms)`,
    `    app, outbox sending ${pp(results.appSending.keyToFrame)} (${results.appSending.keyToFrame.max} ms)`,
    `    chromium           ${pp(c.keyToFrame)} (${c.keyToFrame.max} ms)`,
    `  ratio app p95 / chromium p95 = ${ratio.toFixed(2)}x (goal <= ${GOAL_RATIO.toFixed(1)}x): ${met ? "goal met" : "goal not met"}` +
      ` (keys that met no save: ${a.noSave.n ? (a.noSave.p95 / c.keyToFrame.p95).toFixed(2) : "-"}x)`,
    `  ratio with checking off = ${ratioOff.toFixed(2)}x (keys that met no save: ${o.noSave.n ? (o.noSave.p95 / c.keyToFrame.p95).toFixed(2) : "-"}x)`,
    `  checking on vs off: ${pct(checkingDelta)} (goal <= ${(GOAL_CHECKING * 100).toFixed(0)}%): ${checkingMet ? "goal met" : "goal not met"}` +
      ` (p95 ${a.keyToFrame.p95} vs ${o.keyToFrame.p95} ms; p50: ${pct(p50Delta)}${wholeMs ? "; the app's clock counts whole milliseconds" : ""})`,
    `  outbox sending vs idle: ratio ${sendingRatio.toFixed(2)}x vs ${ratio.toFixed(2)}x, ${pct(sendingDelta)} (goal <= ${(GOAL_SENDING * 100).toFixed(0)}%): ${sendingMet ? "goal met" : "goal not met"}` +
      ` (still sending at the end of ${results.sendingAtRoundEnd.filter(Boolean).length} of ${ROUNDS} rounds)`,
    `  key press -> that frame rendered, p50 / p95:`,
    `    app, checking on   ${pp(a.keyToPainted)}`,
    `    app, checking off  ${pp(o.keyToPainted)}`,
    `    chromium           ${pp(c.keyToPainted)}`,
    `  ratio app p95 / chromium p95 = ${paintedRatio.toFixed(2)}x (checking off ${paintedRatioOff.toFixed(2)}x)`,
    `  diagnostics, p50 / p95: keydown -> input event (the browser's editing) | keydown -> end of the key's task when before the frame | keys that met a save | the others | idle frame interval | editor.getJSON():`,
    `    app, checking on   ${pp(a.input)} | ${pp(a.task, true)} | ${pp(a.duringSave, true)} | ${pp(a.noSave, true)} | ${a.idleFrameMs} ms | ${a.getJsonMs} ms`,
    `    app, checking off  ${pp(o.input)} | ${pp(o.task, true)} | ${pp(o.duringSave, true)} | ${pp(o.noSave, true)}`,
    `    chromium           ${pp(c.input)} | ${pp(c.task, true)} | ${pp(c.duringSave, true)} | ${pp(c.noSave, true)} | ${c.idleFrameMs} ms | ${c.getJsonMs} ms`,
    `  copy desk: the check on opening took ${a.checkOnOpeningMs === null ? "-" : `${round(a.checkOnOpeningMs)} ms`} (over before the first key); checking on: keys that met a check ${pp(a.duringCheck, true)},` +
      ` checks after the rounds ${pp(a.checkMs, true)}; checking off: keys that met a check ${pp(o.duringCheck, true)}, checks ${pp(o.checkMs, true)}`,
    `  checking switched ${results.switches.count} time(s) through the settings (${secs(results.switches.ms)})`,
    `  app: ${a.revisions} revision(s) saved while typing (a save took ${pp(a.saveMs)}); "Saved" ${a.savedWithinMs} ms after the last key`,
    `  same bundle on both sides: ${sameBundle ? `yes (${a.bundle})` : `NO (app ${a.bundle}, chromium ${c.bundle}): rebuild the app after npm run build`}`,
  ];
  for (const l of lines) console.log(l);
  await mkdir(OUTPUT_DIR, { recursive: true });
  const { cli: _cli, ...rest } = results;
  await writeFile(
    path.join(OUTPUT_DIR, "load.json"),
    `${JSON.stringify(
      {
        when: new Date().toISOString(),
        ...rest,
        ratio: round(ratio * 100) / 100,
        paintedRatio: round(paintedRatio * 100) / 100,
        goal: GOAL_RATIO,
        goalMet: met,
        opening: { ratio: hundredths(openingRatio), goal: GOAL_OPENING, goalMet: openingMet },
        sending: {
          ratio: hundredths(sendingRatio),
          vsIdlePercent: round(sendingDelta * 100),
          goalPercent: GOAL_SENDING * 100,
          goalMet: sendingMet,
          stillSendingAtRoundEnd: results.sendingAtRoundEnd,
        },
        checking: {
          ratioOn: hundredths(ratio),
          ratioOff: hundredths(ratioOff),
          paintedRatioOff: hundredths(paintedRatioOff),
          onVsOffPercent: round(checkingDelta * 100),
          p50OnVsOffPercent: round(p50Delta * 100),
          goalPercent: GOAL_CHECKING * 100,
          goalMet: checkingMet,
        },
        sameBundle,
        typed: TYPED.length,
      },
      null,
      2,
    )}\n`,
  );
});
