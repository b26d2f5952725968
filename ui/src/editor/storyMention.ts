/**
 * "@" story links: typing `@` at the start of a word in the body opens a picker of stories (the
 * body editor shows it); what follows the `@` is the query. The plugin only watches the text
 * before the cursor and routes the picker's keys (↑ ↓ Enter Tab Esc) while it is open; Esc
 * dismisses it for that `@` while the cursor stays in its query.
 *
 * A small plugin rather than @tiptap/suggestion: the picker needs nothing more than this, and
 * the UI takes no new dependency for it.
 */
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";

/** The `@query` being typed: document range [from, to) and the text after the `@`. */
export type Mention = { from: number; to: number; query: string };

type MentionState = { mention: Mention | null; dismissed: number | null };

export const mentionKey = new PluginKey<MentionState>("storyMention");

const MAX_QUERY = 60;

/**
 * The `@query` at the end of `textBefore` (a text block's text up to the cursor), or null. The
 * `@` must start a word ("name@example.org" is no mention); the query may hold single spaces
 * (headlines have them) but not start with one, and two spaces or a newline end it.
 */
export function findMention(textBefore: string): { offset: number; query: string } | null {
  const m = /(^|[\s\u00a0([{"'“‘«—–-])@([^@\n\ufffc]*)$/u.exec(textBefore);
  if (!m) return null;
  const query = m[2];
  if (query.length > MAX_QUERY || /^\s/.test(query) || /\s\s/.test(query)) return null;
  return { offset: m.index + m[1].length, query };
}

export type MentionHooks = {
  /** The mention being typed changed (null: none, or dismissed). */
  onChange: (mention: Mention | null, view?: EditorView) => void;
  /** A picker key while a mention is open; true if the picker used it. */
  onKey: (key: "ArrowDown" | "ArrowUp" | "Enter" | "Tab") => boolean;
};

function same(a: Mention | null, b: Mention | null): boolean {
  return a === b || (!!a && !!b && a.from === b.from && a.to === b.to && a.query === b.query);
}

export function StoryMention(hooks: MentionHooks): Extension {
  return Extension.create({
    name: "storyMention",
    addProseMirrorPlugins() {
      return [
        new Plugin<MentionState>({
          key: mentionKey,
          state: {
            init: () => ({ mention: null, dismissed: null }),
            apply: (tr, prev, _old, state) => {
              let dismissed = prev.dismissed === null ? null : tr.mapping.map(prev.dismissed);
              if (tr.getMeta(mentionKey) === "dismiss" && prev.mention) dismissed = prev.mention.from;
              const sel = state.selection;
              if (!sel.empty || !sel.$from.parent.isTextblock) return { mention: null, dismissed };
              const $from = sel.$from;
              const found = findMention($from.parent.textBetween(0, $from.parentOffset, undefined, "\ufffc"));
              if (!found) return { mention: null, dismissed: null };
              const from = $from.start() + found.offset;
              if (dismissed === from) return { mention: null, dismissed };
              const mention = { from, to: $from.pos, query: found.query };
              return { mention: same(mention, prev.mention) ? prev.mention : mention, dismissed: null };
            },
          },
          view: () => {
            let last: Mention | null = null;
            return {
              update: (view) => {
                const now = mentionKey.getState(view.state)?.mention ?? null;
                if (same(now, last)) return;
                last = now;
                hooks.onChange(now, view);
              },
              destroy: () => {
                if (last) hooks.onChange(null);
              },
            };
          },
          props: {
            handleKeyDown: (view, event) => {
              if (!mentionKey.getState(view.state)?.mention) return false;
              if (event.key === "Escape") {
                view.dispatch(view.state.tr.setMeta(mentionKey, "dismiss"));
                return true;
              }
              if (event.key === "ArrowDown" || event.key === "ArrowUp" || event.key === "Enter" || event.key === "Tab") {
                return hooks.onKey(event.key);
              }
              return false;
            },
          },
        }),
      ];
    },
  });
}
