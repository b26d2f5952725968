/**
 * Which of the story editor's panels is open. The photos panel, the related panel, the copy desk
 * and the revisions drawer share the right side of the story: one at a time, so opening one closes the
 * others; Esc from the story closes the open one (`closeDrawer`), and never goes back to the
 * library. The export and send dialogs are modal and open over them.
 */

export type DrawerName = "photos" | "related" | "revisions" | "copy";

export class EditorPanels {
  /** The side drawer open now, if any. */
  drawer = $state<DrawerName | null>(null);
  /** The export dialog is open (it handles its own keys). */
  exportOpen = $state(false);
  /** The send dialog is open (it handles its own keys). */
  sendOpen = $state(false);

  /** Opens `name` (closing the other drawer), or closes it if it is open. */
  toggle(name: DrawerName): void {
    this.drawer = this.drawer === name ? null : name;
  }

  /** Opens `name`; the other drawers close. */
  show(name: DrawerName): void {
    this.drawer = name;
  }

  /** Closes `name` (its ✕, Esc inside it). */
  close(name: DrawerName): void {
    if (this.drawer === name) this.drawer = null;
  }

  /** Closes whichever drawer is open; false when none was. */
  closeDrawer(): boolean {
    if (this.drawer === null) return false;
    this.drawer = null;
    return true;
  }
}
