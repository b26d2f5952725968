// The app's native GTK file dialogs, answered from the keyboard as a person would: the dialog's
// home folder first (a GTK dialog opening on Recent ignores a typed path), then the path typed in
// its location bar (Ctrl+L), then Return. Needs xdotool (scripts/setup.sh --with-e2e installs it).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { TIMEOUT } from "./app.mjs";

/** Native dialogs can take a while to appear on two busy cores. */
export const SLOW = Math.max(TIMEOUT, 60_000);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const xdo = (...args) => execFileSync("xdotool", args, { encoding: "utf8" }).trim();

/** Waits for the native dialog titled `title`, and answers it with `typed`. A folder typed with
 * its final slash is selected as it is. */
export async function answerDialog(title, typed) {
  let id = "";
  const deadline = Date.now() + SLOW;
  while (!id && Date.now() < deadline) {
    try {
      id = xdo("search", "--onlyvisible", "--name", title).split("\n")[0];
    } catch {
      await sleep(300);
    }
  }
  assert.ok(id, `the native "${title}" dialog did not open`);
  await sleep(800);
  xdo("windowfocus", id);
  await sleep(300);
  xdo("key", "--clearmodifiers", "alt+Home");
  await sleep(800);
  xdo("key", "--clearmodifiers", "ctrl+l");
  await sleep(300);
  xdo("type", "--delay", "15", typed);
  await sleep(1500);
  xdo("key", "Return");
}
