// axe-core for the accessibility checks (issue #17: WCAG 2.1 A and AA, zero violations): its
// source, the one set of run options every check uses, and `checkPage(side)`, which injects axe
// into the page a side drives (lib/sides.mjs: Chromium through Playwright, or the real app through
// WebdriverIO) and gives back a compact summary of the violations.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** axe-core's own build, injected as it is. */
export const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
export const AXE_VERSION = require("axe-core/package.json").version;

/** What is checked: the rules axe tags as WCAG 2.0 and 2.1, levels A and AA. */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Rules left out of the check. Each one only with its reason written beside it, e.g.
 *   "some-rule": { enabled: false }, // why this rule cannot apply to Byline, or what checks it instead
 * None is left out.
 */
const RULES_LEFT_OUT = {};

/** The run options, the same for every view, side, theme and size. */
export const AXE_OPTIONS = {
  runOnly: { type: "tag", values: AXE_TAGS },
  rules: RULES_LEFT_OUT,
  // Only what fails (and what axe could not decide) comes back with its nodes.
  resultTypes: ["violations", "incomplete"],
};

/** The rules left out (none yet), for reports. */
export const LEFT_OUT = Object.keys(RULES_LEFT_OUT);

// ---------------------------------------------------------------- in the page
// Sent to the page as source: self-contained.

/** axe's version in the page, or null when it is not there (yet, or after a reload). */
function axeInPage() {
  return typeof window.axe === "object" && window.axe ? window.axe.version : null;
}

/**
 * Runs axe on the whole document with `options` and shortens the answer to what a report needs:
 * per violation the rule, impact, help and its nodes (target selector, failure summary); per
 * undecided ("incomplete") rule its id and how many nodes.
 */
function runAxe(options) {
  const target = (t) => t.map((part) => (Array.isArray(part) ? part.join(" >>> ") : part)).join(" ");
  const summary = (text) =>
    String(text ?? "")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l !== "" && !/^Fix (any|all) of the following:$/.test(l))
      .join("; ");
  return window.axe.run(document, options).then((r) => ({
    url: r.url,
    violations: r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: target(n.target), summary: summary(n.failureSummary), html: String(n.html ?? "").slice(0, 160) })),
    })),
    incomplete: r.incomplete.map((v) => ({ id: v.id, nodes: v.nodes.length })),
  }));
}

// ---------------------------------------------------------------- from Node

/** Injects axe-core into the side's page unless this version is already there. */
export async function injectAxe(side) {
  if ((await side.run(axeInPage)) === AXE_VERSION) return;
  await side.runSource(AXE_SOURCE);
  const there = await side.run(axeInPage);
  if (there !== AXE_VERSION) throw new Error(`axe-core ${AXE_VERSION} could not be injected into the ${side.name}'s page (found ${there})`);
}

/**
 * Checks the page as it is now: `{ violations: [{id, impact, help, helpUrl, nodes: [{target,
 * summary, html}]}], incomplete: [{id, nodes}] }`.
 */
export async function checkPage(side) {
  await injectAxe(side);
  return side.run(runAxe, AXE_OPTIONS);
}

/** How many elements the violations name. */
export const nodeCount = (violations) => violations.reduce((n, v) => n + v.nodes.length, 0);

/** The violations as text, one rule a paragraph and one element a line (for failure messages). */
export function describeViolations(violations, { maxNodes = 8 } = {}) {
  return violations
    .map((v) => {
      const nodes = v.nodes.slice(0, maxNodes).map((n) => `    ${n.target}: ${n.summary}`);
      if (v.nodes.length > maxNodes) nodes.push(`    … and ${v.nodes.length - maxNodes} more`);
      return [`  ${v.id} (${v.impact ?? "no impact given"}, ${v.nodes.length}): ${v.help}`, ...nodes].join("\n");
    })
    .join("\n");
}
