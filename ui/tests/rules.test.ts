/**
 * The rules the fake platform mirrors from the Rust core (credit line, agency table, photo
 * warnings, pre-publish checklist, how a search query is read) agree with it: the cases and the
 * core's answers are written by src-tauri/core/tests/rule_fixtures.rs into tests/fixtures/rules/.
 */
import { describe, expect, it } from "vitest";
import { creditLine } from "../src/platform/fakeCore";
import { checkAgencies } from "../src/platform/fakeLibrary";
import { photoWarnings } from "../src/platform/fakePhotos";
import { checklistOf } from "../src/platform/fakeExport";
import { readQuery, type QueryGroups } from "../src/platform/fakeSearch";
import type { Agency, ChecklistItem, Doc, PhotoUse, PhotoWarning } from "../src/platform/types";
import creditFile from "../../tests/fixtures/rules/credit.json";
import agenciesFile from "../../tests/fixtures/rules/agencies.json";
import warningsFile from "../../tests/fixtures/rules/warnings.json";
import checklistFile from "../../tests/fixtures/rules/checklist.json";
import queryFile from "../../tests/fixtures/rules/query.json";

/** Fewer cases than this means a fixture lost its cases (the core's test asks the same). */
const MIN_CASES = 5;

const creditCases: Array<{ credit: string; template: string; line: string }> = creditFile;
const agencyCases = agenciesFile as Array<{ name: string; agencies: Agency[]; readBack: Agency[] | null; error: string | null }>;
const warningCases = warningsFile as Array<{ name: string; photos: PhotoUse[]; warnings: PhotoWarning[] }>;
const checklistCases = checklistFile as Array<{
  name: string;
  story: { headline: string; wordTarget: number | null; body: Doc };
  photoWarnings: PhotoWarning[];
  items: ChecklistItem[];
}>;
const queryCases = queryFile as Array<{ text: string; groups: QueryGroups }>;

describe("the credit line agrees with the core", () => {
  it("has cases", () => expect(creditCases.length).toBeGreaterThanOrEqual(MIN_CASES));
  it.each(creditCases)("$credit in $template", (c) => {
    expect(creditLine(c.credit, c.template)).toBe(c.line);
  });
});

describe("the agency table check agrees with the core", () => {
  it("has cases", () => expect(agencyCases.length).toBeGreaterThanOrEqual(MIN_CASES));
  it.each(agencyCases)("$name", (c) => {
    if (c.error === null) expect(checkAgencies(c.agencies)).toEqual(c.readBack);
    else expect(() => checkAgencies(c.agencies)).toThrow(expect.objectContaining({ kind: "invalid_input", message: c.error }));
  });
});

describe("the photo warnings agree with the core", () => {
  it("has cases", () => expect(warningCases.length).toBeGreaterThanOrEqual(MIN_CASES));
  it.each(warningCases)("$name", (c) => {
    expect(photoWarnings(c.photos)).toEqual(c.warnings);
  });
});

describe("the pre-publish checklist agrees with the core", () => {
  it("has cases", () => expect(checklistCases.length).toBeGreaterThanOrEqual(MIN_CASES));
  it.each(checklistCases)("$name", (c) => {
    expect(checklistOf(c.story, c.photoWarnings)).toEqual(c.items);
  });
});

describe("reading a search query agrees with the core", () => {
  it("has cases", () => expect(queryCases.length).toBeGreaterThanOrEqual(MIN_CASES));
  it.each(queryCases)("$text", (c) => {
    expect(readQuery(c.text)).toEqual(c.groups);
  });
});
