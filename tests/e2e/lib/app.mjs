// Starts Byline under tauri-driver with a private library and XDG folders, and hands the specs a
// WebdriverIO browser. One `launch()` = one tauri-driver = one library; `restart()` closes and
// reopens the app on the same library; `stop()` ends everything (call it from `after`).
import { spawn } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, readlink, realpath, rm, stat, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { remote } from "webdriverio";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const E2E_DIR = path.resolve(HERE, "..");
export const OUTPUT_DIR = path.join(E2E_DIR, "output");

/** The app binary: `BYLINE_APP`, or the debug build of this repository. */
export const APP_PATH = path.resolve(process.env.BYLINE_APP || path.join(E2E_DIR, "../../target/debug/byline-app"));
const TAURI_DRIVER = process.env.TAURI_DRIVER || "tauri-driver";
/** The `byline` CLI built next to the app (`cargo build --bins` builds both), or BYLINE_CLI. */
export const CLI_PATH = path.resolve(process.env.BYLINE_CLI || path.join(path.dirname(APP_PATH), process.platform === "win32" ? "byline.exe" : "byline"));

/** Generous: WebKitGTK in Xvfb on two cores is slow, and the first page load can take 10 s. */
export const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 30_000);

export const sel = (testid) => `[data-testid="${testid}"]`;

function portIsFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen({ port, host: "127.0.0.1", exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/** P from `E2E_PORT`, or a free pair (P, P+1) picked at random. */
async function choosePort() {
  if (process.env.E2E_PORT) return Number(process.env.E2E_PORT);
  for (let i = 0; i < 50; i++) {
    const p = 20000 + Math.floor(Math.random() * 30000);
    if ((await portIsFree(p)) && (await portIsFree(p + 1))) return p;
  }
  throw new Error("no free port pair found for tauri-driver");
}

function waitForPort(port, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null || child.signalCode !== null) {
        reject(new Error(`tauri-driver exited early (code ${child.exitCode}, signal ${child.signalCode})`));
        return;
      }
      const sock = net.connect({ port, host: "127.0.0.1" });
      sock.once("connect", () => {
        sock.destroy();
        resolve();
      });
      sock.once("error", () => {
        sock.destroy();
        if (Date.now() > deadline) reject(new Error(`tauri-driver did not listen on ${port} within ${timeoutMs} ms`));
        else setTimeout(attempt, 150);
      });
    };
    attempt();
  });
}

/**
 * Starts tauri-driver (with the run's own environment) and opens the app.
 * @param {string} name a short label for logs and temp folders
 * @param {object} [options]
 * @param {(env: Record<string, string>, root: string) => Promise<void>} [options.prepare] runs
 *   before the app starts (make or damage the library, mount a file system on it…)
 * @param {() => Promise<void>} [options.onStop] runs once the app has stopped, before the temp
 *   folder is removed (unmount what `prepare` mounted)
 */
