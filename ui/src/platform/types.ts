/**
 * The UI's only view of the Byline core: the data types that cross IPC and the `Platform`
 * interface. `tauri.ts` implements it with real commands, `fake.ts` in memory (tests and
 * plain-browser development). Nothing outside src/platform/ may import @tauri-apps/*.
 *
 * The data types are generated from the Rust model by ts-rs into src/bindings/ (never edit
 * those); this file re-exports them so the rest of the UI imports from one place.
 */

import type { Doc } from "../bindings/Doc";
import type { ErrorKind } from "../bindings/ErrorKind";
import type { LibraryInfo } from "../bindings/LibraryInfo";
import type { NewStory } from "../bindings/NewStory";
import type { RelatedLink } from "../bindings/RelatedLink";
import type { RevisionSummary } from "../bindings/RevisionSummary";
import type { RevisionView } from "../bindings/RevisionView";
import type { Status } from "../bindings/Status";
import type { Story as StoryBinding } from "../bindings/Story";
import type { StoryEdit } from "../bindings/StoryEdit";
import type { StoryStats } from "../bindings/StoryStats";
import type { StorySummary } from "../bindings/StorySummary";

export type {
  Doc,
  ErrorKind,
  LibraryInfo,
  NewStory,
  RelatedLink,
  RevisionSummary,
  RevisionView,
  Status,
  StoryEdit,
  StoryStats,
  StorySummary,
};

import type { AttachProgress } from "../bindings/AttachProgress";
import type { AttachReport } from "../bindings/AttachReport";
import type { FromPhoto } from "../bindings/FromPhoto";
import type { PhotoRole } from "../bindings/PhotoRole";
import type { PhotoUse } from "../bindings/PhotoUse";
import type { PhotoUseEdit } from "../bindings/PhotoUseEdit";
import type { PhotoWarning } from "../bindings/PhotoWarning";
import type { PhotoWarningKind } from "../bindings/PhotoWarningKind";
import type { SkippedPhoto } from "../bindings/SkippedPhoto";

export type { AttachProgress, AttachReport, FromPhoto, PhotoRole, PhotoUse, PhotoUseEdit, PhotoWarning, PhotoWarningKind, SkippedPhoto };

import type { Backlink } from "../bindings/Backlink";
import type { Agency } from "../bindings/Agency";
import type { LibrarySettings } from "../bindings/LibrarySettings";
import type { LinkKind } from "../bindings/LinkKind";
import type { SearchHit } from "../bindings/SearchHit";
import type { SearchQuery } from "../bindings/SearchQuery";
import type { SearchResults } from "../bindings/SearchResults";
import type { StoryPage } from "../bindings/StoryPage";
import type { StoryRef } from "../bindings/StoryRef";
import type { Suggestion } from "../bindings/Suggestion";
import type { TextSpan } from "../bindings/TextSpan";

export type { Agency, Backlink, LibrarySettings, LinkKind, SearchHit, SearchQuery, SearchResults, StoryPage, StoryRef, Suggestion, TextSpan };

import type { Backup } from "../bindings/Backup";
import type { ImportReport } from "../bindings/ImportReport";
import type { LibraryHealth } from "../bindings/LibraryHealth";
import type { LibraryState } from "../bindings/LibraryState";
import type { SaveReceipt } from "../bindings/SaveReceipt";

export type { Backup, ImportReport, LibraryHealth, LibraryState, SaveReceipt };

/** A story with everything in it, its photos included (lead first, then inline in order). */
export type Story = StoryBinding;

/** The derived images the webview may show. */
export type PhotoSize = "thumbnails" | "previews";

export const STATUSES: readonly Status[] = ["draft", "editing", "ready", "published"];

/** A mark on a text node, as the editor (TipTap's getJSON) produces it: loosely typed. */
export type DocMark = { type: string; attrs?: Record<string, unknown> };

/**
 * One node of a body as the editor produces it. Every generated `Doc` is a `DocNode`; the way
 * back is `asDoc` (lib/docSchema.ts), which checks the schema first.
 */
