// The load spec's helpers: the big story (text from a fixed seed, distinct photos), the in-page
// probes that time key presses and opening (run unchanged in the app's WebKit and in headless
// Chromium), a static server for ui/dist, and the figures.
import { createServer } from "node:http";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

// ---------------------------------------------------------------- the story

/** A small deterministic PRNG (mulberry32): the same seed gives the same story everywhere. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SUBJECTS = [
  "The council", "The mayor", "Residents", "The transport authority", "Union leaders", "The finance committee",
  "Local businesses", "The harbour board", "Opposition members", "The health service", "Teachers", "The regional court",
  "Police", "The fire brigade", "Farmers in the valley", "The university", "Engineers", "The auditor",
];
const VERBS = [
  "said on Tuesday that", "warned that", "confirmed that", "argued that", "told reporters that", "insisted that",
  "announced that", "wrote in a letter that", "admitted that", "estimated that", "agreed that", "denied that",
];
const CLAUSES = [
  "the new tram line would open two years later than planned",
  "the budget for road repairs had been spent by the end of the summer",
  "more than four hundred families were still waiting for a decision on their housing applications",
  "the flood barriers along the river had held during the storm",
  "the cost of the bridge had risen by a third since the contract was signed",
  "the night buses would keep running through the winter",
  "the school on the hill would need a new roof before the spring term",
  "water bills would rise by six percent from January",
  "the old market hall could be turned into a library and a music school",
  "the number of visitors to the harbour museum had doubled",
  "the hospital had hired forty nurses since the start of the year",
  "the plan for the northern estate had been approved with changes",
  "inspectors had found cracks in the concrete of the car park",
  "the ferry timetable would change after the holidays",
  "the police station in the old town would stay open at night",
  "recycling rates had fallen for the first time in a decade",
];
const TAILS = [
  "", "", "", ", according to figures seen by this newspaper", ", though no date was given", ", a year after the last review",
  ", despite objections from neighbours", ", in a vote of 31 to 18", ", while the talks go on", ", pending a final report",
];
const HEADINGS = [
  "What the council decided", "Money and the budget", "The view from the harbour", "Who pays for the bridge",
  "A long winter ahead", "Schools and teachers", "Housing on the northern estate", "What happens next",
  "The river and the storm", "Voices from the market", "The numbers behind the plan", "Transport in the valley",
];

function sentence(r) {
  const pick = (list) => list[Math.floor(r() * list.length)];
  return `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(CLAUSES)}${pick(TAILS)}.`;
}

const countWords = (s) => s.split(/\s+/u).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;

/**
 * The load story as Markdown: news paragraphs from the seed until the body has at least `words`
 * words, a level-2 heading every 24 paragraphs, a link in every 15th paragraph. Returns the Markdown and how many blocks the
 * body will have (paragraphs + headings).
 */
export function storyMarkdown({ seed = 20_000, words = 20_000, headline } = {}) {
  const r = rng(seed);
  const blocks = [];
  let total = 0;
  let paragraphs = 0;
  let links = 0;
  while (total < words) {
    if (paragraphs > 0 && paragraphs % 24 === 0) {
      const h = HEADINGS[(paragraphs / 24 - 1) % HEADINGS.length];
      blocks.push(`## ${h}`);
      total += countWords(h);
    }
    const n = 2 + Math.floor(r() * 3);
    let p = Array.from({ length: n }, () => sentence(r)).join(" ");
    if (paragraphs % 15 === 7) {
      links += 1;
      p += ` The [full report](https://news.example.org/reports/${links}) is online.`;
    }
    blocks.push(p);
    total += countWords(p);
    paragraphs += 1;
  }
  const md = `---\nheadline: ${JSON.stringify(headline)}\nkicker: "Load test"\nbyline: "Byline staff"\n---\n\n${blocks.join("\n\n")}\n`;
  return { markdown: md, blocks: blocks.length, paragraphs, links, words: total };
}

/**
 * `count` distinct JPEGs from the fixtures: each copy gets a JPEG comment segment (COM) right
 * after SOI naming its number, so every file has its own bytes and its own SHA-256.
 */
