/**
 * The real Platform: one typed call per Tauri command of the Byline core. This file (with the
 * rest of src/platform/) is the only place that imports @tauri-apps/*.
 */
import { Channel, invoke } from "@tauri-apps/api/core";
import { getCurrentWindow } from "@tauri-apps/api/window";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { AppError } from "./errors";
import { buildPhotoUrl } from "./photoUrl";
import type { Commands } from "./commands";
import type { AttachProgress, CheckSettings, ExportRequest, NewDestination, SendRequest, PhotoSize, PhotoUseEdit, LibrarySettings, NewStory, Platform, RelatedLink, SearchQuery, Status, StoryEdit } from "./types";

type Args<K extends keyof Commands> = Commands[K]["args"];
type Reply<K extends keyof Commands> = Commands[K]["reply"];

/**
 * One command, typed by the contract generated from the Rust commands (commands.ts): a wrong
 * argument name or type, or a reply used as something else, fails the type check.
 */
async function call<K extends keyof Commands>(
  command: K,
  ...[args, options]: Args<K> extends Record<string, never> ? [] : [Args<K>, { headers: Record<string, string> }?]
): Promise<Reply<K>> {
  try {
    return await (options ? invoke<Reply<K>>(command, args, options) : invoke<Reply<K>>(command, args));
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
    listStories: (status: Status | null, offset: number, limit: number) => call("list_stories", { status, offset, limit }),
    createStory: (story: NewStory) => call("create_story", { story }),
    getStory: (id: string) => call("get_story", { id }),
    saveStory: (edit: StoryEdit) => call("save_story", { edit }),
    deleteStory: async (id: string) => {
      await call("delete_story", { id });
    },
    undeleteStory: (id: string) => call("undelete_story", { id }),
    listRevisions: (id: string) => call("list_revisions", { id }),
    getRevision: (id: string, revision: number) => call("get_revision", { id, revision }),
    restoreRevision: (id: string, revision: number, baseRevision: number) =>
      call("restore_revision", { id, revision, baseRevision }),
    searchStories: (query: SearchQuery) => call("search_stories", { query }),
    setRelated: (story: string, links: RelatedLink[]) => call("set_related", { story, links }),
    backlinks: (story: string) => call("backlinks", { story }),
    suggestRelated: (story: string, limit: number) => call("suggest_related", { story, limit }),
    storyRefs: (ids: string[]) => call("story_refs", { ids }),
    libraryInfo: () => call("library_info"),
    librarySettings: () => call("library_settings"),
    setLibrarySettings: (settings: LibrarySettings) => call("set_library_settings", { settings }),
    attachPhotos: (story: string, files: string[], lead: boolean, onProgress?: (p: AttachProgress) => void) =>
      call("attach_photos", { story, files, lead, progress: progressChannel(onProgress) }),
    attachFromDialog: (story: string, lead: boolean, onProgress?: (p: AttachProgress) => void) =>
      call("attach_from_dialog", { story, lead, progress: progressChannel(onProgress) }),
    importStories: (paths: string[]) => call("import_stories", { paths }),
    importFromDialog: () => call("import_from_dialog"),
    cancelAttach: async () => {
      await call("cancel_attach");
    },
    // Raw bytes as the request body (never a JSON array of numbers); the rest rides in headers.
    attachPastedPhoto: (story: string, bytes: Uint8Array, lead: boolean) =>
      call("attach_pasted_photo", bytes, { headers: { "byline-story": story, "byline-lead": lead ? "true" : "false" } }),
    // A chosen file: the same raw-body command, with its name for the library and error messages.
    attachFileBytes: (story: string, bytes: Uint8Array, name: string, lead: boolean) =>
      call("attach_pasted_photo", bytes, {
        headers: { "byline-story": story, "byline-lead": lead ? "true" : "false", "byline-name": headerSafeName(name) },
      }),
    editPhotoUse: (story: string, useId: string, edit: PhotoUseEdit) => call("edit_photo_use", { story, useId, edit }),
    detachPhoto: async (story: string, useId: string) => {
      await call("detach_photo", { story, useId });
    },
    photoWarnings: (story: string) => call("photo_warnings", { story }),
    exportChecklist: (story: string) => call("export_checklist", { story }),
    exportStory: (story: string, request: ExportRequest) => call("export_story", { story, request }),
    revealExport: async (path: string) => {
      await call("reveal_export", { path });
    },
    libraryHealth: () => call("library_health"),
    listBackups: () => call("list_backups"),
    backupNow: () => call("backup_now"),
    restoreBackup: (file: string) => call("restore_backup", { file }),
    recoverLibrary: (file: string) => call("recover_library", { file }),
    openExternal: async (url: string) => {
      await call("open_external", { url });
    },
    checkStory: (story: string) => call("check_story", { story }),
    addDictionaryWord: async (word: string) => {
      await call("add_dictionary_word", { word });
    },
    ignoreWord: async (story: string, word: string) => {
      await call("ignore_word", { story, word });
    },
    copyDeskSettings: () => call("copy_desk_settings"),
    setCopyDeskSettings: (settings: CheckSettings) => call("set_copy_desk_settings", { settings }),
    switchRule: (rule: string, on: boolean) => call("switch_rule", { rule, on }),
    dictionaryWords: () => call("dictionary_words"),
    removeDictionaryWord: async (word: string) => {
      await call("remove_dictionary_word", { word });
    },
    listDestinations: () => call("list_destinations"),
    addDestination: (destination: NewDestination) => call("add_destination", { destination }),
    removeDestination: async (name: string) => {
      await call("remove_destination", { name });
    },
    testDestination: (name: string, secret: string | null) => call("test_destination", { name, secret }),
    provideSecret: async (destination: string, secret: string) => {
      await call("provide_secret", { destination, secret });
    },
    sendStory: (request: SendRequest) => call("send_story", { request }),
    listOutbox: () => call("list_outbox"),
    retryOutbox: (id: number, overwrite: boolean) => call("retry_outbox", { id, overwrite }),
    cancelOutbox: (id: number) => call("cancel_outbox", { id }),
    noteTyping: async () => {
      await call("note_typing");
    },
    noteStarted: async (pageMs: number) => {
      await call("note_started", { pageMs });
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
    setWindowTitle: (title: string) => getCurrentWindow().setTitle(title),
  };
}
