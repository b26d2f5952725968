/**
 * The copy desk's settings: the rule list (lib/copyRules.ts), the form behind the tab
 * (lib/copyDeskSettings.svelte.ts), the fake core's settings and dictionary calls behaving as the
 * core's, and the "Copy desk" tab of the settings dialog (rules, house style, abbreviations,
 * headlines, the library dictionary; saving, and the core's refusal shown with the edits kept).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import SettingsDialog from "../src/components/SettingsDialog.svelte";
import { FakePlatform } from "../src/platform/fake";
import { BYLINE_RULES, otherDisabled, ruleName } from "../src/lib/copyRules";
import { CATEGORIES } from "../src/lib/copyDesk.svelte";
import { CopyDeskForm } from "../src/lib/copyDeskSettings.svelte";
import type { CheckSettings } from "../src/platform/types";
import { addStory } from "./fixtures";

afterEach(() => {
  cleanup();
});

const STARTER: CheckSettings = {
  disabled: ["harper.WrongApostrophe", "quotes.mixed"],
  houseStyle: [
    { preferred: "email", variants: ["e-mail"] },
    { preferred: "ceasefire", variants: ["cease-fire", "cease fire"] },
  ],
  knownAbbreviations: ["NATO", "UN"],
  headlineMax: 70,
  headlineCase: "sentence",
  asYouType: true,
};

describe("the rule list", () => {
  it("names each of Byline's rules once, in a category of the copy desk, with one line", () => {
    const ids = BYLINE_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of BYLINE_RULES) {
      expect(CATEGORIES).toContain(r.category);
      expect(r.description).not.toMatch(/\n/);
      expect(r.description.length, r.id).toBeLessThan(120);
    }
    expect(ids).toEqual(expect.arrayContaining(["spelling.unknown", "quotes.reversed", "style.variant", "abbreviations.unexplained", "headline.length", "captions.missing-alt", "structure.tk"]));
  });

  it("knows every rule id the core's own rules report (read from byline-check's source)", () => {
    const sources = import.meta.glob<string>("../../src-tauri/check/src/**/*.rs", { query: "?raw", import: "default", eager: true });
    const ids = new Set<string>();
    const rule = /"((?:spelling|grammar|words|sentences|quotes|punctuation|style|abbreviations|headline|captions|structure)\.[a-z][a-z-]*)"/g;
    for (const text of Object.values(sources)) for (const m of text.matchAll(rule)) ids.add(m[1]);
    expect(ids.size).toBeGreaterThan(20);
    const listed = new Set(BYLINE_RULES.map((r) => r.id));
    expect([...ids].filter((id) => !listed.has(id)).sort()).toEqual([]);
  });

  it("reads Harper's ids and unknown ones, and lists the ids that are not Byline's", () => {
    expect(ruleName("quotes.reversed")).toBe("Reversed quotation marks");
    expect(ruleName("harper.WrongApostrophe")).toBe("Wrong apostrophe (Harper)");
    expect(ruleName("harper.ThenThan")).toBe("Then than (Harper)");
    expect(ruleName("style.newer-rule")).toBe("style.newer-rule");
    expect(otherDisabled(["quotes.mixed", "harper.B", "harper.A", "harper.A"])).toEqual(["harper.A", "harper.B"]);
  });
});

