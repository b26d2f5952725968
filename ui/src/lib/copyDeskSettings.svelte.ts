/**
 * The copy desk's settings as the settings dialog edits them (`CopyDeskForm`): whether the editor
 * checks as you type, which rules are on, the house-style table as rows (the house's form, and its
 * variants as one comma-separated line), the known abbreviations, the headline's limit (as typed)
 * and casing. `read()` makes the `CheckSettings` to save; the core checks them whole and tidies
 * them, and its refusal is shown as it words it, so the only check here is the one a number field
 * needs (the limit is a number).
 *
 * Save sends the rules switched one by one (`switched()`, the core's `switch_rule`: one
 * transaction each, so a rule switched meanwhile from elsewhere is not switched back), and the
 * rest whole only when some of it changed (`othersChanged`).
 */
import type { CheckSettings, HeadlineCase, VariantGroup } from "../platform/types";
import { otherDisabled } from "./copyRules";

/** A rule switched on or off in the form. */
export type RuleSwitch = { rule: string; on: boolean };

/** What Save sends: the settings whole (null: nothing but rules changed), and the rules switched. */
export type CopyDeskSave = { settings: CheckSettings | null; switches: RuleSwitch[] };

/** One row of the house-style table as edited. */
export type HouseRow = { key: number; preferred: string; variants: string };

export const HEADLINE_CASES: ReadonlyArray<{ value: HeadlineCase; label: string; example: string }> = [
  { value: "sentence", label: "Sentence case", example: "Ministers meet in Rome to discuss Libya" },
  { value: "title", label: "Title case", example: "Ministers Meet in Rome to Discuss Libya" },
  { value: "any", label: "Not checked", example: "" },
];

/** The comma-separated variants of a row, as a list (blanks left out). */
export function splitVariants(line: string): string[] {
  return line
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v !== "");
}

/** Abbreviations typed into the add field: separated by commas or spaces. */
export function splitAbbreviations(line: string): string[] {
  return line
    .split(/[\s,]+/)
    .map((a) => a.trim())
    .filter((a) => a !== "");
}

export class CopyDeskForm {
  /** The rule ids switched off, as edited. */
  disabled = $state<string[]>([]);
  /** The other (not Byline's) ids that were off when the settings were read: listed to turn back on. */
  others = $state<string[]>([]);
  house = $state<HouseRow[]>([]);
  abbreviations = $state<string[]>([]);
  /** The headline limit as typed (a number field's binding gives a number, or null when empty). */
  headlineMax = $state<string | number | null>("");
  headlineCase = $state<HeadlineCase>("sentence");
  /** Whether the editor checks after each pause in typing. */
  asYouType = $state(true);

  #nextKey = 0;
  /** The settings as last read or saved (what "changed" compares with). */
  #stored = $state.raw<CheckSettings | null>(null);

