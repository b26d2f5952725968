/**
 * Photo batches of the story editor, apart from the view that shows them: files dropped on the
 * window, picked in the native dialog or chosen in the panel's file input, and pasted images.
 * Batches run one after another; a batch shows its progress (`progress`, the panel's strip) and
 * each photo as soon as it is attached, the first one selected for captioning; Cancel asks the core
 * to start no more files (chosen files, sent one at a time from here, stop after the one in hand);
 * toasts say how many were attached, where an import stopped and which files were skipped.
 * The story's photos (lib/storyPhotos.svelte.ts, which makes the batches) and the drawers are kept
 * elsewhere: they are told through `PhotoBatchHost`.
 */
import type { AttachProgress, AttachReport, PhotoUse, Platform } from "../platform/types";
import { AppError } from "../platform/errors";
import { showToast } from "./toasts.svelte";

/** The batch being attached, as the progress strip shows it: files done of total, and Cancel. */
export type BatchProgress = { done: number; total: number; cancelling: boolean };

/** What a batch needs from the editor. */
export type PhotoBatchHost = {
  platform: Pick<Platform, "attachPhotos" | "attachFromDialog" | "attachFileBytes" | "attachPastedPhoto" | "cancelAttach">;
  storyId: string;
  /** The story has no lead photo now: a batch's first photo becomes the lead. */
  needsLead: () => boolean;
  /** Photos were attached: show them (opening the panel); with `select`, select the first newcomer. */
  show: (uses: PhotoUse[], select: boolean) => void;
  /** A batch began showing progress, or an import stopped: open the photos panel. */
  openPanel: () => void;
  /** A batch is over: what needs fixing before publishing may have changed. */
  finished: () => void;
};

/** Lead first, then the other uses in the order they came (a stable sort). */
export function sortPhotos(list: PhotoUse[]): PhotoUse[] {
  return [...list].sort((a, b) => (a.role === b.role ? 0 : a.role === "lead" ? -1 : 1));
}

/**
 * The story's photos with newly attached uses: a new lead demotes the old one, and the uses not
 * shown yet are `added` (a use reported twice, by progress and by the reply, is added once).
 */
export function withAttached(photos: PhotoUse[], uses: PhotoUse[]): { photos: PhotoUse[]; added: PhotoUse[] } {
  const newLead = uses.find((u) => u.role === "lead");
  const demoted = newLead ? photos.map((u) => (u.role === "lead" && u.id !== newLead.id ? { ...u, role: "inline" as const } : u)) : photos;
  const added = uses.filter((u) => !demoted.some((p) => p.id === u.id));
  return { photos: sortPhotos([...demoted, ...added]), added };
}

/** A file's name without its folders. */
function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

export class PhotoBatches {
  /** Photos are being attached (a batch or a paste): "Add photos…" waits. */
  attaching = $state(false);
  /** The batch in progress, for the progress strip (null: none, or not yet begun). */
  progress = $state<BatchProgress | null>(null);

  readonly #host: PhotoBatchHost;
  /** Batches run one at a time: each waits for the one before. */
  #chain: Promise<void> = Promise.resolve();
  /** Cancel was pressed during a batch of chosen files (sent one by one from here). */
  #stopChosen = false;

  constructor(host: PhotoBatchHost) {
    this.#host = host;
  }

  /** "Add photos…": the files picked in the native dialog. */
  fromDialog(): Promise<void> {
    const { platform, storyId } = this.#host;
    return this.#run("attach_from_dialog", (onProgress) => platform.attachFromDialog(storyId, this.#host.needsLead(), onProgress));
  }

  /** Files dropped on the window, as paths. */
  dropped(paths: string[]): Promise<void> {
    const { platform, storyId } = this.#host;
    return this.#run("attach_photos", (onProgress) => platform.attachPhotos(storyId, paths, this.#host.needsLead(), onProgress), paths.length);
  }