export async function launch(name, { prepare, onStop } = {}) {
  if (!existsSync(APP_PATH)) throw new Error(`app binary not found: ${APP_PATH} (set BYLINE_APP)`);
  if (!process.env.DISPLAY) throw new Error("no DISPLAY: run through run.sh (xvfb-run)");

  const root = await mkdtemp(path.join(os.tmpdir(), `byline-e2e-${name}-`));
  const env = {
    ...process.env,
    XDG_DATA_HOME: path.join(root, "data"),
    XDG_CONFIG_HOME: path.join(root, "config"),
    XDG_CACHE_HOME: path.join(root, "cache"),
    XDG_STATE_HOME: path.join(root, "state"),
    BYLINE_LIBRARY: path.join(root, "library"),
    BYLINE_LOG: process.env.BYLINE_LOG || "info",
  };
  for (const k of ["XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"]) {
    await mkdir(env[k], { recursive: true });
  }
  const externalLog = await recordExternalOpens(env, root);

  if (prepare) {
    try {
      await prepare(env, root);
    } catch (err) {
      await onStop?.().catch(() => {});
      if (!process.env.E2E_KEEP_TMP) await rm(root, { recursive: true, force: true }).catch(() => {});
      throw err;
    }
  }

  await mkdir(OUTPUT_DIR, { recursive: true });
  const port = await choosePort();
  const driverLogPath = path.join(OUTPUT_DIR, `${name}.tauri-driver.log`);
  const driverLog = createWriteStream(driverLogPath);
  // Own process group, so stop() can also reap WebKitWebDriver and the app if the driver is stuck.
  const driver = spawn(TAURI_DRIVER, ["--port", String(port), "--native-port", String(port + 1)], {
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  driver.stdout.pipe(driverLog);
  driver.stderr.pipe(driverLog);
  const spawnError = new Promise((_, reject) => driver.once("error", reject));

  const app = {
    name,
    root,
    env,
    port,
    driver,
    /** @type {WebdriverIO.Browser | null} */
    browser: null,

    async open() {
      app.browser = await remote({
        hostname: "127.0.0.1",
        port,
        logLevel: process.env.E2E_WDIO_LOG || "warn",
        connectionRetryTimeout: 120_000,
        connectionRetryCount: 1,
        waitforTimeout: TIMEOUT,
        capabilities: {
          "tauri:options": { application: APP_PATH },
          // WebKitWebDriver speaks classic WebDriver only.
          "wdio:enforceWebDriverClassic": true,
        },
      });
      // The app is up once the shell has rendered the library, the editor or the recovery screen.
      await app.browser.waitUntil(
        async () => (await app.browser.$(`${sel("new-story")}, ${sel("back")}, ${sel("recovery-screen")}`).isExisting()),
        { timeout: 60_000, timeoutMsg: "the app UI did not appear within 60 s" },
      );
      return app.browser;
    },

    /**
     * The links the app handed to the system's browser or mail program (xdg-open), in order: in
     * the tests they go to a recorder instead of a real browser.
     */
    async openedExternally() {
      const text = await readFile(externalLog, "utf8").catch(() => "");
      return text.split("\n").filter((l) => l !== "");
    },

    /** Closes the app (ends the WebDriver session) and opens it again on the same library. */
    async restart() {
      if (app.browser) await app.browser.deleteSession().catch(() => {});
      app.browser = null;
      return app.open();
    },

    async stop() {
      if (app.browser) await app.browser.deleteSession().catch(() => {});
      app.browser = null;
      if (driver.exitCode === null && driver.signalCode === null) {
        const exited = new Promise((r) => driver.once("exit", r));
        driver.kill("SIGTERM");
        const done = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 5_000))]);
        try {
          process.kill(-driver.pid, done ? "SIGTERM" : "SIGKILL"); // anything left in its group
        } catch {
          /* group already gone */
        }
      }
      driverLog.end();
      await copyAppLogs(root, name);
      if (onStop) await onStop().catch((err) => console.error(`${name}: cleanup failed: ${err.message}`));
      if (!process.env.E2E_KEEP_TMP) await rm(root, { recursive: true, force: true });
    },
  };

  try {
    await Promise.race([waitForPort(port, driver, 20_000), spawnError]);
    await app.open();
  } catch (err) {
    await app.stop().catch(() => {});
    throw new Error(`could not start the app (tauri-driver log: ${driverLogPath}): ${err.message}`, { cause: err });
  }
  return app;
}

/**
 * Makes the app's "open in the system browser / mail program" land in a log file instead of a
 * real browser: xdg-open (what the opener uses on Linux) asks the user's mimeapps.list (this
 * run's XDG_CONFIG_HOME) for the https, http and mailto handlers and finds a recorder, which
 * appends the address to `<root>/opened-externally.log`; $BROWSER points at it too. Returns the
 * log's path.
 */
