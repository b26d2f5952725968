/**
 * The story's news fields as the editor holds them between saves: kicker, headline, standfirst,
 * byline, dateline, slug, language, status, tags and word target. Filled from a story as the core
 * sent it, read back as the fields of a StoryEdit. The rules of the fields live here: the slug
 * follows the headline until someone edits it by hand (and takes the core's slug when left empty),
 * the tags are typed comma-separated (blanks and repeats dropped), the word target is a positive
 * whole number or none, the language (a BCP 47 tag, lib/language.ts) goes with every save. The
 * fields' inputs are StoryFields.svelte and the status pick in EditorTopBar.svelte.
 */
import type { DocNode, SaveReceipt, Status, Story, StoryEdit } from "../platform/types";
import { asDoc } from "./docSchema";
import { DEFAULT_LANGUAGE } from "./language";
import { slugify } from "./slug";

export class StoryDraft {
  kicker = $state("");
  headline = $state("");
  standfirst = $state("");
  byline = $state("");
  dateline = $state("");
  slug = $state("");
  /** The story's language, a BCP 47 tag (`en-US`, `fr`, `ar`). */
  language = $state(DEFAULT_LANGUAGE);
  status = $state<Status>("draft");
  /** The tags as typed: comma-separated. */
  tagsText = $state("");
  /** The word target as typed. */
  wordTargetText = $state("");
  /** The word target, when the text typed is a positive whole number. */
  readonly wordTarget = $derived.by(() => {
    const n = Number.parseInt(this.wordTargetText, 10);
    return Number.isFinite(n) && n > 0 ? n : null;
  });

  /** The slug follows the headline until someone edits it by hand. */
  #slugFollows = false;

  /** The fields of a story as the core sent it (opened, reloaded, restored). */
  fill(story: Story): void {
    this.kicker = story.kicker;
    this.headline = story.headline;
    this.standfirst = story.standfirst;
    this.byline = story.byline;
    this.dateline = story.dateline;
    this.slug = story.slug;
    this.#slugFollows = story.slug === "" || story.slug === "untitled" || story.slug === slugify(story.headline);
    this.language = story.language;
    this.status = story.status;
    this.tagsText = story.tags.join(", ");
    this.wordTargetText = story.wordTarget === null ? "" : String(story.wordTarget);
  }

  /** The core changed the story's status itself (a send published it): the other fields stay as typed. */
  adoptStatus(story: Pick<Story, "status">): void {
    this.status = story.status;
  }

  /** The headline was typed in: a slug that follows it follows. */
  headlineTyped(): void {
    if (this.#slugFollows) this.slug = slugify(this.headline);
  }

  /** The slug was typed in: from now on it stays as written. */
  slugTyped(): void {
    this.#slugFollows = false;
  }

  /** A save went through: a slug left empty takes the one the core gave the story. */
  saved(receipt: Pick<SaveReceipt, "slug">): void {
    if (this.slug.trim() === "") this.slug = receipt.slug;
  }

  /** The tags: trimmed, without blanks or repeats, in the order typed. */
  tags(): string[] {
    return this.tagsText
      .split(",")
      .map((t) => t.trim())
      .filter((t, i, all) => t !== "" && all.indexOf(t) === i);
  }

  /** The edit that saves these fields with `body`, based on `baseRevision`. */
  edit(id: string, baseRevision: number, body: DocNode): StoryEdit {
    return {
      id,
      baseRevision,
      slug: this.slug.trim(),
      kicker: this.kicker,
      headline: this.headline,
      standfirst: this.standfirst,
      byline: this.byline,
      dateline: this.dateline,
      language: this.language,
      status: this.status,
      tags: this.tags(),
      wordTarget: this.wordTarget,
      body: asDoc(body),
    };
  }
}
