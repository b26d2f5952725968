/**
 * The TipTap extensions for the story body, cut down to exactly the core's schema:
 * nodes doc, paragraph, heading (2–4), blockquote, bulletList, orderedList (start), listItem,
 * figure (use), horizontalRule, hardBreak, text; marks strong, em, link (href), note.
 * tests/schema.test.ts proves getJSON() never holds anything else.
 */
import { Extension, Mark, Node, mergeAttributes, type AnyExtension } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import Bold from "@tiptap/extension-bold";
import Italic from "@tiptap/extension-italic";
import Heading from "@tiptap/extension-heading";
import Link from "@tiptap/extension-link";
import { OrderedList } from "@tiptap/extension-list";
import { Placeholder } from "@tiptap/extensions";
import { isAllowedHref } from "../lib/links";
import { sanitizePastedHtml } from "../lib/sanitize";
import { renderFigure, type FigureSource } from "./figures";
import { StoryLinkDecorations } from "./storyLinks";
import { CopyMarks } from "./copyMarks";
import { StoryMention, type MentionHooks } from "./storyMention";

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    note: {
      /** Marks the selection as a newsroom note (TK), never exported. */
      toggleNote: () => ReturnType;
      setNote: () => ReturnType;
      unsetNote: () => ReturnType;
    };
  }
}

/** Newsroom notes ("TK", reminders): shown highlighted, never exported, not counted as words. */
export const Note = Mark.create({
  name: "note",
  inclusive: true,
  parseHTML() {
    return [{ tag: "mark[data-note]" }];
  },
  renderHTML() {
    return ["mark", { "data-note": "", class: "note", title: "Note — not exported" }, 0];
  },
  addCommands() {
    return {
      toggleNote: () => ({ commands }) => commands.toggleMark(this.name),
      setNote: () => ({ commands }) => commands.setMark(this.name),
      unsetNote: () => ({ commands }) => commands.unsetMark(this.name),
    };
  },
  addKeyboardShortcuts() {
    return { "Mod-Shift-k": () => this.editor.commands.toggleNote() };
  },
});

/**
 * A photo in the body: an atom that names a photo use of the story. It shows the use's thumbnail,
 * caption and credit line read-only (from the editor's FigureSource); without a source (tests,
 * previews) it is a placeholder box.
 */
export const Figure = Node.create<{ source: FigureSource | null }>({
  name: "figure",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,
  addOptions() {
    return { source: null };
  },
  addAttributes() {
    return {
      use: {
        default: "",
        parseHTML: (el: HTMLElement) => el.getAttribute("data-use") ?? "",
        renderHTML: (attrs: Record<string, unknown>) => ({ "data-use": String(attrs.use ?? "") }),
      },
    };
  },
  parseHTML() {
    return [{ tag: "figure[data-use]" }];
  },
  renderHTML({ HTMLAttributes }) {
    return [
      "figure",
      mergeAttributes(HTMLAttributes, { class: "figure-placeholder", contenteditable: "false" }),
      ["span", { class: "figure-icon", "aria-hidden": "true" }, "▧"],
      ["span", { class: "figure-label" }, "Photo"],
    ];
  },
  addNodeView() {
    const source = this.options.source;
    return ({ node }) => {
      const dom = document.createElement("figure");
      dom.contentEditable = "false";
      dom.setAttribute("data-testid", "body-figure");
      let id = String(node.attrs.use ?? "");
      const draw = () => {
        dom.setAttribute("data-use", id);
        renderFigure(dom, id, source);
      };
      draw();
      const unsubscribe = source?.subscribe(draw);
      return {
        dom,
        update: (next) => {
          if (next.type.name !== "figure") return false;
          id = String(next.attrs.use ?? "");
          draw();
          return true;
        },
        destroy: () => unsubscribe?.(),
        ignoreMutation: () => true,
      };
    };
  },
});

/** strong/em under the core's names, with TipTap's usual commands and Mod-B / Mod-I. */
export const Strong = Bold.extend({ name: "strong" });
export const Em = Italic.extend({ name: "em" });

