/**
 * The copy-desk rules the fake platform mirrors from the Rust core (the checklist's copy-desk
 * item, how settings are tidied or refused, which words the library dictionary takes) agree with
 * it: the cases and the core's answers are written by src-tauri/core/tests/rule_fixtures.rs into
 * tests/fixtures/rules/.
 */
import { describe, expect, it } from "vitest";
import { copyDeskItem, dictionaryWord, tidyCopyDeskSettings } from "../src/platform/fakeCheck";
import { AppError } from "../src/platform/errors";
import type { CheckReport, CheckSettings, ChecklistItem } from "../src/platform/types";
import checklistFile from "../../tests/fixtures/rules/copy-desk-checklist.json";
import settingsFile from "../../tests/fixtures/rules/copy-desk-settings.json";
import wordsFile from "../../tests/fixtures/rules/dictionary-words.json";

const MIN_CASES = 5;

const checklistCases = checklistFile as Array<{ name: string; report: CheckReport; item: ChecklistItem | null }>;
const settingsCases = settingsFile as Array<{ name: string; settings: CheckSettings; saved: CheckSettings | null; error: string | null }>;
const wordCases = wordsFile as Array<{ word: string; taken: string | null; error: string | null }>;

/** The message of what `run` throws, or null when it does not. */
function thrown(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return (err as AppError).message;
  }
}

describe("the copy desk's checklist item agrees with the core", () => {
  it("has cases", () => expect(checklistCases.length).toBeGreaterThanOrEqual(MIN_CASES));
  it.each(checklistCases)("$name", (c) => {
    expect(copyDeskItem(c.report)).toEqual(c.item);
  });
});

describe("copy-desk settings are tidied and refused as the core does", () => {
  it("has cases", () => expect(settingsCases.length).toBeGreaterThanOrEqual(MIN_CASES));
  it.each(settingsCases)("$name", (c) => {
    let saved: CheckSettings | null = null;
    const error = thrown(() => {
      saved = tidyCopyDeskSettings(c.settings, "set_copy_desk_settings");
    });
    expect(error).toBe(c.error);
    expect(saved).toEqual(c.saved);
  });
});

describe("the library dictionary takes and refuses words as the core does", () => {
  it("has cases", () => expect(wordCases.length).toBeGreaterThanOrEqual(MIN_CASES));
  it.each(wordCases)("$word", (c) => {
    let taken: string | null = null;
    const error = thrown(() => {
      taken = dictionaryWord(c.word, "add_dictionary_word");
    });
    expect(error).toBe(c.error);
    expect(taken).toBe(c.taken);
  });
});
