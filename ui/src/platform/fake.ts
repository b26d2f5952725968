/**
 * An in-memory Platform for Vitest and for running the UI in a plain browser. It behaves like the
 * core where the UI depends on it: revision numbers, stale-revision conflicts (nothing saved),
 * body validation, trash and undo, revision history and restore, the paged library list, search
 * (fakeSearch.ts), related posts with the core's refusals, backlinks, suggestions, library
 * settings, and a stand-in copy desk (fakeCheck.ts). Its parts are layers of one class, by area: fakeCore.ts (state and the call
 * machinery), fakeStories.ts, fakeLinks.ts, fakePhotos.ts, fakeExport.ts, fakeLibrary.ts,
 * fakeImport.ts (story files imported into the library), fakePublish.ts (destinations and the
 * outbox); this file puts them together and seeds
 * the sample story.
 */
import { computeStats } from "../lib/stats";
import { DEFAULT_LANGUAGE } from "../lib/language";
import { SAMPLE_HEADLINE, SAMPLE_KICKER, SAMPLE_LEAD, sampleBody } from "./sample";
import { seededStories } from "./fakeSeed";
import { NO_METADATA, clone, creditLine, toEdit, trimLikeCore, type FakeOptions, type FakePhoto } from "./fakeCore";
import { FakePublish } from "./fakePublish";
import samplePhotoUrl from "../assets/sample-lead.png";
import placeholderPhotoUrl from "../assets/photo-placeholder.png";
import { copyDeskItem, dictionaryWord, fakeCheck, nocase, tidyCopyDeskSettings } from "./fakeCheck";
import type { ChecklistItem, CheckReport, CheckSettings, Platform, Story } from "./types";
import { AppError } from "./errors";

export type { FakeOptions } from "./fakeCore";
export { fakeSha256 } from "./fakePhotos";

export class FakePlatform extends FakePublish implements Platform {
  constructor(opts: FakeOptions = {}) {
    super(opts);
    if (opts.seed ?? true) this.seed();
    for (const story of opts.stories ?? seededStories()) this.adopt(story);
    this.state = opts.health?.state ?? "ok";
    this.healthMessage = opts.health?.message ?? (this.state === "ok" ? null : "the library is damaged: database disk image is malformed");
    this.afterUncleanShutdown = opts.health?.afterUncleanShutdown ?? false;
  }

  /**
   * The library dictionary (each word as first written, by its NOCASE form, as the core's table
   * keeps them) and each story's ignored words, lower-cased.
   */
  private readonly libraryWords = new Map<string, string>();
  private readonly ignoredWords = new Map<string, Set<string>>();

  /** In a plain browser the console says it (the start bench reads Chromium's log for it). */
  noteStarted(pageMs: number): Promise<void> {
    console.info(`byline: the library is on screen (page ${Math.round(pageMs)} ms)`);
    return Promise.resolve();
  }

  /** The copy desk's stand-in over a story: see fakeCheck.ts (a few known misspellings, no real rules). */
  private checked(story: Story): CheckReport {
    const words = new Set([...this.libraryWords.values()].map((w) => w.toLowerCase()));
    return fakeCheck(story, words, this.ignoredWords.get(story.id) ?? new Set(), this.copyDesk.disabled);
  }

  checkStory(story: string): Promise<CheckReport> {
    return this.call("check_story", { story }, () => this.checked(this.live(story, "check_story").story));
  }

  addDictionaryWord(word: string): Promise<void> {
    return this.call("add_dictionary_word", { word }, () => {
      const checked = dictionaryWord(word, "add_dictionary_word");
      // A word already there, in any case, is kept as it was first written.
      if (!this.libraryWords.has(nocase(checked))) this.libraryWords.set(nocase(checked), checked);
    });
  }

  ignoreWord(story: string, word: string): Promise<void> {
    return this.call("ignore_word", { story, word }, () => {
      this.live(story, "ignore_word");
      const checked = dictionaryWord(word, "ignore_word").toLowerCase();
      this.ignoredWords.set(story, (this.ignoredWords.get(story) ?? new Set()).add(checked));
    });
  }

  /** The copy desk's settings as the fake keeps them (starter values as the core's, in short). */
  private copyDesk: CheckSettings = {
    disabled: [],
    houseStyle: [
      { preferred: "Secretary-General", variants: ["Secretary General"] },
      { preferred: "email", variants: ["e-mail"] },
      { preferred: "percent", variants: ["per cent"] },
    ],
    knownAbbreviations: ["AFP", "EU", "NATO", "UK", "UN", "US"],
    headlineMax: 70,
    headlineCase: "sentence",
    asYouType: true,
  };

