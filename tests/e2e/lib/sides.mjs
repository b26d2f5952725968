// One small interface over the two ways the UI is driven, so that a walk through the UI (and the
// axe run) is written once: `playwrightSide(page)` for the bundle in headless Chromium (the fake
// platform) and `webdriverSide(browser)` for the real app through tauri-driver (WebdriverIO).
//
// A side has:
//   name                        "chromium" or "app"
//   run(fn, arg)                runs `fn(arg)` in the page and gives its (JSON) result; `fn` must be
//                               self-contained (it is sent as source) and may return a promise
//   runSource(source)           runs a script's source in the page (used to inject axe-core)
//   exists(css)                 whether an element matches now
//   waitFor(css, {gone, timeout, what})  waits for an element to exist (or to be gone)
//   click(css)                  a real click on the element, once it can be clicked
//   press(keys)                 one chord, Playwright-style: "Escape", "Control+Shift+O", "?"
//   type(css, text)             clicks the field and types the text as key presses
//   select(css, value)          picks the <option> with that value
//   setViewport(width, height)  makes the page's viewport that size in CSS pixels, or throws
//                               saying what it could do
//   viewport()                  {width, height} of the viewport now (innerWidth/innerHeight)
//   reload()                    reloads the page (the app keeps its library)
//   screenshot(file, {minBytes})  a PNG of the window (the app's: retried until it is more than
//                               `minBytes`, as a blank frame is a flat colour)
//   colorScheme(theme)          (Chromium only) what prefers-color-scheme reports

/** As lib/app.mjs: generous, WebKitGTK in Xvfb on two cores is slow. */
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 30_000);

/** The viewport in CSS pixels. */
const readViewport = () => ({ width: window.innerWidth, height: window.innerHeight });

/** A Playwright page (Chromium). */
export function playwrightSide(page) {
  const side = {
    name: "chromium",
    run: (fn, arg) => page.evaluate(fn, arg ?? null),
    runSource: (source) => page.evaluate(source),
    exists: async (css) => (await page.$(css)) !== null,
    waitFor: async (css, { gone = false, timeout = TIMEOUT, what } = {}) => {
      try {
        await page.waitForSelector(css, { state: gone ? "detached" : "attached", timeout });
      } catch {
        throw new Error(`${what ?? css} ${gone ? "did not go" : "did not appear"} within ${timeout} ms`);
      }
    },
    click: (css) => page.click(css, { timeout: TIMEOUT }),
    press: (keys) => page.keyboard.press(keys),
    type: async (css, text) => {
      await page.click(css, { timeout: TIMEOUT });
      await page.keyboard.type(text);
    },
    select: (css, value) => page.selectOption(css, value, { timeout: TIMEOUT }),
    setViewport: async (width, height) => {
      await page.setViewportSize({ width, height });
      const got = await side.viewport();
      if (got.width !== width || got.height !== height) throw new Error(`Chromium's viewport is ${got.width}×${got.height}, not ${width}×${height}`);
      return got;
    },
    viewport: () => page.evaluate(readViewport),
    reload: () => page.reload({ waitUntil: "load" }),
    screenshot: (file) => page.screenshot({ path: file }),
    colorScheme: (theme) => page.emulateMedia({ colorScheme: theme }),
  };
  return side;
}

/** WebDriver's codes for the keys the walks press (W3C WebDriver, "keyboard actions"). */
const WD_KEYS = {
  Escape: "\uE00C",
  Enter: "\uE007",
  Tab: "\uE004",
  Backspace: "\uE003",
  Shift: "\uE008",
  Control: "\uE009",
  Alt: "\uE00A",
  Meta: "\uE03D",
  ArrowLeft: "\uE012",
  ArrowUp: "\uE013",
  ArrowRight: "\uE014",
  ArrowDown: "\uE015",
  Home: "\uE011",
  End: "\uE010",
  F8: "\uE038",
};

/** "Control+Shift+O" → the WebDriver key values, modifiers first. */
function chord(keys) {
  // "+" (or "Control++") ends with the plus key itself.
  const parts = keys.endsWith("+") ? [...keys.slice(0, -1).split("+").filter(Boolean), "+"] : keys.split("+");
  return parts.map((k) => {
    const value = WD_KEYS[k] ?? (k.length === 1 ? k : null);
    if (value === null) throw new Error(`no WebDriver value for the key "${k}"`);
    return value;
  });
}

/**
 * A WebdriverIO browser (the real app through tauri-driver and WebKitWebDriver). Async: it sets
 * the script timeout (an axe run in the debug build under Xvfb can take a while).
 */