export async function distinctJpegs(fixtures, count, dir) {
  const sources = await Promise.all(fixtures.map((f) => readFile(f)));
  const files = [];
  for (let i = 0; i < count; i++) {
    const src = sources[i % sources.length];
    if (src[0] !== 0xff || src[1] !== 0xd8) throw new Error(`not a JPEG: ${fixtures[i % fixtures.length]}`);
    const text = Buffer.from(`Byline load test photo ${i + 1} of ${count}`, "latin1");
    const com = Buffer.alloc(4 + text.length);
    com[0] = 0xff;
    com[1] = 0xfe;
    com.writeUInt16BE(text.length + 2, 2);
    text.copy(com, 4);
    const file = path.join(dir, `load-${String(i + 1).padStart(2, "0")}.jpg`);
    await writeFile(file, Buffer.concat([src.subarray(0, 2), com, src.subarray(2)]));
    files.push(file);
  }
  return files;
}

// ---------------------------------------------------------------- in-page probes
// These functions are sent to the page (WebDriver execute / Playwright evaluate): they must not
// close over anything.

/**
 * Installs the key probe: for every keydown (capture, on window, so before the editor), a mark
 * at the event's timeStamp and, in the next animation frame, a measure `load-key-N` from there to
 * performance.now() in the requestAnimationFrame callback; and one more after that frame has
 * been rendered (a message posted from the frame callback: `load-key-N-painted`).
 */
