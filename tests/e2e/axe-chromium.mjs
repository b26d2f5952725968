#!/usr/bin/env node
// The accessibility check's quick loop (issue #17), for whoever fixes the UI: the bundle (ui/dist,
// rebuilt first when ui/ has changed since) on the fake platform in headless Chromium, every view
// of lib/views.mjs walked in light and dark, at 1280×820 and at 640×410 (200% zoom), each checked
// by axe-core with lib/axe.mjs's options. Prints the violations per view (rules, and the elements
// they name in brackets); exits 1 on any violation or a view it could not reach.
// Not part of the suite: specs/accessibility.test.mjs checks the real app.
//
//   node tests/e2e/axe-chromium.mjs [--verbose] [--view NAME]… [--theme light|dark] [--size 1280x820|640x410] [--no-build] [--dist DIR] [--screenshots]
//
// --verbose prints each violation with its elements; --screenshots saves each view as it was
// checked to output/screenshots-chromium/<view>-<theme>-<size>.png; --view (repeatable, or a comma list), --theme
// and --size check only those; --no-build uses ui/dist as it is; --dist checks a bundle built
// elsewhere (another checkout), building nothing. Writes output/axe-chromium.json.
// Chromium: BYLINE_CHROMIUM, default /usr/bin/chromium (Debian `chromium`).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { AXE_TAGS, AXE_VERSION, checkPage, describeViolations, LEFT_OUT, nodeCount } from "./lib/axe.mjs";
import { serveStatic } from "./lib/load.mjs";
import { playwrightSide } from "./lib/sides.mjs";
import { ALL_VIEW_NAMES, chooseTheme, DAMAGED_VIEWS, SIZES, THEMES, VIEWS, walk } from "./lib/views.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const UI = path.resolve(HERE, "../../ui");
let UI_DIST = path.join(UI, "dist");
const OUTPUT = path.join(HERE, "output");
const SHOTS = path.join(OUTPUT, "screenshots-chromium");
const CHROMIUM = process.env.BYLINE_CHROMIUM || "/usr/bin/chromium";

const { values: args } = parseArgs({
  options: {
    verbose: { type: "boolean", short: "v", default: false },
    view: { type: "string", multiple: true, default: [] },
    theme: { type: "string", multiple: true, default: [] },
    size: { type: "string", multiple: true, default: [] },
    "no-build": { type: "boolean", default: false },
    dist: { type: "string" },
    screenshots: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (args.help) {
  console.log("node tests/e2e/axe-chromium.mjs [--verbose] [--view NAME]… [--theme light|dark] [--size 1280x820|640x410] [--no-build] [--dist DIR] [--screenshots]");
  console.log(`views: ${ALL_VIEW_NAMES.join(", ")}`);
  process.exit(0);
}

/** A repeatable option, also as a comma list; every value must be one of `known`. */
function picked(option, known, what) {
  const list = option.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  const unknown = list.filter((v) => !known.includes(v));
  if (unknown.length > 0) {
    console.error(`unknown ${what}: ${unknown.join(", ")} (known: ${known.join(", ")})`);
    process.exit(2);
  }
  return list.length > 0 ? list : known;
}
const viewNames = picked(args.view, ALL_VIEW_NAMES, "view");
const themes = picked(args.theme, THEMES, "theme");
const sizes = picked(args.size, SIZES.map((s) => s.name), "size").map((n) => SIZES.find((s) => s.name === n));

// ---------------------------------------------------------------- the bundle

/** The newest modification time under `dir` (skipping node_modules and dist). */
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === "node_modules" || e.name === "dist" || e.name.startsWith(".")) continue;
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

if (args.dist) UI_DIST = path.resolve(args.dist);
const built = path.join(UI_DIST, "index.html");
if (!args["no-build"] && !args.dist && (!existsSync(built) || newest(UI) > statSync(built).mtimeMs)) {
  console.log("ui/ changed since ui/dist was built: npm --prefix ui run build");
  execFileSync("npm", ["--prefix", UI, "run", "build"], { stdio: ["ignore", "ignore", "inherit"] });
}
if (!existsSync(built)) {
  console.error(`no bundle at ${UI_DIST} (npm --prefix ui run build)`);
  process.exit(2);
}
if (!existsSync(CHROMIUM)) {
  console.error(`headless Chromium is needed: ${CHROMIUM} (apt-get install chromium, or set BYLINE_CHROMIUM)`);
  process.exit(2);
}

// ---------------------------------------------------------------- a library that cannot be opened

/**
 * Before the bundle runs: a stand-in for the Tauri IPC that answers library_health as the core
 * does for a library that could not be opened (with two backups, the newest good), and refuses
 * anything else. The UI then shows the recovery screen, as the real app does.
 */
function damagedLibrary() {
  const backups = [
    { file: "/home/reporter/Byline/backups/backup-1736847000000-daily.sqlite", made: "2025-01-14T09:30:00Z", bytes: 4718592, reason: "daily" },
    { file: "/home/reporter/Byline/backups/backup-1736791320000-close.sqlite", made: "2025-01-13T18:02:00Z", bytes: 4653056, reason: "close" },
  ];
  const health = {
    state: "unavailable",
    path: "/home/reporter/Byline",
    message: "the library could not be opened: file is not a database",
    afterUncleanShutdown: false,
    backups,
    newestGoodBackup: backups[0],
  };
  window.__TAURI_INTERNALS__ = {
    metadata: { currentWindow: { label: "main" }, currentWebview: { windowLabel: "main", label: "main" } },
    transformCallback: () => 0,
    unregisterCallback: () => {},
    convertFileSrc: (p) => p,
    invoke: (cmd) => (cmd === "library_health" ? Promise.resolve(health) : Promise.reject({ kind: "unknown", message: `${cmd}: not answered here` })),
  };
}

// ---------------------------------------------------------------- the run

const server = await serveStatic(UI_DIST);
const origin = new URL(server.url).origin;
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

const refused = [];
const pageErrors = [];

/** A page on the bundle (the fake platform, or `init` run first), at the library. */
async function openPage(init) {
  const context = await browser.newContext({ viewport: { width: SIZES[0].width, height: SIZES[0].height } });
  // Nothing leaves this machine: only the static server answers.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) return route.continue();
    refused.push(url);
    return route.abort();
  });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  page.on("pageerror", (err) => pageErrors.push(err.message));
  await page.goto(server.url, { waitUntil: "load" });
  return { context, page, side: playwrightSide(page) };
}

