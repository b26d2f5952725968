/** Short-lived messages at the bottom of the window ("Story moved to trash — Undo"). */

export type Toast = { id: number; text: string; action?: { label: string; run: () => void | Promise<void> }; tone: "info" | "error" };

let next = 1;
export const toasts = $state<Toast[]>([]);

export function showToast(text: string, opts: { action?: Toast["action"]; tone?: Toast["tone"]; ms?: number } = {}): number {
  const id = next++;
  toasts.push({ id, text, action: opts.action, tone: opts.tone ?? "info" });
  setTimeout(() => dismissToast(id), opts.ms ?? 6000);
  return id;
}

export function dismissToast(id: number): void {
  const i = toasts.findIndex((t) => t.id === id);
  if (i >= 0) toasts.splice(i, 1);
}