export type DocNode = {
  type: string;
  attrs?: Record<string, unknown>;
  content?: DocNode[];
  marks?: DocMark[];
  text?: string;
};

// ------------------------------------------------------------------------------ export

import type { ChecklistCheck } from "../bindings/ChecklistCheck";
import type { ChecklistItem } from "../bindings/ChecklistItem";
import type { ExportDone } from "../bindings/ExportDone";
import type { ExportFormat } from "../bindings/ExportFormat";
import type { ExportRequest } from "../bindings/ExportRequest";
import type { Paper } from "../bindings/Paper";

export type { ChecklistCheck, ChecklistItem, ExportDone, ExportFormat, ExportRequest, Paper };

// ------------------------------------------------------------------------------ copy desk

import type { CheckReport } from "../bindings/CheckReport";
import type { CheckSettings } from "../bindings/CheckSettings";
import type { HeadlineCase } from "../bindings/HeadlineCase";
import type { VariantGroup } from "../bindings/VariantGroup";
import type { Finding } from "../bindings/Finding";
import type { FindingCategory } from "../bindings/FindingCategory";
import type { FindingField } from "../bindings/FindingField";
import type { FindingPlace } from "../bindings/FindingPlace";
import type { FindingSeverity } from "../bindings/FindingSeverity";

export type { CheckReport, CheckSettings, HeadlineCase, VariantGroup, Finding, FindingCategory, FindingField, FindingPlace, FindingSeverity };

// ------------------------------------------------------------------------------ publishing

import type { ConnectionReport } from "../bindings/ConnectionReport";
import type { Destination } from "../bindings/Destination";
import type { DestinationKind } from "../bindings/DestinationKind";
import type { NewDestination } from "../bindings/NewDestination";
import type { OutboxItem } from "../bindings/OutboxItem";
import type { OutboxState } from "../bindings/OutboxState";
import type { SecretPlace } from "../bindings/SecretPlace";
import type { SendProgress } from "../bindings/SendProgress";
import type { SendRequest } from "../bindings/SendRequest";
import type { SendStatus } from "../bindings/SendStatus";

export type { ConnectionReport, Destination, DestinationKind, NewDestination, OutboxItem, OutboxState, SecretPlace, SendProgress, SendRequest, SendStatus };

/** Every export format, in the dialog's order (the package, which holds all the others, last). */
export const EXPORT_FORMATS: readonly ExportFormat[] = ["html", "hugo", "ninjs", "newsml", "docx", "pdf", "zip"];
/** The PDF proof's page sizes. */
export const PAPERS: readonly Paper[] = ["a4", "letter"];


