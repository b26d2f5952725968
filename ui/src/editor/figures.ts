/**
 * What the body's figure nodes show: the story's photo uses, by id. The editor owns one
 * `FigureSource`, feeds it the story's photos whenever they change, and every figure node view
 * re-renders from it (read-only: captions are edited in the photos panel, never in the body).
 */
import type { PhotoUse } from "../platform/types";
import { photoAlt } from "../lib/photoAlt";

export class FigureSource {
  private uses = new Map<string, PhotoUse>();
  private readonly listeners = new Set<() => void>();

  /** `url` gives a thumbnail URL for a photo's sha256, or null when there is none. */
  constructor(readonly url: (sha256: string) => string | null) {}

  set(list: readonly PhotoUse[]): void {
    this.uses = new Map(list.map((u) => [u.id, u]));
    for (const listener of this.listeners) listener();
  }

  get(id: string): PhotoUse | undefined {
    return this.uses.get(id);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Fills `dom` (a <figure>) for the use `id`; built node by node, no HTML strings. */
export function renderFigure(dom: HTMLElement, id: string, source: FigureSource | null): void {
  dom.replaceChildren();
  const use = source?.get(id);
  const src = use ? source?.url(use.photo) : null;
  dom.classList.toggle("story-figure", !!use);
  dom.classList.toggle("figure-placeholder", !use);
  dom.classList.toggle("stand-in", !!use && use.standIn.trim() !== "");
  if (!use) {
    const icon = document.createElement("span");
    icon.className = "figure-icon";
    icon.setAttribute("aria-hidden", "true");
    icon.textContent = "▧";
    const label = document.createElement("span");
    label.className = "figure-label";
    label.textContent = source ? "Photo no longer in this story" : "Photo";
    dom.append(icon, label);
    return;
  }
  if (use.standIn.trim() !== "") {
    // A stand-in says so across the photo (styled in BodyEditor), read before it.
    const badge = document.createElement("span");
    badge.className = "figure-stand-in stand-in-badge";
    badge.dataset.testid = "figure-stand-in";
    badge.textContent = use.standIn;
    dom.append(badge);
  }
  if (src) {
    const img = document.createElement("img");
    img.src = src;
    img.alt = photoAlt(use);
    img.draggable = false;
    img.loading = "lazy";
    img.decoding = "async";
    dom.append(img);
  }
  const caption = document.createElement("figcaption");
  const text = document.createElement("span");
  text.className = "figure-caption";
  text.textContent = use.caption || "No caption yet";
  text.classList.toggle("missing", use.caption === "");
  caption.append(text);
  if (use.creditLine) {
    caption.append(" ");
    const credit = document.createElement("span");
    credit.className = "figure-credit";
    credit.textContent = use.creditLine;
    caption.append(credit);
  }
  dom.append(caption);
}
