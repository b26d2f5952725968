// One walk through every view and state the accessibility checks cover (issue #17), written once
// over a side (lib/sides.mjs), so the same steps drive the bundle in headless Chromium (the fake
// platform, tests/e2e/axe-chromium.mjs) and the real app (specs/accessibility.test.mjs).
//
// Before the first view, `prepareLibrary` makes what the views show (the sample story's second
// revision, a related link, a destination, a story waiting in the outbox, a backup), so every
// view, theme and size sees the same library, and any one view can be checked alone
// (`--view NAME`). What it adds is kept; walking again adds nothing more. Every view starts from
// "home" (the library, nothing open). The recovery screen is a library of its own (one that
// cannot be opened): `DAMAGED_VIEWS`, walked on a separate launch.

/** The two window sizes: the app's own, and the same window at 200% zoom. */
export const SIZES = [
  { name: "1280x820", width: 1280, height: 820, what: "the app's window" },
  { name: "640x410", width: 640, height: 410, what: "the same window at 200% zoom" },
];

export const THEMES = ["light", "dark"];

const sel = (testid) => `[data-testid="${testid}"]`;

/** Words of the sample story's headline as both the fake and the real app seed it. */
export const SAMPLE = "Secretary-General";

/** The destination the walk adds: a WordPress site on this computer that never answers. */
const DESTINATION = {
  kind: "wordpress",
  name: "Newsroom",
  // Port 9 (discard) refuses connections: the real app keeps a story sent there waiting in the
  // outbox with the reason; the fake does the same for an address holding "offline".
  url: "http://127.0.0.1:9/offline",
  user: "desk",
  secret: "abcd efgh ijkl mnop qrst uvwx",
};

const RELATED_URL = "https://news.example.org/background/arab-league";

/** The theme the page shows: "light", "dark", or null when it follows the system. */
function shownTheme() {
  return document.documentElement.getAttribute("data-theme");
}

/**
 * Chooses the colour theme as a reader does: Settings → General → Appearance, which applies it at
 * once and keeps it on this computer (then Settings are closed). Called at home (the library,
 * nothing open). Where there is no Settings (the recovery screen: no library) or no switch in them
 * (a build from before it), the choice is put on the page as that switch puts it (ui/src/lib/theme.ts: `data-theme` on <html>, the
 * color-scheme meta, `byline.theme` in localStorage). Chromium's prefers-color-scheme follows.
 */
export async function chooseTheme(side, theme) {
  if (side.colorScheme) await side.colorScheme(theme);
  if ((await side.run(shownTheme)) === theme) return;
  let picked = false;
  if (await side.exists(sel("settings-button"))) {
    await side.click(sel("settings-button"));
    await side.waitFor(sel("settings-dialog"), { what: "the settings dialog" });
    await side.click(sel("settings-tab-general"));
    // A build from before the switch (axe-chromium.mjs --dist) has none: the page gets the choice.
    if (await side.exists(sel(`settings-theme-${theme}`))) {
      await side.click(sel(`settings-theme-${theme}`));
      await waitUntil(side, (t) => document.documentElement.getAttribute("data-theme") === t, theme, `the ${theme} theme was not applied`);
      picked = true;
    }
    await side.press("Escape");
    await side.waitFor(sel("settings-dialog"), { gone: true, what: "the settings dialog" });
  }
  if (!picked) {
    await side.run((t) => {
      document.documentElement.setAttribute("data-theme", t);
      const meta = document.querySelector('meta[name="color-scheme"]');
      if (meta) meta.content = t;
      try {
        localStorage.setItem("byline.theme", t);
      } catch {
        /* kept on the page only */
      }
    }, theme);
  }
  const shown = await side.run(shownTheme);
  if (shown !== theme) throw new Error(`${side.name}: the page shows the theme ${shown ?? "of the system"}, not ${theme}`);
}

// ---------------------------------------------------------------- in the page (self-contained)

/** Waits until nothing is busy or moving: no aria-busy, transitions and animations over, two frames. */
function settledInPage() {
  const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
  const until = performance.now() + 5000;
  const quiet = () =>
    !document.querySelector("[aria-busy='true']") &&
    (typeof document.getAnimations !== "function" ||
      document.getAnimations().every((a) => a.playState !== "running" || a.effect?.getComputedTiming?.().iterations === Infinity));
  return new Promise((resolve) => {
    const check = () => {
      if (quiet() || performance.now() > until) frames().then(() => resolve(quiet()));
      else setTimeout(check, 50);
    };
    check();
  });
}