  copyDeskSettings(): Promise<CheckSettings> {
    return this.call("copy_desk_settings", {}, () => clone(this.copyDesk));
  }

  /** Checked whole and tidied as the core does (fakeCheck.ts); a refusal changes nothing. */
  setCopyDeskSettings(settings: CheckSettings): Promise<CheckSettings> {
    return this.call("set_copy_desk_settings", { settings }, () => {
      this.copyDesk = tidyCopyDeskSettings(settings, "set_copy_desk_settings");
      return clone(this.copyDesk);
    });
  }

  switchRule(rule: string, on: boolean): Promise<CheckSettings> {
    return this.call("switch_rule", { rule, on }, () => {
      const id = rule.trim();
      const disabled = this.copyDesk.disabled.filter((d) => d !== id);
      this.copyDesk = tidyCopyDeskSettings({ ...this.copyDesk, disabled: on ? disabled : [...disabled, id] }, "switch_rule");
      return clone(this.copyDesk);
    });
  }

  /** In alphabetical order, ignoring the case of ASCII letters (the table's NOCASE order). */
  dictionaryWords(): Promise<string[]> {
    return this.call("dictionary_words", {}, () =>
      [...this.libraryWords.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, word]) => word),
    );
  }

  /** Takes the word out in any case; the core's error when it is not there. */
  removeDictionaryWord(word: string): Promise<void> {
    return this.call("remove_dictionary_word", { word }, () => {
      const w = trimLikeCore(word);
      if (!this.libraryWords.delete(nocase(w))) {
        throw new AppError("invalid_input", `“${w}” is not in the library dictionary`, "remove_dictionary_word");
      }
    });
  }

  /** The checklist, with the copy desk's count as the core adds it. */
  override async exportChecklist(story: string): Promise<ChecklistItem[]> {
    const items = await super.exportChecklist(story);
    const entry = this.stories.get(story);
    if (!entry) return items;
    const item = copyDeskItem(this.checked(entry.story));
    return item ? [...items, item] : items;
  }

  private seed(): void {
    const created = new Date(this.now().getTime() - 26 * 60_000).toISOString();
    const story = this.insert({ headline: SAMPLE_HEADLINE, kicker: SAMPLE_KICKER, byline: "Byline staff" }, created);
    story.dateline = "ROME";
    story.status = "editing";
    story.tags = ["Arab League", "IS", "Diplomacy"];
    story.wordTarget = 600;
    story.body = sampleBody();
    story.stats = computeStats(story.body);
    const lead: FakePhoto = {
      sha256: SAMPLE_LEAD.sha256,
      width: 512,
      height: 512,
      metadata: NO_METADATA,
      image: samplePhotoUrl,
    };
    this.photoFiles.set(lead.sha256, lead);
    story.photos = [
      {
        ...this.newUse(lead, "lead"),
        caption: SAMPLE_LEAD.caption,
        credit: SAMPLE_LEAD.credit,
        creditLine: creditLine(SAMPLE_LEAD.credit),
        altText: SAMPLE_LEAD.altText,
        standIn: SAMPLE_LEAD.standIn,
      },
    ];
    const entry = this.stories.get(story.id);
    if (entry) entry.history = [{ revision: 1, saved: created, edit: toEdit(story) }];
  }

  /** Takes a whole story (body, photo uses) as it is; its photos show the placeholder image. */
  private adopt(given: Story): void {
    const story = clone(given);
    // Like the core reading a story saved before stories had a language.
    if (typeof story.language !== "string") story.language = DEFAULT_LANGUAGE;
    story.stats = computeStats(story.body);
    for (const use of story.photos) {
      if (!this.photoFiles.has(use.photo)) {
        this.photoFiles.set(use.photo, { sha256: use.photo, width: use.width, height: use.height, metadata: NO_METADATA, image: placeholderPhotoUrl });
      }
    }
    this.stories.set(story.id, { story, deleted: false, history: [{ revision: story.revision, saved: story.updated, edit: toEdit(story) }] });
  }

  async onCloseRequested(_handler: () => Promise<void>): Promise<() => void> {
    return () => {};
  }

  /** Every title the window was given, in order (the last is the one it shows). */
  readonly windowTitles: string[] = [];

  async setWindowTitle(title: string): Promise<void> {
    this.windowTitles.push(title);
  }
}
