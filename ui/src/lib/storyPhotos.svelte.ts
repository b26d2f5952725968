/**
 * The story's photos as the editor shows them (lead first: in the photos panel, the lead above
 * the headline, the others as figures in the body): which photos are attached, which one is
 * selected for captioning, what needs fixing before publishing, and the edits made in the panel
 * (a photo's details saved, a new lead, a photo removed) sent to the core and kept in place as it
 * answers. New photos come through the batches (lib/photoBatch.svelte.ts, `batches`), which hand
 * what they attach to `show`. The editor owns the panel and the body: it is told through
 * `StoryPhotosHost`.
 */
import type { PhotoUse, PhotoUseEdit, PhotoWarning, Platform } from "../platform/types";
import { AppError } from "../platform/errors";
import { showToast } from "./toasts.svelte";
import { PhotoBatches, sortPhotos, withAttached, type PhotoBatchHost } from "./photoBatch.svelte";

/** What the story's photos need from the editor. */
export type StoryPhotosHost = {
  platform: PhotoBatchHost["platform"] & Pick<Platform, "editPhotoUse" | "detachPhoto" | "photoWarnings">;
  storyId: string;
  /** Open the photos panel (the other drawers close). */
  openPanel: () => void;
  /** A photo no longer belongs in the body as a figure (it became the lead, or was removed). */
  removeFigures: (useId: string) => void;
};

export class StoryPhotos {
  /** The story's photo uses, lead first; kept in place as the core answers attach/edit/detach. */
  list = $state<PhotoUse[]>([]);
  /** What needs fixing before publishing. */
  warnings = $state<PhotoWarning[]>([]);
  /** The use selected in the panel for captioning. */
  selected = $state<string | null>(null);
  readonly lead = $derived(this.list.find((u) => u.role === "lead") ?? null);
  /** Dropped, picked, chosen and pasted photos, one batch after another. */
  readonly batches: PhotoBatches;

  readonly #host: StoryPhotosHost;

  constructor(host: StoryPhotosHost) {
    this.#host = host;
    this.batches = new PhotoBatches({
      platform: host.platform,
      storyId: host.storyId,
      needsLead: () => this.lead === null,
      show: (uses, select) => this.show(uses, select),
      openPanel: host.openPanel,
      finished: () => void this.refreshWarnings(),
    });
  }

  /** The photos of the story as the core sent it; a selection that is gone is dropped. */
  load(photos: PhotoUse[]): void {
    this.list = photos;
    if (this.selected && !this.list.some((u) => u.id === this.selected)) this.selected = null;
  }

  async refreshWarnings(): Promise<void> {
    try {
      this.warnings = await this.#host.platform.photoWarnings(this.#host.storyId);
    } catch (err) {
      console.error("photo warnings", err);
    }
  }

  /**
   * Puts attached uses in the panel (a new lead demotes the old one) and opens it; with `select`,
   * the first newcomer is selected for captioning.
   */
  show(uses: PhotoUse[], select = true): void {
    const next = withAttached(this.list, uses);
    this.list = next.photos;
    if (next.added.length > 0) {
      this.#host.openPanel();
      if (select) this.selected = next.added[0].id;
    }
  }

  /**
   * Sends a use's details and shows what the core stored; throws when they were not saved (the
   * caption editor's autosave keeps the text, says so and retries).
   */
  async save(use: PhotoUse, edit: PhotoUseEdit): Promise<PhotoUse> {
    const saved = await this.#host.platform.editPhotoUse(this.#host.storyId, use.id, edit);
    this.#replace(saved);
    void this.refreshWarnings();
    return saved;
  }

  /** Makes `use` the lead: the old lead becomes an inline photo, and `use` leaves the body. */
  async makeLead(use: PhotoUse): Promise<void> {
    const edit: PhotoUseEdit = { caption: null, credit: null, altText: null, creator: null, copyright: null, role: "lead", standIn: null };
    try {
      await this.save(use, edit);
    } catch (err) {
      showToast(`Could not save the photo details: ${AppError.from(err, "edit_photo_use").message}`, { tone: "error" });
      return;
    }
    this.#host.removeFigures(use.id);
    showToast("This photo is now the lead.");
  }

  /** Takes `use` off the story (and out of the body); the photo stays in the library. */
  async detach(use: PhotoUse): Promise<void> {
    try {
      await this.#host.platform.detachPhoto(this.#host.storyId, use.id);
      this.list = this.list.filter((u) => u.id !== use.id);
      if (this.selected === use.id) this.selected = null;
      this.#host.removeFigures(use.id);
      showToast("Photo removed from the story. The photo stays in the library.");
      void this.refreshWarnings();
    } catch (err) {
      showToast(`Could not remove the photo: ${AppError.from(err, "detach_photo").message}`, { tone: "error" });
    }
  }

  /** The lead photo above the headline was clicked: it is selected in the photos panel. */
  editLead(): void {
    if (!this.lead) return;
    this.selected = this.lead.id;
    this.#host.openPanel();
  }

  #replace(saved: PhotoUse): void {
    let list = this.list.map((u) => (u.id === saved.id ? saved : u));
    if (saved.role === "lead") list = list.map((u) => (u.id !== saved.id && u.role === "lead" ? { ...u, role: "inline" as const } : u));
    this.list = sortPhotos(list);
  }
}
