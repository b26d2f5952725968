/**
 * The copy desk in the editor, apart from the view: when to ask the core to check the story, the
 * latest report and its counts per category, and what can be done with a finding (take a
 * suggestion, ignore the word in this story, add it to the library dictionary, switch its rule off
 * for the library, go to the next).
 *
 * The core checks the story as saved, so a check waits for two things: a pause in typing
 * (`PAUSE_MS` after the last change) and the save that carries the last change. `edited()` is
 * told of every change, `saving()` when a save takes the story (the edit is read then) and
 * `saved()` when that save went through. One check runs at a time; a change while it runs asks
 * for another once it is done. The editor owns the text: it is told through `CopyDeskHost`.
 *
 * That is checking as you type, the library's setting `asYouType` (read when the story opens,
 * followed when the settings change). With it off nothing is checked by itself, neither on
 * opening nor after a save: the journalist asks (`demand()`: the drawer opened, F8, Check now),
 * the story is saved first and then checked. Until then the findings stay as the last check left
 * them (the body's underlines move with the text), `checkedAt` says when that was and `stale`
 * whether the story, or what the check reads, changed since.
 */
import type { CheckReport, CheckSettings, Finding, FindingCategory, FindingField, FindingPlace, Platform, PhotoWarning, PhotoWarningKind } from "../platform/types";
import { AppError } from "../platform/errors";

export const PAUSE_MS = 600;

export const CATEGORIES: readonly FindingCategory[] = ["spelling", "grammar", "punctuation", "style", "captions", "structure"];

export const CATEGORY_LABELS: Record<FindingCategory, string> = {
  spelling: "Spelling",
  grammar: "Grammar",
  punctuation: "Punctuation",
  style: "Style",
  captions: "Captions",
  structure: "Structure",
};

/** The story's fields in reading order. */
const FIELD_ORDER: readonly FindingField[] = ["kicker", "headline", "standfirst", "byline", "dateline", "body", "caption", "credit", "altText"];

export const FIELD_LABELS: Record<FindingField, string> = {
  kicker: "Kicker",
  headline: "Headline",
  standfirst: "Standfirst",
  byline: "Byline",
  dateline: "Dateline",
  body: "Body",
  caption: "Caption",
  credit: "Credit",
  altText: "Alt text",
};

/** Where the caret is: a field (and a body block), and a UTF-16 offset in its text. */
export type Caret = { field: FindingField; block: number[]; offset: number };

/**
 * Copy-desk findings a photo warning says too (the photos panel lists the warnings, under the
 * field and before publishing): a missing credit or alt text, alt text that repeats the caption.
 */
export const SAID_BY_WARNING: Readonly<Record<string, PhotoWarningKind>> = {
  "captions.missing-credit": "noCredit",
  "captions.missing-alt": "noAltText",
  "captions.alt-is-caption": "altTextIsCaption",
};

/** Whether one of `warnings` already says what the finding says (the same photo use and kind). */
export function saidByWarning(f: Finding, warnings: readonly PhotoWarning[]): boolean {
  const kind = SAID_BY_WARNING[f.rule];
  return kind !== undefined && f.place.photoUse !== null && warnings.some((w) => w.kind === kind && w.photoUse === f.place.photoUse);
}

/** What the copy desk needs from the editor. */
export type CopyDeskHost = {
  platform: Pick<Platform, "checkStory" | "addDictionaryWord" | "ignoreWord" | "copyDeskSettings" | "switchRule">;
  storyId: string;
  /** Saves the story's edits now, if any (before a check the journalist asked for). */
  flush?: () => Promise<void>;
  /** The photos' warnings shown in the photos panel: findings they say too are not listed again. */
  photoWarnings?: () => readonly PhotoWarning[];
  /** The text of a field or a body block as it is now (hardBreak = one character), or null. */
  textAt: (place: FindingPlace) => string | null;
  /** Replaces `start`–`end` of a field's or block's text with `text` (an edit, saved as any). */
  replace: (place: FindingPlace, start: number, end: number, text: string) => void;
  /** A new report (the body's underlines follow it). */
  onReport?: (report: CheckReport) => void;
  /** A check failed (the core's message). */
  onError?: (message: string) => void;
};

/** Whether a finding is a spelling one (it can be ignored or added to the dictionary). */
export function isSpelling(f: Finding): boolean {
  return f.category === "spelling";
}

/** What a suggestion's button says: the replacement, or "Remove" when it is to take the text out. */
export function suggestionText(suggestion: string): string {
  return suggestion === "" ? "Remove" : suggestion;
}

