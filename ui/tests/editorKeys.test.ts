/**
 * The story editor's shortcuts (lib/editorKeys.ts) and its panels (lib/editorPanels.svelte.ts)
 * without the editor: which key does what, keys left to others, one drawer at a time, and Esc
 * closing the open drawer and never leaving the story (Mod-[ does).
 */
import { afterEach, describe, expect, it } from "vitest";
import { editorKeydown, type EditorKeyActions } from "../src/lib/editorKeys";
import { EditorPanels } from "../src/lib/editorPanels.svelte";
import { MOD_LABEL, SHORTCUTS } from "../src/lib/keys";

afterEach(() => {
  document.body.replaceChildren();
});

/** An editor stand-in: real panels, and a record of what the keys asked for. */
function setup() {
  const panels = new EditorPanels();
  const done: string[] = [];
  const actions: EditorKeyActions = {
    exporting: () => panels.exportOpen,
    openExport: () => {
      done.push("export");
      panels.exportOpen = true;
    },
    back: () => done.push("back"),
    togglePhotos: () => panels.toggle("photos"),
    toggleRelated: () => panels.toggle("related"),
    saveNow: () => done.push("save"),
    closeDrawer: () => panels.closeDrawer(),
  };
  const press = (key: string, mods: { ctrl?: boolean; shift?: boolean; alt?: boolean } = {}): KeyboardEvent => {
    const e = new KeyboardEvent("keydown", { key, ctrlKey: mods.ctrl, shiftKey: mods.shift, altKey: mods.alt, cancelable: true });
    editorKeydown(e, actions);
    return e;
  };
  return { panels, done, press };
}

describe("EditorPanels", () => {
  it("keeps one drawer open at a time; toggling the open one closes it", () => {
    const panels = new EditorPanels();
    expect(panels.drawer).toBeNull();
    panels.toggle("photos");
    expect(panels.drawer).toBe("photos");
    panels.toggle("revisions");
    expect(panels.drawer).toBe("revisions");
    panels.toggle("revisions");
    expect(panels.drawer).toBeNull();
    panels.show("related");
    panels.show("photos");
    expect(panels.drawer).toBe("photos");
  });

  it("closes only the drawer named, and says whether any drawer was open", () => {
    const panels = new EditorPanels();
    panels.show("photos");
    panels.close("related");
    expect(panels.drawer).toBe("photos");
    panels.close("photos");
    expect(panels.drawer).toBeNull();
    expect(panels.closeDrawer()).toBe(false);
    panels.show("related");
    expect(panels.closeDrawer()).toBe(true);
    expect(panels.drawer).toBeNull();
  });

  it("opens the export dialog apart from the drawers", () => {
    const panels = new EditorPanels();
    panels.show("photos");
    panels.exportOpen = true;
    expect(panels.drawer).toBe("photos");
  });
});

describe("editorKeydown", () => {
  it("runs the editor's shortcuts and takes their keys", () => {
    const s = setup();
    expect(s.press("P", { ctrl: true, shift: true }).defaultPrevented).toBe(true);
    expect(s.panels.drawer).toBe("photos");
    s.press("L", { ctrl: true, shift: true });
    expect(s.panels.drawer).toBe("related");
    s.press("l", { ctrl: true, shift: true });
    expect(s.panels.drawer).toBeNull();
    expect(s.press("s", { ctrl: true }).defaultPrevented).toBe(true);
    expect(s.press("[", { ctrl: true }).defaultPrevented).toBe(true);
    expect(s.done).toEqual(["save", "back"]);
    expect(s.press("e", { ctrl: true }).defaultPrevented).toBe(true);
    expect(s.done).toEqual(["save", "back", "export"]);
  });

  it("leaves other keys alone: plain letters, Mod-Shift-E, Mod-Alt-P", () => {
    const s = setup();
    for (const e of [s.press("p"), s.press("e", { ctrl: true, shift: true }), s.press("p", { ctrl: true, shift: true, alt: true }), s.press("x", { ctrl: true })]) {
      expect(e.defaultPrevented).toBe(false);
    }
    expect(s.done).toEqual([]);
    expect(s.panels.drawer).toBeNull();
  });

  it("Esc closes the open drawer, and never goes back: Mod-[ does", () => {
    const s = setup();
    s.panels.show("revisions");
    expect(s.press("Escape").defaultPrevented).toBe(true);
    expect(s.panels.drawer).toBeNull();
    expect(s.done).toEqual([]);
    // With no drawer open Esc does nothing, however often it is pressed, and is left to others.
    expect(s.press("Escape").defaultPrevented).toBe(false);
    s.press("Escape");
    expect(s.done).toEqual([]);
    s.press("[", { ctrl: true });
    expect(s.done).toEqual(["back"]);
  });

  it("lists Mod-[ as the way back and Esc as closing a panel, never as leaving", () => {
    const editor = SHORTCUTS.find((g) => g.group === "Editor")?.items ?? [];
    const back = editor.filter((i) => /back to the library/i.test(i.what));
    expect(back.map((i) => i.keys)).toEqual([[MOD_LABEL, "["]]);
    const esc = editor.filter((i) => i.keys.includes("Esc"));
    expect(esc).toHaveLength(1);
    expect(esc[0].what).toMatch(/close the open panel/i);
    expect(esc[0].what).not.toMatch(/library/i);
  });

  it("leaves Esc to the shortcut sheet and the link dialog while they are up", () => {
    const s = setup();
    for (const testid of ["shortcut-sheet", "link-dialog"]) {
      const el = document.createElement("div");
      el.dataset.testid = testid;
      document.body.append(el);
      s.panels.show("photos");
      expect(s.press("Escape").defaultPrevented).toBe(false);
      expect(s.panels.drawer).toBe("photos");
      el.remove();
    }
    expect(s.done).toEqual([]);
  });

  it("does nothing while the export dialog is open, or with a key already handled", () => {
    const s = setup();
    s.panels.exportOpen = true;
    s.press("Escape");
    s.press("s", { ctrl: true });
    s.press("e", { ctrl: true });
    expect(s.done).toEqual([]);
    s.panels.exportOpen = false;
    const handled = new KeyboardEvent("keydown", { key: "Escape", cancelable: true });
    handled.preventDefault();
    editorKeydown(handled, {
      exporting: () => false,
      openExport: () => s.done.push("export"),
      back: () => s.done.push("back"),
      togglePhotos: () => s.done.push("photos"),
      toggleRelated: () => s.done.push("related"),
      saveNow: () => s.done.push("save"),
      closeDrawer: () => false,
    });
    expect(s.done).toEqual([]);
  });
});

describe("F8 and the copy desk drawer", () => {
  it("F8 goes to the copy desk's next finding; the copy desk is one of the drawers", () => {
    const panels = new EditorPanels();
    let next = 0;
    const actions: EditorKeyActions = {
      exporting: () => false,
      openExport: () => {},
      back: () => {},
      togglePhotos: () => panels.toggle("photos"),
      toggleRelated: () => panels.toggle("related"),
      saveNow: () => {},
      closeDrawer: () => panels.closeDrawer(),
      nextFinding: () => (next += 1),
    };
    const e = new KeyboardEvent("keydown", { key: "F8", cancelable: true });
    editorKeydown(e, actions);
    expect(e.defaultPrevented).toBe(true);
    expect(next).toBe(1);
    panels.toggle("copy");
    panels.toggle("photos");
    expect(panels.drawer).toBe("photos");
  });
});
