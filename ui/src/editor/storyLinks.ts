/**
 * Story links in the body (`story:<uuid>` link marks): which stories a body points at, and a
 * ProseMirror plugin that decorates each link with its target's headline (title attribute, on
 * hover) and a broken style when the story is in the trash or gone. The headlines come from the
 * core (`story_refs`); the editor hands them over with `setStoryRefs`. Decorations never reach
 * the document: getJSON() is unchanged.
 */
import { Extension } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, type EditorState, type Transaction } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import type { SearchQuery, SearchResults, StoryRef } from "../platform/types";
import { storyIdOf } from "../lib/related";

/** What the body editor may ask about other stories. */
export type StoryLookup = {
  /** This story (never offered as a link target). */
  self: string;
  search: (query: SearchQuery) => Promise<SearchResults>;
  refs: (ids: string[]) => Promise<StoryRef[]>;
};

/** The ids of the stories a document links to, in order of first appearance. */
export function storyIdsIn(doc: PMNode): string[] {
  const out = new Set<string>();
  doc.descendants((node) => {
    if (!node.isText) return true;
    for (const m of node.marks) {
      const id = m.type.name === "link" ? storyIdOf(m.attrs.href) : null;
      if (id) out.add(id);
    }
    return false;
  });
  return [...out];
}

/** The hover text of a story link. */
export function storyLinkTitle(ref: StoryRef | undefined): string {
  if (!ref) return "Link to another story";
  if (!ref.exists) return "This story no longer exists";
  return `Story: ${ref.headline.trim() || "Untitled story"}`;
}

type RefsState = { refs: ReadonlyMap<string, StoryRef>; decorations: DecorationSet };

export const storyRefsKey = new PluginKey<RefsState>("storyRefs");

/** The decorations of the story links in `node`, whose content starts at `start`. */
function linkDecorations(node: PMNode, start: number, refs: ReadonlyMap<string, StoryRef>, found: Decoration[]): void {
  node.descendants((child, offset) => {
    if (!child.isText) return true;
    const link = child.marks.find((m) => m.type.name === "link");
    const id = link ? storyIdOf(link.attrs.href) : null;
    if (id) {
      const ref = refs.get(id);
      const pos = start + offset;
      found.push(
        Decoration.inline(pos, pos + child.nodeSize, {
          class: ref && !ref.exists ? "story-link story-link-broken" : "story-link",
          title: storyLinkTitle(ref),
          "data-story-id": id,
        }),
      );
    }
    return false;
  });
}

/** Every story link of `doc` decorated. */
export function decorateStoryLinks(doc: PMNode, refs: ReadonlyMap<string, StoryRef>): DecorationSet {
  const found: Decoration[] = [];
  linkDecorations(doc, 0, refs, found);
  return DecorationSet.create(doc, found);
}

/**
 * The ranges of `tr.doc` its steps touched, or null when a step does not say where it acted.
 * Mark steps leave positions alone (an empty step map), so each step's own range is used.
 */
function touched(tr: Transaction): Array<[number, number]> | null {
  const ranges: Array<[number, number]> = [];
  for (let i = 0; i < tr.steps.length; i++) {
    const step = tr.steps[i] as unknown as { from?: unknown; to?: unknown; pos?: unknown };
    const from = typeof step.from === "number" ? step.from : typeof step.pos === "number" ? step.pos : null;
    const to = typeof step.to === "number" ? step.to : from === null ? null : from + 1;
    if (from === null || to === null) return null;
    const after = tr.mapping.slice(i);
    ranges.push([after.map(from, -1), after.map(to, 1)]);
  }
  return ranges;
}

/**
 * The decorations after a transaction that changed the document: the old ones mapped, and the
 * top-level blocks the steps touched decorated again. A key press in a long story redraws one
 * paragraph's links, not every link of the story.
 */
function redecorate(prev: DecorationSet, tr: Transaction, refs: ReadonlyMap<string, StoryRef>): DecorationSet {
  const ranges = touched(tr);
  if (ranges === null) return decorateStoryLinks(tr.doc, refs);
  let set = prev.map(tr.mapping, tr.doc);
  const found: Decoration[] = [];
  tr.doc.forEach((block, offset) => {
    const end = offset + block.nodeSize;
    if (!ranges.some(([from, to]) => from <= end && to >= offset)) return;
    set = set.remove(set.find(offset, end));
    linkDecorations(block, offset + 1, refs, found);
  });
  return found.length ? set.add(tr.doc, found) : set;
}

/** Hands the editor what the core says about linked stories (redraws their decorations). */
export function setStoryRefs(state: EditorState, dispatch: (tr: Transaction) => void, refs: ReadonlyMap<string, StoryRef>): void {
  dispatch(state.tr.setMeta(storyRefsKey, refs).setMeta("addToHistory", false));
}

export const StoryLinkDecorations = Extension.create({
  name: "storyLinkDecorations",
  addProseMirrorPlugins() {
    return [
      new Plugin<RefsState>({
        key: storyRefsKey,
        state: {
          init: (_, state) => ({ refs: new Map(), decorations: decorateStoryLinks(state.doc, new Map()) }),
          apply: (tr, prev) => {
            const refs = (tr.getMeta(storyRefsKey) as ReadonlyMap<string, StoryRef> | undefined) ?? prev.refs;
            if (refs !== prev.refs) return { refs, decorations: decorateStoryLinks(tr.doc, refs) };
            if (!tr.docChanged) return prev;
            return { refs, decorations: redecorate(prev.decorations, tr, refs) };
          },
        },
        props: {
          decorations: (state) => storyRefsKey.getState(state)?.decorations ?? DecorationSet.empty,
        },
      }),
    ];
  },
});
