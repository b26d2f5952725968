/**
 * Picks the Platform: the Tauri one inside the app, the in-memory fake in a plain browser.
 * The Tauri module is loaded lazily so a browser build never touches the IPC globals.
 */
import type { Platform } from "./types";
import { FakePlatform } from "./fake";

export function insideTauri(): boolean {
  return typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;
}

export async function choosePlatform(): Promise<Platform> {
  if (insideTauri()) {
    const { createTauriPlatform } = await import("./tauri");
    return createTauriPlatform();
  }
  return new FakePlatform();
}
