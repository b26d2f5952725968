/**
 * The focus of everything that opens over or beside a view, shared by the Dialog and Drawer
 * frames (and so by every dialog, drawer and the shortcut sheet): what Tab can reach inside
 * something, moving the focus in when it opens, and giving it back to its opener when it closes.
 */

/** What Tab can reach, before the checks of `focusables`. */
const FOCUSABLE = "button, input, select, textarea, a[href], summary, [tabindex]:not([tabindex='-1']), [contenteditable='true']";

/** What Tab can reach inside `container`, in order: no disabled control, no tabindex -1, one radio per group. */
export function focusables(container: HTMLElement): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => {
    if (el.matches(":disabled") || el.getAttribute("tabindex") === "-1") return false;
    if (el.closest("[hidden], [inert]")) return false;
    // Only the checked radio of a group takes part in the Tab order.
    if (el instanceof HTMLInputElement && el.type === "radio" && !el.checked) return false;
    return true;
  });
}

/** The element with the focus, or null when nothing has it (the page itself). */
export function focusedElement(): HTMLElement | null {
  const active = document.activeElement;
  return active instanceof HTMLElement && active !== document.body && active.isConnected ? active : null;
}

/**
 * The focus is lost (on the page itself, or on an element that is gone) or inside `within`: what
 * closes then gives it back. Focus moved elsewhere on purpose (a click in the story) stays there.
 */
export function focusLost(within?: HTMLElement | null): boolean {
  const active = focusedElement();
  return active === null || (!!within && within.contains(active));
}

/**
 * Keeps Tab and Shift+Tab inside `container`: from its last control to its first and back, and
 * from anywhere else (the container itself, the page) into it. True when it moved the focus.
 */
export function cycleTab(e: KeyboardEvent, container: HTMLElement): boolean {
  if (e.key !== "Tab" || e.ctrlKey || e.metaKey || e.altKey) return false;
  const list = focusables(container);
  if (list.length === 0) {
    e.preventDefault();
    if (!container.contains(document.activeElement)) container.focus();
    return true;
  }
  const first = list[0];
  const last = list[list.length - 1];
  const at = list.indexOf(document.activeElement as HTMLElement);
  let to: HTMLElement | null = null;
  if (at === -1) to = e.shiftKey ? last : first;
  else if (e.shiftKey && at === 0) to = last;
  else if (!e.shiftKey && at === list.length - 1) to = first;
  if (!to) return false;
  e.preventDefault();
  to.focus();
  return true;
}

/**
 * Where the focus was when something opened (a dialog, a drawer, the shortcut sheet), read when
 * it is made, before it takes the focus; `restore` gives the focus back there when it closes.
 */
export class FocusReturn {
  /** What had the focus when it opened (null: nothing). */
  readonly opener: HTMLElement | null = focusedElement();

  /**
   * @param fallback where the focus goes when the opener is gone (its drawer closed meanwhile,
   *   its view replaced) or there was none.
   */
  constructor(private readonly fallback?: () => HTMLElement | null | undefined) {}

  /**
   * Gives the focus back to the opener, or to the fallback when the opener is gone. With
   * `onlyFrom`, only when the focus is lost or still inside it (`focusLost`).
   */
  restore(onlyFrom?: HTMLElement | null): void {
    if (onlyFrom !== undefined && !focusLost(onlyFrom)) return;
    const to = this.opener?.isConnected && !this.opener.matches(":disabled") ? this.opener : this.fallback?.();
    to?.focus();
  }
}

/**
 * Moves the focus into `container` once it is shown: to `initial` when given and found, else to
 * its first control outside `skip` (a header's ✕), else to the container itself. A container
 * that already holds the focus (something inside took it first) keeps it where it is.
 */
export function focusInto(container: HTMLElement, initial?: HTMLElement | null, skip?: HTMLElement | null): void {
  if (container.contains(document.activeElement)) return;
  const first = focusables(container).find((el) => !skip?.contains(el));
  (initial ?? first ?? container).focus();
}
