/**
 * Light and dark: the choice kept on the machine (lib/theme.ts) and Settings' switch, and the
 * colours of both themes in app.css against the contrast they owe (WCAG AA: text 4.5:1, focus
 * marks, field borders and the copy desk's underlines 3:1).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/svelte";
import SettingsDialog from "../src/components/SettingsDialog.svelte";
import { FakePlatform } from "../src/platform/fake";
import { applyTheme, bootTheme, chooseTheme, currentTheme, storedTheme, THEME_KEY, THEMES } from "../src/lib/theme";

/** A Storage whose every call throws (storage switched off, quota full). */
const refusing = {
  getItem: () => {
    throw new Error("denied");
  },
  setItem: () => {
    throw new Error("denied");
  },
  removeItem: () => {
    throw new Error("denied");
  },
} as unknown as Storage;

function meta(): HTMLMetaElement {
  return document.querySelector<HTMLMetaElement>('meta[name="color-scheme"]')!;
}

describe("the theme choice", () => {
  beforeEach(() => {
    localStorage.clear();
    document.documentElement.removeAttribute("data-theme");
    const m = document.createElement("meta");
    m.name = "color-scheme";
    m.content = "light dark";
    document.head.append(m);
  });
  afterEach(() => {
    document.head.querySelectorAll('meta[name="color-scheme"]').forEach((m) => m.remove());
    document.documentElement.removeAttribute("data-theme");
    localStorage.clear();
  });

  it("offers System, Light and Dark", () => {
    expect(THEMES.map((t) => t.label)).toEqual(["System", "Light", "Dark"]);
  });

  it("follows the system when nothing, or nothing known, is stored", () => {
    expect(storedTheme()).toBe("system");
    localStorage.setItem(THEME_KEY, "sepia");
    expect(storedTheme()).toBe("system");
    expect(storedTheme(null)).toBe("system");
    expect(storedTheme(refusing)).toBe("system");
  });

  it("puts a choice on <html> and the color-scheme meta, and takes it off for System", () => {
    applyTheme("dark");
    expect(document.documentElement.getAttribute("data-theme")).toBe("dark");
    expect(meta().content).toBe("dark");
    expect(currentTheme()).toBe("dark");
    applyTheme("light");
    expect(document.documentElement.getAttribute("data-theme")).toBe("light");
    expect(meta().content).toBe("light");
    applyTheme("system");
    expect(document.documentElement.hasAttribute("data-theme")).toBe(false);
    expect(meta().content).toBe("light dark");
    expect(currentTheme()).toBe("system");
  });

  it("keeps a choice for the next start, and forgets it for System", () => {
    expect(chooseTheme("dark")).toBe(true);
    expect(localStorage.getItem(THEME_KEY)).toBe("dark");
    document.documentElement.removeAttribute("data-theme");
    bootTheme();
    expect(currentTheme()).toBe("dark");
    expect(chooseTheme("system")).toBe(true);
    expect(localStorage.getItem(THEME_KEY)).toBeNull();
    bootTheme();
    expect(currentTheme()).toBe("system");
  });

  it("still applies a choice that cannot be kept", () => {
    expect(chooseTheme("light", refusing)).toBe(false);
    expect(currentTheme()).toBe("light");
    expect(chooseTheme("dark", null)).toBe(false);
    expect(currentTheme()).toBe("dark");
  });
});

const css = Object.values(import.meta.glob<string>("../src/app.css", { query: "?raw", import: "default", eager: true }))[0] ?? "";

