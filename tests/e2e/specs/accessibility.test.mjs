// Issue #17, WCAG 2.1 AA: zero axe-core violations (WCAG 2.1 A and AA, lib/axe.mjs's options) in
// every view and state of the real app, in light and dark, at 1280×820 and at 640×410 (the same
// window at 200% zoom: the window made that size, or, as the app will not make its window smaller
// than its minimum, a 1280×820 window with the page zoomed to 200% through Tauri's webview zoom;
// lib/sides.mjs says which could not be done). The walk is lib/views.mjs's, the one headless
// Chromium takes in axe-chromium.mjs: the library (and with search results), the editor, the
// photos panel with the caption editor, the related panel, the revisions drawer previewing an
// older revision, the copy desk, the export dialog with its checklist, the send dialog, the outbox
// with a story waiting, Settings (General, Copy desk, Destinations with a destination), the
// backups and the shortcut sheet; then, on a library of its own that cannot be opened, the
// recovery screen. Each view is a subtest that fails with the violations in its message; each is
// also saved as output/screenshots/<view>-<theme>-<size>.png. Writes output/accessibility.json.
// No keychain here (BYLINE_KEYCHAIN=off): the destination's password is kept for the session.
// With the `byline` CLI (BYLINE_CLI) the damaged library has a backup to list; without it, none.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { AXE_TAGS, AXE_VERSION, checkPage, describeViolations, LEFT_OUT, nodeCount } from "../lib/axe.mjs";
import { CLI_PATH, launch, OUTPUT_DIR, pageErrors } from "../lib/app.mjs";
import { webdriverSide } from "../lib/sides.mjs";
import { chooseTheme, DAMAGED_VIEWS, SIZES, THEMES, VIEWS, walk } from "../lib/views.mjs";

const run = promisify(execFile);
const SHOTS = path.join(OUTPUT_DIR, "screenshots");
/** Below this a screenshot of a 1280×820 window is a blank frame (lib/app.mjs); scaled by area. */
const BLANK_BYTES = 15_000;

/** view → "theme size" → { violations: n, nodes: n, rules: [...] } or { error } */
const results = {};
let app;
let side;

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  app = await launch("accessibility", {
    prepare: async (env) => {
      env.BYLINE_KEYCHAIN = "off";
    },
  });
  side = await webdriverSide(app.browser);
});

after(async () => {
  await app?.stop();
  await writeFile(
    path.join(OUTPUT_DIR, "accessibility.json"),
    `${JSON.stringify({ when: new Date().toISOString(), axe: AXE_VERSION, tags: AXE_TAGS, leftOut: LEFT_OUT, results }, null, 2)}\n`,
  );
});

/**
 * One view as the walk left it: its screenshot, then axe; no violations allowed. A view the walk
 * could not reach fails with why.
 */
async function checkView(s, view, error, theme, size) {
  const combo = `${theme} ${size.name}`;
  results[view.name] ??= {};
  if (error) {
    results[view.name][combo] = { error: error.message };
    assert.fail(`${view.what} (${combo}) could not be reached: ${error.message} (page errors: ${await pageErrors(s.browser)})`);
  }
  const { violations } = await checkPage(s.side);
  results[view.name][combo] = { violations: violations.length, nodes: nodeCount(violations), rules: violations };
  // The picture is for people (docs/screenshots), not part of the check: WebKit's screenshot of
  // the recovery screen can hang in a full-size window, so it gets a short while, then is noted.
  const minBytes = Math.round((BLANK_BYTES * size.width * size.height) / (1280 * 820));
  const file = path.join(SHOTS, `${view.name}-${theme}-${size.name}.png`);
  const shot = await Promise.race([
    s.side.screenshot(file, { minBytes }).then(() => null, (e) => e.message),
    new Promise((resolve) => setTimeout(() => resolve("no picture within 20 s"), 20_000)),
  ]);
  if (shot) console.log(`# accessibility: ${view.name} (${combo}): no screenshot: ${shot.split("\n")[0]}`);
  assert.equal(
    violations.length,
    0,
    `${view.what} (${combo}): ${violations.length} axe rule(s) broken on ${nodeCount(violations)} element(s):\n${describeViolations(violations)}`,
  );
}

/** Sets the window's size and theme, then walks `views`, one subtest each. */
async function walkAll(t, s, views, theme, size, { damaged = false } = {}) {
  const got = await s.side.setViewport(size.width, size.height);
  assert.deepEqual(got, { width: size.width, height: size.height }, `the viewport is ${size.width}×${size.height}`);
  await chooseTheme(s.side, theme);
  await walk(s.side, {
    views,
    theme,
    damaged,
    visit: (view, error) => t.test(view.name, () => checkView(s, view, error, theme, size)),
  });
}

for (const size of SIZES) {
  for (const theme of THEMES) {
    test(`no axe violations in any view: ${theme}, ${size.name} (${size.what})`, (t) => walkAll(t, { side, browser: app.browser }, VIEWS, theme, size));
  }
}

/**
 * A library that cannot be opened at all: made with the CLI and backed up when the CLI is there,
 * then library.sqlite overwritten from its first byte (not even its header is left), so neither
 * it nor a read-only view of it opens.
 */
async function damageLibrary(env, root) {
  const db = path.join(env.BYLINE_LIBRARY, "library.sqlite");
  if (existsSync(CLI_PATH)) {
    const md = path.join(root, "harbour.md");
    await writeFile(md, '---\nheadline: "Council votes to rebuild the harbour wall"\n---\n\nThe council voted on Monday.\n');
    await run(CLI_PATH, ["import", md], { env, timeout: 60_000 });
    await run(CLI_PATH, ["backup"], { env, timeout: 60_000 });
  } else {
    console.log(`accessibility: no byline CLI at ${CLI_PATH}: the damaged library has no backup to list`);
    await mkdir(env.BYLINE_LIBRARY, { recursive: true });
  }
  await writeFile(db, Buffer.alloc(64 * 1024, 0x5a));
}

test("no axe violations on the recovery screen (a library that cannot be opened)", async (t) => {
  // One app at a time: with a second window on the display, WebKit's screenshot of it can hang.
  await app?.stop();
  app = null;
  const damaged = await launch("accessibility-recovery", { prepare: damageLibrary });
  try {
    const s = { side: await webdriverSide(damaged.browser), browser: damaged.browser };
    for (const size of SIZES) {
      for (const theme of THEMES) {
        await t.test(`${theme}, ${size.name}`, (tt) => walkAll(tt, s, DAMAGED_VIEWS, theme, size, { damaged: true }));
      }
    }
  } finally {
    await damaged.stop();
  }
});
