/**
 * The fake core's photos: files attached in batches (progress, cancel), pasted or chosen bytes,
 * "IPTC" fields guessed from file names, editing and detaching a photo use, the warnings before
 * publishing, photo URLs (bundled images stand in for derived files) and files dropped on the window.
 */
import { AppError } from "./errors";
import { buildPhotoUrl } from "./photoUrl";
import { NO_METADATA, clone, creditLine, newId, trimLikeCore, type FakeMetadata, type FakeOptions, type FakePhoto, type Stored } from "./fakeCore";
import { FakeLinks } from "./fakeLinks";
import placeholderPhotoUrl from "../assets/photo-placeholder.png";
import type { AttachProgress, AttachReport, FromPhoto, PhotoSize, PhotoUse, PhotoUseEdit, PhotoWarning, SkippedPhoto, Story } from "./types";

const READABLE = /\.(jpe?g|heic|heif|avif|png|webp|tiff?)$/i;

/** A stable 64-hex "content address" for a fake file (FNV-1a, stretched): not a real SHA-256. */
export function fakeSha256(input: string): string {
  let out = "";
  for (let round = 0; out.length < 64; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < input.length; i++) {
      h ^= input.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, "0");
  }
  return out.slice(0, 64);
}

/** The IPTC fields a fake file carries, guessed from its name ("reuters-…jpg" reads as Reuters). */
function fakeMetadata(name: string): FakeMetadata {
  const lower = name.toLowerCase();
  if (lower.includes("reuters")) {
    return {
      caption: "Foreign ministers arrive for the Ministerial Conference of the Global Coalition Against ISIS in Rome, Italy.",
      credit: "Reuters",
      altText: "",
      creator: "Remo Casilli",
      copyright: "© 2021 Thomson Reuters",
    };
  }
  if (lower.includes("embargo")) {
    return {
      caption: "The minister at the podium before the vote.",
      credit: "AFP",
      altText: "",
      creator: "Ludovic Marin",
      copyright: "© AFP",
      instructions: "EMBARGOED UNTIL 06 DEC 2026 18:00 GMT",
      usageTerms: "Editorial use only",
      softEdits: "Photo Mechanic asks to rotate 90° clockwise; not applied",
    };
  }
  if (lower.includes("afp")) {
    return { caption: "Delegates at the conference in Rome.", credit: "AFP/VNA", altText: "", creator: "Filippo Monteforte", copyright: "© AFP" };
  }
  return NO_METADATA;
}

export abstract class FakePhotos extends FakeLinks {
  /** What the fake file dialog "picks" (tests may change it; empty = cancelled). */
  dialogPick: string[] = ["/home/desk/Pictures/reuters-rome-coalition-meeting.jpg", "/home/desk/Pictures/rome-ministers.jpg"];
  private readonly dropHandlers = new Set<{ drop: (paths: string[]) => void; hover?: (over: boolean) => void }>();
  /** Simulated time per file of a photo batch in ms; tests (with fake timers) may change it. */
  attachStepMs: number;
  /** `cancelAttach` was called during the batch in progress. */
  private cancelRequested = false;

  constructor(opts: FakeOptions) {
    super(opts);
    this.attachStepMs = opts.attachStepMs ?? 0;
  }

  protected newUse(photo: FakePhoto, role: PhotoUse["role"]): PhotoUse {
    const m = photo.metadata;
    return {
      id: newId(this.now()),
      photo: photo.sha256,
      role,
      caption: m.caption,
      credit: m.credit,
      creditLine: creditLine(m.credit, this.settings.creditTemplate),
      altText: m.altText,
      creator: m.creator,
      copyright: m.copyright,
      width: photo.width,
      height: photo.height,
      fromPhoto: fromPhoto(m, m),
      instructions: m.instructions ?? "",
      usageTerms: m.usageTerms ?? "",
      softEdits: m.softEdits ?? "",
      standIn: "",
    };
  }

  /** Adds uses to a story: with `lead`, the first becomes the lead and the old lead goes inline. */
  private addUses(story: Story, photos: FakePhoto[], lead: boolean): PhotoUse[] {
    const added = photos.map((p, i) => this.newUse(p, lead && i === 0 ? "lead" : "inline"));
    if (added.some((u) => u.role === "lead")) for (const u of story.photos) u.role = "inline";
    story.photos.push(...added);
    sortUses(story.photos);
    return added;
  }

  private importFile(path: string): FakePhoto | SkippedPhoto {
    const name = path.split(/[\\/]/).pop() ?? path;
    if (!READABLE.test(name)) return { file: path, problem: "not a photo Byline can read" };
    const sha256 = fakeSha256(name);
    const photo = this.photoFiles.get(sha256) ?? { sha256, width: 1600, height: 1067, metadata: fakeMetadata(name), image: placeholderPhotoUrl };
    this.photoFiles.set(sha256, photo);
    return photo;
  }

