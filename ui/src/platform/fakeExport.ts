/**
 * The fake core's export: the pre-publish checklist by the core's rules and with its messages, the
 * export into a picked folder (nothing is written) and showing an export made in this session.
 */
import { computeStats } from "../lib/stats";
import { AppError } from "./errors";
import { EXPORT_FORMATS, PAPERS } from "./types";
import { trimLikeCore } from "./fakeCore";
import { FakePhotos, photoWarnings } from "./fakePhotos";
import type { ChecklistCheck, ChecklistItem, ExportDone, ExportRequest, PhotoWarning, Story } from "./types";

/** Longest headline the checklist lets through (the core's MAX_HEADLINE_CHARS). */
const MAX_HEADLINE_CHARS = 110;

/** What to look at before a story goes out, given its photos' warnings (the core's `checklist`). */
export function checklistOf(story: Pick<Story, "headline" | "wordTarget" | "body">, warnings: PhotoWarning[]): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  const add = (check: ChecklistCheck, message: string) => items.push({ check, message });
  const stats = computeStats(story.body);
  if (stats.notes > 0) add("notes", `${stats.notes} unresolved TK or newsroom note(s) in the copy (they are left out of exports)`);
  const headline = trimLikeCore(story.headline);
  const chars = [...headline].length;
  if (headline === "") add("headline", "the headline is empty");
  else if (chars > MAX_HEADLINE_CHARS) add("headlineLength", `the headline has ${chars} characters (more than ${MAX_HEADLINE_CHARS})`);
  if (story.wordTarget !== null && stats.words < story.wordTarget) add("wordTarget", `${stats.words} words, under the target of ${story.wordTarget}`);
  for (const w of warnings) add("photo", w.message);
  return items;
}

export abstract class FakeExport extends FakePhotos {
  /** What the fake folder dialog of an export "picks" (tests may change it; null = cancelled). */
  exportFolderPick: string | null = "/home/you/Exports";
  /** Paths exported in this session (the only ones `revealExport` shows). */
  readonly exported = new Set<string>();
  /** Every export request the fake received, in order (tests check the format, options and paper). */
  readonly exportRequests: ExportRequest[] = [];

  /** The pre-publish checklist, by the core's rules and with its messages. */
  exportChecklist(story: string): Promise<ChecklistItem[]> {
    return this.call("export_checklist", { story }, () => {
      const s = this.live(story, "export_checklist").story;
      return checklistOf(s, photoWarnings(s.photos));
    });
  }

  /**
   * "Exports" into `exportFolderPick` (null: the dialog was cancelled). Nothing is written; a
   * story whose slug contains "exists" meets an existing destination, like the core refusing to
   * overwrite.
   */
  exportStory(story: string, request: ExportRequest): Promise<ExportDone> {
    return this.call("export_story", { story, request }, () => {
      this.exportRequests.push({ ...request });
      const s = this.live(story, "export_story").story;
      if (!EXPORT_FORMATS.includes(request.format)) {
        throw new AppError("invalid_input", `unknown export format ${String(request.format)}`, "export_story");
      }
      if (!Number.isInteger(request.longEdge) || request.longEdge < 256 || request.longEdge > 8192) {
        throw new AppError("invalid_input", "the rendition size must be 256 to 8192 pixels", "export_story");
      }
      if (!PAPERS.includes(request.paper)) {
        throw new AppError("invalid_input", `unknown paper ${String(request.paper)}: use a4 or letter`, "export_story");
      }
      if (this.exportFolderPick === null) return { path: null };
      const slug = s.slug || "untitled";
      const singleFile = request.format === "zip" || request.format === "docx" || request.format === "pdf";
      const path = `${this.exportFolderPick}/${slug}${singleFile ? `.${request.format}` : `-${request.format}`}`;
      if (slug.includes("exists")) {
        throw new AppError("invalid_input", `${path} already exists; choose another destination (nothing was overwritten)`, "export_story");
      }
      this.exported.add(path);
      return { path };
    });
  }

  revealExport(path: string): Promise<void> {
    return this.call("reveal_export", { path }, () => {
      if (!this.exported.has(path)) throw new AppError("invalid_input", "only an export made in this session can be shown", "reveal_export");
    });
  }
}
