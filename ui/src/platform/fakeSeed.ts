/**
 * Stories handed to the fake platform from outside, for measuring the UI in a plain browser
 * with the same story the real app shows (tests/e2e/specs/load.test.mjs sets them with an init
 * script before the page loads; the stories come from `byline show --json`). Read from the
 * global `__BYLINE_FAKE_STORIES__`; only entries shaped like a story whose body passes the
 * schema are taken, the rest are reported on the console and left out.
 */
import { validateDoc } from "../lib/docSchema";
import type { Story } from "./types";

export const SEED_GLOBAL = "__BYLINE_FAKE_STORIES__";

function isStoryLike(v: unknown): v is Story {
  if (typeof v !== "object" || v === null) return false;
  const s = v as Record<string, unknown>;
  return (
    typeof s.id === "string" &&
    typeof s.headline === "string" &&
    typeof s.revision === "number" &&
    Array.isArray(s.photos) &&
    typeof s.body === "object" &&
    s.body !== null
  );
}

/** The stories in `from` (default: the global) that can be seeded; none when there is no list. */
export function seededStories(from: unknown = (globalThis as Record<string, unknown>)[SEED_GLOBAL]): Story[] {
  if (!Array.isArray(from)) return [];
  return from.filter((s): s is Story => {
    const problem = isStoryLike(s) ? validateDoc(s.body) : "not a story";
    if (problem) console.error(`fake platform: seeded story left out: ${problem}`);
    return problem === null;
  });
}