async function recordExternalOpens(env, root) {
  const log = path.join(root, "opened-externally.log");
  const recorder = path.join(root, "record-external.sh");
  await writeFile(recorder, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${log.replace(/'/g, "'\\''")}'\n`);
  await chmod(recorder, 0o755);
  const apps = path.join(env.XDG_DATA_HOME, "applications");
  await mkdir(apps, { recursive: true });
  await writeFile(
    path.join(apps, "byline-e2e-recorder.desktop"),
    `[Desktop Entry]\nType=Application\nName=Byline e2e link recorder\nExec=${recorder} %u\nNoDisplay=true\nMimeType=x-scheme-handler/https;x-scheme-handler/http;x-scheme-handler/mailto;\n`,
  );
  const handlers = ["https", "http", "mailto"].map((s) => `x-scheme-handler/${s}=byline-e2e-recorder.desktop`).join("\n");
  await writeFile(path.join(env.XDG_CONFIG_HOME, "mimeapps.list"), `[Default Applications]\n${handlers}\n`);
  env.BROWSER = recorder;
  return log;
}

/**
 * The pid of the Byline process running on `library` (the app started by WebKitWebDriver with
 * this spec's BYLINE_LIBRARY), or null. Found in /proc: the executable is the app binary and its
 * environment names the library.
 */
export async function appPid(library) {
  const want = `BYLINE_LIBRARY=${library}`;
  const appReal = await realpath(APP_PATH).catch(() => APP_PATH);
  for (const entry of await readdir("/proc").catch(() => [])) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const exe = (await readlink(`/proc/${entry}/exe`)).replace(/ \(deleted\)$/, "");
      if (exe !== appReal && exe !== APP_PATH) continue;
      const environ = (await readFile(`/proc/${entry}/environ`, "latin1")).split("\0");
      if (environ.includes(want)) return Number(entry);
    } catch {
      /* gone, or not ours to read */
    }
  }
  return null;
}

/** Keeps the app's own log files (under the run's XDG folders) next to the screenshots. */
async function copyAppLogs(root, name) {
  const found = [];
  const walk = async (dir) => {
    for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (/\.log$/.test(e.name) && !p.includes(`${path.sep}library${path.sep}`)) found.push(p);
    }
  };
  await walk(root);
  for (const f of found) await cp(f, path.join(OUTPUT_DIR, `${name}.app.${path.basename(f)}`)).catch(() => {});
}

// ---------------------------------------------------------------- UI helpers

/** Text of the status bar's save state ("Saved", "Unsaved changes", "Saving…", …). */
export async function saveState(browser) {
  const el = await browser.$(sel("save-state"));
  return (await el.isExisting()) ? (await el.getText()).trim() : "";
}

/** Waits for "Saved", then checks it stays "Saved" (no pending save) for `settleMs`. */
export async function waitSaved(browser, { settleMs = 1_500 } = {}) {
  try {
    await browser.waitUntil(async () => (await saveState(browser)) === "Saved", { timeout: TIMEOUT, interval: 200 });
  } catch {
    throw new Error(`save-state never read "Saved" (last: "${await saveState(browser)}"; page errors: ${await pageErrors(browser)})`);
  }
  const until = Date.now() + settleMs;
  while (Date.now() < until) {
    const s = await saveState(browser);
    if (s !== "Saved") return waitSaved(browser, { settleMs });
    await browser.pause(250);
  }
}

/** The revision shown in the status bar ("r3" -> 3). */
export async function currentRevision(browser) {
  const t = await browser.$(".status-bar .rev").getText();
  return Number(t.replace(/\D/g, ""));
}

/** Any error banner or toast text on the page, for failure messages. */
export async function pageErrors(browser) {
  try {
    return await browser.execute(() =>
      Array.from(document.querySelectorAll("[role='alert'], [data-testid='toast'], .load-error, .error"))
        .map((e) => e.textContent.trim())
        .filter(Boolean)
        .join(" | ") || "(none)",
    );
  } catch (err) {
    return `(could not read page: ${err.message})`;
  }
}

/**
 * Waits for the library and returns the story row whose text contains `text`. Reads the rows'
 * innerText: WebKitWebDriver's "visible text" atom leaves out the ellipsised headline.
 */
export async function findStoryRow(browser, text) {
  let id = null;
  try {
    await browser.waitUntil(
      async () => {
        id = await browser.execute(
          (t) =>
            Array.from(document.querySelectorAll("[data-testid='story-row']")).find((r) => r.innerText.includes(t))?.dataset.id ?? null,
          text,
        );
        return id !== null;
      },
      { timeout: TIMEOUT, interval: 300 },
    );
  } catch {
    throw new Error(`no story-row containing "${text}" (page errors: ${await pageErrors(browser)})`);
  }
  return browser.$(`${sel("story-row")}[data-id="${id}"]`);
}

/** innerText of an element (what a reader sees, including clipped text). */
export function innerText(browser, element) {
  return browser.execute((el) => el.innerText, element);
}

/**
 * Types `text` into the focused element as real key presses (keyDown/keyUp per character).
 * Not `browser.keys(text)`: WebdriverIO 9 sends a string as one chord (all keys down, then all
 * up), so repeated letters ("meet") are lost.
 */
