// "Never lose a story", promise 9: a 20,000-word story with 50 photos opens, takes typing and
// saves smoothly. The same story (Markdown from a fixed seed, imported by the `byline` CLI, 50
// distinct JPEGs attached, the first as lead) is opened in the real app (WebKitGTK through
// tauri-driver) and, as the very JSON the core returns, in the same UI bundle (ui/dist) on the
// fake platform in headless Chromium. On both: the time to open it from the library, then 150
// characters typed one key at a time at the end of a paragraph in the middle of the body, each
// timed from the keydown's timeStamp to the next animation frame (performance.mark/measure).
// Prints p50/p95 of both, and the app's p95 as a ratio of Chromium's (goal: at most 1.0x; the
// goal is reported, not asserted: the machine is shared and noisy). Asserts the typed text
// arrived on both, was saved by the app (read back with the CLI), and that the app's p95 stays
// under an absolute bound. Figures go to output/load.json.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { chromium } from "playwright-core";
import { APP_PATH, E2E_DIR, launch, OUTPUT_DIR, sel, TIMEOUT, waitSaved } from "../lib/app.mjs";
import {
  armKeyProbe,
  blockSelector,
  blockText,
  bundleName,
  caretToEnd,
  distinctJpegs,
  frameInterval,
  getJsonMs,
  installKeyProbe,
  keyResults,
  waitKeysDone,
  pickMiddleParagraph,
  serveStatic,
  storyMarkdown,
  summary,
  timeOpening,
} from "../lib/load.mjs";

const run = promisify(execFile);

const CLI_PATH = path.resolve(process.env.BYLINE_CLI || path.join(path.dirname(APP_PATH), process.platform === "win32" ? "byline.exe" : "byline"));
const UI_DIST = path.resolve(E2E_DIR, "../../ui/dist");
const CHROMIUM = process.env.BYLINE_CHROMIUM || "/usr/bin/chromium";
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
const GOAL_RATIO = 1.0;

let work;
let app;
let story; // the story as the core returns it (byline show --json)
let blocks; // top-level blocks of its body
const results = {};

before(async () => {
  assert.equal([...TYPED].length, 150, "the typed text is 150 characters");
  assert.ok(existsSync(CLI_PATH), `the byline CLI is needed to prepare the library: ${CLI_PATH} (cargo build --bins, or set BYLINE_CLI)`);
  assert.ok(existsSync(path.join(UI_DIST, "index.html")), `ui/dist is needed for the Chromium side: npm --prefix ui run build`);
  assert.ok(existsSync(CHROMIUM), `headless Chromium is needed: ${CHROMIUM} (apt-get install chromium, or set BYLINE_CHROMIUM)`);
  work = await mkdtemp(path.join(os.tmpdir(), "byline-e2e-load-"));

  // The app starts on a fresh library; close it, fill the library with the CLI, open it again.
  app = await launch("load");
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
});

after(async () => {
  await app?.stop();
  if (work && !process.env.E2E_KEEP_TMP) await rm(work, { recursive: true, force: true });
});

/**
 * Both sides, the same steps: open the story from the library (timed), open the photos panel
 * (50 thumbnails), click the middle paragraph, caret to its end, 150 keys one at a time, each
 * waited for until its frame has been rendered. `side` wraps the WebDriver or Playwright calls.
 */