describe("the copy desk form", () => {
  it("reads back what it was filled with, and says when something changed", () => {
    const form = new CopyDeskForm();
    expect(form.loaded).toBe(false);
    form.fill(STARTER);
    expect(form.house.map((r) => [r.preferred, r.variants])).toEqual([
      ["email", "e-mail"],
      ["ceasefire", "cease-fire, cease fire"],
    ]);
    expect(form.others).toEqual(["harper.WrongApostrophe"]);
    expect(form.read()).toEqual({ settings: STARTER });
    expect(form.changed).toBe(false);

    form.setOn("quotes.mixed", true);
    form.setOn("spelling.unknown", false);
    expect(form.isOn("quotes.mixed")).toBe(true);
    expect(form.changed).toBe(true);
    form.setOn("spelling.unknown", true);
    form.setOn("quotes.mixed", false);
    expect(form.changed).toBe(false);
  });

  it("counts checking as you type as a change, whatever order the core's fields come in", () => {
    const form = new CopyDeskForm();
    // The same settings, fields in another order: nothing changed.
    const { asYouType, headlineCase, ...rest } = STARTER;
    form.fill({ headlineCase, asYouType, ...rest, disabled: ["quotes.mixed", "harper.WrongApostrophe"] });
    expect(form.changed).toBe(false);
    form.asYouType = false;
    expect(form.changed).toBe(true);
    expect(form.othersChanged).toBe(true);
    expect(form.switched()).toEqual([]);
    expect(form.toSave()).toEqual({ settings: { ...STARTER, disabled: ["quotes.mixed", "harper.WrongApostrophe"], asYouType: false }, switches: [] });
    form.asYouType = true;
    expect(form.changed).toBe(false);
  });

  it("sends the rules switched one by one, and the rest whole only when it changed", () => {
    const form = new CopyDeskForm();
    form.fill(STARTER);
    form.setOn("quotes.mixed", true);
    form.setOn("spelling.unknown", false);
    form.setOn("words.doubled", false);
    expect(form.othersChanged).toBe(false);
    expect(form.toSave()).toEqual({
      settings: null,
      switches: [
        { rule: "spelling.unknown", on: false },
        { rule: "words.doubled", on: false },
        { rule: "quotes.mixed", on: true },
      ],
    });
    // Part of a save went through: what is left to send is counted from there.
    form.stored({ rule: { rule: "spelling.unknown", on: false } });
    expect(form.switched()).toEqual([
      { rule: "words.doubled", on: false },
      { rule: "quotes.mixed", on: true },
    ]);
    form.headlineMax = "64";
    const plan = form.toSave();
    if ("error" in plan) throw new Error(plan.error);
    expect(plan.settings?.headlineMax).toBe(64);
    // The settings sent whole came back stored (with a rule switched elsewhere): the rules still
    // count from those read, so that rule is not switched back.
    form.stored({ settings: { ...STARTER, headlineMax: 64, disabled: [...STARTER.disabled, "style.variant"] } });
    expect(form.othersChanged).toBe(false);
    expect(form.switched()).toEqual([
      { rule: "words.doubled", on: false },
      { rule: "quotes.mixed", on: true },
    ]);
  });

  it("adds and removes rows and abbreviations, leaving empty rows out", () => {
    const form = new CopyDeskForm();
    form.fill(STARTER);
    const key = form.addRow();
    form.addRow();
    const row = form.house.find((r) => r.key === key);
    if (!row) throw new Error("no new row");
    row.preferred = " website ";
    row.variants = "web site, , web-site ";
    form.removeRow(form.house[0].key);
    expect(form.addAbbreviations("OSCE, WHO  UN WHO")).toEqual(["OSCE", "WHO"]);
    form.removeAbbreviation("NATO");
    const read = form.read();
    if ("error" in read) throw new Error(read.error);
    expect(read.settings.houseStyle).toEqual([
      { preferred: "ceasefire", variants: ["cease-fire", "cease fire"] },
      { preferred: "website", variants: ["web site", "web-site"] },
    ]);
    expect(read.settings.knownAbbreviations).toEqual(["UN", "OSCE", "WHO"]);
  });

  it("takes only a number as the headline limit (the core judges the number)", () => {
    const form = new CopyDeskForm();
    form.fill(STARTER);
    for (const typed of ["", "seventy", "7.5", "-3"]) {
      form.headlineMax = typed;
      expect(form.read(), typed).toEqual({ error: "The headline limit is a number of characters, such as 70." });
    }
    form.headlineMax = " 0 ";
    expect(form.read()).toMatchObject({ settings: { headlineMax: 0 } });
  });
});