  /** One simulated file's worth of work: `attachStepMs`, or a microtask. */
  private async step(): Promise<void> {
    if (this.attachStepMs > 0) await new Promise((r) => setTimeout(r, this.attachStepMs));
    else await Promise.resolve();
  }

  /**
   * A batch like the core's: progress after each file with the use it became; a cancel starts
   * nothing more, the one file in hand is still attached, and the report says `cancelled`.
   */
  private async attachBatch(
    command: string,
    args: unknown,
    story: string,
    files: () => string[],
    lead: boolean,
    onProgress?: (p: AttachProgress) => void,
  ): Promise<AttachReport> {
    this.cancelRequested = false;
    await this.enter(command, args);
    let entry: Stored;
    try {
      entry = this.live(story, command);
    } catch (err) {
      throw AppError.from(err, command);
    }
    const list = files();
    const uses: PhotoUse[] = [];
    const skipped: SkippedPhoto[] = [];
    let wantLead = lead;
    let cancelled = false;
    // Like the core's workers: after a cancel, the file already in hand is still attached.
    let last = list.length - 1;
    for (let n = 0; n <= last; n++) {
      await this.step();
      const r = this.importFile(list[n]);
      let attached: PhotoUse | null = null;
      if ("problem" in r) skipped.push(r);
      else {
        const added = this.addUses(entry.story, [r], wantLead);
        uses.push(...added);
        attached = clone(added[0]);
        wantLead = false;
      }
      onProgress?.({ done: n + 1, total: list.length, attached });
      if (this.cancelRequested && !cancelled && n + 1 < list.length) {
        cancelled = true;
        last = n + 1;
      }
    }
    this.cancelRequested = false;
    return clone({ uses, skipped, cancelled });
  }

  attachPhotos(story: string, files: string[], lead: boolean, onProgress?: (p: AttachProgress) => void): Promise<AttachReport> {
    return this.attachBatch("attach_photos", { story, files, lead }, story, () => files, lead, onProgress);
  }

  attachFromDialog(story: string, lead: boolean, onProgress?: (p: AttachProgress) => void): Promise<AttachReport> {
    return this.attachBatch("attach_from_dialog", { story, lead }, story, () => [...this.dialogPick], lead, onProgress);
  }

  cancelAttach(): Promise<void> {
    this.calls.push({ command: "cancel_attach", args: {} });
    this.cancelRequested = true;
    return Promise.resolve();
  }

  /** Bytes as the core gets them from a paste or a file input: JPEG or PNG, else skipped. */
  private attachBytes(command: string, story: string, bytes: Uint8Array, name: string, metadata: FakeMetadata, lead: boolean): AttachReport {
    const entry = this.live(story, command);
    const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
    const png = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
    if (!jpeg && !png) return { uses: [], skipped: [{ file: name, problem: "not a photo Byline can read" }], cancelled: false };
    let digest = "";
    for (let i = 0; i < Math.min(bytes.length, 4096); i++) digest += String.fromCharCode(bytes[i]);
    const sha256 = fakeSha256(`${digest}:${bytes.length}`);
    const photo = this.photoFiles.get(sha256) ?? { sha256, width: 1200, height: 800, metadata, image: placeholderPhotoUrl };
    this.photoFiles.set(sha256, photo);
    return { uses: this.addUses(entry.story, [photo], lead), skipped: [], cancelled: false };
  }

  attachPastedPhoto(story: string, bytes: Uint8Array, lead: boolean): Promise<AttachReport> {
    return this.call("attach_pasted_photo", { story, bytes: bytes.length, lead }, () =>
      this.attachBytes("attach_pasted_photo", story, bytes, "pasted photo", NO_METADATA, lead),
    );
  }

  /** A chosen file: like a paste, named; its "IPTC" fields are guessed from the name. */
  async attachFileBytes(story: string, bytes: Uint8Array, name: string, lead: boolean): Promise<AttachReport> {
    await this.step();
    return this.call("attach_pasted_photo", { story, bytes: bytes.length, name, lead }, () =>
      this.attachBytes("attach_pasted_photo", story, bytes, name, fakeMetadata(name), lead),
    );
  }

  editPhotoUse(story: string, useId: string, edit: PhotoUseEdit): Promise<PhotoUse> {
    return this.call("edit_photo_use", { story, useId, edit }, () => {
      const s = this.live(story, "edit_photo_use").story;
      const use = s.photos.find((u) => u.id === useId);
      if (!use) throw new AppError("invalid_input", `story ${story} has no photo ${useId}`, "edit_photo_use");
      if (edit.caption !== null) use.caption = edit.caption.trim();
      if (edit.credit !== null) use.credit = edit.credit.trim();
      if (edit.altText !== null) use.altText = edit.altText.trim();
      if (edit.creator !== null) use.creator = edit.creator.trim();
      if (edit.copyright !== null) use.copyright = edit.copyright.trim();
      if (edit.standIn !== null) use.standIn = edit.standIn.trim();
      if (edit.role !== null) {
        if (edit.role === "lead") for (const u of s.photos) u.role = "inline";
        use.role = edit.role;
        sortUses(s.photos);
      }
      use.creditLine = creditLine(use.credit, this.settings.creditTemplate);
      use.fromPhoto = fromPhoto(this.photoFiles.get(use.photo)?.metadata ?? NO_METADATA, use);
      return use;
    });
  }

