/**
 * The shared Dialog frame: focus moves in when it opens, Tab and Shift+Tab cycle inside, Esc and
 * the backdrop close it (not while it is busy), focus that wanders out comes back (to the newest
 * of two dialogs), and focus returns to where it was when it closes. Checked on the frame itself
 * and on the dialogs built on it.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { createRawSnippet } from "svelte";
import Dialog from "../src/components/Dialog.svelte";
import ConfirmDialog from "../src/components/ConfirmDialog.svelte";
import ShortcutSheet from "../src/components/ShortcutSheet.svelte";

afterEach(() => {
  cleanup();
  document.body.replaceChildren();
});

/** A button outside any dialog that has the focus when one opens. */
function opener(): HTMLButtonElement {
  const button = document.createElement("button");
  button.textContent = "Open";
  document.body.append(button);
  button.focus();
  return button;
}

/** Dialog content: a title and three controls, the middle one disabled. */
const content = (title: string) =>
  createRawSnippet(() => ({
    render: () => `<div><h2 id="t-${title}">${title}</h2><button>First</button><button disabled>Off</button><input aria-label="Last" /></div>`,
  }));

function renderDialog(props: { title?: string; closable?: boolean; onClose?: () => void } = {}) {
  const title = props.title ?? "Frame";
  const onClose = props.onClose ?? vi.fn();
  const view = render(Dialog, {
    props: { labelledby: `t-${title}`, testid: `dialog-${title}`, width: "400px", top: "10vh", closable: props.closable, onClose, children: content(title) },
  });
  return { view, onClose, dialog: screen.getByTestId(`dialog-${title}`) };
}

describe("Dialog", () => {
  it("is a labelled modal dialog that takes the focus and gives it back when it closes", async () => {
    const button = opener();
    const { view, dialog } = renderDialog();
    expect(dialog).toHaveAttribute("role", "dialog");
    expect(dialog).toHaveAttribute("aria-modal", "true");
    expect(document.getElementById(dialog.getAttribute("aria-labelledby") ?? "")).toHaveTextContent("Frame");
    await waitFor(() => expect(document.activeElement).toBe(dialog));
    view.unmount();
    expect(document.activeElement).toBe(button);
  });

  it("cycles Tab and Shift+Tab inside, past disabled controls", async () => {
    opener();
    const { dialog } = renderDialog();
    await waitFor(() => expect(document.activeElement).toBe(dialog));
    const first = screen.getByText("First");
    const last = screen.getByLabelText("Last");
    // From the card itself, Tab goes to the first control and Shift+Tab to the last.
    await fireEvent.keyDown(dialog, { key: "Tab" });
    expect(document.activeElement).toBe(first);
    await fireEvent.keyDown(first, { key: "Tab", shiftKey: true });
    expect(document.activeElement).toBe(last);
    await fireEvent.keyDown(last, { key: "Tab" });
    expect(document.activeElement).toBe(first);
  });

  it("closes on Esc and on the backdrop, but not while it is busy", async () => {
    opener();
    const { dialog, onClose } = renderDialog();
    await fireEvent.keyDown(dialog, { key: "Escape" });
    expect(onClose).toHaveBeenCalledTimes(1);
    await fireEvent.click(dialog.previousElementSibling as HTMLElement);
    expect(onClose).toHaveBeenCalledTimes(2);
    cleanup();

    const busy = renderDialog({ title: "Busy", closable: false });
    const escape = new KeyboardEvent("keydown", { key: "Escape", bubbles: true, cancelable: true });
    busy.dialog.dispatchEvent(escape);
    expect(escape.defaultPrevented).toBe(true);
    await fireEvent.click(busy.dialog.previousElementSibling as HTMLElement);
    expect(busy.onClose).not.toHaveBeenCalled();
  });

  it("brings wandering focus back, to the newest of two dialogs", async () => {
    const button = opener();
    const { dialog: older } = renderDialog({ title: "Older" });
    await waitFor(() => expect(document.activeElement).toBe(older));
    button.focus();
    expect(older.contains(document.activeElement)).toBe(true);

    const { dialog: newer } = renderDialog({ title: "Newer" });
    await waitFor(() => expect(document.activeElement).toBe(newer));
    (older.querySelector("button") as HTMLButtonElement).focus();
    expect(newer.contains(document.activeElement)).toBe(true);
  });
});

describe("dialogs on the frame", () => {
  it("ConfirmDialog: an alert dialog that starts on Cancel; Esc cancels; focus returns", async () => {
    const button = opener();
    const onCancel = vi.fn();
    const view = render(ConfirmDialog, { props: { title: "Trash it?", message: "Sure?", confirmLabel: "Trash", onConfirm: () => {}, onCancel } });
    const dialog = screen.getByTestId("confirm-dialog");
    expect(dialog).toHaveAttribute("role", "alertdialog");
    expect(dialog).toHaveAttribute("aria-describedby", "confirm-message");
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("confirm-cancel")));
    await fireEvent.keyDown(document.activeElement ?? dialog, { key: "Tab", shiftKey: true });
    expect(document.activeElement).toBe(screen.getByTestId("confirm-ok"));
    await fireEvent.keyDown(document.activeElement ?? dialog, { key: "Escape" });
    expect(onCancel).toHaveBeenCalledTimes(1);
    view.unmount();
    expect(document.activeElement).toBe(button);
  });

  it("ShortcutSheet: a labelled modal dialog that takes the focus (its scrolling list) and closes on Esc", async () => {
    opener();
    const onClose = vi.fn();
    render(ShortcutSheet, { props: { onClose } });
    const sheet = screen.getByTestId("shortcut-sheet");
    expect(sheet).toHaveAttribute("aria-modal", "true");
    expect(document.getElementById(sheet.getAttribute("aria-labelledby") ?? "")).toHaveTextContent("Keyboard shortcuts");
    const list = screen.getByTestId("shortcut-list");
    await waitFor(() => expect(document.activeElement).toBe(list));
    // The list scrolls apart from the title and Close, and the keyboard can reach it.
    expect(list).toHaveAttribute("tabindex", "0");
    expect(list).toHaveAccessibleName("Keyboard shortcuts");
    expect(screen.getByTestId("shortcut-sheet-close")).toHaveAccessibleName("Esc to close");
    await fireEvent.keyDown(list, { key: "Escape" });
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