describe("the fake core's settings and dictionary", () => {
  it("tidies settings as the core does and refuses them whole, naming the problem", async () => {
    const p = new FakePlatform({ seed: false });
    const saved = await p.setCopyDeskSettings({
      disabled: ["quotes.mixed", "harper.A", "quotes.mixed"],
      houseStyle: [{ preferred: " email ", variants: ["e-mail", " E-Mail ", "", "EMAIL"] }],
      knownAbbreviations: ["UN", " OSCE ", "EU", "UN"],
      headlineMax: 60,
      headlineCase: "title",
      asYouType: true,
    });
    expect(saved).toEqual({
      disabled: ["harper.A", "quotes.mixed"],
      houseStyle: [{ preferred: "email", variants: ["e-mail"] }],
      knownAbbreviations: ["EU", "OSCE", "UN"],
      headlineMax: 60,
      headlineCase: "title",
      asYouType: true,
    });
    expect(await p.copyDeskSettings()).toEqual(saved);

    const refused = async (s: Partial<CheckSettings>) => {
      await expect(p.setCopyDeskSettings({ ...saved, ...s })).rejects.toMatchObject({ kind: "invalid_input" });
      return (await p.setCopyDeskSettings({ ...saved, ...s }).catch((e: Error) => e.message)) as string;
    };
    expect(await refused({ knownAbbreviations: ["Nato"] })).toBe("“Nato” is not an abbreviation in capitals (such as UN or NATO)");
    expect(await refused({ houseStyle: [{ preferred: " ", variants: ["x"] }] })).toBe("a house-style group needs the form the house uses");
    expect(
      await refused({
        houseStyle: [
          { preferred: "email", variants: ["e-mail"] },
          { preferred: "mail", variants: ["E-mail"] },
        ],
      }),
    ).toBe("“E-mail” is in the house style twice (under email and mail); keep it in one group");
    expect(await refused({ headlineMax: 0 })).toBe("the headline limit must be at least 1 character");
    // Nothing refused was kept.
    expect(await p.copyDeskSettings()).toEqual(saved);
  });

  it("keeps dictionary words as first written, in alphabetical order, and removes them in any case", async () => {
    const p = new FakePlatform({ seed: false });
    for (const w of ["Shoukry", "aboul-Gheit", "zorblatt", "SHOUKRY"]) await p.addDictionaryWord(w);
    expect(await p.dictionaryWords()).toEqual(["aboul-Gheit", "Shoukry", "zorblatt"]);
    await p.removeDictionaryWord(" shoukry ");
    expect(await p.dictionaryWords()).toEqual(["aboul-Gheit", "zorblatt"]);
    await expect(p.removeDictionaryWord("shoukry")).rejects.toMatchObject({ kind: "invalid_input", message: "“shoukry” is not in the library dictionary" });
  });

  it("checks a story without the rules switched off, and captions and credits too", async () => {
    const p = new FakePlatform({ seed: false });
    const s = await addStory(p, { headline: "Teh talks", paragraphs: ["The delegaton arrived."] });
    expect((await p.checkStory(s.id)).findings.map((f) => f.text)).toEqual(["Teh", "delegaton"]);
    await p.setCopyDeskSettings({ ...(await p.copyDeskSettings()), disabled: ["spelling.unknown"] });
    expect((await p.checkStory(s.id)).findings).toEqual([]);

    const sample = new FakePlatform();
    const story = (await sample.listStories(null, 0, 10)).stories[0];
    const caption = (await sample.checkStory(story.id)).findings.find((f) => f.place.field === "caption");
    expect(caption).toMatchObject({ text: "Algieria", suggestions: ["Algeria", "Algiers"] });
    expect(caption?.place.photoUse).toBeTruthy();
  });

  it("refuses to change settings or the dictionary of a damaged library", async () => {
    const p = new FakePlatform({ seed: false, health: { state: "readOnly" } });
    await expect(p.setCopyDeskSettings(STARTER)).rejects.toMatchObject({ kind: "library" });
    await expect(p.removeDictionaryWord("x")).rejects.toMatchObject({ kind: "library" });
  });
});

// ------------------------------------------------------------------ the dialog's tab

async function openDialog(platform = new FakePlatform(), tab: "general" | "copy" = "copy") {
  const onClose = vi.fn();
  const onCopyDeskChanged = vi.fn();
  render(SettingsDialog, { props: { platform, tab, onClose, onCopyDeskChanged } });
  const panel = await screen.findByTestId("settings-copy-desk");
  await waitFor(() => expect(within(panel).getAllByTestId("house-row").length).toBeGreaterThan(0));
  return { platform, onClose, onCopyDeskChanged, panel };
}