describe("Settings' switch", () => {
  afterEach(() => {
    cleanup();
    document.documentElement.removeAttribute("data-theme");
    localStorage.clear();
  });

  it("is a labelled radio group on General that applies and keeps the choice at once, with nothing of the library's", async () => {
    // A library that could not be opened: its settings can be neither read nor saved.
    const platform = new FakePlatform({ health: { state: "unavailable", message: "file is not a database" } });
    const onClose = vi.fn();
    render(SettingsDialog, { props: { platform, onClose } });
    await screen.findByTestId("settings-error");
    const group = screen.getByTestId("settings-theme");
    expect(group).toBe(screen.getByRole("group", { name: "Appearance" }));
    const system = within(group).getByRole("radio", { name: "System" });
    const dark = within(group).getByRole("radio", { name: "Dark" });
    expect(system).toBeChecked();
    expect(dark).toBeEnabled();

    await fireEvent.click(dark);
    expect(document.documentElement.getAttribute("data-theme")).toBe("dark");
    expect(localStorage.getItem(THEME_KEY)).toBe("dark");
    await fireEvent.click(within(group).getByRole("radio", { name: "Light" }));
    expect(document.documentElement.getAttribute("data-theme")).toBe("light");
    await fireEvent.click(system);
    expect(document.documentElement.hasAttribute("data-theme")).toBe(false);
    expect(localStorage.getItem(THEME_KEY)).toBeNull();
    expect(platform.calls.filter((c) => c.command.startsWith("set_"))).toEqual([]);
    expect(onClose).not.toHaveBeenCalled();
  });

  it("opens showing the theme on the page", async () => {
    applyTheme("dark");
    render(SettingsDialog, { props: { platform: new FakePlatform(), onClose: () => {} } });
    expect(within(screen.getByTestId("settings-theme")).getByRole("radio", { name: "Dark" })).toBeChecked();
  });

  it("says so when the choice cannot be kept", async () => {
    const setItem = vi.spyOn(Storage.prototype, "setItem").mockImplementation(() => {
      throw new Error("QuotaExceededError");
    });
    try {
      render(SettingsDialog, { props: { platform: new FakePlatform(), onClose: () => {} } });
      await fireEvent.click(within(screen.getByTestId("settings-theme")).getByRole("radio", { name: "Dark" }));
      expect(document.documentElement.getAttribute("data-theme")).toBe("dark");
      expect(screen.getByTestId("settings-theme-hint")).toHaveTextContent("could not be kept");
    } finally {
      setItem.mockRestore();
    }
  });
});

/** The custom properties declared in the block that starts right after `opening`. */
function block(opening: string): Map<string, string> {
  const at = css.indexOf(opening);
  expect(at, `app.css has ${opening}`).toBeGreaterThanOrEqual(0);
  const body = css.slice(at + opening.length, css.indexOf("}", at));
  return new Map([...body.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]));
}

const light = block(":root {");
const dark = block(':root[data-theme="dark"] {');
const systemDark = block(":root:not([data-theme]) {");