/** results[view][combo] = { violations, incomplete } or { error } */
const results = {};
const combos = [];

async function run(views, { damaged }) {
  if (views.length === 0) return;
  const { context, page, side } = await openPage(damaged ? damagedLibrary : null);
  await page.waitForSelector(damaged ? "[data-testid='recovery-screen']" : "[data-testid='new-story']", { timeout: 30_000 });
  for (const size of sizes) {
    for (const theme of themes) {
      const combo = `${theme} ${size.name}`;
      if (!combos.includes(combo)) combos.push(combo);
      try {
        await side.setViewport(size.width, size.height);
        await chooseTheme(side, theme);
      } catch (err) {
        for (const view of views) (results[view.name] ??= {})[combo] = { error: `${theme}, ${size.name}: ${err.message.split("\n")[0]}` };
        continue;
      }
      await walk(side, {
        views,
        theme,
        damaged,
        visit: async (view, error) => {
          results[view.name] ??= {};
          if (error) {
            results[view.name][combo] = { error: error.message.split("\n")[0] };
            return;
          }
          if (args.screenshots) {
            await mkdir(SHOTS, { recursive: true });
            await side.screenshot(path.join(SHOTS, `${view.name}-${theme}-${size.name}.png`));
          }
          try {
            results[view.name][combo] = await checkPage(side);
          } catch (err) {
            results[view.name][combo] = { error: `axe: ${err.message.split("\n")[0]}` };
          }
        },
      });
    }
  }
  await context.close();
}

try {
  await run(VIEWS.filter((v) => viewNames.includes(v.name)), { damaged: false });
  await run(DAMAGED_VIEWS.filter((v) => viewNames.includes(v.name)), { damaged: true });
} finally {
  await browser.close();
  await server.close();
}

// ---------------------------------------------------------------- the report

const cell = (r) => (!r ? "-" : r.error ? "ERROR" : r.violations.length === 0 ? "0" : `${r.violations.length} (${nodeCount(r.violations)})`);
const names = viewNames.filter((n) => results[n]);
const width0 = Math.max(4, ...names.map((n) => n.length));
const widths = combos.map((c) => Math.max(c.length, ...names.map((n) => cell(results[n][c]).length)));
const line = (first, cells) => `${first.padEnd(width0)}  ${cells.map((c, i) => c.padStart(widths[i])).join("  ")}`;

console.log(`axe-core ${AXE_VERSION}, ${AXE_TAGS.join(" ")}${LEFT_OUT.length ? `; left out: ${LEFT_OUT.join(", ")}` : ""}; headless Chromium on the fake platform`);
console.log("violations per view: rules (elements they name)\n");
console.log(line("view", combos));
console.log(line("-".repeat(width0), widths.map((w) => "-".repeat(w))));
for (const n of names) console.log(line(n, combos.map((c) => cell(results[n][c]))));

let failed = 0;
for (const n of names) {
  for (const c of combos) {
    const r = results[n][c];
    if (!r) continue;
    if (r.error || r.violations.length > 0) failed += 1;
    if (r.error) console.log(`\n${n}, ${c}: could not be checked: ${r.error}`);
    else if (args.verbose && r.violations.length > 0) console.log(`\n${n}, ${c}:\n${describeViolations(r.violations, { maxNodes: 50 })}`);
  }
}
if (pageErrors.length > 0) console.log(`\npage errors: ${[...new Set(pageErrors)].join(" | ")}`);
if (refused.length > 0) console.log(`\nrequests refused (only the bundle is served): ${[...new Set(refused)].join(", ")}`);

// The rules broken, over everything checked.
const byRule = new Map();
for (const n of names) {
  for (const c of combos) {
    for (const v of results[n][c]?.violations ?? []) {
      const r = byRule.get(v.id) ?? { help: v.help, impact: v.impact, views: new Set(), nodes: 0 };
      r.views.add(n);
      r.nodes += v.nodes.length;
      byRule.set(v.id, r);
    }
  }
}
if (byRule.size > 0) {
  console.log("\nrules broken (elements over every view, theme and size):");
  for (const [id, r] of [...byRule].sort((a, b) => b[1].nodes - a[1].nodes)) {
    console.log(`  ${id} (${r.impact}): ${r.nodes} in ${[...r.views].join(", ")} — ${r.help}`);
  }
}
const total = names.length * combos.length;
console.log(`\n${failed === 0 ? "no violations" : `${failed} of ${total} view checks failed`}${args.verbose || failed === 0 ? "" : " (--verbose for the details)"}`);

await mkdir(OUTPUT, { recursive: true });
await writeFile(
  path.join(OUTPUT, "axe-chromium.json"),
  `${JSON.stringify({ when: new Date().toISOString(), axe: AXE_VERSION, tags: AXE_TAGS, leftOut: LEFT_OUT, combos, results, pageErrors, refused }, null, 2)}\n`,
);
process.exit(failed === 0 ? 0 : 1);