/** What a suggestion's button does, in words (its accessible name). */
export function suggestionLabel(f: Finding, suggestion: string): string {
  return suggestion === "" ? `Remove “${f.text}”` : `Replace “${f.text}” with “${suggestion}”`;
}

/**
 * Whether a finding still stands on `value` (its field as it is now): its text is still at its
 * place, or it is about the whole field. A finding a later edit moved is not shown until the next
 * check places it again.
 */
export function standsOn(f: Finding, value: string): boolean {
  if (f.start === f.end && f.text === "") return true;
  return value.slice(f.start, f.end) === f.text;
}

/** Compares two places in reading order (field, then body block path, then offset). */
export function compareAt(a: { field: FindingField; block: number[]; offset: number }, b: { field: FindingField; block: number[]; offset: number }): number {
  const fa = FIELD_ORDER.indexOf(a.field);
  const fb = FIELD_ORDER.indexOf(b.field);
  if (fa !== fb) return fa - fb;
  const n = Math.min(a.block.length, b.block.length);
  for (let i = 0; i < n; i++) if (a.block[i] !== b.block[i]) return a.block[i] - b.block[i];
  if (a.block.length !== b.block.length) return a.block.length - b.block.length;
  return a.offset - b.offset;
}

/** The same place and range (the same finding in two reports). */
export function sameFinding(a: Finding, b: Finding): boolean {
  return (
    a.rule === b.rule &&
    a.start === b.start &&
    a.end === b.end &&
    a.text === b.text &&
    a.place.field === b.place.field &&
    a.place.photoUse === b.place.photoUse &&
    a.place.block.join(".") === b.place.block.join(".")
  );
}

export class CopyDesk {
  /** The latest report (null before the first check). */
  report = $state.raw<CheckReport | null>(null);
  /** A check is running. */
  checking = $state(false);
  /** Why the last check failed, or null. */
  error = $state<string | null>(null);
  /** When the latest report came (null before the first check). */
  checkedAt = $state.raw<Date | null>(null);
  /** The story, or something the check reads (settings, dictionary, photos' details), changed since the latest report. */
  stale = $state(false);
  /** The library's setting: the story is checked after each pause in typing (else when asked). */
  asYouType = $state(true);

  readonly #host: CopyDeskHost;
  /** Changes counted: each `edited()` is one more. */
  #edits = 0;
  /** The changes the save under way carries, and those the last finished save carried. */
  #inSave = 0;
  #savedUpTo = 0;
  /** Changes outside the story's own saves (settings, dictionary, a photo's details, the story replaced). */
  #outside = 0;
  /** The pause after the last change is over. */
  #paused = true;
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** Another check is wanted once the one under way is done… */
  #again = false;
  /** …and the journalist asked for it: it runs even if typing has not paused. */
  #asked = false;
  #running: Promise<void> | null = null;
  /** The settings as read when the story opened (once). */
  #settingsRead: Promise<void> | null = null;
  /** The settings as last read or followed (null: not known). */
  #settings: CheckSettings | null = null;
  /** The settings were followed since that read began (newer than what it returns). */
  #followed = false;
  #disposed = false;

