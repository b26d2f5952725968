// Filing from the field: a real WordPress on 127.0.0.1 (tests/servers/wordpress.sh) whose web
// server is down. The journalist adds it as a destination in Settings, sends the sample story
// as published, sees it waiting in the outbox with the reason, the server comes back, and the
// outbox sends it by itself: "Sent" with the post's address, which the site's REST API confirms.
// No keychain here (BYLINE_KEYCHAIN=off): the password is kept for the session.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launch, openStory, pageErrors, screenshot, sel, TIMEOUT, typeText } from "../lib/app.mjs";

const WORDPRESS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../servers/wordpress.sh");
const HEADLINE = "AL Secretary-General calls";

let app;
let site;
let wp;

/** A port free on 127.0.0.1 now. */
function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function wordpress(...args) {
  return execFileSync("bash", [WORDPRESS, ...args], { encoding: "utf8" });
}

before(async () => {
  site = await mkdtemp(path.join(os.tmpdir(), "byline-e2e-wordpress-"));
  wordpress("start", site, String(await freePort()));
  wp = Object.fromEntries(
    (await readFile(path.join(site, "env"), "utf8"))
      .split("\n")
      .filter((l) => l.includes("="))
      .map((l) => l.split(/=(.*)/s).slice(0, 2)),
  );
  // The newsroom's site is down when the story is sent.
  wordpress("stop-web", site);
  app = await launch("publish", {
    prepare: async (env) => {
      env.BYLINE_KEYCHAIN = "off";
    },
  });
});

after(async () => {
  await app?.stop();
  if (site) {
    try {
      wordpress("stop", site);
    } finally {
      await rm(site, { recursive: true, force: true });
    }
  }
});

/** The site's posts through its REST API. */
function remotePosts() {
  const out = execFileSync("curl", ["-s", "-u", `${wp.WP_USER}:${wp.WP_APP_PASSWORD}`, `${wp.WP_URL}/?rest_route=/wp/v2/posts&context=edit&status=publish,draft`], { encoding: "utf8" });
  return JSON.parse(out);
}

async function fill(browser, testid, text) {
  const field = await browser.$(sel(testid));
  await field.waitForDisplayed({ timeout: TIMEOUT });
  await field.click();
  await typeText(browser, text);
}

test("a story queued while the site is down leaves by itself when it is back", async () => {
  const browser = app.browser;

  // Settings → Destinations: the site, its user and application password.
  const gear = await browser.$(sel("settings-button"));
  await gear.waitForClickable({ timeout: TIMEOUT });
  await gear.click();
  await (await browser.$(sel("settings-tab-destinations"))).click();
  await (await browser.$(sel("destination-kind"))).selectByAttribute("value", "wordpress");
  await fill(browser, "destination-name", "Newsroom");
  await fill(browser, "destination-url", wp.WP_URL);
  await fill(browser, "destination-user", wp.WP_USER);
  await fill(browser, "destination-secret", wp.WP_APP_PASSWORD);
  await (await browser.$(sel("destination-add"))).click();
  const row = await browser.$(sel("destination-row"));
  await row.waitForExist({ timeout: TIMEOUT, timeoutMsg: `no destination row (page errors: ${await pageErrors(browser)})` });
  assert.match(await row.getText(), /Newsroom/);
  await (await browser.$(sel("settings-close"))).click();

  // The sample story, sent as published.
  await openStory(browser, HEADLINE);
  const send = await browser.$(sel("send-button"));
  await send.waitForClickable({ timeout: TIMEOUT });
  await send.click();
  await (await browser.$(sel("send-status-publish"))).click();
  const confirm = await browser.$(sel("send-confirm"));
  await confirm.waitForClickable({ timeout: TIMEOUT });
  await confirm.click();

  // Waiting in the outbox, with the reason in words.
  const state = await browser.$(sel("outbox-state"));
  await state.waitForExist({ timeout: TIMEOUT, timeoutMsg: `the outbox did not show the item (page errors: ${await pageErrors(browser)})` });
  await browser.waitUntil(async () => /could not reach|connection refused/i.test(await (await browser.$(sel("outbox-item"))).getText()), {
    timeout: TIMEOUT,
    timeoutMsg: "the item did not say why it waits",
  });
  await screenshot(browser, path.join("output", "publish-waiting.png"));

  // The site is back: the outbox sends it by itself, and shows where it went.
  wordpress("start-web", site);
  await browser.waitUntil(async () => /Sent/.test(await (await browser.$(sel("outbox-state"))).getText()), {
    timeout: 60_000,
    interval: 500,
    timeoutMsg: "the outbox did not send the story once the site was back",
  });
  const address = await browser.$(sel("outbox-remote-url"));
  await address.waitForExist({ timeout: TIMEOUT });
  const posts = remotePosts().filter((p) => p.slug.startsWith("al-secretary"));
  assert.equal(posts.length, 1, "one post on the site");
  assert.equal(posts[0].status, "publish");
  assert.ok((await address.getText()).includes(new URL(posts[0].link).host), "the address shown is the post's");
  assert.match(await (await browser.$(sel("outbox-item"))).getText(), /Sent/);
});
