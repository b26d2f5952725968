/**
 * The app is up once the library's first rows have painted: said once per page load (coming back
 * from the editor remounts the library, but that is not a start).
 */
let noted = false;
let started!: () => void;
let whenStartedPromise = new Promise<void>((resolve) => (started = resolve));

const frame: (f: () => void) => void =
  typeof requestAnimationFrame === "function" ? (f) => requestAnimationFrame(f) : (f) => setTimeout(f, 0);

export function noteStartedOnce(note: () => Promise<void>): void {
  if (noted) return;
  noted = true;
  // Two frames: callbacks of the first run before the rows are painted, of the second after.
  frame(() =>
    frame(() => {
      started();
      void note().catch(() => {});
    }),
  );
}

/** Resolves once the library's first rows have painted (work that can wait, waits for this). */
export function whenStarted(): Promise<void> {
  return whenStartedPromise;
}

/** For tests: forget that the start was said. */
export function resetStarted(): void {
  noted = false;
  whenStartedPromise = new Promise<void>((resolve) => (started = resolve));
}