const toggle = (id: string) => screen.getAllByTestId("rule-toggle").find((el) => el.dataset.rule === id) as HTMLInputElement;
const sentSettings = (p: FakePlatform) => p.calls.filter((c) => c.command === "set_copy_desk_settings").map((c) => (c.args as { settings: CheckSettings }).settings);
const switches = (p: FakePlatform) => p.calls.filter((c) => c.command === "switch_rule").map((c) => c.args as { rule: string; on: boolean });

describe("the Copy desk tab", () => {
  it("opens on its tab and lists the rules by category, each with a line and a labelled switch", async () => {
    await openDialog();
    const tab = screen.getByRole("tab", { name: "Copy desk" });
    expect(tab).toHaveAttribute("aria-selected", "true");
    expect(document.activeElement).toBe(tab);
    expect(screen.getByRole("tab", { name: "General" })).toHaveAttribute("aria-selected", "false");
    expect(screen.getByRole("tabpanel")).toHaveAttribute("aria-labelledby", tab.id);

    const spelling = screen.getByRole("group", { name: "Spelling" });
    const unknown = within(spelling).getByRole("checkbox", { name: "Unknown words" });
    expect(unknown).toBeChecked();
    expect(unknown).toHaveAccessibleDescription(/dictionary/);
    const punctuation = screen.getByRole("group", { name: "Punctuation" });
    expect(within(punctuation).getByRole("checkbox", { name: "Reversed quotation marks" })).toBeChecked();
    expect(screen.getAllByTestId("rule-toggle")).toHaveLength(BYLINE_RULES.length);
    // No other rule is off: no such list.
    expect(screen.queryByTestId("other-rules")).toBeNull();
  });

  it("saves a rule switched off with switch_rule, the rest as it was, and tells the editor", async () => {
    const { platform, onClose, onCopyDeskChanged } = await openDialog();
    await fireEvent.click(toggle("quotes.reversed"));
    expect(toggle("quotes.reversed")).not.toBeChecked();
    await fireEvent.click(screen.getByTestId("settings-save"));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(switches(platform)).toEqual([{ rule: "quotes.reversed", on: false }]);
    expect(sentSettings(platform)).toHaveLength(0);
    expect((await platform.copyDeskSettings()).disabled).toEqual(["quotes.reversed"]);
    expect((await platform.copyDeskSettings()).houseStyle).toHaveLength(3);
    expect(onCopyDeskChanged).toHaveBeenCalledTimes(1);
    expect(onCopyDeskChanged).toHaveBeenCalledWith(expect.objectContaining({ disabled: ["quotes.reversed"], asYouType: true }));
    // The general settings were not changed: not sent.
    expect(platform.calls.some((c) => c.command === "set_library_settings")).toBe(false);
  });

  it("lists other rules switched off (Harper's) so they can be switched back on", async () => {
    const platform = new FakePlatform();
    await platform.setCopyDeskSettings({ ...(await platform.copyDeskSettings()), disabled: ["harper.WrongApostrophe", "words.doubled"] });
    await openDialog(platform);
    const others = screen.getByTestId("other-rules");
    const harper = within(others).getByRole("checkbox", { name: "Wrong apostrophe (Harper)" });
    expect(harper).not.toBeChecked();
    expect(toggle("words.doubled")).not.toBeChecked();
    await fireEvent.click(harper);
    // Still listed once on, until the dialog is opened again.
    expect(within(others).getByRole("checkbox", { name: "Wrong apostrophe (Harper)" })).toBeChecked();
    await fireEvent.click(screen.getByTestId("settings-save"));
    await waitFor(() => expect(switches(platform)).toEqual([{ rule: "harper.WrongApostrophe", on: true }]));
    // Only the test's own whole write: the dialog sent none.
    expect(sentSettings(platform)).toHaveLength(1);
    expect((await platform.copyDeskSettings()).disabled).toEqual(["words.doubled"]);
  });

  it("keeps a rule switched elsewhere while the dialog was open, when it saves rules and the rest", async () => {
    const { platform, onClose } = await openDialog();
    // Switched off from elsewhere (a finding's Turn off, the command line) after the dialog read the settings.
    await platform.switchRule("style.variant", false);
    await fireEvent.click(toggle("quotes.reversed"));
    await fireEvent.input(screen.getByLabelText("Longest headline"), { target: { value: "64" } });
    await fireEvent.click(screen.getByTestId("settings-save"));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const stored = await platform.copyDeskSettings();
    expect(stored.disabled).toEqual(["quotes.reversed", "style.variant"]);
    expect(stored.headlineMax).toBe(64);
    expect(switches(platform)).toEqual([
      { rule: "style.variant", on: false },
      { rule: "quotes.reversed", on: false },
    ]);
  });

  it("has a switch for checking as you type, described in one line, saved with the rest", async () => {
    const { platform, onClose, onCopyDeskChanged } = await openDialog();
    const asYouType = screen.getByRole("switch", { name: "Check as I type" });
    expect(asYouType).toBeChecked();
    expect(asYouType).toHaveAccessibleDescription(/^Off, the story is checked only when you ask/);
    await fireEvent.click(asYouType);
    expect(asYouType).not.toBeChecked();
    await fireEvent.click(screen.getByTestId("settings-save"));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(sentSettings(platform).map((s) => s.asYouType)).toEqual([false]);
    expect(switches(platform)).toEqual([]);
    expect((await platform.copyDeskSettings()).asYouType).toBe(false);
    expect(onCopyDeskChanged).toHaveBeenCalledWith(expect.objectContaining({ asYouType: false }));
  });

  it("saves nothing when the switch went back to where it was", async () => {
    const { platform, onClose, onCopyDeskChanged } = await openDialog();
    const asYouType = screen.getByRole("switch", { name: "Check as I type" });
    await fireEvent.click(asYouType);
    await fireEvent.click(asYouType);
    await fireEvent.click(screen.getByTestId("settings-save"));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(sentSettings(platform)).toHaveLength(0);
    expect(onCopyDeskChanged).not.toHaveBeenCalled();
  });

  it("edits the house-style table, the abbreviations and the headline, and saves them", async () => {
    const { platform, onClose } = await openDialog();
    const rows = () => screen.getAllByTestId("house-row");
    expect(rows()).toHaveLength(3);
    expect((within(rows()[1]).getByTestId("house-preferred") as HTMLInputElement).value).toBe("email");
    expect((within(rows()[1]).getByTestId("house-variants") as HTMLInputElement).value).toBe("e-mail");

    // A new row takes the focus; an old one goes.
    await fireEvent.click(screen.getByTestId("house-add"));
    const added = within(rows()[3]).getByTestId("house-preferred");
    expect(document.activeElement).toBe(added);
    await fireEvent.input(added, { target: { value: "website" } });
    await fireEvent.input(within(rows()[3]).getByTestId("house-variants"), { target: { value: "web site, web-site" } });
    await fireEvent.click(screen.getByRole("button", { name: "Remove percent" }));
    expect(rows()).toHaveLength(3);

    // Abbreviations: added with Enter (not saving the dialog), one removed.
    const abbr = screen.getByTestId("abbreviation-input");
    await fireEvent.input(abbr, { target: { value: "OSCE" } });
    await fireEvent.keyDown(abbr, { key: "Enter" });
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getAllByTestId("abbreviation").map((a) => a.textContent?.replace("✕", "").trim())).toContain("OSCE");
    await fireEvent.click(screen.getByRole("button", { name: "Remove UK" }));
    expect(screen.getAllByTestId("abbreviation").map((a) => a.textContent?.replace("✕", "").trim())).not.toContain("UK");

    // Headline: a limit and the casing.
    await fireEvent.input(screen.getByLabelText("Longest headline"), { target: { value: "64" } });
    await fireEvent.click(screen.getByRole("radio", { name: /Title case/ }));

    await fireEvent.click(screen.getByTestId("settings-save"));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(await platform.copyDeskSettings()).toEqual({
      disabled: [],
      houseStyle: [
        { preferred: "Secretary-General", variants: ["Secretary General"] },
        { preferred: "email", variants: ["e-mail"] },
        { preferred: "website", variants: ["web site", "web-site"] },
      ],
      knownAbbreviations: ["AFP", "EU", "NATO", "OSCE", "UN", "US"],
      headlineMax: 64,
      headlineCase: "title",
      asYouType: true,
    });
  });

  it("shows the core's refusal inline, keeps every edit and the dialog, and saves once it is fixed", async () => {
    const { platform, onClose, onCopyDeskChanged } = await openDialog();
    await fireEvent.click(screen.getByTestId("house-add"));
    const rows = screen.getAllByTestId("house-row");
    await fireEvent.input(within(rows[3]).getByTestId("house-preferred"), { target: { value: "mail" } });
    await fireEvent.input(within(rows[3]).getByTestId("house-variants"), { target: { value: "E-mail" } });
    await fireEvent.click(toggle("words.doubled"));
    await fireEvent.click(screen.getByTestId("settings-save"));

    const error = await screen.findByTestId("settings-error");
    expect(error).toHaveAttribute("role", "alert");
    expect(error).toHaveTextContent("“E-mail” is in the house style twice (under email and mail); keep it in one group");
    expect(onClose).not.toHaveBeenCalled();
    expect(onCopyDeskChanged).not.toHaveBeenCalled();
    expect(screen.getByTestId("settings-dialog")).toBeInTheDocument();
    // The edits are still there.
    expect((within(screen.getAllByTestId("house-row")[3]).getByTestId("house-variants") as HTMLInputElement).value).toBe("E-mail");
    expect(toggle("words.doubled")).not.toBeChecked();
    // Nothing was stored.
    expect((await platform.copyDeskSettings()).disabled).toEqual([]);

    await fireEvent.input(within(screen.getAllByTestId("house-row")[3]).getByTestId("house-variants"), { target: { value: "mail-out" } });
    await fireEvent.click(screen.getByTestId("settings-save"));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect((await platform.copyDeskSettings()).disabled).toEqual(["words.doubled"]);
    expect(onCopyDeskChanged).toHaveBeenCalledTimes(1);
  });

  it("says a limit that is not a number without asking the core, and shows the core's word on 0", async () => {
    const { platform } = await openDialog();
    const max = screen.getByLabelText("Longest headline");
    // A number field reads "" for what is not a number.
    await fireEvent.input(max, { target: { value: "" } });
    await fireEvent.click(screen.getByTestId("settings-save"));
    expect(await screen.findByTestId("settings-error")).toHaveTextContent("The headline limit is a number of characters, such as 70.");
    expect(sentSettings(platform)).toHaveLength(0);
    await fireEvent.input(max, { target: { value: "0" } });
    await fireEvent.click(screen.getByTestId("settings-save"));
    await waitFor(() => expect(screen.getByTestId("settings-error")).toHaveTextContent("the headline limit must be at least 1 character"));
    expect(sentSettings(platform)).toHaveLength(1);
  });

  it("goes back to the tab the core refused, with the general settings saved first", async () => {
    const { platform, onClose } = await openDialog();
    await fireEvent.input(screen.getByTestId("abbreviation-input"), { target: { value: "Nato" } });
    await fireEvent.click(screen.getByTestId("abbreviation-add"));
    await fireEvent.click(screen.getByRole("tab", { name: "General" }));
    const template = (await screen.findByTestId("settings-credit-template")) as HTMLInputElement;
    await fireEvent.input(template, { target: { value: "Picture: {credit}" } });
    await fireEvent.click(screen.getByTestId("settings-save"));
    expect(await screen.findByTestId("settings-error")).toHaveTextContent("“Nato” is not an abbreviation in capitals (such as UN or NATO)");
    expect(screen.getByRole("tab", { name: "Copy desk" })).toHaveAttribute("aria-selected", "true");
    expect((await platform.librarySettings()).creditTemplate).toBe("Picture: {credit}");
    expect(onClose).not.toHaveBeenCalled();
    // The General tab kept its edit too.
    await fireEvent.click(screen.getByRole("tab", { name: "General" }));
    expect(((await screen.findByTestId("settings-credit-template")) as HTMLInputElement).value).toBe("Picture: {credit}");
  });

  it("moves between the tabs with the arrow keys", async () => {
    await openDialog();
    const copy = screen.getByRole("tab", { name: "Copy desk" });
    await fireEvent.keyDown(copy, { key: "ArrowLeft" });
    const general = screen.getByRole("tab", { name: "General" });
    expect(general).toHaveAttribute("aria-selected", "true");
    await waitFor(() => expect(document.activeElement).toBe(general));
    expect(await screen.findByTestId("settings-base-url")).toBeInTheDocument();
    expect(general).toHaveAttribute("tabindex", "0");
    expect(copy).toHaveAttribute("tabindex", "-1");
    await fireEvent.keyDown(general, { key: "End" });
    const about = screen.getByRole("tab", { name: "About" });
    expect(about).toHaveAttribute("aria-selected", "true");
    await fireEvent.keyDown(about, { key: "ArrowLeft" });
    const destinations = screen.getByRole("tab", { name: "Destinations" });
    expect(destinations).toHaveAttribute("aria-selected", "true");
    await fireEvent.keyDown(destinations, { key: "ArrowLeft" });
    expect(copy).toHaveAttribute("aria-selected", "true");
  });
});

