/** Svelte action: a textarea that grows with its text (the headline and standfirst fields). */
export function autogrow(node: HTMLTextAreaElement, _value?: string): { update: (v?: string) => void; destroy: () => void } {
  const fit = (): void => {
    node.style.height = "auto";
    node.style.height = `${node.scrollHeight}px`;
  };
  node.addEventListener("input", fit);
  const ro = typeof ResizeObserver !== "undefined" ? new ResizeObserver(fit) : null;
  ro?.observe(node);
  queueMicrotask(fit);
  return {
    update: () => queueMicrotask(fit),
    destroy: () => {
      node.removeEventListener("input", fit);
      ro?.disconnect();
    },
  };
}