async function measure(side) {
  await side.eval(installKeyProbe);
  const bundle = await side.eval(bundleName);
  await side.waitFor(`[data-testid='story-row']`);
  const opening = await side.timeOpening(HEADLINE, blocks);
  assert.ok(!opening.error, `${side.name}: ${opening.error}`);

  await side.click(sel("photos-button"));
  await side.waitUntil(`document.querySelectorAll("[data-testid='photo-thumb']").length === ${PHOTOS}`, `${PHOTOS} thumbnails in the photos panel`);

  const target = await side.eval(pickMiddleParagraph);
  await side.click(blockSelector(target.index));
  const focused = await side.eval(caretToEnd, target.index);
  assert.equal(focused, "body", `${side.name}: the body has the focus`);
  await side.frames(3);

  const frameMs = await side.frameInterval(30);
  const jsonMs = await side.eval(getJsonMs);
  await side.eval(armKeyProbe, true);
  for (let i = 0; i < TYPED.length; i++) {
    await side.key(TYPED[i]);
    await side.waitKeys(i + 1);
  }
  await side.eval(armKeyProbe, false);
  const probe = await side.eval(keyResults);
  const after = await side.eval(blockText, target.index);
  assert.ok(after.endsWith(TYPED), `${side.name}: the typed text ends the paragraph: …${after.slice(-200)}`);
  // The status bar's count follows once typing pauses (it is not recounted on every key).
  const typedWords = TYPED.split(/\s+/u).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;
  await side.waitUntil(
    `Number(document.querySelector("[data-testid='words'] strong")?.textContent.replace(/\\D/g, "")) === ${story.stats.words + typedWords}`,
    `word count of ${story.stats.words + typedWords} in the status bar`,
  );
  assert.equal(probe.keys.length, TYPED.length, `${side.name}: one keydown per typed character`);

  const frame = probe.keys.map((k) => k.frame);
  const painted = probe.keys.map((k) => k.painted);
  return {
    bundle,
    opening: { bodyMs: round(opening.bodyMs), paintedMs: round(opening.paintedMs), measuredMs: opening.measured === null ? null : round(opening.measured) },
    keyToFrame: summary(frame),
    keyToPainted: summary(painted),
    handler: summary(probe.keys.map((k) => k.handler)),
    // Keydown to the end of the key's task (the editor's script), when that came before the frame.
    task: summary(probe.keys.filter((k) => k.task !== null && k.task <= k.frame).map((k) => k.task)),
    beforeinput: summary(probe.keys.filter((k) => k.beforeinput !== null).map((k) => k.beforeinput)),
    input: summary(probe.keys.filter((k) => k.input !== null).map((k) => k.input)),
    // The same figure for the keys that met a save in progress and for the others.
    duringSave: summary(probe.keys.filter((k) => k.duringSave).map((k) => k.frame)),
    noSave: summary(probe.keys.filter((k) => !k.duringSave).map((k) => k.frame)),
    saveMs: summary(probe.saves.filter((x) => x.end !== null).map((x) => x.end - x.start)),
    idleFrameMs: frameMs,
    getJsonMs: jsonMs,
    clock: probe.eventStamps === probe.keys.length ? "event.timeStamp" : `event.timeStamp for ${probe.eventStamps} of ${probe.keys.length} keys, handler time for the rest`,
    userTiming: probe.userTiming,
    paragraph: target.index,
    caretAtEnd: after.endsWith(TYPED),
    samples: frame.map(round),
  };
}

const round = (x) => Math.round(x * 10) / 10;

test("the app: opens the 20,000-word story with 50 photos, types 150 keys, saves", async () => {
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
    waitKeys: async (n) => assert.ok(await browser.executeAsync(waitKeysDone, n), `app: key ${n} was never timed`),
  };
  const revisionBefore = story.revision;
  const m = await measure(side);
  await browser.releaseActions();

  // Saved: the status bar says so, and the core has the text (read back with the CLI).
  const saveStart = Date.now();
  await waitSaved(browser, { settleMs: 1_000 });
  m.savedWithinMs = Date.now() - saveStart;
  const saved = JSON.parse(await results.cli(["show", story.id, "--json"]));
  const texts = saved.body.content.map((b) => (b.content ?? []).map((i) => i.text ?? "").join(""));
  assert.ok(texts[m.paragraph].endsWith(TYPED), `the saved paragraph ends with the typed text: …${texts[m.paragraph].slice(-200)}`);
  assert.equal(texts.filter((t) => t.includes(TYPED.trim())).length, 1, "the typed text is saved once");
  assert.equal(saved.stats.words, story.stats.words + TYPED.split(/\s+/u).filter((t) => /[\p{L}\p{N}]/u.test(t)).length, "the core counts the typed words");
  assert.ok(saved.revision > revisionBefore, `typing made new revisions (r${revisionBefore} -> r${saved.revision})`);
  assert.equal(saved.body.content.length, blocks, "no block was lost or split");
  m.revisions = saved.revision - revisionBefore;
  m.window = await browser.execute(() => ({ width: window.innerWidth, height: window.innerHeight }));
  results.app = m;
  assert.ok(m.keyToFrame.p95 < P95_BOUND_MS, `app: key press to next frame p95 ${m.keyToFrame.p95} ms is under ${P95_BOUND_MS} ms`);
});

