/**
 * What a dialog shows before a story leaves (Export…, Send…): the story saved first, so the
 * latest text is what goes, then the pre-publish checklist from the core.
 */
import { AppError } from "../platform/errors";
import type { ChecklistItem, Platform } from "../platform/types";

export interface PrePublish {
  /** The latest edits could not be saved: the last saved version would leave. */
  unsaved: boolean;
  checklist: ChecklistItem[] | null;
  /** Why the checklist could not be loaded. */
  error: string | null;
}

export async function prePublish(platform: Platform, storyId: string, flush: () => Promise<boolean>): Promise<PrePublish> {
  const unsaved = !(await flush());
  try {
    return { unsaved, checklist: await platform.exportChecklist(storyId), error: null };
  } catch (err) {
    return { unsaved, checklist: null, error: AppError.from(err, "export_checklist").message };
  }
}
