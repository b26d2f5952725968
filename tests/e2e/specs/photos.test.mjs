// The sample story's lead photo: shown above the headline from the photo protocol, with its
// caption and credit line; its alt text can be edited in the photos panel and stays edited.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { Key } from "webdriverio";
import { launch, openStory, pageErrors, sel, TIMEOUT, typeText } from "../lib/app.mjs";

const KICKER = "Photo captions";
const LEAD_LINE = "AL Secretary General Ahmed Aboul-Gheit speaks at a news conference in Algiers, Algieria. Photo: AFP/VNA";
const NEW_ALT = "Astronaut portrait in an orange suit beside a model shuttle";

let app;
before(async () => {
  app = await launch("photos");
});
after(async () => {
  await app?.stop();
});

/** Opens the photos panel and selects the lead thumbnail; returns the caption editor. */
async function openLeadInPanel(browser) {
  const button = await browser.$(sel("photos-button"));
  await button.waitForClickable();
  if ((await button.getAttribute("aria-pressed")) !== "true") await button.click();
  await browser.$(sel("photos-panel")).waitForDisplayed();
  const lead = await browser.$(`${sel("photo-thumb")}[data-role="lead"]`);
  await lead.waitForClickable({ timeoutMsg: `no lead thumbnail (page errors: ${await pageErrors(browser)})` });
  if ((await lead.getAttribute("aria-selected")) !== "true") await lead.click();
  const editor = await browser.$(sel("caption-editor"));
  await editor.waitForDisplayed();
  return editor;
}

test("shows the lead photo from the photo protocol and keeps an edited alt text", async () => {
  const browser = app.browser;
  await openStory(browser, KICKER);

  const caption = await browser.$(sel("lead-caption"));
  await caption.waitForExist({ timeout: TIMEOUT, timeoutMsg: `no lead caption (page errors: ${await pageErrors(browser)})` });
  const captionText = await browser.execute((el) => el.textContent, caption);
  assert.equal(captionText, LEAD_LINE);

  // The preview comes through the custom protocol (photo:// or, on Windows, http://photo.localhost).
  await browser.waitUntil(
    async () =>
      browser.execute(() => {
        const img = document.querySelector("[data-testid='lead-photo-img']");
        return !!img && img.complete && img.naturalWidth > 0;
      }),
    { timeout: TIMEOUT, timeoutMsg: "the lead image did not load (naturalWidth stayed 0)" },
  );
  const src = await browser.execute(() => document.querySelector("[data-testid='lead-photo-img']").src);
  assert.ok(src.startsWith("photo://") || src.startsWith("http://photo.localhost"), `lead image src from the photo protocol: ${src}`);
  assert.match(src, /\/previews\/[0-9a-f]{64}\.jpg$/);

  // Edit the lead's alt text in the panel.
  let editor = await openLeadInPanel(browser);
  const alt = await editor.$(sel("use-alt"));
  await alt.click();
  await browser.keys([Key.Ctrl, "a"]);
  await typeText(browser, NEW_ALT);
  assert.equal(await alt.getValue(), NEW_ALT);
  // Saved after 600 ms idle (or on blur): move focus to the caption to be sure, then wait.
  await (await editor.$(sel("use-caption"))).click();
  await browser.waitUntil(async () => (await (await editor.$(".save-state")).getText()).trim() === "Saved", {
    timeout: TIMEOUT,
    timeoutMsg: `the photo details did not save (page errors: ${await pageErrors(browser)})`,
  });
  await browser.waitUntil(
    async () => (await browser.execute(() => document.querySelector("[data-testid='lead-photo-img']")?.alt)) === NEW_ALT,
    { timeout: TIMEOUT, timeoutMsg: "the lead image's alt did not follow the edit" },
  );
  await browser.pause(500);

  // Back to the library, open the story again: the new alt text was stored.
  await browser.keys(Key.Escape); // closes the panel (or leaves the field)
  await (await browser.$(sel("back"))).click();
  await browser.$(sel("new-story")).waitForExist({ timeout: TIMEOUT });
  await openStory(browser, KICKER);
  await browser.$(sel("lead-photo")).waitForExist({ timeout: TIMEOUT });
  assert.equal(await browser.execute(() => document.querySelector("[data-testid='lead-caption']").textContent), LEAD_LINE);
  editor = await openLeadInPanel(browser);
  assert.equal(await (await editor.$(sel("use-alt"))).getValue(), NEW_ALT);
  assert.equal(await browser.execute(() => document.querySelector("[data-testid='lead-photo-img']").alt), NEW_ALT);
});