/** Everything the UI can ask of the core and of the window. */
export interface Platform {
  /**
   * One page of the library list (newest first), with how many stories the list has in all:
   * libraries hold up to 100,000 stories, so the list is fetched page by page as it scrolls.
   */
  listStories(status: Status | null, offset: number, limit: number): Promise<StoryPage>;
  createStory(story: NewStory): Promise<Story>;
  getStory(id: string): Promise<Story>;
  /** Saves an edit; answers with a receipt (new revision, slug, counts), not the story. */
  saveStory(edit: StoryEdit): Promise<SaveReceipt>;
  deleteStory(id: string): Promise<void>;
  undeleteStory(id: string): Promise<Story>;
  listRevisions(id: string): Promise<RevisionSummary[]>;
  getRevision(id: string, revision: number): Promise<RevisionView>;
  restoreRevision(id: string, revision: number, baseRevision: number): Promise<Story>;
  /**
   * Searches the whole archive: words, "phrases", prefix* and OR, narrowed by status, tag and
   * dates. Any other character is part of a word, so no query is an error.
   */
  searchStories(query: SearchQuery): Promise<SearchResults>;
  /**
   * Replaces a story's related posts (in order) and answers with the list as stored. Each link is
   * a story (`storyId`) or an http(s) `url`, with a title; the core refuses anything else.
   */
  setRelated(story: string, links: RelatedLink[]): Promise<RelatedLink[]>;
  /** The stories that link to `story`, in their body or their related posts. */
  backlinks(story: string): Promise<Backlink[]>;
  /** Stories like this one that it does not link to yet, best first. */
  suggestRelated(story: string, limit: number): Promise<Suggestion[]>;
  /** What story links point at: headline, and whether the story still exists. */
  storyRefs(ids: string[]): Promise<StoryRef[]>;
  libraryInfo(): Promise<LibraryInfo>;
  /** Library-wide settings: base URL of published stories, photo credit template. */
  librarySettings(): Promise<LibrarySettings>;
  /** Saves the library settings (the core validates them) and answers with what it stored. */
  setLibrarySettings(settings: LibrarySettings): Promise<LibrarySettings>;
  /**
   * Attaches files (absolute paths, e.g. dropped); with `lead`, the first becomes the lead.
   * `onProgress` hears after each file, with the use it became; `cancelAttach` starts nothing
   * more, the files already in hand are still attached (the report then says `cancelled`), and
   * what was attached stays attached.
   */
  attachPhotos(story: string, files: string[], lead: boolean, onProgress?: (p: AttachProgress) => void): Promise<AttachReport>;
  /** Opens the native file dialog and attaches what is picked (an empty report if cancelled). */
  attachFromDialog(story: string, lead: boolean, onProgress?: (p: AttachProgress) => void): Promise<AttachReport>;
  /**
   * Imports story files (absolute paths, e.g. dropped on the library) as new stories: Word files
   * (.docx, their pictures attached with their captions), Markdown, plain text and story packages
   * (.zip), a folder's story files. A file that cannot be imported is in `skipped` with why (so is
   * a picture of a Word file that could not be read, its story still imported); the others go in.
   * `notes` say what else changed on the way ("3 tracked changes were accepted").
   */
  importStories(paths: string[]): Promise<ImportReport>;
  /**
   * Opens the native file dialog (Word, Markdown, text and story package files) and imports what
   * is picked, as `importStories`; an empty report (no stories, nothing skipped) if cancelled.
   */
  importFromDialog(): Promise<ImportReport>;
  /** Stops the batch of `attachPhotos`/`attachFromDialog` in progress: nothing more is started. */
  cancelAttach(): Promise<void>;
  /** Attaches a pasted image; the bytes travel as a raw body, never as JSON. */
  attachPastedPhoto(story: string, bytes: Uint8Array, lead: boolean): Promise<AttachReport>;
  /**
   * Attaches one file read in the webview (a file input): raw bytes like a paste, with the file's
   * name for the library and for error messages.
   */
  attachFileBytes(story: string, bytes: Uint8Array, name: string, lead: boolean): Promise<AttachReport>;
  editPhotoUse(story: string, useId: string, edit: PhotoUseEdit): Promise<PhotoUse>;
  detachPhoto(story: string, useId: string): Promise<void>;
  photoWarnings(story: string): Promise<PhotoWarning[]>;
  /** The pre-publish checklist of a story as saved (empty: ready to publish). */
  exportChecklist(story: string): Promise<ChecklistItem[]>;
  /**
   * Exports a saved story: the core asks for the destination folder (native dialog) and writes
   * there without overwriting anything. Resolves to `{path: null}` if the dialog was cancelled.
   */
  exportStory(story: string, request: ExportRequest): Promise<ExportDone>;
  /** Shows an export of this session in the system file manager. */
  revealExport(path: string): Promise<void>;
  /**
   * How the library opened: `ok`, `readOnly` (damaged; stories can be read, every save fails) or
   * `unavailable` (nothing could be opened; every other command fails), with its backups and the
   * newest one that passes its check. Asked first, before anything else.
   */
  libraryHealth(): Promise<LibraryHealth>;
  /** The library's backups, newest first. */
  listBackups(): Promise<Backup[]>;
  /** Makes a verified backup now. */
  backupNow(): Promise<Backup>;
  /**
   * Puts one of this library's backups (`file` as `listBackups` named it) back in place of the
   * library, after backing up what is there now; resolves to that safety backup. Every open story
   * must be read again from the core afterwards.
   */
  restoreBackup(file: string): Promise<Backup>;
  /**
   * Recovers a damaged or unavailable library from one of its backups: the damaged database is
   * put aside in the library folder (never deleted) and the backup restored in its place. The
   * answer's `message` says where the damaged file was kept.
   */
  recoverLibrary(file: string): Promise<LibraryHealth>;
  /** Opens an https or mailto link in the system's browser or mail program; refuses anything else. */
  openExternal(url: string): Promise<void>;
  /** The copy desk's findings for a story, in reading order, with suggestions. */
  checkStory(story: string): Promise<CheckReport>;
  /** Adds a word to the library dictionary: every story may use it from now on. */
  addDictionaryWord(word: string): Promise<void>;
  /** Ignores a word in one story; it stays flagged in the others. */
  ignoreWord(story: string, word: string): Promise<void>;
  /** The copy desk's settings: rules switched off, house style, known abbreviations, headline. */
  copyDeskSettings(): Promise<CheckSettings>;
  /**
   * Replaces the copy desk's settings, checked whole (a group without the house's form, a form in
   * two groups, an abbreviation not in capitals or a headline limit of 0 is refused, naming it);
   * returns them as stored, tidied.
   */
  setCopyDeskSettings(settings: CheckSettings): Promise<CheckSettings>;
  /** Switches one copy-desk rule on or off in one step; returns the settings as stored. */
  switchRule(rule: string, on: boolean): Promise<CheckSettings>;
  /** The library dictionary's words, in alphabetical order. */
  dictionaryWords(): Promise<string[]>;
  /** Takes a word out of the library dictionary; an error when it is not there. */
  removeDictionaryWord(word: string): Promise<void>;
  /** The sites stories can be sent to (WordPress, Ghost), never with their secrets. */
  listDestinations(): Promise<Destination[]>;
  /**
   * Adds a site. The core refuses a name already taken and an address that is not https (plain
   * http only to this computer); the secret goes to the keychain, or, when this computer has
   * none, is kept in memory until the app quits (`secret: "session"`), which is not an error.
   */
  addDestination(destination: NewDestination): Promise<Destination>;
  removeDestination(name: string): Promise<void>;
  /** Signs in to the site and says, in words, what it found. `secret` only when it is "missing". */
  testDestination(name: string, secret: string | null): Promise<ConnectionReport>;
  /** Gives a destination whose secret is "missing" its secret for this session. */
  provideSecret(destination: string, secret: string): Promise<void>;
  /**
   * Queues the story as saved for a site (a queued, unsent item of the same story and site is
   * replaced); the core sends it in the background, after `holdUntil` when there is an embargo.
   */
  sendStory(request: SendRequest): Promise<OutboxItem>;
  /** The outbox, newest first. */
  listOutbox(): Promise<OutboxItem[]>;
  /** Tries a failed or waiting item again; `overwrite` replaces a post changed on the site. */
  retryOutbox(id: number, overwrite: boolean): Promise<OutboxItem>;
  /** Cancels an item not sent yet. */
  cancelOutbox(id: number): Promise<OutboxItem>;
  /** The journalist is typing: the outbox holds its next step until typing pauses. */
  noteTyping(): Promise<void>;
  /** The library is on screen for the first time since the program started (the app logs how
   * long its start took; the start bench waits for that line). */
  noteStarted(pageMs: number): Promise<void>;
  /** The URL of a photo's derived thumbnail or preview. Throws unless `sha256` is 64 hex digits. */
  photoUrl(sha256: string, size: PhotoSize): string;
  /**
   * Files dropped on the window: `handler` gets their paths; `onHover` says whether files are
   * being dragged over it. Resolves to an unsubscribe function.
   */
  onFilesDropped(handler: (paths: string[]) => void, onHover?: (over: boolean) => void): Promise<() => void>;
  /** Runs `handler` (awaited) before the window closes. Resolves to an unsubscribe function. */
  onCloseRequested(handler: () => Promise<void>): Promise<() => void>;
  /** Sets the window's title (what the taskbar and the window switcher show). */
  setWindowTitle(title: string): Promise<void>;
}
