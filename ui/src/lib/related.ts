/**
 * Related posts and story links as data: building links, reordering, what a list item and a
 * backlink say, and the warning before a story that others link to goes to the trash.
 */
import type { Backlink, LinkKind, RelatedLink, StoryRef } from "../platform/types";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The story id (lower case, as the core writes ids) of a `story:<uuid>` href, or null. */
export function storyIdOf(href: unknown): string | null {
  if (typeof href !== "string" || !href.startsWith("story:")) return null;
  const id = href.slice("story:".length);
  return UUID.test(id) ? id.toLowerCase() : null;
}

export function storyHref(id: string): string {
  return `story:${id}`;
}

/** A related post pointing at another story; its title is the story's headline. */
export function storyLink(story: { id: string; headline: string }): RelatedLink {
  return { storyId: story.id, url: null, title: story.headline.trim() || "Untitled story", broken: false };
}

/** A related post pointing at a web page; without a title, the address stands in. */
export function externalLink(url: string, title: string): RelatedLink {
  const u = url.trim();
  return { storyId: null, url: u, title: title.trim() || u, broken: false };
}

/** True when `list` already holds the story `id`. */
export function hasStory(list: RelatedLink[], id: string): boolean {
  return list.some((l) => l.storyId === id);
}

/** `list` with the item at `from` moved to `to` (both clamped); the same list if nothing moves. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const n = list.length;
  if (n === 0 || from < 0 || from >= n) return [...list];
  const target = Math.max(0, Math.min(n - 1, to));
  const out = [...list];
  const [item] = out.splice(from, 1);
  out.splice(target, 0, item);
  return out;
}

/** What a related item shows: the story's current headline when known, else its stored title. */
export function relatedTitle(link: RelatedLink, ref: StoryRef | undefined): string {
  if (link.storyId !== null && ref && ref.exists && ref.headline.trim() !== "") return ref.headline;
  return link.title.trim() || (link.url ?? "Untitled story");
}

/** A story item whose story is in the trash or gone (the core says so, or its ref does). */
export function isBroken(link: RelatedLink, ref: StoryRef | undefined): boolean {
  return link.storyId !== null && (link.broken || (ref !== undefined && !ref.exists));
}

/** How a story points here, in words. */
export function viaLabel(via: LinkKind[]): string {
  const body = via.includes("body");
  const related = via.includes("related");
  if (body && related) return "in the text and related posts";
  return body ? "in the text" : "in related posts";
}

/**
 * The warning before trashing a story that others link to: "2 stories link to this story: “A”
 * and “B”." (five names at most, then how many more). Null when nothing links to it.
 */
export function backlinkWarning(backlinks: Backlink[]): { message: string; detail: string } | null {
  const live = backlinks.filter((b) => b.story.exists);
  if (live.length === 0) return null;
  const n = live.length;
  const names = live.slice(0, 5).map((b) => `“${b.story.headline.trim() || "Untitled story"}”`);
  const more = n - names.length;
  const list =
    more > 0 ? `${names.join(", ")} and ${more} more` : names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  return {
    message: `${n} ${n === 1 ? "story links" : "stories link"} to this story: ${list}.`,
    detail: `${n === 1 ? "Its link" : "Their links"} will show as broken while this story is in the trash.`,
  };
}

/** The announcement after moving an item by keyboard ("Moved “X” to position 2 of 3."). */
export function movedMessage(title: string, position: number, count: number): string {
  return `Moved “${title}” to position ${position} of ${count}.`;
}
