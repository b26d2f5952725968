// Hostile input gets nowhere, in the real app. Every payload of tests/fixtures/xss-payloads.txt
// (OWASP's filter evasion cheat sheet, html5sec.org, DOMPurify's mXSS vectors, obfuscated
// javascript:/data:/vbscript: links, srcdoc, meta refresh, base href, form actions, CSS…) is
// pasted into the story body as HTML (a ClipboardEvent "paste" with text/html, the way a browser
// delivers a paste) and as plain text, and typed into the headline, the byline, a photo's caption
// and alt text and a related post's title. Detection is installed first: alert/confirm/prompt
// count their calls, the page's address is noted, every resource the page loads is recorded, and
// many payloads would set `window.__xss` if any of their script ran. Canary payloads point at a
// web server on this machine that records every request it gets.
// Nothing may run, load or navigate; the editor holds no <script>, on* attribute, javascript:
// link or frame; typed text is shown as text. Saved, the app closed and reopened: all intact.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { Key } from "webdriverio";
import {
  chooseFile,
  E2E_DIR,
  launch,
  openStoryId,
  OUTPUT_DIR,
  pageErrors,
  pasteIntoBody,
  pasteTextIntoBody,
  sel,
  setFieldText,
  thumbIds,
  TIMEOUT,
  typeText,
  waitSaved,
} from "../lib/app.mjs";

const PAYLOAD_FILE = path.resolve(E2E_DIR, "../fixtures/xss-payloads.txt");
// One payload a line, as the core's export test reads the file (empty lines skipped).
const PAYLOADS = readFileSync(PAYLOAD_FILE, "utf8")
  .split("\n")
  .filter((l) => l !== "");
const JOINED = PAYLOADS.join(" | ");
/** Typed with real key presses (printable ASCII only: keys cannot type control characters). */
const TYPED = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "<svg/onload=alert(1)>", "javascript:alert(1)", '<img src=x onerror="window.__xss=1">'];
const IPTC_FILE = path.resolve(E2E_DIR, "../fixtures/photos/IPTC-PhotometadataRef-Std2017.1.jpg");
const RELATED_URL = "https://example.org/related";
/** What a browser shows of a text: payloads with control characters are compared without them. */
// eslint-disable-next-line no-control-regex
const printable = (t) => !/[\u0000-\u001f\u007f]/.test(t);
const LONG = Math.max(TIMEOUT, 60_000);

// A canary web server on this machine: payloads that would load, frame, refresh to, post to or
// fetch from it. It records every request; the webview must send none. (WebKitGTK keeps no
// Resource Timing entries for the app's own schemes, and the CSP blocks http(s) loads before they
// become entries, so this is the network tripwire that does not depend on the page.)
const canaryHits = [];
let canary;
let CANARIES = [];

function canaryPayloads(base) {
  return [
    `<img src="${base}/img">`,
    `<img srcset="${base}/srcset 1x">`,
    `<link rel=stylesheet href="${base}/css">`,
    `<div style="background:url(${base}/bg)">bg</div>`,
    `<style>@import "${base}/import";</style>`,
    `<iframe src="${base}/frame"></iframe>`,
    `<meta http-equiv="refresh" content="0;url=${base}/refresh">`,
    `<video poster="${base}/poster"></video>`,
    `<svg><image href="${base}/svgimage"/></svg>`,
    `<object data="${base}/object"></object>`,
    `<script src="${base}/script"></script>`,
    `<form action="${base}/form" method=post><button>go</button></form>`,
    `<base href="${base}/base/"><img src="relative.png">`,
    `<img src=x onerror="fetch('${base}/fetch')">`,
    `<a href="${base}/link">a link is shown, never followed</a>`,
  ];
}

