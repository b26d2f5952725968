/**
 * The real Platform: one typed call per Tauri command of the Byline core. This file (with the
 * rest of src/platform/) is the only place that imports @tauri-apps/*.
 */
import { Channel, invoke } from "@tauri-apps/api/core";
import { getCurrentWindow } from "@tauri-apps/api/window";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { AppError } from "./errors";
import { buildPhotoUrl } from "./photoUrl";
import type {
  AttachProgress,
  AttachReport,
  Backlink,
  Backup,
  ChecklistItem,
  ExportDone,
  ExportRequest,
  PhotoSize,
  PhotoUse,
  PhotoUseEdit,
  PhotoWarning,
  LibraryHealth,
  LibraryInfo,
  LibrarySettings,
  NewStory,
  Platform,
  RelatedLink,
  RevisionSummary,
  RevisionView,
  SearchQuery,
  SearchResults,
  Status,
  SaveReceipt,
  Story,
  StoryEdit,
  StoryPage,
  StoryRef,
  Suggestion,
} from "./types";

async function call<T>(command: string, args?: Record<string, unknown> | Uint8Array, options?: { headers: Record<string, string> }): Promise<T> {
  try {
    return await (options ? invoke<T>(command, args, options) : invoke<T>(command, args));
  } catch (raw) {
    throw AppError.from(raw, command);
  }
}

/** A progress channel for a photo batch (the core sends one message after each file). */
function progressChannel(onProgress?: (p: AttachProgress) => void): Channel<AttachProgress> {
  const ch = new Channel<AttachProgress>();
  ch.onmessage = (p) => onProgress?.(p);
  return ch;
}

/**
 * A file name as an HTTP header value: headers carry visible ASCII only, so anything else
 * (accents, non-Latin scripts, control characters) becomes "_"; the extension survives.
 */
export function headerSafeName(name: string): string {
  const safe = name.replace(/[^\x20-\x7e]/g, "_").trim();
  return safe === "" ? "photo" : safe;
}

export function createTauriPlatform(): Platform {
  return {
    listStories: (status: Status | null, offset: number, limit: number) => call<StoryPage>("list_stories", { status, offset, limit }),
    createStory: (story: NewStory) => call<Story>("create_story", { story }),
    getStory: (id: string) => call<Story>("get_story", { id }),
    saveStory: (edit: StoryEdit) => call<SaveReceipt>("save_story", { edit }),
    deleteStory: async (id: string) => {
      await call<null>("delete_story", { id });
    },
    undeleteStory: (id: string) => call<Story>("undelete_story", { id }),
    listRevisions: (id: string) => call<RevisionSummary[]>("list_revisions", { id }),
    getRevision: (id: string, revision: number) => call<RevisionView>("get_revision", { id, revision }),
    restoreRevision: (id: string, revision: number, baseRevision: number) =>
      call<Story>("restore_revision", { id, revision, baseRevision }),
    searchStories: (query: SearchQuery) => call<SearchResults>("search_stories", { query }),
    setRelated: (story: string, links: RelatedLink[]) => call<RelatedLink[]>("set_related", { story, links }),
    backlinks: (story: string) => call<Backlink[]>("backlinks", { story }),
    suggestRelated: (story: string, limit: number) => call<Suggestion[]>("suggest_related", { story, limit }),
    storyRefs: (ids: string[]) => call<StoryRef[]>("story_refs", { ids }),
    libraryInfo: () => call<LibraryInfo>("library_info"),
    librarySettings: () => call<LibrarySettings>("library_settings"),
    setLibrarySettings: (settings: LibrarySettings) => call<LibrarySettings>("set_library_settings", { settings }),
    attachPhotos: (story: string, files: string[], lead: boolean, onProgress?: (p: AttachProgress) => void) =>
      call<AttachReport>("attach_photos", { story, files, lead, progress: progressChannel(onProgress) }),
    attachFromDialog: (story: string, lead: boolean, onProgress?: (p: AttachProgress) => void) =>
      call<AttachReport>("attach_from_dialog", { story, lead, progress: progressChannel(onProgress) }),
    cancelAttach: async () => {
      await call<null>("cancel_attach");
    },
    // Raw bytes as the request body (never a JSON array of numbers); the rest rides in headers.
    attachPastedPhoto: (story: string, bytes: Uint8Array, lead: boolean) =>
      call<AttachReport>("attach_pasted_photo", bytes, { headers: { "byline-story": story, "byline-lead": lead ? "true" : "false" } }),
    // A chosen file: the same raw-body command, with its name for the library and error messages.
    attachFileBytes: (story: string, bytes: Uint8Array, name: string, lead: boolean) =>
      call<AttachReport>("attach_pasted_photo", bytes, {
        headers: { "byline-story": story, "byline-lead": lead ? "true" : "false", "byline-name": headerSafeName(name) },
      }),
    editPhotoUse: (story: string, useId: string, edit: PhotoUseEdit) => call<PhotoUse>("edit_photo_use", { story, useId, edit }),
    detachPhoto: async (story: string, useId: string) => {
      await call<null>("detach_photo", { story, useId });
    },
    photoWarnings: (story: string) => call<PhotoWarning[]>("photo_warnings", { story }),
    exportChecklist: (story: string) => call<ChecklistItem[]>("export_checklist", { story }),
    exportStory: (story: string, request: ExportRequest) => call<ExportDone>("export_story", { story, request }),
    revealExport: async (path: string) => {
      await call<null>("reveal_export", { path });
    },
    libraryHealth: () => call<LibraryHealth>("library_health"),
    listBackups: () => call<Backup[]>("list_backups"),
    backupNow: () => call<Backup>("backup_now"),
    restoreBackup: (file: string) => call<Backup>("restore_backup", { file }),
    recoverLibrary: (file: string) => call<LibraryHealth>("recover_library", { file }),
    openExternal: async (url: string) => {
      await call<null>("open_external", { url });
    },
    photoUrl: (sha256: string, size: PhotoSize) => buildPhotoUrl(sha256, size),
    onFilesDropped: async (handler: (paths: string[]) => void, onHover?: (over: boolean) => void) =>
      getCurrentWebview().onDragDropEvent((event) => {
        const p = event.payload;
        if (p.type === "enter" || p.type === "over") onHover?.(true);
        else if (p.type === "leave") onHover?.(false);
        else if (p.type === "drop") {
          onHover?.(false);
          if (p.paths.length > 0) handler(p.paths);
        }
      }),
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
