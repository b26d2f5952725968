/** How an import of story files reads in the library: the summary line and each file left out. */
import type { ImportReport, SkippedPhoto } from "../platform/types";

/** Nothing came back at all: the dialog was cancelled (or nothing was dropped). */
export function isEmptyReport(report: ImportReport): boolean {
  return report.stories.length === 0 && report.skipped.length === 0 && report.notes.length === 0;
}

/** "Imported 1 story", "Imported 3 stories", or "Nothing was imported". */
export function importSummary(report: ImportReport): string {
  const n = report.stories.length;
  if (n === 0) return "Nothing was imported";
  return `Imported ${n.toLocaleString()} ${n === 1 ? "story" : "stories"}`;
}

/**
 * One file left out as "file: problem". The core's problems often name the file already
 * ("/…/letter.docx cannot be imported: …", "image2.jpeg: the photo could not be decoded: …"):
 * then the problem is shown alone, so the name is not said twice.
 */
export function skippedLine(skipped: SkippedPhoto): string {
  const file = skipped.file.trim();
  const problem = skipped.problem.trim();
  if (file === "") return problem;
  if (problem === "") return file;
  if (problem.startsWith(file)) return problem;
  return `${file}: ${problem}`;
}
