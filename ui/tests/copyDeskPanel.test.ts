/** The copy desk in the editor: the top bar's count, the panel (counts, jumping) and the popover. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import Editor from "../src/components/Editor.svelte";
import { FakePlatform } from "../src/platform/fake";
import { addStory } from "./fixtures";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

async function open() {
  const platform = new FakePlatform();
  const story = await addStory(platform, { headline: "Teh talks", paragraphs: ["Plain words first.", "The delegaton arrived from Algieria."] });
  render(Editor, { platform, storyId: story.id, onBack: () => {} });
  await screen.findByTestId("body");
  await waitFor(() => expect(screen.getByTestId("copy-desk-count").textContent).toBe("3"));
  return { platform, story };
}

describe("the copy desk panel", () => {
  it("counts the findings, lists them in reading order and jumps to one", async () => {
    await open();
    const button = screen.getByTestId("copy-desk-button");
    expect(button).toHaveAccessibleName("Copy desk, 3 findings");
    await fireEvent.click(button);
    const panel = await screen.findByRole("complementary", { name: "Copy desk" });
    expect(within(panel).getByTestId("copy-count-spelling").textContent).toContain("3");
    expect(within(panel).getByTestId("copy-count-grammar").textContent).toContain("0");
    const items = within(panel).getAllByTestId("copy-finding");
    expect(items.map((b) => b.querySelector(".text")?.textContent)).toEqual(["Teh", "delegaton", "Algieria"]);
    expect(items[1].getAttribute("aria-label")).toContain("“delegaton”");

    // A head field: focused with the word selected.
    await fireEvent.click(items[0]);
    const headline = screen.getByTestId("headline") as HTMLTextAreaElement;
    expect(document.activeElement).toBe(headline);
    expect([headline.selectionStart, headline.selectionEnd]).toEqual([0, 3]);

    // The body: focused with the word selected.
    await fireEvent.click(items[1]);
    const body = screen.getByTestId("body");
    await waitFor(() => expect(body.contains(document.activeElement) || document.activeElement === body).toBe(true));
    expect(window.getSelection()?.toString() ?? "").toMatch(/^(delegaton)?$/);
    expect(body.querySelectorAll(".copy-mark.copy-spelling").length).toBe(2);
  });

  it("the popover takes a suggestion with the keyboard, and Esc closes it back to the text", async () => {
    const { platform } = await open();
    const body = screen.getByTestId("body");
    await waitFor(() => expect(body.querySelectorAll(".copy-mark").length).toBe(2));
    // The panel puts the caret on the word; Mod-. opens its popover with the focus in it.
    await fireEvent.click(screen.getByTestId("copy-desk-button"));
    await fireEvent.click(screen.getAllByTestId("copy-finding")[1]);
    await fireEvent.keyDown(body, { key: ".", ctrlKey: true });
    const pop = await screen.findByTestId("copy-popover");
    expect(within(pop).getByText(/is not in the/)).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.textContent).toBe("delegation"));
    await fireEvent.keyDown(document.activeElement as HTMLElement, { key: "Escape" });
    expect(screen.queryByTestId("copy-popover")).toBeNull();
    expect(body.contains(document.activeElement) || document.activeElement === body).toBe(true);
    // The editor is still open (Esc was the popover's, not "back").
    expect(screen.getByTestId("copy-desk-button")).toBeTruthy();

    await fireEvent.keyDown(body, { key: ".", ctrlKey: true });
    const again = await screen.findByTestId("copy-popover");
    const take = within(again).getByRole("button", { name: "Replace “delegaton” with “delegation”" });
    take.focus();
    await fireEvent.click(take);
    await waitFor(() => expect(body.textContent).toContain("The delegation arrived"));
    // Saved, then checked again: the finding is gone.
    await waitFor(() => expect(screen.getByTestId("copy-desk-count").textContent).toBe("2"), { timeout: 4000 });
    expect(platform.calls.some((c) => c.command === "save_story")).toBe(true);
  });

  it("ignores a spelling in this story from the popover and the underline goes", async () => {
    const { platform } = await open();
    const body = screen.getByTestId("body");
    await fireEvent.click(screen.getByTestId("copy-desk-button"));
    await fireEvent.click(screen.getAllByTestId("copy-finding")[2]);
    await fireEvent.keyDown(body, { key: ".", ctrlKey: true });
    const pop = await screen.findByTestId("copy-popover");
    await fireEvent.click(within(pop).getByRole("button", { name: "Ignore in this story: “Algieria”" }));
    await waitFor(() => expect(platform.calls.some((c) => c.command === "ignore_word")).toBe(true));
    await waitFor(() => expect(body.querySelectorAll(".copy-mark").length).toBe(1));
    await fireEvent.click(screen.getAllByTestId("copy-finding")[0]);
  });
});
