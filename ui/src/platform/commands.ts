// Generated from the #[tauri::command] functions in src-tauri/app/src/commands/ by
// `UPDATE_BINDINGS=1 cargo test -p byline-app --test ipc_contract`. Do not edit.

import type { AttachProgress } from "../bindings/AttachProgress";
import type { AttachReport } from "../bindings/AttachReport";
import type { Backlink } from "../bindings/Backlink";
import type { Backup } from "../bindings/Backup";
import type { Channel } from "@tauri-apps/api/core";
import type { CheckReport } from "../bindings/CheckReport";
import type { CheckSettings } from "../bindings/CheckSettings";
import type { ChecklistItem } from "../bindings/ChecklistItem";
import type { ConnectionReport } from "../bindings/ConnectionReport";
import type { Destination } from "../bindings/Destination";
import type { ExportDone } from "../bindings/ExportDone";
import type { ExportRequest } from "../bindings/ExportRequest";
import type { ImportReport } from "../bindings/ImportReport";
import type { LibraryHealth } from "../bindings/LibraryHealth";
import type { LibraryInfo } from "../bindings/LibraryInfo";
import type { LibrarySettings } from "../bindings/LibrarySettings";
import type { NewDestination } from "../bindings/NewDestination";
import type { NewStory } from "../bindings/NewStory";
import type { OutboxItem } from "../bindings/OutboxItem";
import type { PhotoUse } from "../bindings/PhotoUse";
import type { PhotoUseEdit } from "../bindings/PhotoUseEdit";
import type { PhotoWarning } from "../bindings/PhotoWarning";
import type { RelatedLink } from "../bindings/RelatedLink";
import type { RevisionSummary } from "../bindings/RevisionSummary";
import type { RevisionView } from "../bindings/RevisionView";
import type { SaveReceipt } from "../bindings/SaveReceipt";
import type { SearchQuery } from "../bindings/SearchQuery";
import type { SearchResults } from "../bindings/SearchResults";
import type { SendRequest } from "../bindings/SendRequest";
import type { Status } from "../bindings/Status";
import type { Story } from "../bindings/Story";
import type { StoryEdit } from "../bindings/StoryEdit";
import type { StoryPage } from "../bindings/StoryPage";
import type { StoryRef } from "../bindings/StoryRef";
import type { Suggestion } from "../bindings/Suggestion";

/** Every command of the shell: the arguments the UI sends (camelCase) and the reply.
 * `args: Uint8Array` is a raw-body command (its other inputs ride in headers). */