/** Links carry only `href`, and only the schemes a story may carry. */
export const StoryLink = Link.extend({
  inclusive: false,
  addAttributes() {
    return {
      href: {
        default: null,
        parseHTML: (el: HTMLElement) => el.getAttribute("href"),
      },
    };
  },
}).configure({
  openOnClick: false,
  autolink: false,
  linkOnPaste: false,
  enableClickSelection: false,
  defaultProtocol: "https",
  isAllowedUri: (url: string) => isAllowedHref(url),
  HTMLAttributes: { target: null, rel: "noopener noreferrer nofollow", class: null },
});

/** Ordered lists keep `start` (≥ 1) and nothing else. */
export const StoryOrderedList = OrderedList.extend({
  addAttributes() {
    return {
      start: {
        default: 1,
        parseHTML: (el: HTMLElement) => {
          const n = Number.parseInt(el.getAttribute("start") ?? "1", 10);
          return Number.isFinite(n) && n >= 1 ? n : 1;
        },
        renderHTML: (attrs: Record<string, unknown>) => (attrs.start === 1 ? {} : { start: attrs.start }),
      },
    };
  },
});

export type BodyHooks = {
  /** Mod-K: open the link dialog. */
  onLinkShortcut?: () => void;
  /** What figure nodes show (the story's photos). */
  figures?: FigureSource | null;
  /** The "@" story picker (none: "@" is just a character). */
  mention?: MentionHooks | null;
  /** Mod-Enter with the cursor in a link: follow it (the caller decides where it may go). */
  onFollowLink?: (href: string) => void;
  /** Mod-.: the copy desk's popover for the finding at the caret (false: none there). */
  onCopyShortcut?: () => boolean;
};

/** Editor-wide keys that belong to the UI rather than to one mark. */
function bodyKeys(hooks: BodyHooks): Extension {
  return Extension.create({
    name: "bylineKeys",
    // Before StarterKit's hard break, which also takes Mod-Enter (it still does outside links).
    priority: 1000,
    addKeyboardShortcuts() {
      return {
        "Mod-k": () => {
          hooks.onLinkShortcut?.();
          return true;
        },
        "Mod-.": () => hooks.onCopyShortcut?.() ?? false,
        "Mod-Enter": () => {
          // The link the cursor is in, or touches at either end.
          const { $from } = this.editor.state.selection;
          const marks = [...$from.marks(), ...($from.nodeAfter?.marks ?? []), ...($from.nodeBefore?.marks ?? [])];
          const href = marks.find((m) => m.type.name === "link")?.attrs.href;
          if (!hooks.onFollowLink || typeof href !== "string" || href === "") return false;
          hooks.onFollowLink(href);
          return true;
        },
      };
    },
  });
}

export function storyExtensions(hooks: BodyHooks = {}): AnyExtension[] {
  return [
    StarterKit.configure({
      bold: false,
      italic: false,
      code: false,
      codeBlock: false,
      strike: false,
      underline: false,
      link: false,
      heading: false,
      orderedList: false,
      trailingNode: false,
    }),
    Heading.configure({ levels: [2, 3, 4] }),
    StoryOrderedList,
    Strong,
    Em,
    StoryLink,
    Note,
    Figure.configure({ source: hooks.figures ?? null }),
    Placeholder.configure({ placeholder: "Write the story…" }),
    StoryLinkDecorations,
    ...(hooks.mention ? [StoryMention(hooks.mention)] : []),
    CopyMarks,
    bodyKeys(hooks),
  ];
}

/** The image files of a paste (a screenshot, a photo copied from a browser), if any. */
export function pastedImageFiles(event: ClipboardEvent): File[] {
  const data = event.clipboardData;
  if (!data) return [];
  const files: File[] = [];
  for (const item of Array.from(data.items ?? [])) {
    if (item.kind === "file" && item.type.startsWith("image/")) {
      const f = item.getAsFile();
      if (f) files.push(f);
    }
  }
  if (files.length === 0) for (const f of Array.from(data.files ?? [])) if (f.type.startsWith("image/")) files.push(f);
  return files;
}

/** editorProps shared by the app and the tests: pasted HTML is sanitised before parsing. */
export const storyEditorProps = {
  transformPastedHTML: (html: string) => sanitizePastedHtml(html),
};
