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

function decorate(doc: PMNode, refs: ReadonlyMap<string, StoryRef>): DecorationSet {
  const found: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    const link = node.marks.find((m) => m.type.name === "link");
    const id = link ? storyIdOf(link.attrs.href) : null;
    if (id) {
      const ref = refs.get(id);
      found.push(
        Decoration.inline(pos, pos + node.nodeSize, {
          class: ref && !ref.exists ? "story-link story-link-broken" : "story-link",
          title: storyLinkTitle(ref),
          "data-story-id": id,
        }),
      );
    }
    return false;
  });
  return DecorationSet.create(doc, found);
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
          init: (_, state) => ({ refs: new Map(), decorations: decorate(state.doc, new Map()) }),
          apply: (tr, prev) => {
            const refs = (tr.getMeta(storyRefsKey) as ReadonlyMap<string, StoryRef> | undefined) ?? prev.refs;
            if (refs === prev.refs && !tr.docChanged) return prev;
            return { refs, decorations: decorate(tr.doc, refs) };
          },
        },
        props: {
          decorations: (state) => storyRefsKey.getState(state)?.decorations ?? DecorationSet.empty,
        },
      }),
    ];
  },
});