export interface Commands {
  /** Every finding of the story, in reading order, with suggestions. The check itself runs without the library: a save made meanwhile does not wait for it. */
  check_story: { args: { story: string }; reply: CheckReport };
  /** Adds a word to the library dictionary (every story may use it). */
  add_dictionary_word: { args: { word: string }; reply: null };
  /** Ignores a word in one story (it stays flagged in the others). */
  ignore_word: { args: { story: string; word: string }; reply: null };
  /** The copy desk's settings: rules switched off, the house-style table, the known abbreviations and the headline's limit and casing. */
  copy_desk_settings: { args: Record<string, never>; reply: CheckSettings };
  /** Replaces the copy desk's settings (checked whole, then saved in one transaction); returns them as stored, tidied. */
  set_copy_desk_settings: { args: { settings: CheckSettings }; reply: CheckSettings };
  /** Switches one rule on or off, in one transaction (a change made meanwhile elsewhere, from the command line, is kept); returns the settings as stored. */
  switch_rule: { args: { rule: string; on: boolean }; reply: CheckSettings };
  /** The library's own words, in alphabetical order. */
  dictionary_words: { args: Record<string, never>; reply: Array<string> };
  /** Takes a word out of the library dictionary. */
  remove_dictionary_word: { args: { word: string }; reply: null };
  export_checklist: { args: { story: string }; reply: Array<ChecklistItem> };
  /** Asks for a destination folder (native dialog), then exports there off the UI thread. */
  export_story: { args: { story: string; request: ExportRequest }; reply: ExportDone };
  /** Shows an export in the file manager; only paths this session exported are accepted. */
  reveal_export: { args: { path: string }; reply: null };
  /** Story files dropped on the library: each imported; one that cannot be is named with why. */
  import_stories: { args: { paths: Array<string> }; reply: ImportReport };
  /** The native file dialog, then the same import; an empty report when the journalist cancels. */
  import_from_dialog: { args: Record<string, never>; reply: ImportReport };
  library_info: { args: Record<string, never>; reply: LibraryInfo };
  /** The library is on screen for the first time since the program started: the log says how long the start took, and how much of it the page took since it began loading (`page_ms`, as the page measures it); once. The start bench waits for this line. */
  note_started: { args: { pageMs: number }; reply: null };
  library_settings: { args: Record<string, never>; reply: LibrarySettings };
  set_library_settings: { args: { settings: LibrarySettings }; reply: LibrarySettings };
  list_backups: { args: Record<string, never>; reply: Array<Backup> };
  backup_now: { args: Record<string, never>; reply: Backup };
  /** Restores one of this library's own backups (named as `list_backups` gave it; no other path is accepted). The current library is backed up first; returns that safety backup. */
  restore_backup: { args: { file: string }; reply: Backup };
  /** How the library opened: fine, damaged and read-only, or not at all; with its backups. */
  library_health: { args: Record<string, never>; reply: LibraryHealth };
  /** Restores a damaged library from one of its backups (the damaged file is kept aside). */
  recover_library: { args: { file: string }; reply: LibraryHealth };
  /** Opens an https or mailto link in the system's browser or mail program; nothing else. */
  open_external: { args: { url: string }; reply: null };
  search_stories: { args: { query: SearchQuery }; reply: SearchResults };
  /** Replaces the story's "Related Posts" and returns them as stored (broken ones marked). */
  set_related: { args: { story: string; links: Array<RelatedLink> }; reply: Array<RelatedLink> };
  backlinks: { args: { story: string }; reply: Array<Backlink> };
  suggest_related: { args: { story: string; limit: number }; reply: Array<Suggestion> };
  story_refs: { args: { ids: Array<string> }; reply: Array<StoryRef> };
  /** Files dropped on the story or the photos panel; progress goes to `progress` after each file, and [`cancel_attach`] stops the batch: nothing more is started, and the photos already being decoded are attached too. */
  attach_photos: { args: { story: string; files: Array<string>; lead: boolean; progress: Channel<AttachProgress> }; reply: AttachReport };
  /** Stops the photo batch in progress (the photos already attached stay). */
  cancel_attach: { args: Record<string, never>; reply: null };
  /** The native file dialog, then the same attach; an empty report when the journalist cancels. */
  attach_from_dialog: { args: { story: string; lead: boolean; progress: Channel<AttachProgress> }; reply: AttachReport };
  /** A pasted image, or a file picked in the webview: the bytes arrive as the raw request body (never as JSON); the story id, the lead flag and the file name (`byline-name`) as headers. */
  attach_pasted_photo: { args: Uint8Array; reply: AttachReport };
  edit_photo_use: { args: { story: string; useId: string; edit: PhotoUseEdit }; reply: PhotoUse };
  detach_photo: { args: { story: string; useId: string }; reply: null };
  photo_warnings: { args: { story: string }; reply: Array<PhotoWarning> };
  list_destinations: { args: Record<string, never>; reply: Array<Destination> };
  add_destination: { args: { destination: NewDestination }; reply: Destination };
  remove_destination: { args: { name: string }; reply: null };
  /** Signs in to the site (off the library: the network may be slow) and says what it found. */
  test_destination: { args: { name: string; secret: string | null }; reply: ConnectionReport };
  provide_secret: { args: { destination: string; secret: string }; reply: null };
  /** Queues the story as it is now; the outbox worker sends it when it can. */
  send_story: { args: { request: SendRequest }; reply: OutboxItem };
  list_outbox: { args: Record<string, never>; reply: Array<OutboxItem> };
  retry_outbox: { args: { id: number; overwrite: boolean }; reply: OutboxItem };
  cancel_outbox: { args: { id: number }; reply: OutboxItem };
  /** The journalist is typing (the editor says so at most about once a second while keys go in): the outbox holds its next step until typing pauses. */
  note_typing: { args: Record<string, never>; reply: null };
  list_revisions: { args: { id: string }; reply: Array<RevisionSummary> };
  get_revision: { args: { id: string; revision: number }; reply: RevisionView };
  restore_revision: { args: { id: string; revision: number; baseRevision: number }; reply: Story };
  list_stories: { args: { status: Status | null; offset: number; limit: number }; reply: StoryPage };
  create_story: { args: { story: NewStory }; reply: Story };
  get_story: { args: { id: string }; reply: Story };
  /** The edit arrives as JSON so that a bad body is reported with its path, as a typed error. The answer is a receipt: the UI has the text it sent, and a long body is not sent back each save. */
  save_story: { args: { edit: StoryEdit }; reply: SaveReceipt };
  delete_story: { args: { id: string }; reply: null };
  undelete_story: { args: { id: string }; reply: Story };
}

/** The command names, as the shell registers them. */
export const COMMAND_NAMES = [
  "check_story",
  "add_dictionary_word",
  "ignore_word",
  "copy_desk_settings",
  "set_copy_desk_settings",
  "switch_rule",
  "dictionary_words",
  "remove_dictionary_word",
  "export_checklist",
  "export_story",
  "reveal_export",
  "import_stories",
  "import_from_dialog",
  "library_info",
  "note_started",
  "library_settings",
  "set_library_settings",
  "list_backups",
  "backup_now",
  "restore_backup",
  "library_health",
  "recover_library",
  "open_external",
  "search_stories",
  "set_related",
  "backlinks",
  "suggest_related",
  "story_refs",
  "attach_photos",
  "cancel_attach",
  "attach_from_dialog",
  "attach_pasted_photo",
  "edit_photo_use",
  "detach_photo",
  "photo_warnings",
  "list_destinations",
  "add_destination",
  "remove_destination",
  "test_destination",
  "provide_secret",
  "send_story",
  "list_outbox",
  "retry_outbox",
  "cancel_outbox",
  "note_typing",
  "list_revisions",
  "get_revision",
  "restore_revision",
  "list_stories",
  "create_story",
  "get_story",
  "save_story",
  "delete_story",
  "undelete_story",
] as const;
