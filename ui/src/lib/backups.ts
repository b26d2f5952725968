/** How backups read in the UI: when, why and how big. */
import type { Backup } from "../platform/types";

const REASONS: Record<string, string> = {
  manual: "Made by hand",
  close: "When Byline closed",
  daily: "Daily",
  "before-restore": "Before a restore",
};

/** Why a backup was made, in words ("before-upgrade-v1" and unknown reasons read as themselves). */
export function reasonLabel(reason: string): string {
  if (REASONS[reason]) return REASONS[reason];
  if (reason.startsWith("before-upgrade")) return "Before an upgrade";
  return reason.replace(/-/g, " ");
}

/** A size in bytes as people read it: "812 bytes", "48 KB", "3.4 MB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "";
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? "byte" : "bytes"}`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${kb < 10 ? kb.toFixed(1) : Math.round(kb)} KB`;
  const mb = kb / 1024;
  if (mb < 1024) return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
  return `${(mb / 1024).toFixed(1)} GB`;
}

/** When a backup was made, with the date and the time ("28 Nov 2026, 14:05"). */
export function backupDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
}

/** One line about a backup, for labels: "28 Nov 2026, 14:05 (Daily, 48 KB)". */
export function describeBackup(b: Backup): string {
  return `${backupDate(b.made)} (${reasonLabel(b.reason)}, ${formatBytes(b.bytes)})`;
}