export function installKeyProbe() {
  if (window.__loadProbe) return "already";
  const probe = { keys: [], armed: false, userTiming: true, eventStamps: 0 };
  window.__loadProbe = probe;
  window.addEventListener(
    "keydown",
    (e) => {
      if (!probe.armed) return;
      const now = performance.now();
      // The event's own time stamp (when the input arrived), if it is on the performance.now()
      // clock; otherwise the time this handler ran.
      const fromEvent = e.timeStamp > 0 && e.timeStamp <= now + 1 && now - e.timeStamp < 10_000;
      const start = fromEvent ? e.timeStamp : now;
      if (fromEvent) probe.eventStamps += 1;
      const n = probe.keys.length;
      const rec = { key: e.key, start, handler: now - start, beforeinput: null, input: null, task: null, frame: null, painted: null };
      probe.keys.push(rec);
      // When the key's own task (the editor's handling of it) is over, if that comes before the
      // frame: how much of the wait is script rather than rendering.
      const after = new MessageChannel();
      after.port1.onmessage = () => {
        rec.task = performance.now() - start;
        after.port1.close();
      };
      after.port2.postMessage(0);
      const measure = (name, end) => {
        try {
          performance.mark(`load-key-${n}-down`, { startTime: start });
          return performance.measure(name, { start, end }).duration;
        } catch {
          probe.userTiming = false;
          return end - start;
        }
      };
      requestAnimationFrame(() => {
        rec.frame = measure(`load-key-${n}`, performance.now());
        const ch = new MessageChannel();
        ch.port1.onmessage = () => {
          rec.painted = measure(`load-key-${n}-painted`, performance.now());
          ch.port1.close();
        };
        ch.port2.postMessage(0);
      });
    },
    { capture: true },
  );
  // Saves while armed ("Saving…" in the status bar until it says something else), to tell the
  // keys that met a save from the others.
  probe.saves = [];
  new MutationObserver(() => {
    if (!probe.armed) return;
    const text = document.querySelector("[data-testid='save-state']")?.textContent ?? "";
    const last = probe.saves[probe.saves.length - 1];
    if (text.startsWith("Saving")) {
      if (!last || last.end !== null) probe.saves.push({ start: performance.now(), end: null });
    } else if (last && last.end === null) last.end = performance.now();
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
  // The copy desk's checks (its top-bar button is aria-busy while one runs): all of them in
  // `checkLog`, and those while armed in `checks`, to tell the keys that met a check from the others.
  probe.checks = [];
  probe.checkLog = [];
  new MutationObserver(() => {
    const busy = document.querySelector("[data-testid='copy-desk-button']")?.getAttribute("aria-busy") === "true";
    for (const list of probe.armed ? [probe.checks, probe.checkLog] : [probe.checkLog]) {
      const last = list[list.length - 1];
      if (busy) {
        if (!last || last.end !== null) list.push({ start: performance.now(), end: null });
      } else if (last && last.end === null) last.end = performance.now();
    }
  }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ["aria-busy"] });
  // The browser's own editing step: beforeinput (before it changes the DOM) and input (after).
  for (const type of ["beforeinput", "input"]) {
    window.addEventListener(
      type,
      () => {
        const rec = probe.armed ? probe.keys[probe.keys.length - 1] : null;
        if (rec && rec[type] === null && rec.frame === null) rec[type] = performance.now() - rec.start;
      },
      { capture: true },
    );
  }
  return "installed";
}

/**
 * The page's frame interval while idle: the median gap between `n` requestAnimationFrame
 * callbacks (16.7 ms at 60 Hz). `done` as in timeOpening.
 */
export function frameInterval(n, done) {
  const finish = typeof done === "function" ? done : () => {};
  return new Promise((resolve) => {
    const times = [];
    const step = (t) => {
      times.push(performance.now());
      if (times.length <= n) requestAnimationFrame(step);
      else {
        const gaps = times.slice(1).map((x, i) => x - times[i]).sort((a, b) => a - b);
        const median = Math.round(gaps[Math.floor(gaps.length / 2)] * 10) / 10;
        resolve(median);
        finish(median);
      }
    };
    requestAnimationFrame(step);
  });
}

/**
 * How fast the page's script engine does the editor's own work: the mean time of
 * `editor.getJSON()` on the open body (TipTap keeps the editor on its DOM node), over 10 runs.
 */
export function getJsonMs() {
  const editor = document.querySelector("[data-testid='body']")?.editor;
  if (!editor) return null;
  editor.getJSON();
  const t0 = performance.now();
  for (let i = 0; i < 10; i++) editor.getJSON();
  return Math.round(((performance.now() - t0) / 10) * 100) / 100;
}

/** Arms (or disarms) the key probe and forgets earlier keys. */
export function armKeyProbe(on) {
  const p = window.__loadProbe;
  p.armed = on;
  if (on) {
    p.keys = [];
    p.saves = [];
    // A check already under way counts from now.
    const busy = document.querySelector("[data-testid='copy-desk-button']")?.getAttribute("aria-busy") === "true";
    p.checks = busy ? [{ start: performance.now(), end: null }] : [];
    p.eventStamps = 0;
    performance.clearMeasures();
    performance.clearMarks();
  }
  return !!p;
}

/**
 * Waits in the page until `n` keys have their figures (polled on a 2 ms timer: no WebDriver or
 * CDP round trip per poll); resolves true, or false after 10 s. `done` as in timeOpening.
 */
export function waitKeysDone(n, done) {
  const finish = typeof done === "function" ? done : () => {};
  return new Promise((resolve) => {
    const until = performance.now() + 10_000;
    const check = () => {
      const ready = window.__loadProbe.keys.filter((k) => k.painted !== null).length >= n;
      if (ready || performance.now() > until) {
        resolve(ready);
        finish(ready);
      } else setTimeout(check, 2);
    };
    check();
  });
}

/** How long each copy-desk check from the `from`-th on took, in ms (null: still running). */
export function checkTimes(from) {
  return window.__loadProbe.checkLog.slice(from).map((c) => (c.end === null ? null : c.end - c.start));
}

/** How many copy-desk checks have started. */
export function checkCount() {
  return window.__loadProbe.checkLog.length;
}

/** What the probe recorded. */
export function keyResults() {
  const p = window.__loadProbe;
  // A key "met a save" (or a copy-desk check) when one was under way at some point between the
  // key and its frame.
  const met = (list, k) => list.some((s) => s.start <= k.start + (k.frame ?? 0) && (s.end === null || s.end >= k.start));
  for (const k of p.keys) {
    k.duringSave = met(p.saves, k);
    k.duringCheck = met(p.checks, k);
  }
  return { keys: p.keys, saves: p.saves, checks: p.checks, userTiming: p.userTiming, eventStamps: p.eventStamps };
}

/**
 * Clicks the library row whose text has `headline` and times the editor's opening: from the
 * click to the body holding `blocks` blocks (`bodyMs`), and to the frame after that has been
 * rendered (`paintedMs`). Resolves through `done` (WebDriver executeAsync passes it last;
 * Playwright's evaluate awaits the returned promise).
 */
export function timeOpening(headline, blocks, done) {
  const finish = typeof done === "function" ? done : () => {};
  return new Promise((resolve) => {
    const out = (v) => {
      resolve(v);
      finish(v);
    };
    const row = Array.from(document.querySelectorAll("[data-testid='story-row']")).find((r) => r.innerText.includes(headline));
    if (!row) return out({ error: `no story row with "${headline}"` });
    performance.mark("load-open-start");
    const t0 = performance.now();
    row.click();
    const deadline = t0 + 60_000;
    const poll = () => {
      const body = document.querySelector("[data-testid='body']");
      if (body && body.childElementCount >= blocks) {
        const bodyAt = performance.now();
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => {
            const painted = performance.now();
            let measured = null;
            try {
              measured = performance.measure("load-open", { start: t0, end: painted }).duration;
            } catch {
              /* no User Timing L3: the figures below still stand */
            }
            out({ bodyMs: bodyAt - t0, paintedMs: painted - t0, measured, blocks: body.childElementCount });
          };
          ch.port2.postMessage(0);
        });
        return;
      }
      if (performance.now() > deadline) return out({ error: `the body did not reach ${blocks} blocks (has ${body ? body.childElementCount : "no body"})` });
      setTimeout(poll, 2);
    };
    poll();
  });
}

