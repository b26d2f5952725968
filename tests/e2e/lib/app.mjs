// Starts Byline under tauri-driver with a private library and XDG folders, and hands the specs a
// WebdriverIO browser. One `launch()` = one tauri-driver = one library; `restart()` closes and
// reopens the app on the same library; `stop()` ends everything (call it from `after`).
import { spawn } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, rm, stat } from "node:fs/promises";
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
 */
export async function launch(name) {
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
      // The library or editor is up once the shell has rendered either of them.
      await app.browser.waitUntil(
        async () => (await app.browser.$(`${sel("new-story")}, ${sel("back")}`).isExisting()),
        { timeout: 60_000, timeoutMsg: "the app UI did not appear within 60 s" },
      );
      return app.browser;
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

/** Waits until the web fonts the page uses have loaded (for screenshots). */
export async function fontsReady(browser) {
  await browser.waitUntil(async () => (await browser.execute(() => document.fonts.status)) === "loaded", {
    timeout: TIMEOUT,
  });
}