  /** The report's findings split: those to list, and those a photo warning already says. */
  #split = $derived.by(() => {
    const all = this.report?.findings ?? [];
    const warnings = this.#host.photoWarnings?.() ?? [];
    if (warnings.length === 0 || !all.some((f) => saidByWarning(f, warnings))) return { shown: all, said: [] as Finding[] };
    return { shown: all.filter((f) => !saidByWarning(f, warnings)), said: all.filter((f) => saidByWarning(f, warnings)) };
  });

  constructor(host: CopyDeskHost) {
    this.#host = host;
  }

  /**
   * The findings, in reading order (as the core gives them), but those a photo's warning already
   * says: the photos panel lists them (as the checklist counts them once, as a photo's).
   */
  get findings(): Finding[] {
    return this.#split.shown;
  }

  /** The findings left out of `findings` because a photo's warning says them. */
  get saidByWarnings(): Finding[] {
    return this.#split.said;
  }

  get total(): number {
    return this.findings.length;
  }

  /** How many findings in each category. */
  get counts(): Record<FindingCategory, number> {
    const out = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<FindingCategory, number>;
    for (const f of this.findings) out[f.category] += 1;
    return out;
  }

  /** The body or a field changed: a check follows a pause and the save that carries it (as you type). */
  edited(): void {
    this.#edits += 1;
    if (this.report !== null && !this.stale) this.stale = true;
    this.#paused = false;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#paused = true;
      this.#maybeRun();
    }, PAUSE_MS);
  }

  /** A save is taking the story as it is now. */
  saving(): void {
    this.#inSave = this.#edits;
  }

  /** The save that was taken went through. */
  saved(): void {
    this.#savedUpTo = Math.max(this.#savedUpTo, this.#inSave);
    this.#maybeRun();
  }

  /**
   * The story was opened or replaced (reloaded, restored): it is as saved. Checking as you type
   * (the settings are read first, once), it is checked now; otherwise when asked.
   */
  opened(): void {
    this.#inSave = this.#edits;
    this.#savedUpTo = this.#edits;
    this.#outside += 1;
    if (this.report !== null) this.stale = true;
    void this.#readSettings().then(() => {
      if (this.asYouType) void this.check();
    });
  }

  /** Reads the settings once (unreadable: checking as you type, the default). */
  #readSettings(): Promise<void> {
    this.#settingsRead ??= this.#host.platform.copyDeskSettings().then(
      (s) => {
        if (!this.#followed) this.#follow(s);
      },
      () => {},
    );
    return this.#settingsRead;
  }

  /**
   * The copy desk's settings were saved (the settings dialog): the open story follows them at
   * once. If what the check reads changed (rules, house style…), that is as `recheck()`; checking
   * as you type switched on brings a report older than the story up to date.
   */
  settingsChanged(settings: CheckSettings): void {
    const before = this.#settings;
    const was = this.asYouType;
    this.#follow(settings);
    if (before === null || checkedBy(before) !== checkedBy(settings)) this.recheck();
    else if (settings.asYouType && !was && (this.report === null || this.stale)) this.#maybeRun();
  }

  /** Settings as stored now (read, saved, or returned by a rule switched). */
  #follow(settings: CheckSettings): void {
    this.#settings = settings;
    this.#followed = true;
    this.asYouType = settings.asYouType;
  }

  #ready(): boolean {
    return this.#paused && this.#savedUpTo >= this.#edits;
  }

  #maybeRun(): void {
    if (this.asYouType && this.#ready()) void this.check();
  }

  /**
   * The journalist wants the findings: the drawer opened, F8 (`force`: Check now, always checks).
   * Checking as you type, a check starts only if there has been none (the next one follows the
   * typing). Otherwise the story is saved, then checked, unless the latest report is of the story
   * as it is. Resolves once the findings are as checked.
   */
  async demand(force = false): Promise<void> {
    if (this.#disposed) return;
    await this.#readSettings();
    if (!force) {
      const current = this.asYouType ? this.report !== null || this.checking : this.report !== null && !this.stale;
      if (current) {
        if (this.report === null) await this.#running;
        return;
      }
    }
    if (this.#savedUpTo < this.#edits) await this.#host.flush?.();
    this.#asked = true;
    await this.check();
  }

  /** Checks the story as saved now (or once the check under way is done); resolves when the findings are as checked. */
  check(): Promise<void> {
    if (this.#disposed) return Promise.resolve();
    this.#again = true;
    this.#running ??= this.#run();
    return this.#running;
  }

  async #run(): Promise<void> {
    this.checking = true;
    try {
      let first = true;
      while (this.#again && !this.#disposed) {
        // Asked for while a check ran: it runs if the journalist asked, or once the story is as
        // saved and typing has paused (if not, the save that follows asks again).
        if (!first && !this.#asked && !this.#ready()) break;
        first = false;
        this.#again = false;
        this.#asked = false;
        await this.#checkOnce();
      }
    } finally {
      this.#again = false;
      this.#running = null;
      this.checking = false;
    }
  }

  async #checkOnce(): Promise<void> {
    const upTo = this.#savedUpTo;
    const outside = this.#outside;
    try {
      const report = await this.#host.platform.checkStory(this.#host.storyId);
      if (this.#disposed) return;
      this.report = report;
      this.error = null;
      this.checkedAt = new Date();
      this.stale = this.#edits > upTo || this.#outside > outside;
      this.#host.onReport?.(report);
    } catch (err) {
      if (this.#disposed) return;
      this.error = AppError.from(err, "check_story").message;
      this.#host.onError?.(this.error);
    }
  }

  /** The finding's text is still where the report said it was. */
  stillThere(f: Finding): boolean {
    const text = this.#host.textAt(f.place);
    return text !== null && text.slice(f.start, f.end) === f.text;
  }

  /**
   * Takes a suggestion: replaces the finding's text (if it is still there; otherwise the story
   * is checked again). The edit is saved and checked as any other; the finding goes at once.
   */
  apply(f: Finding, suggestion: string): boolean {
    if (!this.stillThere(f)) {
      void this.check();
      return false;
    }
    this.#drop((g) => sameFinding(g, f));
    this.#host.replace(f.place, f.start, f.end, suggestion);
    return true;
  }

  /** The word is fine in this story: the core remembers it, and the story is checked again. */
  async ignore(f: Finding): Promise<void> {
    await this.#wordAction(f, () => this.#host.platform.ignoreWord(this.#host.storyId, f.text), "ignore_word");
  }

  /** The word is fine everywhere: it goes into the library dictionary; the story is checked again. */
  async addToDictionary(f: Finding): Promise<void> {
    await this.#wordAction(f, () => this.#host.platform.addDictionaryWord(f.text), "add_dictionary_word");
  }

  async #wordAction(f: Finding, run: () => Promise<void>, command: string): Promise<void> {
    try {
      await run();
    } catch (err) {
      this.error = AppError.from(err, command).message;
      this.#host.onError?.(this.error);
      return;
    }
    const word = f.text.toLowerCase();
    this.#drop((g) => isSpelling(g) && g.text.toLowerCase() === word);
    await this.#afterAction();
  }

  /**
   * After Ignore, Add to dictionary or Turn off rule, whose findings went at once: checking as
   * you type, the story is checked again; otherwise that is what a check would have done, and the
   * rest waits to be asked for.
   */
  #afterAction(): Promise<void> {
    return this.asYouType ? this.check() : Promise.resolve();
  }

  /**
   * Switches the finding's rule off for the whole library (`switch_rule`: one transaction, so a
   * change made meanwhile elsewhere is kept); its findings go at once. Throws the core's refusal
   * (an AppError).
   */
  async turnOff(f: Finding): Promise<void> {
    this.#follow(await this.#switchRule(f.rule, false));
    this.#drop((g) => g.rule === f.rule);
    await this.#afterAction();
  }

  /** Switches a rule back on (undoing `turnOff`), and checks the story again: only a check brings its findings back. */
  async turnOn(rule: string): Promise<void> {
    this.#follow(await this.#switchRule(rule, true));
    await this.check();
  }

  async #switchRule(rule: string, on: boolean): Promise<CheckSettings> {
    try {
      return await this.#host.platform.switchRule(rule, on);
    } catch (err) {
      throw AppError.from(err, "switch_rule");
    }
  }

  /**
   * Something the check reads changed outside the story's own saves (a photo's details, the copy
   * desk's settings, the library dictionary): checking as you type, the story is checked again
   * once it is as saved; otherwise the report is marked as older than that change.
   */
  recheck(): void {
    this.#outside += 1;
    if (this.report !== null) this.stale = true;
    this.#maybeRun();
  }

  #drop(gone: (f: Finding) => boolean): void {
    if (!this.report) return;
    this.report = { ...this.report, findings: this.report.findings.filter((g) => !gone(g)) };
    this.#host.onReport?.(this.report);
  }

  /** The first finding after the caret (after its start), wrapping round; null when there are none. */
  next(caret: Caret | null): Finding | null {
    const all = this.findings;
    if (all.length === 0) return null;
    if (!caret) return all[0];
    const sorted = [...all].sort((a, b) => compareAt(at(a), at(b)));
    return sorted.find((f) => compareAt(at(f), caret) > 0) ?? sorted[0];
  }

  dispose(): void {
    this.#disposed = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }
}

/** What of the settings the check reads: all but whether it runs as you type (switched-off rules in any order). */
function checkedBy(s: CheckSettings): string {
  return JSON.stringify([[...s.disabled].sort(), s.houseStyle.map((g) => [g.preferred, g.variants]), s.knownAbbreviations, s.headlineMax, s.headlineCase]);
}

function at(f: Finding): Caret {
  return { field: f.place.field, block: f.place.block, offset: f.start };
}

/** Where a finding is, in words ("Headline", "Body, paragraph 4", "Caption"). */
export function placeLabel(f: Finding): string {
  if (f.place.field !== "body") return FIELD_LABELS[f.place.field];
  const [top, ...rest] = f.place.block;
  if (top === undefined) return "Body";
  return rest.length > 0 ? `Body, block ${top + 1} (inside)` : `Body, paragraph ${top + 1}`;
}