export async function typeText(browser, text) {
  const actions = [];
  for (const ch of text) actions.push({ type: "keyDown", value: ch }, { type: "keyUp", value: ch });
  await browser.performActions([{ type: "key", id: "keyboard", actions }]);
  await browser.releaseActions();
}

/** Opens the story row containing `text` and waits for the editor to show its fields. */
export async function openStory(browser, text) {
  const row = await findStoryRow(browser, text);
  await row.click();
  await browser.$(sel("headline")).waitForExist({ timeout: TIMEOUT });
  await browser.$(sel("body")).waitForExist({ timeout: TIMEOUT });
}

/**
 * Saves a screenshot once the page has really painted: right after the first load WebKitGTK in
 * Xvfb can still hand back a blank frame, so retry until the PNG is more than a flat colour.
 */
export async function screenshot(browser, file, { minBytes = 15_000 } = {}) {
  let bytes = 0;
  for (let i = 0; i < 20; i++) {
    await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
    await browser.saveScreenshot(file);
    bytes = (await stat(file)).size;
    if (bytes >= minBytes) return bytes;
    await browser.pause(500);
  }
  throw new Error(`screenshot ${file} stayed blank (${bytes} bytes)`);
}

/**
 * Pastes `html` into the story body the way a clipboard paste arrives: a ClipboardEvent "paste"
 * whose DataTransfer holds text/html (and `text` as text/plain), dispatched on the editor, which
 * sanitises it (transformPastedHTML) before parsing. Returns how it went in: "clipboard-event",
 * or "pasteHTML" when this WebKit ignores the event's clipboardData (ProseMirror's own paste
 * entry point, the same path from the HTML on).
 */
export async function pasteIntoBody(browser, html, text = "") {
  return browser.execute(
    (h, t) => {
      const body = document.querySelector("[data-testid='body']");
      body.focus();
      const dt = new DataTransfer();
      dt.setData("text/html", h);
      if (t) dt.setData("text/plain", t);
      const before = body.innerHTML;
      const event = new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true });
      body.dispatchEvent(event);
      if (event.defaultPrevented || body.innerHTML !== before) return "clipboard-event";
      const view = body.editor?.view;
      if (!view) throw new Error("the paste event was ignored and no editor view was found");
      view.pasteHTML(h);
      return "pasteHTML";
    },
    html,
    text,
  );
}

/** Pastes plain text into the story body (a DataTransfer with text/plain only). */
export async function pasteTextIntoBody(browser, text) {
  return browser.execute((t) => {
    const body = document.querySelector("[data-testid='body']");
    body.focus();
    const dt = new DataTransfer();
    dt.setData("text/plain", t);
    const before = body.innerHTML;
    const event = new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true });
    body.dispatchEvent(event);
    if (event.defaultPrevented || body.innerHTML !== before) return "clipboard-event";
    body.editor.view.pasteText(t);
    return "pasteText";
  }, text);
}

/** The use ids of the thumbnails in the photos panel, in order. */
export function thumbIds(browser) {
  return browser.execute(() => Array.from(document.querySelectorAll("[data-testid='photo-thumb']"), (t) => t.dataset.use));
}

/** Did the photos panel react to a chosen file: a progress strip, a new thumbnail or a toast? */
function attachStarted(browser, before) {
  return browser.execute(
    (known) =>
      !!document.querySelector("[data-testid='attach-progress']") ||
      Array.from(document.querySelectorAll("[data-testid='photo-thumb']")).some((t) => !known.includes(t.dataset.use)) ||
      Array.from(document.querySelectorAll("[data-testid='toast']")).some((t) => /attached|not attached|could not attach/i.test(t.textContent)),
    before,
  );
}

/**
 * Sets the photos panel's (visually hidden) file input to `file` (the panel must be open).
 * WebDriver uploads by sending the path as keys to the input; WebKitWebDriver may refuse to clear
 * it or find it not interactable, so: setValue, then addValue on the input made visible for the
 * moment, then the raw Element Send Keys. A way that throws nothing but starts no attach within
 * 20 s counts as failed too. `before`: the thumbnail ids before. Returns the way that worked.
 */