  detachPhoto(story: string, useId: string): Promise<void> {
    return this.call("detach_photo", { story, useId }, () => {
      const s = this.live(story, "detach_photo").story;
      const i = s.photos.findIndex((u) => u.id === useId);
      if (i < 0) throw new AppError("invalid_input", `story ${story} has no photo ${useId}`, "detach_photo");
      s.photos.splice(i, 1);
    });
  }

  photoWarnings(story: string): Promise<PhotoWarning[]> {
    return this.call("photo_warnings", { story }, () => photoWarnings(this.live(story, "photo_warnings").story.photos));
  }

  /** Validates like the real one, then points at a bundled image (the fake has no derived files). */
  photoUrl(sha256: string, size: PhotoSize): string {
    buildPhotoUrl(sha256, size);
    return this.photoFiles.get(sha256)?.image ?? placeholderPhotoUrl;
  }

  /**
   * In a plain browser, dropped files have names but no paths: the names stand in for paths.
   * Tests call `dropFiles` instead.
   */
  async onFilesDropped(handler: (paths: string[]) => void, onHover?: (over: boolean) => void): Promise<() => void> {
    const entry = { drop: handler, hover: onHover };
    this.dropHandlers.add(entry);
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && Array.from(e.dataTransfer.types).includes("Files");
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      onHover?.(true);
    };
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) onHover?.(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      onHover?.(false);
      const names = Array.from(e.dataTransfer?.files ?? []).map((f) => f.name);
      if (names.length > 0) handler(names);
    };
    window.addEventListener("dragover", over);
    window.addEventListener("dragleave", leave);
    window.addEventListener("drop", drop);
    return () => {
      this.dropHandlers.delete(entry);
      window.removeEventListener("dragover", over);
      window.removeEventListener("dragleave", leave);
      window.removeEventListener("drop", drop);
    };
  }

  /** Test hook: how many handlers of dropped files are registered (one per view listening). */
  get dropListeners(): number {
    return this.dropHandlers.size;
  }

  /** Test hook: files dragged over the window (`paths` null = hover only) or dropped on it. */
  dropFiles(paths: string[] | null): void {
    for (const h of this.dropHandlers) {
      if (paths === null) h.hover?.(true);
      else {
        h.hover?.(false);
        h.drop(paths);
      }
    }
  }
}

/** What to fix in a story's photos before publishing, by the core's rules (its `warnings`). */
export function photoWarnings(uses: PhotoUse[]): PhotoWarning[] {
  const out: PhotoWarning[] = [];
  uses.forEach((u, n) => {
    const which = u.role === "lead" ? "the lead photo" : `photo ${n + 1}`;
    const warn = (kind: PhotoWarning["kind"], message: string) => out.push({ photoUse: u.id, kind, message });
    const standIn = trimLikeCore(u.standIn);
    if (standIn !== "") warn("standIn", `${which} is a stand-in, not the real photo (“${[...standIn].slice(0, 300).join("")}”): replace it before publishing`);
    if (trimLikeCore(u.credit) === "") warn("noCredit", `${which} has no credit`);
    const alt = trimLikeCore(u.altText);
    if (alt === "") warn("noAltText", `${which} has no alt text`);
    else if (alt === trimLikeCore(u.caption)) warn("altTextIsCaption", `${which}: the alt text repeats the caption; describe what the photo shows`);
    const terms = [trimLikeCore(u.instructions), trimLikeCore(u.usageTerms)].filter((t) => t !== "");
    if (terms.length > 0) warn("restricted", `${which} comes with the agency's terms: “${[...terms.join(" / ")].slice(0, 300).join("")}”`);
  });
  return out;
}

/** A use's fields that still equal what the photo said (and say something). */
function fromPhoto(said: FakeMetadata, now: Pick<PhotoUse, "caption" | "credit" | "altText" | "creator" | "copyright">): FromPhoto {
  const same = (a: string, b: string) => a !== "" && a === b;
  return {
    caption: same(said.caption, now.caption),
    credit: same(said.credit, now.credit),
    altText: same(said.altText, now.altText),
    creator: same(said.creator, now.creator),
    copyright: same(said.copyright, now.copyright),
  };
}

/** Lead first, then inline uses in the order they were added (stable sort). */
function sortUses(uses: PhotoUse[]): void {
  uses.sort((a, b) => (a.role === b.role ? 0 : a.role === "lead" ? -1 : 1));
}
