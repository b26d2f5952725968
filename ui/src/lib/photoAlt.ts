/**
 * What a screen reader hears for a photo: its alt text, wherever the photo shows (the photos
 * panel's thumbnails, the lead photo, figures in the body), or, while it has none, a plain
 * fallback that says so, never the caption and never nothing.
 */
import type { PhotoUse } from "../platform/types";

export const NO_ALT_TEXT = "Photo without alt text";

export function photoAlt(use: Pick<PhotoUse, "altText">): string {
  return use.altText.trim() || NO_ALT_TEXT;
}