export async function webdriverSide(browser) {
  await browser.setTimeout({ script: 180_000 });
  const keyActions = async (values) => {
    const actions = [...values.map((value) => ({ type: "keyDown", value })), ...[...values].reverse().map((value) => ({ type: "keyUp", value }))];
    await browser.performActions([{ type: "key", id: "keyboard", actions }]);
    await browser.releaseActions();
  };
  /** The page zoom set through Tauri (1 = none). */
  let zoom = 1;
  const setZoom = async (value) => {
    if (value === zoom) return;
    await side.run((v) => window.__TAURI_INTERNALS__.invoke("plugin:webview|set_webview_zoom", { value: v }), value);
    zoom = value;
    await browser.pause(300);
  };
  /** Resizes the window until its viewport is `width`×`height` CSS px, or it stops changing; gives the viewport reached. */
  const resizeViewport = async (width, height) => {
    let got = await side.viewport();
    for (let i = 0; i < 3 && (got.width !== width || got.height !== height); i++) {
      // The window's outer size: the viewport plus whatever frame the window has now.
      const outer = await browser.getWindowSize().catch(() => got);
      const frameW = Math.max(0, outer.width - got.width);
      const frameH = Math.max(0, outer.height - got.height);
      try {
        await browser.setWindowSize(width + frameW, height + frameH);
      } catch (err) {
        throw new Error(`the app's window could not be resized to ${width}×${height}: ${err.message.split("\n")[0]}`);
      }
      await browser.pause(300);
      const next = await side.viewport();
      const stuck = next.width === got.width && next.height === got.height;
      got = next;
      if (stuck) break;
    }
    return got;
  };
  const side = {
    name: "app",
    // Sent as the script's own source (not through eval in the page: the app's CSP has no
    // 'unsafe-eval'); a promise is waited for through the async script's callback.
    run: async (fn, arg) => {
      const reply = await browser.executeAsync(
        `const done = arguments[arguments.length - 1];
         const fn = (${fn.toString()});
         Promise.resolve()
           .then(() => fn(arguments[0]))
           .then((value) => done({ ok: true, value: value === undefined ? null : value }), (e) => done({ ok: false, error: String((e && e.stack) || e) }));`,
        arg ?? null,
      );
      if (!reply?.ok) throw new Error(`in the app's page: ${reply?.error ?? "no answer"}`);
      return reply.value;
    },
    runSource: (source) => browser.execute(`${source}\n;return true;`),
    exists: (css) => browser.$(css).isExisting(),
    waitFor: async (css, { gone = false, timeout = TIMEOUT, what } = {}) => {
      await browser.$(css).waitForExist({ timeout, reverse: gone, timeoutMsg: `${what ?? css} ${gone ? "did not go" : "did not appear"} within ${timeout} ms` });
    },
    click: async (css) => {
      const el = await browser.$(css);
      // As a user scrolls to what they click: WebKit's driver does not bring an element inside
      // a scrolled box (a dialog's body at 200% zoom) into view, and finds it not clickable.
      await el.waitForExist({ timeout: TIMEOUT, timeoutMsg: `${css} did not appear within ${TIMEOUT} ms` });
      await browser.execute((e) => e.scrollIntoView({ block: "nearest" }), el);
      await el.waitForClickable({ timeout: TIMEOUT, timeoutMsg: `${css} could not be clicked within ${TIMEOUT} ms` });
      await el.click();
    },
    press: (keys) => keyActions(chord(keys)),
    type: async (css, text) => {
      await side.click(css);
      // One key at a time (WebdriverIO 9 sends a string as one chord, losing repeated letters).
      const actions = [];
      for (const ch of text) actions.push({ type: "keyDown", value: ch }, { type: "keyUp", value: ch });
      await browser.performActions([{ type: "key", id: "keyboard", actions }]);
      await browser.releaseActions();
    },
    select: async (css, value) => {
      const el = await browser.$(css);
      await el.waitForEnabled({ timeout: TIMEOUT });
      await el.selectByAttribute("value", value);
    },
    viewport: () => browser.execute(readViewport),
    /**
     * The window is resized (WebDriver Set Window Rect) until the viewport inside it has the size
     * asked for. When the window will not go that small (the app sets a minimum size), the
     * window is made that size times a whole zoom factor and the page zoomed by it, as a reader
     * zooms: through Tauri's own webview zoom (`plugin:webview|set_webview_zoom`, what its
     * Ctrl+= / Ctrl+- zoom calls). What could not be done is said with the sizes reached.
     */
    setViewport: async (width, height) => {
      await setZoom(1);
      let got = await resizeViewport(width, height);
      if (got.width === width && got.height === height) return got;
      const factor = Math.max(2, Math.ceil(got.width / width), Math.ceil(got.height / height));
      const window1 = await resizeViewport(width * factor, height * factor);
      if (window1.width !== width * factor || window1.height !== height * factor) {
        throw new Error(`the app's viewport is ${got.width}×${got.height} CSS px after asking for ${width}×${height}, and ${window1.width}×${window1.height} after asking for ${width * factor}×${height * factor} to zoom it`);
      }
      try {
        await setZoom(factor);
      } catch (err) {
        throw new Error(
          `the app's window will not go below ${got.width}×${got.height} (its minimum size), and its page cannot be zoomed to ${factor * 100}% ` +
            `to show ${width}×${height} CSS px in a ${width * factor}×${height * factor} window: ${err.message.split("\n")[0]} ` +
            "(Tauri's webview zoom needs core:webview:allow-set-webview-zoom in the window's capability; or a smaller minimum window size)",
        );
      }
      got = await side.viewport();
      if (got.width !== width || got.height !== height) {
        throw new Error(`the app's viewport is ${got.width}×${got.height} CSS px at ${factor * 100}% zoom in a ${width * factor}×${height * factor} window, not ${width}×${height}`);
      }
      return got;
    },
    reload: async () => {
      await browser.refresh();
    },
    screenshot: async (file, options) => {
      // lib/app.mjs's, which waits for a painted frame (WebKitGTK in Xvfb can hand back a blank one).
      const { screenshot } = await import("./app.mjs");
      return screenshot(browser, file, options);
    },
  };
  return side;
}