function luminance(hex: string): number {
  const h = hex.replace("#", "");
  const full = h.length === 3 ? [...h].map((c) => c + c).join("") : h;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** [foreground, backgrounds, minimum ratio]. */
const SURFACES = ["--paper", "--paper-2", "--card"];
const PAIRS: Array<[string, string[], number]> = [
  ["--ink", [...SURFACES, "--accent-soft"], 4.5],
  ["--ink-2", [...SURFACES, "--accent-soft"], 4.5],
  ["--ink-3", [...SURFACES, "--accent-soft"], 4.5],
  ["--accent", [...SURFACES, "--accent-soft"], 4.5],
  ["--kicker", [...SURFACES, "--accent-soft"], 4.5],
  ["--ok", SURFACES, 4.5],
  ["--warn", [...SURFACES, "--warn-badge"], 4.5],
  ["--bad", [...SURFACES, "--bad-bg"], 4.5],
  ["--on-accent", ["--accent", "--accent-hover"], 4.5],
  ["--on-warn", ["--warn", "--warn-hover"], 4.5],
  ["--on-bad", ["--bad", "--bad-hover"], 4.5],
  ["--note-ink", ["--note-bg"], 4.5],
  ["--ink", ["--note-bg", "--mark-bg"], 4.5],
  ["--ok-ink", ["--ok-bg"], 4.5],
  ["--warn-ink", ["--warn-bg"], 4.5],
  ["--bad-ink", ["--bad-bg"], 4.5],
  ["--draft", ["--draft-bg"], 4.5],
  ["--editing", ["--editing-bg"], 4.5],
  ["--ready", ["--ready-bg"], 4.5],
  ["--published", ["--published-bg"], 4.5],
  ["--toast-ink", ["--toast-bg", "--toast-bad-bg"], 4.5],
  ["--toast-quiet", ["--toast-bg", "--toast-bad-bg"], 4.5],
  ["--toast-action", ["--toast-bg", "--toast-bad-bg"], 4.5],
  ["--focus", [...SURFACES, "--accent-soft"], 3],
  ["--field-line", SURFACES, 3],
  ["--copy-spelling", SURFACES, 3],
  ["--copy-grammar", SURFACES, 3],
  ["--copy-style", SURFACES, 3],
];

describe.each([
  ["light", light],
  ["dark", dark],
])("the %s theme's colours", (_name, theme) => {
  const value = (token: string): string => {
    const v = theme.get(token) ?? light.get(token);
    expect(v, token).toMatch(/^#[0-9a-f]{3,6}$/i);
    return v!;
  };

  it.each(PAIRS)("%s against %j: at least %s:1", (fg, bgs, min) => {
    for (const bg of bgs) expect(contrast(value(fg), value(bg)), `${fg} on ${bg}`).toBeGreaterThanOrEqual(min);
  });
});

describe("the two dark blocks", () => {
  it("give the system's dark setting the very values of Dark chosen", () => {
    expect(Object.fromEntries(systemDark)).toEqual(Object.fromEntries(dark));
  });

  it("give every colour of the light theme a dark value", () => {
    const colours = [...light].filter(([, v]) => /^(#|rgb|0 )/.test(v)).map(([k]) => k);
    expect(colours.filter((k) => !dark.has(k))).toEqual([]);
    expect([...dark.keys()].filter((k) => !light.has(k))).toEqual([]);
  });

  it("set color-scheme in each theme", () => {
    expect(css).toMatch(/:root \{[^}]*color-scheme: light;/);
    expect(css).toMatch(/:root\[data-theme="dark"\] \{[^}]*color-scheme: dark;/);
    expect(css).toMatch(/:root:not\(\[data-theme\]\) \{[^}]*color-scheme: dark;/);
  });
});

describe("the components' styles", () => {
  const sources = import.meta.glob<string>("../src/**/*.svelte", { query: "?raw", import: "default", eager: true });
  /** Colours a component may name itself: on a photo (the same in both themes), black shadows, and
   *  attribute selectors that find the white marks drawn inside icons. */
  const ALLOWED = [/rgb\(0 0 0 \/ \d+%\)/g, /rgb\(255 255 255 \/ \d+%\)/g, /\[(stroke|fill)="#fff"\]/g, /rgb\(28 31 35 \/ 78%\); color: #fff/g];

  it("take every colour from app.css's tokens, so both themes reach them", () => {
    const own: string[] = [];
    for (const [file, text] of Object.entries(sources)) {
      const style = /<style>([\s\S]*?)<\/style>/.exec(text)?.[1] ?? "";
      let rest = style;
      for (const re of ALLOWED) rest = rest.replace(re, "");
      for (const m of rest.matchAll(/#[0-9a-f]{3,8}\b|rgba?\([^)]*\)|hsla?\([^)]*\)/gi)) own.push(`${file}: ${m[0]}`);
    }
    expect(Object.values(sources).filter((t) => t.includes("<style>")).length).toBeGreaterThan(20);
    expect(own).toEqual([]);
  });

  it("never recolour a photo (no filter or blend over images in either theme)", () => {
    const all = [css, ...Object.values(sources).map((t) => /<style>([\s\S]*?)<\/style>/.exec(t)?.[1] ?? "")].join("\n");
    expect(all).not.toMatch(/(^|[;{\s])(filter|mix-blend-mode)\s*:/);
  });
});
