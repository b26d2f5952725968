/**
 * Following links: Mod+click (or Mod-Enter) in the editor, a plain click in read-only views.
 * https and mailto go to the system through the core's open_external, story: links open the
 * story in Byline, anything else goes nowhere; the webview never navigates by itself.
 */
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import App from "../src/App.svelte";
import DocView from "../src/components/DocView.svelte";
import { FakePlatform } from "../src/platform/fake";
import { linkTarget } from "../src/lib/links";
import { addStory } from "./fixtures";
import type { DocNode } from "../src/platform/types";

afterEach(() => {
  cleanup();
  location.hash = "";
});

const ID = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";

describe("linkTarget", () => {
  it.each([
    ["https://example.org/a?b=c", { kind: "external", url: "https://example.org/a?b=c" }],
    ["mailto:desk@example.org", { kind: "external", url: "mailto:desk@example.org" }],
    [`story:${ID}`, { kind: "story", id: ID }],
    [`story:${ID.toUpperCase()}`, { kind: "story", id: ID }],
  ])("%s goes %j", (href, target) => expect(linkTarget(href)).toEqual(target));

  it.each([
    "http://example.org",
    "https://user@example.org/",
    "javascript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    " https://example.org",
    "data:text/html,<b>x</b>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.org",
    "/relative",
    "story:nope",
    "",
    null,
  ])("%j goes nowhere", (href) => expect(linkTarget(href)).toEqual({ kind: "none" }));
});

const link = (text: string, href: string): DocNode => ({ type: "text", text, marks: [{ type: "link", attrs: { href } }] });

async function openWithLinks(platform: FakePlatform, otherId: string, beforeRender = () => {}): Promise<HTMLElement> {
  const story = await addStory(platform, {
    headline: "Links everywhere",
    nodes: [[link("the agency", "https://example.org/agency"), { type: "text", text: " " }, link("write", "mailto:desk@example.org"), { type: "text", text: " " }, link("the other story", `story:${otherId}`), { type: "text", text: " " }, link("plain http", "http://example.org/")]],
  });
  beforeRender();
  location.hash = `#/story/${story.id}`;
  render(App, { props: { platform } });
  await screen.findByTestId("headline");
  await waitFor(() => expect(document.querySelectorAll("[data-testid='body'] a[href]")).toHaveLength(4));
  return screen.getByTestId("body");
}

const anchor = (body: HTMLElement, href: string) => body.querySelector(`a[href="${href}"]`) as HTMLElement;

describe("links in the editor", () => {
  it("a plain click edits; Ctrl+click opens https and mailto outside and story links inside; http goes nowhere", async () => {
    const platform = new FakePlatform();
    const other = await addStory(platform, { headline: "The other story" });
    const body = await openWithLinks(platform, other.id);

    const plain = new MouseEvent("click", { bubbles: true, cancelable: true });
    anchor(body, "https://example.org/agency").dispatchEvent(plain);
    expect(plain.defaultPrevented).toBe(true); // the webview itself never follows a link
    expect(platform.openedExternally).toEqual([]);

    await fireEvent.click(anchor(body, "https://example.org/agency"), { ctrlKey: true });
    await fireEvent.click(anchor(body, "mailto:desk@example.org"), { ctrlKey: true });
    await fireEvent.click(anchor(body, "http://example.org/"), { ctrlKey: true });
    await waitFor(() => expect(platform.openedExternally).toEqual(["https://example.org/agency", "mailto:desk@example.org"]));
    expect(platform.calls.filter((c) => c.command === "open_external")).toHaveLength(2);

    await fireEvent.click(anchor(body, `story:${other.id}`), { ctrlKey: true });
    await waitFor(() => expect(location.hash).toBe(`#/story/${other.id}`));
    await waitFor(() => expect(screen.getByTestId("headline")).toHaveValue("The other story"));
  });

  it("Ctrl+Enter follows the link at the cursor", async () => {
    const platform = new FakePlatform();
    const other = await addStory(platform, { headline: "Other" });
    const body = await openWithLinks(platform, other.id);
    body.focus();
    // The cursor starts at the beginning of the body, in "the agency".
    await fireEvent.keyDown(body, { key: "Enter", ctrlKey: true });
    await waitFor(() => expect(platform.openedExternally).toEqual(["https://example.org/agency"]));
    expect(body.querySelectorAll("br")).toHaveLength(0);
  });

  it("Ctrl+K puts the focus in the link field, so what is typed next is the address", async () => {
    const platform = new FakePlatform();
    const other = await addStory(platform, { headline: "Other" });
    const body = await openWithLinks(platform, other.id);
    body.focus();
    await fireEvent.keyDown(body, { key: "k", ctrlKey: true });
    const field = await screen.findByTestId("link-href");
    await waitFor(() => expect(document.activeElement).toBe(field));
  });

  it("shows the core's refusal when a link cannot be opened", async () => {
    const platform = new FakePlatform();
    const other = await addStory(platform, { headline: "Other" });
    const body = await openWithLinks(platform, other.id);
    platform.failNext = { command: "open_external", error: new (await import("../src/platform/errors")).AppError("io", "no browser found", "open_external"), times: 1 };
    await fireEvent.click(anchor(body, "https://example.org/agency"), { ctrlKey: true });
    expect(await screen.findByText(/Could not open the link: no browser found/)).toBeInTheDocument();
  });

  it("in a read-only library a plain click follows the link", async () => {
    const platform = new FakePlatform();
    const other = await addStory(platform, { headline: "Other" });
    const body = await openWithLinks(platform, other.id, () => platform.damage("readOnly"));
    await waitFor(() => expect(body.getAttribute("contenteditable")).toBe("false"));
    await fireEvent.click(anchor(body, "https://example.org/agency"));
    await waitFor(() => expect(platform.openedExternally).toEqual(["https://example.org/agency"]));
  });
});

describe("links in a read-only preview (DocView)", () => {
  it("follows https, mailto and story links on a click or Enter, and shows the rest inert", async () => {
    const opened: string[] = [];
    const { container } = render(DocView, {
      props: {
        node: {
          type: "doc",
          content: [{ type: "paragraph", content: [link("web", "https://example.org/"), link("story", `story:${ID}`), link("old", "http://example.org/")] }],
        },
        onOpenLink: (href: string) => opened.push(href),
      },
    });
    const live = container.querySelectorAll<HTMLElement>("[data-testid='doc-link']");
    expect(Array.from(live, (l) => l.dataset.href)).toEqual(["https://example.org/", `story:${ID}`]);
    expect(live[0]).toHaveAttribute("role", "link");
    expect(live[0]).toHaveAttribute("tabindex", "0");
    await fireEvent.click(live[0]);
    await fireEvent.keyDown(live[1], { key: "Enter" });
    expect(opened).toEqual(["https://example.org/", `story:${ID}`]);
    expect(container.querySelector("a")).toBeNull();
    expect(container.querySelector("[title='http://example.org/']")).not.toHaveAttribute("role");
  });
});
