/**
 * Vite + Vitest configuration for the Byline UI.
 * The dev server port (1420, strict) and the dist/ output are what tauri.conf.json expects;
 * assetsInlineLimit 0 keeps fonts as files so the CSP never needs data: URIs.
 */
import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
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
    // A desktop app loads from disk: one ~500 kB chunk (TipTap + ProseMirror) is fine.
    chunkSizeWarningLimit: 800,
  },
  // Tests mount components: use Svelte's browser build, not its server build.
  resolve: mode === "test" ? { conditions: ["browser"] } : undefined,
  test: {
    environment: "jsdom",
    include: ["tests/**/*.test.ts"],
    setupFiles: ["tests/setup.ts"],
  },
}));