export async function chooseFile(browser, file, before) {
  const input = await browser.$(sel("photo-file-input"));
  await input.waitForExist({ timeout: TIMEOUT });
  const unhide = () =>
    browser.execute(() => {
      const el = document.querySelector("[data-testid='photo-file-input']");
      el.setAttribute("style", "position:fixed;left:8px;top:8px;width:240px;height:32px;margin:0;clip:auto;overflow:visible;opacity:1;z-index:99999");
    });
  const rehide = () =>
    browser.execute(() => document.querySelector("[data-testid='photo-file-input']")?.removeAttribute("style")).catch(() => {});
  const ways = [
    ["setValue", () => input.setValue(file)],
    [
      "addValue (unhidden)",
      async () => {
        await unhide();
        await input.addValue(file);
      },
    ],
    [
      "elementSendKeys (unhidden)",
      async () => {
        await unhide();
        await browser.elementSendKeys(input.elementId, file);
      },
    ],
  ];
  const failures = [];
  for (const [name, run] of ways) {
    try {
      await run();
    } catch (err) {
      failures.push(`${name}: ${err.message.split("\n")[0]}`);
      continue;
    } finally {
      await rehide();
    }
    try {
      await browser.waitUntil(() => attachStarted(browser, before), { timeout: 20_000, interval: 250 });
      return name;
    } catch {
      failures.push(`${name}: no error, but no attach started within 20 s`);
    }
  }
  throw new Error(`could not set the file input: ${failures.join("; ")} (page errors: ${await pageErrors(browser)})`);
}

/** The id of the story open in the editor (from the #/story/<id> route). */
export async function openStoryId(browser) {
  const hash = await browser.execute(() => location.hash);
  const m = /^#\/story\/([^/?#]+)/.exec(hash);
  if (!m) throw new Error(`the editor route names no story: ${hash}`);
  return decodeURIComponent(m[1]);
}

/**
 * Sets a text field the way typing ends up in it (its value, then an "input" event that the UI
 * listens to), for text that keys cannot type (control characters, tabs, 8 KB at a time).
 */
export function setFieldText(browser, selector, text) {
  return browser.execute(
    (q, t) => {
      const el = document.querySelector(q);
      if (!el) throw new Error(`no element ${q}`);
      const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
      Object.getOwnPropertyDescriptor(proto, "value").set.call(el, t);
      el.dispatchEvent(new Event("input", { bubbles: true }));
      return el.value;
    },
    selector,
    text,
  );
}

/** Waits until the web fonts the page uses have loaded (for screenshots). */
export async function fontsReady(browser) {
  await browser.waitUntil(async () => (await browser.execute(() => document.fonts.status)) === "loaded", {
    timeout: TIMEOUT,
  });
}

// ---------------------------------------------------------------- copy desk

/** The texts of the copy desk's underlines in the story body, in order. */
export function copyMarks(browser) {
  return browser.execute(() => Array.from(document.querySelectorAll("[data-testid='body'] .copy-mark"), (m) => m.textContent));
}

/** Waits until an underline covers exactly `text`; returns its element. */
export async function waitForCopyMark(browser, text) {
  try {
    await browser.waitUntil(async () => (await copyMarks(browser)).includes(text), { timeout: TIMEOUT, interval: 250 });
  } catch {
    throw new Error(`no copy-desk underline on "${text}" (underlines: ${JSON.stringify(await copyMarks(browser))}; page errors: ${await pageErrors(browser)})`);
  }
  const marks = await browser.$$("[data-testid='body'] .copy-mark");
  for (const m of marks) if ((await m.getText()) === text || (await innerText(browser, m)) === text) return m;
  throw new Error(`the underline on "${text}" went before it could be clicked`);
}

/**
 * A story as the core holds it now, read through the app's own IPC (`get_story`), with its body
 * as plain text: each block's text on a line.
 */
export async function storyFromCore(browser, id) {
  return browser.executeAsync((storyId, done) => {
    const text = (node) => (node.type === "text" ? node.text : (node.content ?? []).map(text).join(node.type === "doc" ? "\n" : ""));
    window.__TAURI_INTERNALS__
      .invoke("get_story", { id: storyId })
      .then((story) => done({ headline: story.headline, body: text(story.body), error: null }))
      .catch((err) => done({ headline: null, body: null, error: String(err?.message ?? JSON.stringify(err)) }));
  }, id);
}