describe("the library dictionary in the settings", () => {
  it("lists the words, removes one at once with Undo, finds and adds by typing", async () => {
    const platform = new FakePlatform();
    for (const w of ["zorblatt", "Shoukry", "Aboul-Gheit"]) await platform.addDictionaryWord(w);
    const { onCopyDeskChanged } = await openDialog(platform);
    const words = () => screen.getAllByTestId("dictionary-word").map((w) => w.querySelector(".word")?.textContent);
    await waitFor(() => expect(words()).toEqual(["Aboul-Gheit", "Shoukry", "zorblatt"]));

    await fireEvent.click(screen.getByRole("button", { name: "Remove “Shoukry” from the dictionary" }));
    await waitFor(() => expect(words()).toEqual(["Aboul-Gheit", "zorblatt"]));
    expect(await platform.dictionaryWords()).toEqual(["Aboul-Gheit", "zorblatt"]);
    expect(screen.getByTestId("dictionary-note")).toHaveTextContent("“Shoukry” removed.");
    expect(onCopyDeskChanged).toHaveBeenCalledTimes(1);
    // The focus goes to the next word's Remove.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("button", { name: "Remove “zorblatt” from the dictionary" })));

    await fireEvent.click(screen.getByTestId("dictionary-undo"));
    await waitFor(() => expect(words()).toEqual(["Aboul-Gheit", "Shoukry", "zorblatt"]));
    expect(onCopyDeskChanged).toHaveBeenCalledTimes(2);

    // Typing finds; Enter adds a word that is not there (never saving the dialog).
    const input = screen.getByTestId("dictionary-input");
    await fireEvent.input(input, { target: { value: "sh" } });
    expect(words()).toEqual(["Shoukry"]);
    expect(screen.getByTestId("dictionary-add")).toBeEnabled();
    await fireEvent.input(input, { target: { value: "shoukry" } });
    expect(screen.getByTestId("dictionary-add")).toBeDisabled();
    await fireEvent.input(input, { target: { value: "Lavrov" } });
    await fireEvent.keyDown(input, { key: "Enter" });
    await waitFor(() => expect(words()).toEqual(["Aboul-Gheit", "Lavrov", "Shoukry", "zorblatt"]));
    expect((input as HTMLInputElement).value).toBe("");
    expect(screen.getByTestId("settings-dialog")).toBeInTheDocument();
  });

  it("shows the core's refusal of a word, and says when the dictionary is empty", async () => {
    const platform = new FakePlatform();
    await openDialog(platform);
    expect(await screen.findByTestId("dictionary-empty")).toBeInTheDocument();
    const input = screen.getByTestId("dictionary-input");
    await fireEvent.input(input, { target: { value: "two words" } });
    await fireEvent.click(screen.getByTestId("dictionary-add"));
    expect(await screen.findByTestId("dictionary-error")).toHaveTextContent("is not a word the dictionary can take");
    expect((input as HTMLInputElement).value).toBe("two words");
  });
});
