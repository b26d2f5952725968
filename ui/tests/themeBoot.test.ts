// @vitest-environment node
/**
 * theme-boot.js, the classic script the build makes from lib/theme.ts and loads in index.html's
 * head: run against a stand-in page, it puts the stored choice on <html> (esbuild, which makes it,
 * needs Node's own environment, hence no jsdom here).
 */
import { describe, expect, it } from "vitest";
import { themeBootScript } from "../vite.config";

const source = Object.values(import.meta.glob<string>("../src/lib/theme.ts", { query: "?raw", import: "default", eager: true }))[0] ?? "";

/** Runs the script on a page whose localStorage holds `stored` (or refuses, for "throws"). */
function run(code: string, stored: string | null | "throws"): { theme: string | null; scheme: string } {
  const attrs = new Map<string, string>();
  const meta = { content: "light dark" };
  const root = {
    setAttribute: (k: string, v: string) => attrs.set(k, v),
    removeAttribute: (k: string) => attrs.delete(k),
    getAttribute: (k: string) => attrs.get(k) ?? null,
  };
  const document = { documentElement: root, querySelector: (s: string) => (s.includes("color-scheme") ? meta : null) };
  const localStorage = {
    getItem: (k: string) => {
      if (stored === "throws") throw new Error("denied");
      return k === "byline.theme" ? stored : null;
    },
  };
  new Function("window", "document", code)({ localStorage }, document);
  return { theme: attrs.get("data-theme") ?? null, scheme: meta.content };
}

describe("theme-boot.js", () => {
  it("applies the stored choice before anything else runs", async () => {
    expect(source).toContain("export function bootTheme");
    const code = await themeBootScript(source);
    expect(code).not.toMatch(/\bexport\b|\bimport\b/);
    expect(run(code, "dark")).toEqual({ theme: "dark", scheme: "dark" });
    expect(run(code, "light")).toEqual({ theme: "light", scheme: "light" });
    expect(run(code, null)).toEqual({ theme: null, scheme: "light dark" });
    expect(run(code, "neon")).toEqual({ theme: null, scheme: "light dark" });
    expect(run(code, "throws")).toEqual({ theme: null, scheme: "light dark" });
  });
});