let app;
before(async () => {
  canary = http.createServer((req, res) => {
    canaryHits.push(`${req.method} ${req.url}`);
    res.writeHead(204).end();
  });
  await new Promise((r) => canary.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${canary.address().port}`;
  CANARIES = canaryPayloads(base);
  // The canary itself records (a request from here, not from the app).
  await fetch(`${base}/self-check`);
  assert.deepEqual(canaryHits.splice(0), ["GET /self-check"], "the canary server records requests");
  app = await launch("xss");
});
after(async () => {
  await app?.stop();
  canary?.close();
});

/**
 * Installs the tripwires: dialogs count their calls, the address is noted, every resource the page
 * loads from now on is recorded (PerformanceObserver, buffer enlarged), CSP violations too.
 */
function install(browser) {
  return browser.execute(() => {
    const w = window;
    // The page itself, without the hash: the app's own routes (#/story/…) change the hash only.
    w.__tripwire = { alert: 0, confirm: 0, prompt: 0, href: location.href.split("#")[0], csp: [], resources: [] };
    w.__xss = undefined;
    for (const name of ["alert", "confirm", "prompt"]) {
      w[name] = () => {
        w.__tripwire[name] += 1;
        return null;
      };
    }
    performance.setResourceTimingBufferSize?.(100_000);
    w.__tripwire.resourcesBefore = performance.getEntriesByType("resource").length;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__tripwire.resources.push(e.name);
    }).observe({ type: "resource", buffered: false });
    document.addEventListener("securitypolicyviolation", (e) => w.__tripwire.csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    return true;
  });
}

/** Proves the tripwires fire: a dialog call is counted, an outside image meets the CSP. Then resets them. */
async function selfTest(browser) {
  const result = await browser.executeAsync((done) => {
    const t = window.__tripwire;
    window.alert("control");
    const alerted = t.alert === 1;
    const img = new Image();
    img.src = "https://example.org/tripwire-control.png";
    const until = Date.now() + 5000;
    const wait = () => {
      if (t.csp.length > 0 || Date.now() > until) {
        const csp = [...t.csp];
        t.alert = 0;
        t.csp.length = 0;
        t.resources.length = 0;
        done({ alerted, csp });
      } else setTimeout(wait, 50);
    };
    wait();
  });
  assert.ok(result.alerted, "the alert tripwire counts calls");
  assert.ok(result.csp.some((c) => c.includes("example.org")), `the CSP tripwire hears a blocked outside image: ${JSON.stringify(result.csp)}`);
}

/** Reads the tripwires and audits the DOM: what ran, loaded, navigated, or is active in the page. */
function audit(browser) {
  return browser.execute(() => {
    const t = window.__tripwire;
    if (!t) return { reloaded: true };
    const own = /^(?:(?:tauri|ipc|photo):\/\/localhost\/|http:\/\/(?:tauri|ipc|photo)\.localhost\/)/;
    const entries = performance.getEntriesByType("resource").map((e) => e.name);
    const foreign = [...new Set([...t.resources, ...entries])].filter((n) => !own.test(n));
    const problems = [];
    const appRoot = document.getElementById("app");
    for (const s of document.querySelectorAll("script")) {
      if (!s.src || !own.test(s.src)) problems.push(`script element: ${s.outerHTML.slice(0, 100)}`);
    }
    for (const el of document.querySelectorAll("base, meta[http-equiv]:not([http-equiv='Content-Security-Policy' i]), iframe, frame, frameset, object, embed, applet, portal")) {
      problems.push(`<${el.localName}> in the page: ${el.outerHTML.slice(0, 100)}`);
    }
    for (const el of appRoot.querySelectorAll("*")) {
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) problems.push(`${a.name} attribute on <${el.localName}>`);
        if (/^(href|src|action|formaction|xlink:href|data|poster|background|srcdoc|srcset)$/i.test(a.name)) {
          const v = a.value.replace(/[\u0000-\u0020]/g, "").toLowerCase();
          if (/^(javascript|vbscript|data|file):/.test(v) || a.name.toLowerCase() === "srcdoc") problems.push(`${a.name}="${a.value.slice(0, 60)}" on <${el.localName}>`);
          if (/^src(set)?$/i.test(a.name) && !own.test(a.value)) problems.push(`${a.name}="${a.value.slice(0, 60)}" loads from outside the app`);
        }
      }
    }
    const body = document.querySelector("[data-testid='body']");
    if (body) {
      for (const el of body.querySelectorAll("script, style, link, svg, math, form, input, button, textarea, select, img:not([src^='photo:']):not([src^='http://photo.localhost']), video, audio, picture, source, template, noscript, xmp, marquee, details")) {
        problems.push(`<${el.localName}> inside the story body`);
      }
      for (const a of body.querySelectorAll("a")) {
        const href = a.getAttribute("href") ?? "";
        if (!/^(https?:\/\/[^\s]+|mailto:[^\s]+|story:[0-9a-f-]{36})$/i.test(href)) problems.push(`body link with href "${href.slice(0, 60)}"`);
        for (const attr of a.getAttributeNames()) if (!["href", "rel", "title", "class"].includes(attr)) problems.push(`body link with a ${attr} attribute`);
      }
      for (const el of body.querySelectorAll("[id], [name]")) problems.push(`<${el.localName}> with id/name "${el.id || el.getAttribute("name")}" inside the body`);
    }
    if (typeof window.__TAURI_INTERNALS__?.invoke !== "function") problems.push("window.__TAURI_INTERNALS__ was clobbered");
    return {
      reloaded: false,
      alert: t.alert,
      confirm: t.confirm,
      prompt: t.prompt,
      xss: window.__xss ?? null,
      hrefBefore: t.href,
      href: location.href.split("#")[0],
      foreign,
      csp: t.csp,
      resourceEntries: entries.length,
      problems,
    };
  });
}

async function assertClean(browser, where) {
  const a = await audit(browser);
  assert.equal(a.reloaded, false, `${where}: the page was reloaded or replaced (the tripwires are gone)`);
  assert.deepEqual({ alert: a.alert, confirm: a.confirm, prompt: a.prompt }, { alert: 0, confirm: 0, prompt: 0 }, `${where}: a dialog was called`);
  assert.equal(a.xss, null, `${where}: window.__xss was set: a payload's script ran`);
  assert.equal(a.href, a.hrefBefore, `${where}: the page navigated`);
  assert.deepEqual(a.foreign, [], `${where}: resources loaded from outside the app`);
  assert.deepEqual(a.problems, [], `${where}: active content in the page`);
  assert.deepEqual(a.csp, [], `${where}: the content security policy had to block something`);
  assert.deepEqual(canaryHits, [], `${where}: the webview sent a request to the canary server`);
  return a;
}

/** The story body's text, one string per block. */
function bodyBlocks(browser) {
  return browser.execute(() => Array.from(document.querySelectorAll("[data-testid='body'] > *"), (b) => b.textContent));
}

test(`${PAYLOADS.length} hostile payloads pasted and typed into a story run nothing, load nothing, and stay text`, async () => {
  assert.ok(PAYLOADS.length >= 110, `at least 110 payloads in ${PAYLOAD_FILE}: ${PAYLOADS.length}`);
  assert.ok(PAYLOADS.filter((p) => p.includes("__xss")).length >= 40, "many payloads would set window.__xss");
  let browser = app.browser;

  await (await browser.$(sel("new-story"))).click();
  const headline = await browser.$(sel("headline"));
  await headline.waitForExist({ timeout: TIMEOUT });
  await browser.$(sel("body")).waitForExist({ timeout: TIMEOUT });
  const storyId = await openStoryId(browser);
  await install(browser);
  await selfTest(browser);

  // ------------------------------------------------------------ real keys: headline and byline
  await headline.click();
  await typeText(browser, TYPED.join(" "));
  assert.equal(await headline.getValue(), TYPED.join(" "), "the headline holds what was typed, as text");
  const byline = await browser.$(sel("byline"));
  await byline.click();
  await typeText(browser, TYPED.slice(0, 3).join(" "));
  assert.equal(await byline.getValue(), TYPED.slice(0, 3).join(" "));
  await assertClean(browser, "after typing into the headline and byline");

  // ------------------------------------------------------------ the body: every payload pasted as HTML
  await (await browser.$(sel("body"))).click();
  await browser.keys([Key.Ctrl, "End"]);
  const methods = new Set();
  for (let i = 0; i < PAYLOADS.length; i++) {
    // The marker goes first: a payload may swallow what follows it (<iframe>, <xmp>, <title>…).
    methods.add(await pasteIntoBody(browser, `<p>xss-html-${i}</p>${PAYLOADS[i]}`, `xss-html-${i} ${PAYLOADS[i]}`));
    if (i % 25 === 24) await assertClean(browser, `after pasting HTML payloads up to #${i}`);
  }
  for (let i = 0; i < CANARIES.length; i++) await pasteIntoBody(browser, `<p>xss-canary-${i}</p>${CANARIES[i]}`, CANARIES[i]);
  const htmlBlocks = (await bodyBlocks(browser)).join("\n");
  for (let i = 0; i < PAYLOADS.length; i++) assert.ok(htmlBlocks.includes(`xss-html-${i}`), `the paste of payload #${i} reached the body`);
  await assertClean(browser, "after pasting every payload as HTML");

  // ------------------------------------------------------------ the body: every payload pasted as text
  for (let i = 0; i < PAYLOADS.length; i++) {
    methods.add(await pasteTextIntoBody(browser, `xss-text-${i} ${PAYLOADS[i]}`));
    await browser.keys(Key.Enter);
  }
  const textBody = (await bodyBlocks(browser)).join("\n");
  for (let i = 0; i < PAYLOADS.length; i++) {
    if (printable(PAYLOADS[i])) assert.ok(textBody.includes(`xss-text-${i} ${PAYLOADS[i]}`), `payload #${i} pasted as text shows as text: ${PAYLOADS[i]}`);
    else assert.ok(textBody.includes(`xss-text-${i}`), `payload #${i} pasted as text reached the body`);
  }
  await assertClean(browser, "after pasting every payload as text");

  // ------------------------------------------------------------ headline and byline: each payload, then all of them
  for (const field of ["headline", "byline"]) {
    for (const p of [...PAYLOADS, ...CANARIES]) assert.equal(await setFieldText(browser, sel(field), p), p);
    assert.equal(await setFieldText(browser, sel(field), JOINED), JOINED);
  }
  await assertClean(browser, "after typing every payload into the headline and byline");
  await waitSaved(browser);

  // ------------------------------------------------------------ a photo: caption and alt text
  await (await browser.$(sel("photos-button"))).click();
  await browser.$(sel("photos-panel")).waitForDisplayed({ timeout: TIMEOUT });
  const beforeThumbs = await thumbIds(browser);
  await chooseFile(browser, IPTC_FILE, beforeThumbs);
  let useId = null;
  await browser.waitUntil(
    async () => {
      useId = (await thumbIds(browser)).find((id) => !beforeThumbs.includes(id)) ?? null;
      return useId !== null;
    },
    { timeout: LONG, interval: 300, timeoutMsg: `the photo was not attached (page errors: ${await pageErrors(browser)})` },
  );
  const thumb = await browser.$(`${sel("photo-thumb")}[data-use="${useId}"]`);
  if ((await thumb.getAttribute("aria-selected")) !== "true") await thumb.click();
  const editor = await browser.$(`${sel("caption-editor")}[data-use="${useId}"]`);
  await editor.waitForDisplayed({ timeout: TIMEOUT });
  for (const field of ["use-caption", "use-alt"]) {
    const q = `${sel("caption-editor")}[data-use="${useId}"] ${sel(field)}`;
    for (const p of [...PAYLOADS, ...CANARIES]) assert.equal(await setFieldText(browser, q, p), p);
    assert.equal(await setFieldText(browser, q, JOINED), JOINED);
  }
  await (await editor.$(sel("use-credit"))).click(); // leaving the fields saves them
  await browser.waitUntil(async () => (await (await editor.$(sel("use-saved"))).getAttribute("data-state")) === "saved", {
    timeout: TIMEOUT,
    timeoutMsg: `the caption and alt text did not save (page errors: ${await pageErrors(browser)})`,
  });
  await assertClean(browser, "after typing every payload into a caption and an alt text");

  // ------------------------------------------------------------ a related post's title (a web page)
  await (await browser.$(sel("related-button"))).click();
  await browser.$(sel("related-panel")).waitForDisplayed({ timeout: TIMEOUT });
  const relatedTitles = [PAYLOADS.find((p) => p.startsWith("<script>")), PAYLOADS.find((p) => p.includes("onerror=\"window.__xss")), JOINED];
  for (const [i, title] of relatedTitles.entries()) {
    await setFieldText(browser, sel("related-url"), `${RELATED_URL}/${i}`);
    assert.equal(await setFieldText(browser, sel("related-title-input"), title), title);
    await (await browser.$(sel("related-add-link"))).click();
    await browser.waitUntil(async () => (await browser.$$(sel("related-item"))).length === i + 1, {
      timeout: TIMEOUT,
      timeoutMsg: `related post ${i} was not added (page errors: ${await pageErrors(browser)})`,
    });
  }
  const shownTitles = await browser.execute(() => Array.from(document.querySelectorAll("[data-testid='related-title']"), (t) => t.textContent));
  assert.deepEqual(shownTitles, relatedTitles.map((t) => t.trim()), "related titles show as text");
  await assertClean(browser, "after typing payloads into related post titles");

  // ------------------------------------------------------------ shown as text where they are shown
  const leadCaption = await browser.execute(() => document.querySelector("[data-testid='lead-caption'] .caption")?.textContent ?? null);
  assert.equal(leadCaption, JOINED.trim(), "the lead photo's caption shows the payloads as text");
  const alt = await browser.execute(() => document.querySelector("[data-testid='lead-photo-img']")?.getAttribute("alt") ?? null);
  assert.equal(alt, JOINED.trim(), "the alt text is the payloads, as an attribute value");
  await waitSaved(browser);
  const results = { payloads: PAYLOADS.length, settingXss: PAYLOADS.filter((p) => p.includes("__xss")).length, pasteMethods: [...methods] };

  // ------------------------------------------------------------ the library shows the headline as text
  await browser.keys(Key.Escape);
  await (await browser.$(sel("back"))).click();
  const row = await browser.$(`${sel("story-row")}[data-id="${storyId}"]`);
  await row.waitForExist({ timeout: TIMEOUT });
  const rowHeadline = await browser.execute((r) => r.querySelector(".headline").textContent, row);
  assert.equal(rowHeadline, JOINED, "the library row shows the headline as text");
  await assertClean(browser, "in the library view");

  // ------------------------------------------------------------ closed and reopened: intact, still inert
  browser = await app.restart();
  await install(browser);
  await selfTest(browser);
  await (await browser.$(`${sel("story-row")}[data-id="${storyId}"]`)).waitForExist({ timeout: TIMEOUT });
  await (await browser.$(`${sel("story-row")}[data-id="${storyId}"]`)).click();
  await browser.$(sel("headline")).waitForExist({ timeout: TIMEOUT });
  await browser.waitUntil(async () => (await browser.$(sel("headline")).getValue()) === JOINED, {
    timeout: TIMEOUT,
    timeoutMsg: "the headline did not come back intact",
  });
  assert.equal(await browser.$(sel("byline")).getValue(), JOINED);
  await browser.waitUntil(async () => (await bodyBlocks(browser)).join("\n").includes(`xss-text-${PAYLOADS.length - 1}`), {
    timeout: TIMEOUT,
    timeoutMsg: "the body did not come back",
  });
  const reloaded = (await bodyBlocks(browser)).join("\n");
  for (let i = 0; i < PAYLOADS.length; i++) {
    assert.ok(reloaded.includes(`xss-html-${i}`), `after the restart the body still has paste #${i}`);
    if (printable(PAYLOADS[i])) assert.ok(reloaded.includes(`xss-text-${i} ${PAYLOADS[i]}`), `after the restart payload #${i} is still text`);
  }
  assert.equal(reloaded, textBody, "the body came back exactly as it was saved");
  assert.equal(await browser.execute(() => document.querySelector("[data-testid='lead-caption'] .caption")?.textContent ?? null), JOINED.trim());
  await (await browser.$(sel("related-button"))).click();
  await browser.$(sel("related-panel")).waitForDisplayed({ timeout: TIMEOUT });
  await browser.waitUntil(async () => (await browser.$$(sel("related-item"))).length === relatedTitles.length, { timeout: TIMEOUT });
  assert.deepEqual(
    await browser.execute(() => Array.from(document.querySelectorAll("[data-testid='related-title']"), (t) => t.textContent)),
    relatedTitles.map((t) => t.trim()),
  );
  await (await browser.$(sel("revisions-button"))).click();
  await browser.$(sel("revisions-drawer")).waitForDisplayed({ timeout: TIMEOUT });
  await (await browser.$(sel("revision-row"))).click();
  await browser.$(sel("revision-preview")).waitForDisplayed({ timeout: TIMEOUT });
  const audited = await assertClean(browser, "after a restart, with the story, its photo, related posts and a revision preview shown");
  // Every request that reached the canary server (there must be none).
  assert.deepEqual(canaryHits, [], "a payload made the webview request the canary server");
  results.canaryPayloads = CANARIES.length;
  results.resourceEntries = audited.resourceEntries;
  results.csp = audited.csp.length;
  writeFileSync(path.join(OUTPUT_DIR, "xss-results.json"), `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    `xss: ${results.payloads} payloads (${results.settingXss} would set window.__xss) and ${results.canaryPayloads} canary payloads, ` +
      `pasted via ${results.pasteMethods.join(", ")}: nothing ran, loaded or navigated; the canary server got no request`,
  );
});
