/**
 * The real Platform: one typed call per Tauri command of the Byline core. This file (with the
 * rest of src/platform/) is the only place that imports @tauri-apps/*.
 */
import { invoke } from "@tauri-apps/api/core";
import { getCurrentWindow } from "@tauri-apps/api/window";
import { AppError } from "./errors";
import type {
  LibraryInfo,
  NewStory,
  Platform,
  RevisionSummary,
  RevisionView,
  Status,
  Story,
  StoryEdit,
  StorySummary,
} from "./types";

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw AppError.from(raw, command);
  }
}

export function createTauriPlatform(): Platform {
  return {
    listStories: (status: Status | null) => call<StorySummary[]>("list_stories", { status }),
    createStory: (story: NewStory) => call<Story>("create_story", { story }),
    getStory: (id: string) => call<Story>("get_story", { id }),
    saveStory: (edit: StoryEdit) => call<Story>("save_story", { edit }),
    deleteStory: async (id: string) => {
      await call<null>("delete_story", { id });
    },
    undeleteStory: (id: string) => call<Story>("undelete_story", { id }),
    listRevisions: (id: string) => call<RevisionSummary[]>("list_revisions", { id }),
    getRevision: (id: string, revision: number) => call<RevisionView>("get_revision", { id, revision }),
    restoreRevision: (id: string, revision: number, baseRevision: number) =>
      call<Story>("restore_revision", { id, revision, baseRevision }),
    libraryInfo: () => call<LibraryInfo>("library_info"),
    onCloseRequested: async (handler: () => Promise<void>) => {
      const win = getCurrentWindow();
      return win.onCloseRequested(async () => {
        // Awaiting here holds the close until the last save has been attempted.
        try {
          await handler();
        } catch (err) {
          console.error("save before close failed", err);
        }
      });
    },
  };
}
