import { afterEach, describe, expect, it, vi } from "vitest";
import { noteStartedOnce, resetStarted } from "../src/lib/started";

describe("noteStartedOnce", () => {
  afterEach(() => resetStarted());

  it("says the start once, after the rows have had a frame to paint", async () => {
    const note = vi.fn(() => Promise.resolve());
    noteStartedOnce(note);
    expect(note).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(note).toHaveBeenCalledTimes(1));
    noteStartedOnce(note);
    await new Promise((r) => setTimeout(r, 50));
    expect(note).toHaveBeenCalledTimes(1);
  });

  it("a failed note is not an error the user sees", async () => {
    const note = vi.fn(() => Promise.reject(new Error("no app")));
    noteStartedOnce(note);
    await vi.waitFor(() => expect(note).toHaveBeenCalledTimes(1));
  });
});
