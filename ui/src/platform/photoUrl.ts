/**
 * URLs of the derived photo files the app's `photo` protocol serves. The webview never loads an
 * original or a path: only `thumbnails/<sha256>.jpg` and `previews/<sha256>.jpg`, where the name
 * is the original's content address. Anything else is refused here, before it reaches an <img>.
 */
import type { PhotoSize } from "./types";

const SHA256 = /^[0-9a-f]{64}$/;
const SIZES: readonly string[] = ["thumbnails", "previews"];

export function isSha256(value: unknown): value is string {
  return typeof value === "string" && SHA256.test(value);
}

/**
 * `photo://localhost/<size>/<sha256>.jpg`, or `http://photo.localhost/<size>/<sha256>.jpg` where
 * the webview (WebView2 on Windows, Android) maps custom schemes onto http. Throws on a name that
 * is not 64 lower-case hex digits or an unknown size.
 */
export function buildPhotoUrl(sha256: string, size: PhotoSize, opts: { httpForm?: boolean } = {}): string {
  if (!isSha256(sha256)) throw new Error(`not a photo id: ${JSON.stringify(String(sha256).slice(0, 80))}`);
  if (!SIZES.includes(size)) throw new Error(`not a photo size: ${JSON.stringify(String(size))}`);
  const base = (opts.httpForm ?? usesHttpForm()) ? "http://photo.localhost" : "photo://localhost";
  return `${base}/${size}/${sha256}.jpg`;
}

/** Whether this webview reaches custom protocols as http://<scheme>.localhost (as Tauri does). */
export function usesHttpForm(): boolean {
  return typeof navigator !== "undefined" && /Windows|Android/.test(navigator.userAgent);
}
