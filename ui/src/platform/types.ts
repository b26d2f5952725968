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
import type { Story } from "../bindings/Story";
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
  Story,
  StoryEdit,
  StoryStats,
  StorySummary,
};

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

/** Everything the UI can ask of the core and of the window. */
export interface Platform {
  listStories(status: Status | null): Promise<StorySummary[]>;
  createStory(story: NewStory): Promise<Story>;
  getStory(id: string): Promise<Story>;
  saveStory(edit: StoryEdit): Promise<Story>;
  deleteStory(id: string): Promise<void>;
  undeleteStory(id: string): Promise<Story>;
  listRevisions(id: string): Promise<RevisionSummary[]>;
  getRevision(id: string, revision: number): Promise<RevisionView>;
  restoreRevision(id: string, revision: number, baseRevision: number): Promise<Story>;
  libraryInfo(): Promise<LibraryInfo>;
  /** Runs `handler` (awaited) before the window closes. Resolves to an unsubscribe function. */
  onCloseRequested(handler: () => Promise<void>): Promise<() => void>;
}
