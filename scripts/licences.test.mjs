// The licence generator on the real trees: node --test scripts/licences.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SCRIPT = join(ROOT, "scripts", "licences.mjs");
const OUT = join(ROOT, "ui", "src", "generated", "third-party.json");

const work = mkdtempSync(join(tmpdir(), "licences-"));
const notices = join(work, "THIRD-PARTY-NOTICES");
const summary = execFileSync(process.execPath, [SCRIPT, "--text", notices], { encoding: "utf8" });
const json = readFileSync(OUT, "utf8");
const data = JSON.parse(json);
const text = readFileSync(notices, "utf8");
process.on("exit", () => rmSync(work, { recursive: true, force: true }));

const group = (id) => data.groups.find((g) => g.id === id);
const find = (id, name) => group(id).packages.filter((p) => p.name === name);
const everywhere = (name) => data.groups.flatMap((g) => g.packages).filter((p) => p.name === name);
const squash = (t) => t.replace(/\s+/g, " ").trim();

test("prints a one-line summary with the counts", () => {
  assert.match(summary.trim(), /^licences: \d+ Rust crates and Byline, \d+ npm packages, \d+ assets; \d+ distinct texts; .*third-party\.json \d+ bytes; .* \d+ bytes$/);
});

test("three groups, in order, each with packages", () => {
  assert.deepEqual(data.groups.map((g) => g.id), ["rust", "npm", "assets"]);
  for (const g of data.groups) assert.ok(g.packages.length > 0, g.id);
});

test("the Rust crates linked into the programs are there, with their texts", () => {
  const [serde] = find("rust", "serde");
  assert.ok(serde, "serde");
  assert.match(serde.licence, /MIT/);
  assert.ok(serde.texts.some((i) => /Permission is hereby granted/.test(data.texts[i])), "serde's MIT text");
  assert.equal(find("rust", "tauri").length, 1);
  assert.ok(find("rust", "harper-core").length > 0);
});

test("Byline itself is listed once, under the workspace's licence", () => {
  const own = data.groups.flatMap((g) => g.packages).filter((p) => /^byline/i.test(p.name));
  assert.deepEqual(own.map((p) => [p.name, p.licence]), [["Byline", "MIT"]]);
});

test("no dev, build-only or proc-macro crate, nor a feature that no build turns on", () => {
  for (const name of ["criterion", "serde_derive", "thiserror-impl", "cc", "pkg-config", "jsonschema", "burn-cuda"]) {
    assert.deepEqual(everywhere(name), [], name);
  }
});

test("the UI's bundled npm packages are there; its tooling is not", () => {
  for (const name of ["dompurify", "svelte", "@tiptap/core", "prosemirror-view", "@tauri-apps/api"]) assert.equal(find("npm", name).length, 1, name);
  for (const name of ["vitest", "vite", "jsdom", "svelte-check", "typescript", "@tauri-apps/cli", "esbuild"]) assert.deepEqual(everywhere(name), [], name);
  const [dompurify] = find("npm", "dompurify");
  assert.ok(dompurify.texts.length > 0);
});

test("every package has a licence expression or a text, and every reference is a text", () => {
  for (const g of data.groups) {
    for (const p of g.packages) {
      assert.ok(p.licence.trim() !== "" || p.texts.length > 0, `${g.id} ${p.name} ${p.version}`);
      for (const i of p.texts) assert.ok(Number.isInteger(i) && i >= 0 && i < data.texts.length, `${p.name} refers to text ${i}`);
    }
  }
});

test("each text is stored once and used", () => {
  const squashed = data.texts.map(squash);
  assert.equal(new Set(squashed).size, squashed.length);
  const used = new Set(data.groups.flatMap((g) => g.packages.flatMap((p) => p.texts)));
  assert.equal(used.size, data.texts.length);
});

test("the assets' licences are read from their files", () => {
  const stored = new Set(data.texts.map(squash));
  const has = (path) => stored.has(squash(readFileSync(join(ROOT, path), "utf8").replace(/^\uFEFF/, "")));
  const dictionaries = readdirSync(join(ROOT, "assets", "dictionaries"), { withFileTypes: true }).filter((e) => e.isDirectory());
  assert.ok(dictionaries.length >= 6);
  for (const d of dictionaries) {
    assert.ok(has(`assets/dictionaries/${d.name}/COPYING`), `${d.name}'s COPYING`);
    assert.ok(group("assets").packages.some((p) => p.name.includes(`dictionary ${d.name} `)), `${d.name} listed`);
  }
  for (const path of ["assets/fonts/LICENSE.md", "assets/gazetteer/README.md", "assets/sample/LICENSE-lead-photo.md"]) assert.ok(has(path), path);
  const [fonts] = group("assets").packages;
  assert.match(fonts.licence, /Open Font License/);
});

test("the same input gives the same bytes", () => {
  execFileSync(process.execPath, [SCRIPT], { encoding: "utf8" });
  assert.equal(readFileSync(OUT, "utf8"), json);
});

test("the plain-text notices name every package and hold every text", () => {
  for (const g of data.groups) for (const p of g.packages) if (p.name !== "Byline") assert.ok(text.includes(`\n${p.name} ${p.version}`.trimEnd()), p.name);
  for (const t of data.texts) assert.ok(text.includes(t), t.slice(0, 60));
});

test("fails loudly when cargo cannot be run", () => {
  const r = spawnSync(process.execPath, [SCRIPT], { encoding: "utf8", env: { ...process.env, PATH: work } });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /licences\.mjs: (rustc|cargo)/);
  // The real output is left as it was.
  assert.equal(readFileSync(OUT, "utf8"), json);
});