  /** Shows settings as the core gave them. */
  fill(s: CheckSettings): void {
    this.#stored = structuredClone(s);
    this.disabled = [...s.disabled];
    this.others = otherDisabled(s.disabled);
    this.house = s.houseStyle.map((g) => ({ key: this.#nextKey++, preferred: g.preferred, variants: g.variants.join(", ") }));
    this.abbreviations = [...s.knownAbbreviations];
    this.headlineMax = String(s.headlineMax);
    this.headlineCase = s.headlineCase;
    this.asYouType = s.asYouType;
  }

  get loaded(): boolean {
    return this.#stored !== null;
  }

  isOn(rule: string): boolean {
    return !this.disabled.includes(rule);
  }

  setOn(rule: string, on: boolean): void {
    if (on) this.disabled = this.disabled.filter((d) => d !== rule);
    else if (!this.disabled.includes(rule)) this.disabled = [...this.disabled, rule];
  }

  /** A new empty row at the end; returns its key. */
  addRow(): number {
    const key = this.#nextKey++;
    this.house = [...this.house, { key, preferred: "", variants: "" }];
    return key;
  }

  removeRow(key: number): void {
    this.house = this.house.filter((r) => r.key !== key);
  }

  /** Adds what was typed (one or more, by commas or spaces); returns those that were new. */
  addAbbreviations(line: string): string[] {
    const added = splitAbbreviations(line).filter((a, i, all) => !this.abbreviations.includes(a) && all.indexOf(a) === i);
    if (added.length > 0) this.abbreviations = [...this.abbreviations, ...added];
    return added;
  }

  removeAbbreviation(a: string): void {
    this.abbreviations = this.abbreviations.filter((x) => x !== a);
  }

  /** The house-style table to save: empty rows left out. */
  houseStyle(): VariantGroup[] {
    return this.house
      .filter((r) => r.preferred.trim() !== "" || r.variants.trim() !== "")
      .map((r) => ({ preferred: r.preferred.trim(), variants: splitVariants(r.variants) }));
  }

  /** The settings to save, or why they cannot be (the headline limit is not a number). */
  read(): { settings: CheckSettings } | { error: string } {
    const max = String(this.headlineMax ?? "").trim();
    if (!/^\d{1,9}$/.test(max)) return { error: "The headline limit is a number of characters, such as 70." };
    return {
      settings: {
        disabled: [...this.disabled],
        houseStyle: this.houseStyle(),
        knownAbbreviations: [...this.abbreviations],
        headlineMax: Number(max),
        headlineCase: this.headlineCase,
        asYouType: this.asYouType,
      },
    };
  }

  /** The rules switched on or off since the settings were read (or last saved), off first, each in name order. */
  switched(): RuleSwitch[] {
    const stored = this.#stored;
    if (!stored) return [];
    const was = new Set(stored.disabled);
    const now = new Set(this.disabled);
    const off = [...now].filter((r) => !was.has(r)).sort();
    const on = [...was].filter((r) => !now.has(r)).sort();
    return [...off.map((rule) => ({ rule, on: false })), ...on.map((rule) => ({ rule, on: true }))];
  }

  /**
   * Whether anything but the rules differs from the settings as read: checking as you type, the
   * house style, the abbreviations, the headline's limit (or what is typed there is not a number)
   * and casing.
   */
  get othersChanged(): boolean {
    const stored = this.#stored;
    if (!stored) return false;
    const now = this.read();
    if ("error" in now) return true;
    return others(now.settings) !== others(stored);
  }

  /** Whether anything differs from the settings as read (the order of switched-off rules aside). */
  get changed(): boolean {
    return this.othersChanged || this.switched().length > 0;
  }

  /** What Save sends, or why it cannot (the headline limit is not a number). */
  toSave(): CopyDeskSave | { error: string } {
    const read = this.read();
    if ("error" in read) return read;
    return { settings: this.othersChanged ? read.settings : null, switches: this.switched() };
  }

  /**
   * Part of a save went through (the rest failed): `settings` is what the core stored for the
   * settings sent whole, `rule` a rule it switched. What changed is counted from there, and the
   * edits not sent stay as they are.
   */
  stored(done: { settings: CheckSettings } | { rule: RuleSwitch }): void {
    const stored = this.#stored;
    if (!stored) return;
    if ("settings" in done) {
      // The rules as read stay the baseline: only the rules switched here are sent.
      this.#stored = { ...structuredClone(done.settings), disabled: stored.disabled };
      return;
    }
    const { rule, on } = done.rule;
    const disabled = stored.disabled.filter((d) => d !== rule);
    this.#stored = { ...stored, disabled: on ? disabled : [...disabled, rule] };
  }
}

/** Everything but the rules, in a fixed order (whatever order the core's fields came in). */
function others(s: CheckSettings): string {
  return JSON.stringify([
    s.asYouType,
    s.houseStyle.map((g) => [g.preferred, g.variants]),
    s.knownAbbreviations,
    s.headlineMax,
    s.headlineCase,
  ]);
}