  /**
   * Files chosen in the panel's file input: read here and sent one at a time as raw bytes with
   * their names; each shows up as it lands, and Cancel stops after the file in hand.
   */
  chosen(files: File[]): Promise<void> {
    if (files.length === 0) return Promise.resolve();
    const { platform, storyId } = this.#host;
    return this.#run(
      "attach_pasted_photo",
      async (onProgress) => {
        this.#stopChosen = false;
        const report: AttachReport = { uses: [], skipped: [], cancelled: false };
        for (let i = 0; i < files.length; i++) {
          if (i > 0 && this.#stopChosen) {
            report.cancelled = true;
            break;
          }
          const file = files[i];
          try {
            const bytes = new Uint8Array(await file.arrayBuffer());
            const r = await platform.attachFileBytes(storyId, bytes, file.name, this.#host.needsLead());
            this.#host.show(r.uses, report.uses.length === 0);
            report.uses.push(...r.uses);
            report.skipped.push(...r.skipped);
          } catch (err) {
            report.skipped.push({ file: file.name, problem: AppError.from(err, "attach_pasted_photo").message });
          }
          onProgress({ done: i + 1, total: files.length, attached: null });
        }
        this.#stopChosen = false;
        return report;
      },
      files.length,
    );
  }

  /** Pasted images, one after another, each `place`d in the body where it was pasted. */
  async pasted(files: File[], place: (use: PhotoUse) => void): Promise<void> {
    const { platform, storyId } = this.#host;
    for (const file of files) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const report = await this.#attachWith("attach_pasted_photo", () => platform.attachPastedPhoto(storyId, bytes, false));
      for (const u of report?.uses ?? []) place(u);
    }
  }

  /** Cancel on the progress strip: the core starts no more files and finishes those in hand. */
  cancel(): void {
    if (!this.progress || this.progress.cancelling) return;
    this.progress = { ...this.progress, cancelling: true };
    this.#stopChosen = true;
    void this.#host.platform.cancelAttach().catch((err: unknown) => console.error("cancel_attach", err));
  }

  /** Says what a batch did: how many attached (or where it stopped), skipped files in one toast. */
  #announce(report: AttachReport, total: number): void {
    const n = report.uses.length;
    if (report.cancelled) {
      this.#host.openPanel();
      showToast(`Import stopped: ${n} of ${total} ${total === 1 ? "photo" : "photos"} attached.`);
    } else if (n > 0) {
      showToast(n === 1 ? "Attached 1 photo." : `Attached ${n} photos.`);
    }
    if (report.skipped.length > 0) {
      const names = report.skipped.map((s) => `${baseName(s.file)} (${s.problem})`).join("; ");
      showToast(`Not attached: ${names}`, { tone: "error", ms: 12_000 });
    }
    this.#host.finished();
  }

  /**
   * Shows what an attach did: the attached photos in the panel, then the toasts; with `select`,
   * the first newcomer is selected (not when the batch already selected one as it arrived).
   */
  #took(report: AttachReport, total = report.uses.length + report.skipped.length, select = true): void {
    this.#host.show(report.uses, select);
    this.#announce(report, total);
  }

  /** One attach without a progress strip (a paste). */
  async #attachWith(command: string, run: () => Promise<AttachReport>): Promise<AttachReport | null> {
    this.attaching = true;
    try {
      const report = await run();
      this.#took(report);
      return report;
    } catch (err) {
      showToast(`Could not attach photos: ${AppError.from(err, command).message}`, { tone: "error" });
      return null;
    } finally {
      this.attaching = false;
    }
  }

  /**
   * Runs one batch of photos with the progress strip (after any batch still running). `run` gets
   * the progress callback; `total` is the batch size when known before the first file.
   */
  #run(command: string, run: (onProgress: (p: AttachProgress) => void) => Promise<AttachReport>, total?: number): Promise<void> {
    const go = async (): Promise<void> => {
      this.attaching = true;
      let live = true;
      let size = total ?? 0;
      let shown = false;
      const onProgress = (p: AttachProgress): void => {
        // A progress message may trail the reply: a finished batch shows no strip.
        if (!live) return;
        size = p.total;
        // Each photo shows as soon as it is attached; the first is selected for captioning.
        if (p.attached) {
          this.#host.show([p.attached], !shown);
          shown = true;
        }
        if (this.progress === null) this.#host.openPanel();
        this.progress = { done: p.done, total: p.total, cancelling: this.progress?.cancelling ?? false };
      };
      if (total !== undefined && total > 0) onProgress({ done: 0, total, attached: null });
      try {
        const report = await run(onProgress);
        live = false;
        this.progress = null;
        this.#took(report, size || report.uses.length + report.skipped.length, !shown);
      } catch (err) {
        showToast(`Could not attach photos: ${AppError.from(err, command).message}`, { tone: "error" });
      } finally {
        live = false;
        this.progress = null;
        this.attaching = false;
      }
    };
    const next = this.#chain.then(go);
    this.#chain = next;
    return next;
  }
}