/** The data-id of the library row whose text holds `text`, or null. */
function rowWith(text) {
  const row = Array.from(document.querySelectorAll("[data-testid='story-row']")).find((r) => r.innerText.includes(text));
  return row ? row.dataset.id : null;
}

/** The revision number the status bar shows ("r3" → 3), or null. */
function shownRevision() {
  const t = document.querySelector(".status-bar .rev")?.textContent ?? "";
  const n = Number(t.replace(/\D/g, ""));
  return t && Number.isFinite(n) ? n : null;
}

/** Whether home is clean: the library listing its stories, no search, no dialog, no outbox drawer. */
function isHome() {
  return (
    !!document.querySelector("[data-testid='new-story']") &&
    !!document.querySelector("[data-testid='story-row']") &&
    !document.querySelector("[aria-modal='true'], [data-testid='outbox-panel'], [data-testid='search-results']")
  );
}

function blurActive() {
  if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
}

// ---------------------------------------------------------------- steps

async function waitUntil(side, fn, arg, what, { timeout = Number(process.env.E2E_TIMEOUT_MS || 30_000), interval = 200 } = {}) {
  const until = Date.now() + timeout;
  for (;;) {
    if (await side.run(fn, arg)) return;
    if (Date.now() > until) throw new Error(`${side.name}: ${what} (waited ${timeout} ms)`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Nothing busy or moving on the page. */
export async function settle(side) {
  await side.run(settledInPage);
}

/**
 * Back to the library with nothing open: Esc closes a dialog, the outbox is closed, the editor
 * left, a search cleared; if that does not get there, the page is reloaded (and the theme chosen
 * again).
 */
export async function home(side, { theme } = {}) {
  for (let i = 0; i < 4 && (await side.exists("[aria-modal='true']")); i++) {
    await side.press("Escape");
    await new Promise((r) => setTimeout(r, 150));
  }
  // The outbox's own shortcut (its drawer can cover its button in a narrow window).
  if (await side.exists(sel("outbox-panel"))) await side.press("Control+Shift+O");
  if (await side.exists(sel("back"))) await side.click(sel("back"));
  if (await side.exists(sel("search-clear"))) await side.click(sel("search-clear"));
  try {
    await waitUntil(side, isHome, null, "the library did not come back", { timeout: 5000 });
  } catch {
    await side.reload();
    await side.waitFor(sel("new-story"), { what: "the library after a reload" });
    if (theme) await chooseTheme(side, theme);
    await waitUntil(side, isHome, null, "the library did not show its stories after a reload");
  }
}

/** Opens the sample story from the library and waits for its fields, its save and its check. */
export async function openSample(side) {
  await waitUntil(side, rowWith, SAMPLE, `no story row with "${SAMPLE}"`);
  const id = await side.run(rowWith, SAMPLE);
  await side.click(`${sel("story-row")}[data-id="${id}"]`);
  await side.waitFor(sel("headline"), { what: "the editor's headline" });
  await side.waitFor(sel("body"), { what: "the story body" });
  await waitUntil(side, (s) => document.querySelector("[data-testid='save-state']") !== null && !document.querySelector(s), "[data-testid='copy-desk-button'][aria-busy='true']", "the copy desk's check on opening did not end");
}

/** The sample story has an older revision to preview (its status changed once if it had none). */
async function ensureOlderRevision(side) {
  if ((await side.run(shownRevision)) > 1) return;
  const status = await side.run(() => document.querySelector("[data-testid='status']").value);
  await side.select(sel("status"), status === "ready" ? "editing" : "ready");
  await waitUntil(
    side,
    () => {
      const rev = Number((document.querySelector(".status-bar .rev")?.textContent ?? "").replace(/\D/g, ""));
      return rev > 1 && document.querySelector("[data-testid='save-state']")?.textContent.trim() === "Saved";
    },
    null,
    "the status change was not saved as a new revision",
  );
}

/** The sample story links a web page from its Related panel (the panel open). */
async function ensureRelatedLink(side) {
  if (await side.exists(sel("related-item"))) return;
  await side.type(sel("related-url"), RELATED_URL);
  await side.type(sel("related-title-input"), "Background: the Arab League");
  await side.click(sel("related-add-link"));
  await side.waitFor(sel("related-item"), { what: "the added related link" });
}

/** Opens Settings on a tab (from the library). */
async function openSettings(side, tab) {
  await side.click(sel("settings-button"));
  await side.waitFor(sel("settings-dialog"), { what: "the settings dialog" });
  await side.click(sel(`settings-tab-${tab}`));
  await waitUntil(side, (id) => document.getElementById(id)?.getAttribute("aria-selected") === "true", `settings-tab-${tab}`, `the ${tab} tab was not shown`);
}

/** Settings → Destinations lists the walk's destination (added if it is not there); Settings stay open. */
async function ensureDestination(side) {
  await openSettings(side, "destinations");
  await side.waitFor(`${sel("destination-row")}, ${sel("destinations-empty")}`, { what: "the destinations list" });
  if (await side.exists(sel("destination-row"))) return;
  await side.select(sel("destination-kind"), DESTINATION.kind);
  await side.type(sel("destination-name"), DESTINATION.name);
  await side.type(sel("destination-url"), DESTINATION.url);
  await side.type(sel("destination-user"), DESTINATION.user);
  await side.type(sel("destination-secret"), DESTINATION.secret);
  await side.click(sel("destination-add"));
  await side.waitFor(sel("destination-row"), { what: "the added destination (see destination-error)" });
}

/** Something is waiting in the outbox: the sample story sent once to the walk's destination. */
async function ensureOutboxItem(side, opts) {
  if (await side.exists(sel("outbox-count"))) return;
  await ensureDestination(side);
  await home(side, opts);
  await openSample(side);
  await side.click(sel("send-button"));
  await side.waitFor(sel("send-destination"), { what: "the send dialog's destination" });
  await side.waitFor(`${sel("send-checklist-item")}, ${sel("send-checklist-ready")}`, { what: "the send dialog's checklist" });
  await side.click(sel("send-confirm"));
  await side.waitFor(sel("outbox-item"), { what: "the sent story in the outbox" });
  await home(side, opts);
}

/** The library shows at least one backup (made now if there was none); the dialog stays open. */
async function ensureBackup(side) {
  await side.click(sel("backups-button"));
  await side.waitFor(sel("backups-dialog"), { what: "the backups dialog" });
  await side.waitFor(`${sel("backup-row")}, ${sel("backups-empty")}`, { what: "the list of backups" });
  if (await side.exists(sel("backup-row"))) return;
  await side.click(sel("backup-now"));
  await side.waitFor(sel("backup-row"), { what: "the new backup" });
}

/**
 * Everything the views show made once, before any is checked, so every view, theme and size sees
 * the same library: the sample story with an older revision and a related link, a destination, a
 * story waiting in the outbox, a backup; then the toasts all this raised are let go.
 */
export async function prepareLibrary(side, opts = {}) {
  await home(side, opts);
  await openSample(side);
  await ensureOlderRevision(side);
  await side.click(sel("related-button"));
  await side.waitFor(sel("related-panel"), { what: "the related panel" });
  await ensureRelatedLink(side);
  await home(side, opts);
  await ensureOutboxItem(side, opts);
  await home(side, opts);
  await ensureBackup(side);
  await home(side, opts);
  await waitUntil(side, () => !document.querySelector("[data-testid='toast']"), null, "the toasts did not go", { timeout: 20_000 });
}

// ---------------------------------------------------------------- the views

/**
 * The views on a working library, in walking order. `enter(side, opts)` starts from home and
 * leaves the view showing; the walker settles the page before it is checked.
 */
export const VIEWS = [
  {
    name: "library",
    what: "the library with its stories",
    enter: async () => {},
  },
  {
    name: "library-search",
    what: "the library with search results",
    enter: async (side) => {
      await side.type(sel("library-search"), "Secretary");
      await side.waitFor(sel("search-result"), { what: "a search result" });
    },
  },
  {
    name: "editor",
    what: "the sample story in the editor",
    enter: (side) => openSample(side),
  },
  {
    name: "photos",
    what: "the photos panel with the caption editor",
    enter: async (side) => {
      await openSample(side);
      await side.click(sel("photos-button"));
      await side.waitFor(sel("photos-panel"), { what: "the photos panel" });
      await side.click(sel("photo-thumb"));
      await side.waitFor(sel("caption-editor"), { what: "the caption editor" });
    },
  },
  {
    name: "related",
    what: "the related panel with a link",
    enter: async (side) => {
      await openSample(side);
      await side.click(sel("related-button"));
      await side.waitFor(sel("related-panel"), { what: "the related panel" });
      await ensureRelatedLink(side);
    },
  },
  {
    name: "revisions",
    what: "the revisions drawer previewing an older revision",
    enter: async (side) => {
      await openSample(side);
      await ensureOlderRevision(side);
      await side.click(sel("revisions-button"));
      await side.waitFor(sel("revision-row"), { what: "a revision in the drawer" });
      await side.click(`${sel("revision-row")}[data-revision="1"]`);
      await side.waitFor(sel("revision-preview"), { what: "the revision's preview" });
    },
  },
  {
    name: "copy-desk",
    what: "the copy desk panel",
    enter: async (side) => {
      await openSample(side);
      await side.click(sel("copy-desk-button"));
      await side.waitFor(sel("copy-desk-panel"), { what: "the copy desk panel" });
    },
  },
  {
    name: "export",
    what: "the export dialog with its checklist",
    enter: async (side) => {
      await openSample(side);
      await side.click(sel("export-button"));
      await side.waitFor(sel("export-dialog"), { what: "the export dialog" });
      await side.waitFor(`${sel("checklist-item")}, ${sel("checklist-ready")}`, { what: "the export checklist" });
    },
  },
  {
    name: "send",
    what: "the send dialog with a destination and its checklist",
    enter: async (side, opts) => {
      await ensureDestination(side);
      await home(side, opts);
      await openSample(side);
      await side.click(sel("send-button"));
      await side.waitFor(sel("send-dialog"), { what: "the send dialog" });
      await side.waitFor(sel("send-destination"), { what: "the send dialog's destination" });
      await side.waitFor(`${sel("send-checklist-item")}, ${sel("send-checklist-ready")}`, { what: "the send dialog's checklist" });
    },
  },
  {
    name: "outbox",
    what: "the outbox panel with a story waiting",
    enter: async (side, opts) => {
      await ensureOutboxItem(side, opts);
      await side.click(sel("outbox-button"));
      await side.waitFor(sel("outbox-item"), { what: "an item in the outbox" });
    },
  },
  {
    name: "settings-general",
    what: "Settings, General",
    enter: (side) => openSettings(side, "general"),
  },
  {
    name: "settings-copy-desk",
    what: "Settings, Copy desk",
    enter: async (side) => {
      await openSettings(side, "copy");
      await side.waitFor(sel("settings-copy-desk"), { what: "the copy desk settings" });
    },
  },
  {
    name: "settings-destinations",
    what: "Settings, Destinations with a destination",
    enter: (side) => ensureDestination(side),
  },
  {
    name: "settings-about",
    what: "Settings, About with a package's licence texts open",
    enter: async (side) => {
      await openSettings(side, "about");
      await side.waitFor(sel("about-filter"), { what: "the third-party licences" });
      await side.type(sel("about-filter"), "dompurify");
      await side.click(`${sel("about-group-npm")} summary`);
      await side.waitFor(sel("about-licence-text"), { what: "a package's licence text" });
    },
  },
  {
    name: "backups",
    what: "the backups dialog with a backup",
    enter: (side) => ensureBackup(side),
  },
  {
    name: "shortcuts",
    what: "the keyboard shortcut sheet",
    enter: async (side) => {
      await side.run(blurActive);
      await side.press("?");
      await side.waitFor(sel("shortcut-sheet"), { what: "the shortcut sheet" });
    },
  },
];

/** The views of a library that could not be opened (its own launch). */
export const DAMAGED_VIEWS = [
  {
    name: "recovery",
    what: "the recovery screen with the library's backups",
    enter: (side) => side.waitFor(sel("recovery-screen"), { what: "the recovery screen" }),
  },
];

export const ALL_VIEW_NAMES = [...VIEWS, ...DAMAGED_VIEWS].map((v) => v.name);

/**
 * Walks `views` in `theme` (on a working library, prepared first): for each, home, enter, settle, then `visit(view)` (check it, take its
 * picture). A view that cannot be reached is handed to `visit` with the error instead, and the walk
 * goes on. `damaged`: the views of a library that could not be opened (no home to go back to).
 */
export async function walk(side, { views, theme, damaged = false, visit }) {
  const opts = { theme };
  let unprepared = null;
  if (!damaged) {
    try {
      await prepareLibrary(side, opts);
    } catch (err) {
      unprepared = new Error(`the library could not be prepared for the views: ${err.message}`, { cause: err });
    }
  }
  for (const view of views) {
    if (unprepared) {
      await visit(view, unprepared);
      continue;
    }
    let error = null;
    try {
      if (!damaged) await home(side, opts);
      await view.enter(side, opts);
      await settle(side);
    } catch (err) {
      error = err;
    }
    await visit(view, error);
  }
  if (!damaged) await home(side, opts).catch(() => {});
}
