/** Stories for tests: saved in the fake with a headline, body paragraphs, tags and a status. */
import type { Editor } from "@tiptap/core";
import { FakePlatform } from "../src/platform/fake";
import { asDoc } from "../src/lib/docSchema";
import type { DocNode, Status, Story } from "../src/platform/types";

export type StorySpec = {
  headline: string;
  paragraphs?: string[];
  /** Paragraph content given as nodes (links, marks); added after `paragraphs`. */
  nodes?: DocNode[][];
  standfirst?: string;
  kicker?: string;
  tags?: string[];
  status?: Status;
  /** The story's language, a BCP 47 tag (default en-US). */
  language?: string;
};

export async function addStory(platform: FakePlatform, spec: StorySpec): Promise<Story> {
  const created = await platform.createStory({ headline: spec.headline, kicker: spec.kicker ?? null, byline: "Staff" });
  const content: DocNode[] = [
    ...(spec.paragraphs ?? []).map((t) => ({ type: "paragraph", content: [{ type: "text", text: t }] })),
    ...(spec.nodes ?? []).map((c) => ({ type: "paragraph", content: c })),
  ];
  const saved = await platform.saveStory({
    id: created.id,
    baseRevision: created.revision,
    slug: created.slug,
    kicker: spec.kicker ?? "",
    headline: spec.headline,
    standfirst: spec.standfirst ?? "",
    byline: "Staff",
    dateline: "",
    language: spec.language ?? "en-US",
    status: spec.status ?? "draft",
    tags: spec.tags ?? [],
    wordTarget: null,
    body: asDoc({ type: "doc", content }),
  });
  return platform.getStory(saved.id);
}

/** A text node linked to another story. */
export function storyLinkText(text: string, id: string): DocNode {
  return { type: "text", text, marks: [{ type: "link", attrs: { href: `story:${id}` } }] };
}

/** The TipTap editor behind the body element (TipTap keeps it on its DOM node). */
export function bodyEditor(el: HTMLElement): Editor {
  const editor = (el as HTMLElement & { editor?: Editor }).editor;
  if (!editor) throw new Error("no editor on the body element");
  return editor;
}

/** Three stories: two about lighthouses (sharing words), one about trams. */
export async function lighthouseLibrary(platform: FakePlatform): Promise<{ keepers: Story; museum: Story; trams: Story }> {
  const keepers = await addStory(platform, {
    headline: "Lighthouse keepers vote to strike",
    paragraphs: ["The lighthouse keepers of Norrland voted on Tuesday to strike over pay.", "A cormorant colony nests below the tower."],
    tags: ["Labour"],
    status: "editing",
  });
  const museum = await addStory(platform, {
    headline: "Norrland lighthouse museum opens",
    paragraphs: ["A museum about lighthouse keepers opened in Norrland, with the old lamps on show."],
    tags: ["Culture"],
    status: "ready",
  });
  const trams = await addStory(platform, {
    headline: "Council approves tram budget",
    paragraphs: ["The city council approved the budget for new trams on Wednesday."],
    status: "draft",
  });
  return { keepers, museum, trams };
}
