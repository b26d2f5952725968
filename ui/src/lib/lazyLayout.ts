/**
 * Lays out a long story body in slices once it opens. Laying out 20,000 words at once holds the
 * window for a few hundred milliseconds before the story shows; instead the blocks after the first
 * `first` are rendered lazily (`content-visibility: auto`, an estimated height) and handed back to
 * normal layout `step` blocks per frame until none is left. Lazy blocks are not left in place:
 * WebKitGTK pays for them on every key press. The text is in the DOM throughout.
 */
export type Schedule = (run: () => void) => void;

/** The next frame, then a task of its own (the slice's layout is not added to the frame's). */
const afterFrame: Schedule = (run) => requestAnimationFrame(() => setTimeout(run, 0));

export class LazyLayout {
  private style: HTMLStyleElement | null = null;
  /** The leading blocks in normal layout while a run is under way. */
  private from = 0;
  private generation = 0;

  /**
   * @param blocks the selector of the body's top-level blocks' parent (`#id > .ProseMirror`)
   */
  constructor(
    private readonly blocks: string,
    private readonly opts: { first: number; step: number } = { first: 40, step: 40 },
    private readonly schedule: Schedule = afterFrame,
  ) {}

  /**
   * Starts over for a body of `blocks` top-level blocks. Blocks added while it runs are left to
   * the end, when every block goes back to normal layout.
   */
  start(blocks: number): void {
    this.stop();
    if (blocks <= this.opts.first) return;
    const generation = this.generation;
    const style = document.createElement("style");
    style.dataset.lazyLayout = "";
    document.head.append(style);
    this.style = style;
    const apply = (from: number) => {
      this.from = from;
      style.textContent = `${this.blocks} > :nth-child(n+${from + 1}) { content-visibility: auto; contain-intrinsic-size: auto 5em; }`;
    };
    const step = () => {
      if (generation !== this.generation) return;
      const from = this.from + this.opts.step;
      if (from >= blocks) this.stop();
      else {
        apply(from);
        this.schedule(step);
      }
    };
    apply(this.opts.first);
    this.schedule(step);
  }

  /** How many leading blocks are laid out normally, or null when every block is. */
  get laidOut(): number | null {
    return this.style ? this.from : null;
  }

  /** Every block back to normal layout at once. */
  stop(): void {
    this.generation += 1;
    this.style?.remove();
    this.style = null;
  }
}