test("headless Chromium: the same bundle and story on the fake platform", async () => {
  assert.ok(results.app, "the app side ran first");
  const server = await serveStatic(UI_DIST);
  const profile = await mkdtemp(path.join(os.tmpdir(), "byline-e2e-chromium-"));
  const origin = new URL(server.url).origin;
  const refused = [];
  const errors = [];
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: results.app.window,
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
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(`${origin}/`)) return route.continue();
      refused.push(url);
      return route.abort();
    });
    // The same story JSON the core returned, seeded into the fake before the bundle runs.
    await context.addInitScript((s) => {
      window.__BYLINE_FAKE_STORIES__ = [s];
    }, story);
    const page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (err) => errors.push(err.message));
    await page.goto(server.url, { waitUntil: "load" });

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
      waitKeys: async (n) => assert.ok(await page.evaluate(`(${waitKeysDone})(${n})`), `chromium: key ${n} was never timed`),
    };
    const m = await measure(side);
    await page.waitForFunction(`document.querySelector("[data-testid='save-state']")?.textContent.trim() === "Saved"`, null, { timeout: TIMEOUT });
    assert.deepEqual(errors, [], "no page errors in Chromium");
    results.chromium = m;
  } finally {
    await context?.close().catch(() => {});
    await server.close();
    await rm(profile, { recursive: true, force: true }).catch(() => {});
  }
  assert.deepEqual(refused, [], "Chromium asked for nothing beyond the local static server");
});

test("figures: app vs Chromium (goal: app p95 at most 1.0x Chromium's)", async () => {
  assert.ok(results.app && results.chromium, "both sides were measured");
  const { app: a, chromium: c } = results;
  const ratio = a.keyToFrame.p95 / c.keyToFrame.p95;
  const met = ratio <= GOAL_RATIO;
  // The stricter reading: until the frame with the key's change has been rendered.
  const paintedRatio = a.keyToPainted.p95 / c.keyToPainted.p95;
  const sameBundle = a.bundle !== null && a.bundle === c.bundle;
  /** "p50 / p95 ms (n)" of a summary, or "-" when it has no values. */
  const pp = (x, n = false) => (x.n ? `${x.p50} / ${x.p95} ms${n ? ` (n=${x.n})` : ""}` : "-");
  const lines = [
    `load: ${results.story.words} words, ${results.story.blocks} blocks, ${results.story.photos} photos; ${TYPED.length} keys typed one at a time on each side`,
    `  open (click in the library -> body rendered / next frame painted):`,
    `    app       ${a.opening.bodyMs} ms / ${a.opening.paintedMs} ms`,
    `    chromium  ${c.opening.bodyMs} ms / ${c.opening.paintedMs} ms`,
    `  key press -> next animation frame, p50 / p95 (max):`,
    `    app       ${pp(a.keyToFrame)} (${a.keyToFrame.max} ms)`,
    `    chromium  ${pp(c.keyToFrame)} (${c.keyToFrame.max} ms)`,
    `  ratio app p95 / chromium p95 = ${ratio.toFixed(2)}x (goal <= ${GOAL_RATIO.toFixed(1)}x): ${met ? "goal met" : "goal not met"}` +
      ` (keys that met no save: ${a.noSave.n ? (a.noSave.p95 / c.keyToFrame.p95).toFixed(2) : "-"}x)`,
    `  key press -> that frame rendered, p50 / p95:`,
    `    app       ${pp(a.keyToPainted)}`,
    `    chromium  ${pp(c.keyToPainted)}`,
    `  ratio app p95 / chromium p95 = ${paintedRatio.toFixed(2)}x`,
    `  diagnostics, p50 / p95: keydown -> input event (the browser's editing) | keydown -> end of the key's task when before the frame | keys that met a save | the others | idle frame interval | editor.getJSON():`,
    `    app       ${pp(a.input)} | ${pp(a.task, true)} | ${pp(a.duringSave, true)} | ${pp(a.noSave, true)} | ${a.idleFrameMs} ms | ${a.getJsonMs} ms`,
    `    chromium  ${pp(c.input)} | ${pp(c.task, true)} | ${pp(c.duringSave, true)} | ${pp(c.noSave, true)} | ${c.idleFrameMs} ms | ${c.getJsonMs} ms`,
    `  app: ${a.revisions} revision(s) saved while typing (a save took ${pp(a.saveMs)}); "Saved" ${a.savedWithinMs} ms after the last key`,
    `  same bundle on both sides: ${sameBundle ? `yes (${a.bundle})` : `NO (app ${a.bundle}, chromium ${c.bundle}): rebuild the app after npm run build`}`,
  ];
  for (const l of lines) console.log(l);
  await mkdir(OUTPUT_DIR, { recursive: true });
  const { cli: _cli, ...rest } = results;
  await writeFile(
    path.join(OUTPUT_DIR, "load.json"),
    `${JSON.stringify({ when: new Date().toISOString(), ...rest, ratio: round(ratio * 100) / 100, paintedRatio: round(paintedRatio * 100) / 100, goal: GOAL_RATIO, goalMet: met, sameBundle, typed: TYPED.length }, null, 2)}\n`,
  );
});
