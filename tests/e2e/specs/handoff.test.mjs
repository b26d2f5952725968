// Hand-off in the real app: the sample story exported as a Word file and as a PDF proof (on Letter
// paper) from the export dialog, through the native folder dialog; and a Word file with two photos (made by LibreOffice from HTML,
// as an editor's or a stringer's file would come) imported through the library's Import button and
// the native file dialog, then found in the library with both photos captioned. The GTK dialogs are
// answered from the keyboard (lib/nativeDialog.mjs).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { E2E_DIR, launch, openStory, pageErrors, sel, TIMEOUT } from "../lib/app.mjs";
import { answerDialog, SLOW } from "../lib/nativeDialog.mjs";

const KICKER = "Photo captions";
const IPTC_FILE = path.resolve(E2E_DIR, "../fixtures/photos/IPTC-PhotometadataRef-Std2017.1.jpg");
const WIRE_FILE = path.resolve(E2E_DIR, "../fixtures/photos/cp.jpg");

let app;
before(async () => {
  app = await launch("handoff");
});
after(async () => {
  await app?.stop();
});

/** Back to the library from wherever the last test left the app. */
async function toLibrary(browser) {
  const back = await browser.$(sel("back"));
  if (await back.isExisting()) {
    await browser.keys("Escape"); // a dialog or a field first
    if (await back.isExisting()) await back.click();
  }
  await browser.$(sel("new-story")).waitForExist({ timeout: TIMEOUT });
}

/** An HTML page with two photos inlined and their captions, converted to DOCX by LibreOffice. */
function stringerDocx(dir) {
  const img = (file) => `data:image/jpeg;base64,${readFileSync(file).toString("base64")}`;
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Floods close the coast road</title></head><body>
<p>Heavy rain closed the coast road on Tuesday, officials said.</p>
<p><img src="${img(WIRE_FILE)}" alt="A police car at a road block" width="400" height="265"></p>
<p>Police block the coast road near the harbour. Photo: The Canadian Press</p>
<p>Crews expect to reopen it by Friday.</p>
<p><img src="${img(IPTC_FILE)}" alt="An astronaut portrait" width="500" height="250"></p>
<p>A reference photo from the agency. Photo: IPTC</p>
</body></html>`;
  const htmlFile = path.join(dir, "floods.html");
  writeFileSync(htmlFile, html);
  execFileSync("soffice", [`-env:UserInstallation=file://${path.join(dir, "lo-profile")}`, "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", dir, htmlFile], { stdio: "ignore" });
  const docx = path.join(dir, "floods.docx");
  assert.ok(existsSync(docx), "LibreOffice made the Word file");
  return docx;
}

test("exports the sample story as a Word file from the export dialog", async () => {
  const browser = app.browser;
  const out = mkdtempSync(path.join(os.tmpdir(), "byline-e2e-docx-out-"));
  await openStory(browser, KICKER);
  await (await browser.$(sel("export-button"))).click();
  const docx = await browser.$(sel("export-format-docx"));
  await docx.waitForClickable({ timeout: TIMEOUT, timeoutMsg: `no Word choice in the export dialog (page errors: ${await pageErrors(browser)})` });
  await docx.click();
  await (await browser.$(sel("export-confirm"))).click();
  await answerDialog("Export to folder", `${out}/`);
  const result = await browser.$(sel("export-path"));
  await result.waitForExist({ timeout: SLOW, timeoutMsg: `no export result (page errors: ${await pageErrors(browser)})` });
  const written = (await result.getText()).trim();
  assert.ok(written.endsWith(".docx"), written);
  assert.ok(written.startsWith(out), `${written} is in ${out}`);
  const bytes = readFileSync(written);
  assert.equal(bytes.subarray(0, 4).toString("latin1"), "PK\u0003\u0004", "a zip package");
  assert.ok(bytes.length > 20_000, "the lead photo is inside");
  assert.deepEqual(readdirSync(out), [path.basename(written)]);
});

test("exports a PDF proof on Letter paper from the export dialog", async () => {
  const browser = app.browser;
  const out = mkdtempSync(path.join(os.tmpdir(), "byline-e2e-pdf-out-"));
  await toLibrary(browser);
  await openStory(browser, KICKER);
  await (await browser.$(sel("export-button"))).click();
  const pdf = await browser.$(sel("export-format-pdf"));
  await pdf.waitForClickable({ timeout: TIMEOUT, timeoutMsg: `no PDF choice in the export dialog (page errors: ${await pageErrors(browser)})` });
  await pdf.click();
  await (await browser.$(sel("export-paper-letter"))).click();
  await (await browser.$(sel("export-confirm"))).click();
  await answerDialog("Export to folder", `${out}/`);
  const result = await browser.$(sel("export-path"));
  await result.waitForExist({ timeout: SLOW, timeoutMsg: `no export result (page errors: ${await pageErrors(browser)})` });
  const written = (await result.getText()).trim();
  assert.ok(written.endsWith(".pdf") && written.startsWith(out), written);
  const info = execFileSync("pdfinfo", [written], { encoding: "utf8" });
  assert.match(info, /Page size:\s+612 x 792/, "Letter paper");
  const text = execFileSync("pdftotext", [written, "-"], { encoding: "utf8" }).split(/\s+/).join(" ");
  assert.match(text, /AL Secretary-General calls for international efforts to eliminate IS/);
  assert.match(text, /Photo: AFP\/VNA/);
});

test("imports a Word file with two photos through the Import button", async () => {
  const browser = app.browser;
  const dir = mkdtempSync(path.join(os.tmpdir(), "byline-e2e-docx-in-"));
  const docx = stringerDocx(dir);
  await toLibrary(browser);
  const button = await browser.$(sel("import-button"));
  await button.waitForClickable({ timeout: TIMEOUT, timeoutMsg: `no Import button (page errors: ${await pageErrors(browser)})` });
  await button.click();
  await answerDialog("Import stories", docx);
  const report = await browser.$(sel("import-report"));
  await report.waitForDisplayed({ timeout: SLOW, timeoutMsg: `no import report (page errors: ${await pageErrors(browser)})` });
  const text = await report.getText();
  assert.match(text, /Imported 1 story/);
  await (await browser.$(sel("import-open"))).click();
  // The story, with both photos captioned and credited.
  const headline = await browser.$(sel("headline"));
  await headline.waitForExist({ timeout: TIMEOUT });
  const button2 = await browser.$(sel("photos-button"));
  await button2.waitForClickable({ timeout: TIMEOUT });
  await button2.click();
  await browser.$(sel("photos-panel")).waitForDisplayed({ timeout: TIMEOUT });
  await browser.waitUntil(async () => (await browser.$$(sel("photo-thumb"))).length === 2, {
    timeout: SLOW,
    timeoutMsg: `two photos expected (page errors: ${await pageErrors(browser)})`,
  });
  const captions = [];
  for (const thumb of await browser.$$(sel("photo-thumb"))) {
    await thumb.click();
    const editor = await browser.$(`${sel("caption-editor")}[data-use="${await thumb.getAttribute("data-use")}"]`);
    await editor.waitForDisplayed({ timeout: TIMEOUT });
    captions.push([await (await editor.$(sel("use-caption"))).getValue(), await (await editor.$(sel("use-credit"))).getValue()]);
  }
  assert.deepEqual(captions.sort(), [
    ["A reference photo from the agency.", "IPTC"],
    ["Police block the coast road near the harbour.", "The Canadian Press"],
  ]);
});