/**
 * Finds a paragraph near the middle of the body (one without links) and scrolls it to the middle
 * of the view; returns its index among the body's blocks and its text. (No attribute is set on
 * it: ProseMirror would redraw a node whose DOM was changed behind its back.)
 */
export function pickMiddleParagraph() {
  const blocks = Array.from(document.querySelector("[data-testid='body']").children);
  let i = Math.floor(blocks.length / 2);
  while (i < blocks.length && (blocks[i].tagName !== "P" || blocks[i].querySelector("a"))) i++;
  blocks[i].scrollIntoView({ block: "center" });
  return { index: i, text: blocks[i].textContent };
}

/**
 * The next paragraph after block `after` (one without links), for a second place to type in;
 * returns its index among the body's blocks and its text.
 */
export function pickNextParagraph(after) {
  const blocks = Array.from(document.querySelector("[data-testid='body']").children);
  let i = after + 1;
  while (i < blocks.length && (blocks[i].tagName !== "P" || blocks[i].querySelector("a"))) i++;
  return { index: i, text: blocks[i].textContent };
}

/** The CSS selector of the body's block `index`. */
export const blockSelector = (index) => `[data-testid='body'] > :nth-child(${index + 1})`;

/** Moves the caret to the end of block `index` (after the caller's click has focused it). */
export function caretToEnd(index) {
  const p = document.querySelector("[data-testid='body']").children[index];
  const range = document.createRange();
  range.selectNodeContents(p);
  range.collapse(false);
  const sel = window.getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
  return document.activeElement?.dataset?.testid ?? null;
}

/** The text of block `index` now. */
export function blockText(index) {
  return document.querySelector("[data-testid='body']").children[index]?.textContent ?? null;
}

/** The bundle the page runs (the script's file name), to tell both sides run the same one. */
export function bundleName() {
  const s = document.querySelector("script[type='module'][src]");
  return s ? s.getAttribute("src").split("/").pop() : null;
}

// ---------------------------------------------------------------- server, figures

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".woff2": "font/woff2",
  ".json": "application/json",
};

/** Serves `root` (ui/dist) on 127.0.0.1 at a free port; GET only, nothing outside `root`. */
export async function serveStatic(root) {
  const base = path.resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, "http://127.0.0.1");
      const rel = decodeURIComponent(url.pathname === "/" ? "/index.html" : url.pathname);
      const file = path.resolve(base, `.${rel}`);
      if (req.method !== "GET" || !file.startsWith(base + path.sep)) throw Object.assign(new Error("refused"), { status: 403 });
      const bytes = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
      res.end(bytes);
    } catch (err) {
      res.writeHead(err.status ?? 404);
      res.end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) };
}

/** The p-th percentile (nearest rank) of `values`. */
export function percentile(values, p) {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * v.length);
  return v[Math.min(v.length, Math.max(1, rank)) - 1];
}

/** p50, p95, max and mean of a list of milliseconds, rounded to 0.1 ms (nulls for none). */
export function summary(values) {
  if (values.length === 0) return { n: 0, p50: null, p95: null, max: null, mean: null };
  const r = (x) => Math.round(x * 10) / 10;
  return {
    n: values.length,
    p50: r(percentile(values, 50)),
    p95: r(percentile(values, 95)),
    max: r(Math.max(...values)),
    mean: r(values.reduce((a, b) => a + b, 0) / values.length),
  };
}
