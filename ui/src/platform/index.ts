/**
 * Picks the Platform: the Tauri one inside the app, the in-memory fake in a plain browser.
 * Each is loaded only where it is used: a browser never touches the IPC globals, and the app
 * never reads the fake (its own chunk, with the sample's picture).
 */
import type { Platform } from "./types";

export function insideTauri(): boolean {
  return typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;
}

export async function choosePlatform(): Promise<Platform> {
  if (insideTauri()) {
    const { createTauriPlatform } = await import("./tauri");
    return createTauriPlatform();
  }
  const { FakePlatform } = await import("./fake");
  return new FakePlatform();
}
