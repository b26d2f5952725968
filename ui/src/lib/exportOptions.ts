/**
 * The export dialog's choices as data: the formats with their one-line descriptions, validation
 * of the rendition size and the base URL, the PDF proof's paper (by the story's language), and
 * the remembered base URL and paper (localStorage).
 */
import type { ExportFormat, Paper } from "../platform/types";

export const FORMAT_CHOICES: ReadonlyArray<{ format: ExportFormat; label: string; description: string }> = [
  { format: "html", label: "HTML page", description: "A folder with index.html and its images" },
  { format: "hugo", label: "Markdown for static sites", description: "A Hugo page bundle: index.md with front matter, and the images" },
  { format: "ninjs", label: "ninjs 3.1", description: "IPTC News in JSON, for content APIs" },
  { format: "newsml", label: "NewsML-G2 2.35", description: "IPTC XML package for wire and archive systems" },
  { format: "docx", label: "Word document", description: "A .docx for an editor: styles, photos with captions, TK notes as comments" },
  {
    format: "pdf",
    label: "PDF proof",
    description: "A print-ready proof: photos, captions, page numbers, status; marked not for publication unless ready",
  },
  {
    format: "zip",
    label: "Story package",
    description: "A .zip with all of the above (HTML, Markdown, ninjs, NewsML, Word and the PDF proof), photo renditions and a manifest",
  },
];

/** The PDF proof's page sizes, as the dialog offers them. */
export const PAPER_CHOICES: ReadonlyArray<{ paper: Paper; label: string }> = [
  { paper: "a4", label: "A4" },
  { paper: "letter", label: "US Letter" },
];

/** Regions whose printers hold US Letter (by the story's language tag's region subtag). */
/** Regions printed on US Letter: the same list as the core's `uses_letter_paper` (byline-model). */
const LETTER_REGIONS = new Set(["US", "CA", "MX", "PH"]);

/**
 * The paper a story's proof starts on: US Letter when its language tag names the United States
 * or Canada as region (`en-US`, `fr-CA`, `es-Latn-US`), A4 otherwise (`en-GB`, `fr`, `de-DE`).
 */
export function paperForLanguage(tag: string): Paper {
  // The region is the first 2-letter or 3-digit subtag after the primary one (a 4-letter script
  // or a 3-letter extlang may come between); private use (`x-…`) and later parts are no region.
  for (const part of tag.trim().split("-").slice(1)) {
    if (part.length === 1) break;
    if (/^[A-Za-z]{2}$/.test(part)) return LETTER_REGIONS.has(part.toUpperCase()) ? "letter" : "a4";
    if (/^\d{3}$/.test(part)) return "a4";
  }
  return "a4";
}

export const DEFAULT_FORMAT: ExportFormat = "zip";
export const DEFAULT_LONG_EDGE = 2048;
export const MIN_LONG_EDGE = 256;
export const MAX_LONG_EDGE = 8192;

/** The rendition size (a number input's value) as whole pixels in range, or an error message. */
export function parseLongEdge(input: number | string | null | undefined): { value: number } | { error: string } {
  const n = typeof input === "number" ? input : typeof input === "string" && /^\s*\d+\s*$/.test(input) ? Number(input) : Number.NaN;
  if (!Number.isInteger(n) || n < MIN_LONG_EDGE || n > MAX_LONG_EDGE) {
    return { error: `Enter a whole number of pixels from ${MIN_LONG_EDGE} to ${MAX_LONG_EDGE}.` };
  }
  return { value: n };
}

/** The base URL for story links: empty means none; otherwise an absolute http(s) URL. */
export function parseBaseUrl(text: string): { value: string | null } | { error: string } {
  const t = text.trim();
  if (t === "") return { value: null };
  let url: URL;
  try {
    url = new URL(t);
  } catch {
    return { error: "Enter a full web address starting with https:// or http://, or leave it empty." };
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.hostname === "") {
    return { error: "The base URL must start with https:// or http://." };
  }
  if (url.username !== "" || url.password !== "") return { error: "The base URL must not contain a user name or password." };
  return { value: t };
}

const BASE_URL_KEY = "byline.export.baseUrl";

export function rememberedBaseUrl(): string {
  try {
    return localStorage.getItem(BASE_URL_KEY) ?? "";
  } catch {
    return "";
  }
}

export function rememberBaseUrl(value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(BASE_URL_KEY);
    else localStorage.setItem(BASE_URL_KEY, value);
  } catch {
    // Storage unavailable (private mode, quota): the field simply starts empty next time.
  }
}

const PAPER_KEY = "byline.export.paper";

/** The paper chosen for the last PDF proof, or null (never chosen, or storage unavailable). */
export function rememberedPaper(): Paper | null {
  try {
    const value = localStorage.getItem(PAPER_KEY);
    return value === "a4" || value === "letter" ? value : null;
  } catch {
    return null;
  }
}

export function rememberPaper(value: Paper): void {
  try {
    localStorage.setItem(PAPER_KEY, value);
  } catch {
    // Storage unavailable: the page size simply starts from the story's language next time.
  }
}
