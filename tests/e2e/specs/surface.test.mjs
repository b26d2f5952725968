// The app's attack surface, from inside the webview: what a script that got in could reach.
// - IPC: commands outside the window's capability (opener, dialog, fs, shell, window creation,
//   event emitting, a made-up app command) are rejected; open_external only takes https/mailto.
// - Navigation: assigning location, window.open, clicking javascript:/https links and submitting
//   a form leave the app on its own page; https addresses go to the system browser instead (here
//   a recorder stands in for it, see lib/app.mjs), nothing else goes anywhere.
// - The photo protocol serves derived thumbnails/previews only: planted JPEGs outside derived/,
//   dotfiles, symlinks, ../ and %2F tricks and the database itself are refused, while a real
//   derived file next to them loads.
// - Links in the story body: Ctrl+click or Ctrl+Enter hands an https link to the system, a
//   story: link opens that story in Byline.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { copyFile, readdir, symlink } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { Key } from "webdriverio";
import { launch, openStory, openStoryId, pageErrors, sel, TIMEOUT, typeText, waitSaved } from "../lib/app.mjs";

const SAMPLE_KICKER = "Photo captions";

let app;
before(async () => {
  app = await launch("surface");
});
after(async () => {
  await app?.stop();
});

/** The app still shows its own page, the same document as before (the marker survived). */
async function stillHome(browser, where) {
  const state = await browser.execute(() => ({ href: location.href, marker: window.__surfaceMarker ?? null, app: !!document.querySelector("#app > *") }));
  assert.equal(state.marker, "still here", `${where}: the document was replaced (${state.href})`);
  assert.match(state.href, /^(tauri:\/\/localhost|http:\/\/tauri\.localhost)(?=[/?#]|$)/, `${where}: the page left the app: ${state.href}`);
  assert.ok(state.app, `${where}: the app is no longer rendered`);
  const handles = await browser.getWindowHandles();
  assert.equal(handles.length, 1, `${where}: a window was opened`);
}

/** Waits (up to `ms`) until the recorder has `count` entries; returns them. */
async function externalOpens(count, ms = 10_000) {
  const until = Date.now() + ms;
  let got = await app.openedExternally();
  while (got.length < count && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 200));
    got = await app.openedExternally();
  }
  return got;
}

test("IPC: commands outside the capability are rejected", async () => {
  const browser = app.browser;
  const marker = path.join(app.root, "shell-ran");
  const results = await browser.executeAsync((markerPath, done) => {
    const invoke = window.__TAURI_INTERNALS__.invoke;
    const attempts = [
      ["plugin:opener|open_url", { url: "https://example.org/opener" }],
      ["plugin:opener|open_path", { path: "/etc/passwd" }],
      ["plugin:opener|reveal_item_in_dir", { paths: ["/etc/passwd"] }],
      ["plugin:dialog|open", { options: {} }],
      ["plugin:dialog|save", { options: {} }],
      ["plugin:dialog|message", { message: "hi" }],
      ["plugin:fs|read_text_file", { path: "/etc/passwd" }],
      ["plugin:fs|write_text_file", { path: markerPath, data: "x" }],
      ["plugin:shell|execute", { program: "sh", args: ["-c", `touch ${markerPath}`], options: {} }],
      ["plugin:shell|spawn", { program: "sh", args: ["-c", `touch ${markerPath}`], options: {} }],
      ["plugin:shell|open", { path: "https://example.org/shell" }],
      ["plugin:http|fetch", { clientConfig: { url: "https://example.org/", method: "GET" } }],
      ["plugin:webview|create_webview_window", { options: { label: "evil", url: "https://example.org/" } }],
      // Naming the window (set_title) and zooming the page are granted; moving it about is not.
      ["plugin:window|set_position", { label: "main", value: { Physical: { x: 0, y: 0 } } }],
      ["plugin:window|set_fullscreen", { label: "main", value: true }],
      ["plugin:event|emit", { event: "tauri://close-requested", payload: null }],
      ["plugin:app|version", {}],
      ["delete_all_stories", {}],
      ["export_everything_to", { path: "/tmp" }],
    ];
    const timeout = (ms) => new Promise((r) => setTimeout(() => r("pending"), ms));
    (async () => {
      const out = [];
      for (const [cmd, args] of attempts) {
        const outcome = await Promise.race([
          invoke(cmd, args).then(
            (v) => `resolved ${JSON.stringify(v)?.slice(0, 80)}`,
            (e) => `rejected ${typeof e === "string" ? e : JSON.stringify(e)}`,
          ),
          timeout(5000),
        ]);
        out.push([cmd, outcome]);
      }
      // A granted command still works (the rejections are the capability, not a broken IPC).
      const info = await invoke("library_info").then(
        (v) => `resolved ${typeof v?.stories}`,
        (e) => `rejected ${JSON.stringify(e)}`,
      );
      out.push(["library_info", info]);
      done(out);
    })();
  }, marker);
  const byCmd = Object.fromEntries(results);
  for (const [cmd, outcome] of results) {
    if (cmd === "library_info") continue;
    assert.match(outcome, /^rejected /, `${cmd} must be rejected, got: ${outcome}`);
  }
  assert.equal(byCmd.library_info, "resolved number", "a command of the capability works");
  assert.ok(!existsSync(marker), "no shell command ran");
  assert.match(await browser.getTitle(), /— Byline$/, "the page's title is the app's own");
  assert.deepEqual(await app.openedExternally(), [], "nothing was opened outside");
  console.log(`surface: ${results.length - 1} commands outside the capability rejected, e.g. ${results[0][0]}: ${results[0][1].slice(0, 120)}`);
});

test("open_external opens https and mailto only", async () => {
  const browser = app.browser;
  const outcomes = await browser.executeAsync((done) => {
    const invoke = window.__TAURI_INTERNALS__.invoke;
    const urls = [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "file:///etc/passwd",
      "http://example.org/plain-http",
      "vbscript:msgbox(1)",
      "https://user@example.org/",
      "tauri://localhost/index.html",
      "photo://localhost/thumbnails/x.jpg",
      "smb://server/share",
      "https://example.org/allowed",
      "mailto:desk@example.org",
    ];
    (async () => {
      const out = [];
      for (const url of urls) {
        out.push([url, await invoke("open_external", { url }).then(() => "opened", (e) => `refused: ${e?.message ?? e}`)]);
      }
      done(out);
    })();
  });
  for (const [url, outcome] of outcomes) {
    if (url === "https://example.org/allowed" || url === "mailto:desk@example.org") assert.equal(outcome, "opened", url);
    else assert.match(outcome, /^refused: only https and mailto links open outside Byline/, url);
  }
  assert.deepEqual(await externalOpens(2), ["https://example.org/allowed", "mailto:desk@example.org"], "only the two allowed links reached the system");
});

test("navigation never leaves the app: location, window.open, javascript: links, forms", async () => {
  const browser = app.browser;
  const opened = (await app.openedExternally()).length;
  await browser.execute(() => {
    window.__surfaceMarker = "still here";
    window.__xss = undefined;
  });
  await stillHome(browser, "before");

  // location.href to a web page: refused in the window; https goes to the system browser.
  await browser.execute(() => {
    location.href = "https://example.org/from-location";
  });
  await browser.pause(1500);
  await stillHome(browser, "location.href = https://…");
  const afterHttps = await externalOpens(opened + 1);
  assert.equal(afterHttps.at(-1), "https://example.org/from-location", "https navigation is handed to the system browser");

  for (const target of ["http://example.org/plain", "file:///etc/passwd", "data:text/html,<script>window.__xss=1</script>", "javascript:window.__xss=1", "about:blank"]) {
    await browser.execute((t) => {
      try {
        location.href = t;
      } catch {
        /* refused outright */
      }
    }, target);
    await browser.pause(700);
    await stillHome(browser, `location.href = ${target}`);
  }
  await browser.execute(() => location.assign("https://example.org/assign"));
  await browser.pause(700);
  await stillHome(browser, "location.assign");
  await browser.execute(() => location.replace("http://example.org/replace"));
  await browser.pause(700);
  await stillHome(browser, "location.replace");

  // window.open: no new window, no navigation.
  const openResult = await browser.execute(() => {
    const w = window.open("https://example.org/popup", "_blank");
    const w2 = window.open("javascript:window.__xss=1");
    return { first: w === null ? "null" : typeof w, second: w2 === null ? "null" : typeof w2 };
  });
  await browser.pause(1000);
  await stillHome(browser, `window.open (returned ${JSON.stringify(openResult)})`);

  // Links and a form put into the page by a script, clicked for real.
  await browser.execute(() => {
    const host = document.createElement("div");
    host.id = "surface-links";
    host.style.cssText = "position:fixed;left:10px;top:10px;z-index:9999;background:#fff;padding:8px";
    const a = (id, href, target) => {
      const el = document.createElement("a");
      el.id = id;
      el.href = href;
      if (target) el.target = target;
      el.textContent = id;
      el.style.display = "block";
      host.append(el);
    };
    a("js-link", "javascript:window.__xss=1");
    a("js-entity-link", "jav\tascript:window.__xss=1");
    a("data-link", "data:text/html,<script>window.__xss=1</script>");
    a("blank-link", "https://example.org/blank", "_blank");
    a("http-link", "http://example.org/clicked");
    const form = document.createElement("form");
    form.action = "https://example.org/form";
    form.method = "post";
    const button = document.createElement("button");
    button.id = "form-submit";
    button.textContent = "submit";
    form.append(button);
    host.append(form);
    document.body.append(host);
  });
  for (const id of ["js-link", "js-entity-link", "data-link", "blank-link", "http-link", "form-submit"]) {
    await (await browser.$(`#${id}`)).click();
    await browser.pause(700);
    await stillHome(browser, `clicking #${id}`);
  }
  assert.equal(await browser.execute(() => window.__xss ?? null), null, "no javascript: URL ran");
  await browser.execute(() => document.getElementById("surface-links")?.remove());
  const all = await externalOpens(opened + 2, 3000);
  const newOnes = all.slice(opened);
  // Only https addresses ever reached the system browser.
  for (const url of newOnes) assert.match(url, /^https:\/\/example\.org\//, `only https went to the system browser: ${url}`);
  assert.ok(!newOnes.some((u) => u.startsWith("http://")), "plain http was not opened");
});

test("the photo protocol serves derived files only", async () => {
  const browser = app.browser;
  const library = app.env.BYLINE_LIBRARY;
  const thumbs = path.join(library, "derived", "thumbnails");
  const [real] = (await readdir(thumbs)).filter((n) => /^[0-9a-f]{64}\.jpg$/.test(n));
  assert.ok(real, "the sample's thumbnail exists");
  const realPath = path.join(thumbs, real);
  // Real JPEGs planted where the protocol must not reach.
  const planted = "ab".repeat(32);
  const copyOk = "cd".repeat(32);
  const linked = "ef".repeat(32);
  await copyFile(realPath, path.join(library, "planted.jpg"));
  await copyFile(realPath, path.join(library, `${planted}.jpg`));
  await copyFile(realPath, path.join(thumbs, `.${planted}.jpg`));
  await copyFile(realPath, path.join(thumbs, `${copyOk}.jpg`)); // a plain derived file: must load
  await symlink(path.join(library, "planted.jpg"), path.join(thumbs, `${linked}.jpg`));
  const originals = [];
  for (const d of await readdir(path.join(library, "originals"))) for (const f of await readdir(path.join(library, "originals", d))) originals.push(`${d}/${f}`);
  assert.ok(originals.length > 0, "the sample photo's original is in the library");

  const base = await browser.execute(() => (/^http:/.test(location.href) ? "http://photo.localhost" : "photo://localhost"));
  const urls = {
    ok: `${base}/thumbnails/${real}`,
    copy: `${base}/thumbnails/${copyOk}.jpg`,
    dotdot: `${base}/../library.sqlite`,
    encodedDotdot: `${base}/thumbnails/..%2F..%2Flibrary.sqlite`,
    encodedPlanted: `${base}/thumbnails/..%2F..%2Fplanted.jpg`,
    dotSegments: `${base}/thumbnails/%2e%2e/%2e%2e/planted.jpg`,
    root: `${base}/planted.jpg`,
    rootSha: `${base}/${planted}.jpg`,
    dotfile: `${base}/thumbnails/.${planted}.jpg`,
    symlink: `${base}/thumbnails/${linked}.jpg`,
    original: `${base}/originals/${originals[0]}`,
    encodedOriginal: `${base}/thumbnails/..%2F..%2Foriginals%2F${originals[0].replace("/", "%2F")}`,
    database: `${base}/library.sqlite`,
    backslash: `${base}/thumbnails/..\\..\\planted.jpg`,
    upper: `${base}/thumbnails/${real.toUpperCase().replace(".JPG", ".jpg")}`,
  };
  const loads = await browser.executeAsync((all, done) => {
    const out = {};
    const entries = Object.entries(all);
    let left = entries.length;
    for (const [key, url] of entries) {
      const img = new Image();
      const finish = (v) => {
        if (key in out) return;
        out[key] = v;
        if (--left === 0) done(out);
      };
      img.onload = () => finish(img.naturalWidth > 0 ? "loaded" : "empty");
      img.onerror = () => finish("refused");
      setTimeout(() => finish("timeout"), 8000);
      img.src = url;
    }
  }, urls);
  assert.equal(loads.ok, "loaded", "the real thumbnail loads (the check can tell a served JPEG)");
  assert.equal(loads.copy, "loaded", "a plain file in derived/thumbnails loads");
  for (const [key, outcome] of Object.entries(loads)) {
    if (key === "ok" || key === "copy") continue;
    assert.equal(outcome, "refused", `${key} (${urls[key]}) must be refused, was ${outcome}`);
  }

  // fetch() from the page: blocked (connect-src) or refused by the protocol; never the database.
  const fetched = await browser.executeAsync((b, done) => {
    const tries = [`${b}/../library.sqlite`, `${b}/thumbnails/..%2F..%2Flibrary.sqlite`, `${b}/library.sqlite`, `${b}/thumbnails/%2e%2e/%2e%2e/library.sqlite`];
    Promise.all(
      tries.map((u) =>
        fetch(u)
          .then(async (r) => {
            const bytes = new Uint8Array(await r.arrayBuffer());
            const head = String.fromCharCode(...bytes.slice(0, 15));
            return `status ${r.status}, ${bytes.length} bytes${head === "SQLite format 3" ? ", THE DATABASE" : ""}`;
          })
          .catch((e) => `blocked: ${e?.message ?? e}`),
      ),
    ).then((out) => done(tries.map((u, i) => [u, out[i]])));
  }, base);
  for (const [url, outcome] of fetched) {
    assert.ok(!outcome.includes("THE DATABASE"), `${url} leaked the database`);
    assert.match(outcome, /^(blocked: |status 40[34],)/, `${url} must be refused: ${outcome}`);
  }
  console.log(`surface: photo protocol refused ${Object.keys(loads).length - 2} crafted paths; fetch: ${fetched.map((f) => f[1]).join(" / ")}`);
});

/** WebDriver's Control key (`Key.Ctrl` is WebdriverIO's placeholder, translated by `keys()` only). */
const CONTROL = "\uE009";

/** Ctrl held while the pointer clicks `element` (one WebDriver action chain). */
async function ctrlClick(browser, element) {
  await browser.performActions([
    {
      type: "key",
      id: "keyboard",
      actions: [{ type: "keyDown", value: CONTROL }, { type: "pause", duration: 0 }, { type: "pause", duration: 0 }, { type: "keyUp", value: CONTROL }],
    },
    {
      type: "pointer",
      id: "mouse",
      parameters: { pointerType: "mouse" },
      actions: [
        { type: "pointerMove", origin: element, x: 0, y: 0 },
        { type: "pointerDown", button: 0 },
        { type: "pointerUp", button: 0 },
        { type: "pause", duration: 0 },
      ],
    },
  ]);
  await browser.releaseActions();
}

test("links in the body: Ctrl+click and Ctrl+Enter open https outside and story links inside", async () => {
  const browser = app.browser;
  await browser.execute(() => {
    window.__surfaceMarker = "still here";
  });
  await openStory(browser, SAMPLE_KICKER);
  const sampleId = await openStoryId(browser);
  await (await browser.$(sel("back"))).click();

  // A story with a web link and a link to the sample story.
  await (await browser.$(sel("new-story"))).click();
  await (await browser.$(sel("headline"))).waitForExist({ timeout: TIMEOUT });
  await (await browser.$(sel("headline"))).click();
  await typeText(browser, "Links to follow");
  await (await browser.$(sel("body"))).click();
  await typeText(browser, "See ");
  const focused = (testid) =>
    browser.waitUntil(async () => (await browser.execute(() => document.activeElement?.dataset?.testid ?? null)) === testid, {
      timeout: TIMEOUT,
      timeoutMsg: `${testid} did not get the focus`,
    });
  // Where the focus went and who moved it: printed if a link is not applied.
  await browser.execute(() => {
    window.__focusTrace = [];
    document.addEventListener(
      "focusin",
      (e) => {
        const el = e.target;
        const name = el?.dataset?.testid ?? el?.id ?? el?.tagName;
        const from = (new Error().stack ?? "").split("\n").slice(1, 6).join(" < ");
        window.__focusTrace.push(`${Math.round(performance.now())} ${name} [${from}]`);
      },
      true,
    );
  });
  const focusTrace = () => browser.execute(() => (window.__focusTrace ?? []).slice(-8).join("\n")).catch(() => "?");
  const addLink = async (href) => {
    await focused("body");
    await browser.keys([Key.Ctrl, "k"]);
    const input = await browser.$(sel("link-href"));
    await input.waitForDisplayed({ timeout: TIMEOUT });
    // The field takes the focus once it is on screen: type once it is there.
    await focused("link-href");
    // Typed letter by letter, as a user types it: the first letters of `story:` read as headline
    // words and start searches whose results come and go while the field keeps the focus.
    await typeText(browser, href);
    try {
      await browser.waitUntil(async () => (await input.getValue()) === href, { timeout: 10_000 });
    } catch {
      throw new Error(`the link dialog did not take ${href}: it has "${await input.getValue().catch(() => "?")}"`);
    }
    const where = await browser.execute(() => document.activeElement?.dataset?.testid ?? document.activeElement?.tagName);
    assert.equal(where, "link-href", `the link field kept the focus while ${href} was typed; trace:\n${await focusTrace()}`);
    await browser.keys(Key.Enter);
    try {
      await browser.waitUntil(async () => !(await browser.$(sel("link-dialog")).isExisting()), { timeout: TIMEOUT });
    } catch {
      const dialog = await browser.execute(() => document.querySelector("[data-testid='link-dialog']")?.innerText ?? "");
      const where = await browser.execute(() => document.activeElement?.dataset?.testid ?? document.activeElement?.tagName);
      throw new Error(
        `the link ${href} was not applied (dialog: ${dialog}; focus on ${where}; page errors: ${await pageErrors(browser)}; focus trace:\n${await focusTrace()})`,
      );
    }
  };
  await addLink("https://example.org/agency");
  await focused("body");
  await typeText(browser, " and ");
  await addLink(`story:${sampleId}`);
  await waitSaved(browser);
  const storyId = await openStoryId(browser);
  const web = await browser.$(`${sel("body")} a[href="https://example.org/agency"]`);
  await web.waitForExist({ timeout: TIMEOUT });
  const before = (await app.openedExternally()).length;

  // A plain click edits (nothing opens); Ctrl+click opens it outside.
  await web.click();
  await browser.pause(800);
  assert.equal((await app.openedExternally()).length, before, "a plain click in the editor opens nothing");
  await ctrlClick(browser, web);
  let opened = await externalOpens(before + 1);
  assert.equal(opened.at(-1), "https://example.org/agency", `Ctrl+click opened the link outside (page errors: ${await pageErrors(browser)})`);

  // Ctrl+Enter with the cursor in the link does the same.
  await web.click();
  await browser.keys([Key.Ctrl, Key.Enter]);
  opened = await externalOpens(before + 2);
  assert.equal(opened.length, before + 2, "Ctrl+Enter in a link opened it");
  assert.equal(opened.at(-1), "https://example.org/agency");
  await stillHome(browser, "after following links");

  // Ctrl+click on the story link opens that story in Byline.
  const story = await browser.$(`${sel("body")} a[href="story:${sampleId}"]`);
  await ctrlClick(browser, story);
  await browser.waitUntil(async () => (await openStoryId(browser)) === sampleId, { timeout: TIMEOUT, timeoutMsg: "the story link did not open the story" });
  await browser.waitUntil(async () => (await browser.$(sel("kicker")).getValue()) === SAMPLE_KICKER, { timeout: TIMEOUT });
  assert.notEqual(storyId, sampleId);
  assert.equal((await app.openedExternally()).length, before + 2, "the story link did not go outside");
});
