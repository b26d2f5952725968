/**
 * Vite + Vitest configuration for the Byline UI.
 * The dev server port (1420, strict) and the dist/ output are what tauri.conf.json expects;
 * assetsInlineLimit 0 keeps fonts as files so the CSP never needs data: URIs.
 * The build's index.html loads `theme-boot.js` (src/lib/theme.ts as a classic script) in its head,
 * so the stored theme is on the page before the first paint; a file, not inline (the CSP has no
 * inline script). The dev server goes without: main.ts applies the theme too.
 */
import { transformWithEsbuild, type Plugin } from "vite";
import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

const THEME_BOOT = "theme-boot.js";

/** src/lib/theme.ts (which imports nothing), from its source, as a classic script that calls bootTheme(). */
export async function themeBootScript(source: string): Promise<string> {
  const { code } = await transformWithEsbuild(`${source}\nbootTheme();\n`, "theme.ts", { format: "iife", minify: true, target: "es2020" });
  return code;
}

/** Writes theme-boot.js next to index.html and loads it from the head, before the app. */
function themeBoot(): Plugin {
  let root = ".";
  return {
    name: "byline-theme-boot",
    apply: "build",
    configResolved(config) {
      root = config.root;
    },
    transformIndexHtml: () => [{ tag: "script", attrs: { src: `/${THEME_BOOT}` }, injectTo: "head" }],
    async generateBundle() {
      const source = await this.fs.readFile(`${root}/src/lib/theme.ts`, { encoding: "utf8" });
      this.emitFile({ type: "asset", fileName: THEME_BOOT, source: await themeBootScript(source) });
    },
  };
}

export default defineConfig(({ mode }) => ({
  plugins: [svelte(), themeBoot()],
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
    host: "localhost",
    // Tests read the copy desk's rule sources (tests/copyDeskSettings.test.ts: the rule list is
    // checked against the ids the core reports); the dev server serves the UI only.
    fs: mode === "test" ? { allow: [".", "../src-tauri/check/src"] } : undefined,
  },
  preview: { port: 4173, strictPort: true },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    target: "es2022",
    modulePreload: { polyfill: false },
    sourcemap: false,
    // A desktop app loads from disk: one ~500 kB chunk (TipTap + ProseMirror) is fine, and so
    // is the third-party licence texts' ~1.4 MB, a chunk of text loaded only when the About tab
    // opens (an import, since the CSP lets the page fetch nothing).
    chunkSizeWarningLimit: 1600,
  },
  // Tests mount components: use Svelte's browser build, not its server build.
  resolve: mode === "test" ? { conditions: ["browser"] } : undefined,
  test: {
    environment: "jsdom",
    include: ["tests/**/*.test.ts"],
    setupFiles: ["tests/setup.ts"],
    // tests/theme.test.ts reads app.css (?raw) for the colours of both themes.
    css: { include: [/app\.css/] },
  },
}));
