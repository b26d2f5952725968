/**
 * The fake core's import of story files into the library (files dropped on it, or picked in the
 * native dialog): each file is "read" from its name, like the fake's photos. A .docx, .md,
 * .markdown, .txt or .zip becomes one new story headlined from the file name
 * ("council-budget.docx" → "Council budget"); a .docx whose name holds "tracked" had two tracked
 * changes, one holding "broken-photo" a picture that cannot be decoded (skipped, the story still
 * imported), one holding "not-a-docx" is no Word file at all. Anything else is skipped with why,
 * as the core's `import_paths` does: one file's failure never stops the others.
 */
import { computeStats } from "../lib/stats";
import { clone, toEdit } from "./fakeCore";
import { FakeLibrary } from "./fakeLibrary";
import type { ImportReport, SkippedPhoto } from "./types";

/** What the core imports: Word files, Markdown, plain text and story packages. */
const STORY_FILE = /\.(docx|md|markdown|txt|zip)$/i;

/** Why a file that is not a story file is left out. */
export const NOT_A_STORY_FILE = "not a story file Byline can import (Word .docx, Markdown, plain text or a story package .zip)";

/** A file's name, the last part of its path (either separator). */
function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** A headline from a file name: "council-budget.docx" → "Council budget". */
export function headlineFromFileName(name: string): string {
  const stem = name.replace(/\.[^.]*$/, "");
  const words = stem.replace(/[-_]+/g, " ").replace(/\s+/g, " ").trim();
  return words === "" ? "" : words[0].toUpperCase() + words.slice(1);
}

export abstract class FakeImport extends FakeLibrary {
  /** What the fake import dialog "picks" (tests may change it; empty = cancelled). */
  importPick: string[] = [];

  importStories(paths: string[]): Promise<ImportReport> {
    return this.call("import_stories", { paths }, () => this.importPaths(paths));
  }

  importFromDialog(): Promise<ImportReport> {
    return this.call("import_from_dialog", {}, () => this.importPaths([...this.importPick]));
  }

  /** Each path in turn, like the core's `import_paths`: what cannot be imported is skipped with why. */
  private importPaths(paths: string[]): ImportReport {
    const report: ImportReport = { stories: [], skipped: [], notes: [] };
    for (const path of paths) {
      const problem = this.refusal(path);
      if (problem !== null) {
        report.skipped.push({ file: path, problem });
        continue;
      }
      const one = this.importStoryFile(path);
      report.stories.push(...one.stories);
      report.skipped.push(...one.skipped);
      report.notes.push(...one.notes);
    }
    return report;
  }

  /** Why `path` cannot be imported (the core's messages), or null. */
  private refusal(path: string): string | null {
    const name = fileName(path);
    const lower = name.toLowerCase();
    // Like the core: on a damaged library each file fails on its own, the command does not.
    if (this.state === "readOnly") return "attempt to write a readonly database";
    if (lower.endsWith(".doc")) {
      return `${path} cannot be imported: the file is password-protected or is an old Word 97-2003 document (.doc): open it in Word or LibreOffice, remove the password, save it as .docx and import that`;
    }
    if (lower.endsWith(".docm")) {
      return `${path} cannot be imported: the document contains macros (.docm): Byline never imports macros; save it as a plain .docx (Word document) and import that`;
    }
    if (lower.endsWith(".docx") && lower.includes("not-a-docx")) {
      return `${path} cannot be imported: this is not a DOCX (a Word document): it is not a zip package`;
    }
    if (!STORY_FILE.test(name)) return NOT_A_STORY_FILE;
    return null;
  }

  /** One story file, "read" from its name. */
  private importStoryFile(path: string): ImportReport {
    const name = fileName(path);
    const lower = name.toLowerCase();
    const at = this.now().toISOString();
    const story = this.insert({ headline: headlineFromFileName(name), kicker: null, byline: null }, at);
    story.body = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: `Imported from ${name}.` }] }] };
    story.stats = computeStats(story.body);
    const entry = this.stories.get(story.id);
    if (entry) entry.history = [{ revision: 1, saved: at, edit: toEdit(story) }];
    const skipped: SkippedPhoto[] = [];
    const notes: string[] = [];
    if (lower.endsWith(".docx")) {
      if (lower.includes("tracked")) notes.push("2 tracked changes were accepted");
      if (lower.includes("broken-photo")) {
        skipped.push({ file: "image2.jpeg", problem: "the photo could not be decoded: the JPEG data ends before the picture does" });
      }
    }
    return clone({ stories: [story.id], skipped, notes });
  }
}
