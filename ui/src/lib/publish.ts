/**
 * Publishing in words: the kinds of site and where to find their secrets, where a destination's
 * secret is kept, an outbox item's state, dates for a reader in local time, and the embargo's
 * local date and time as RFC 3339 with the local offset.
 */
import type { Destination, DestinationKind, OutboxItem, OutboxState, SecretPlace } from "../platform/types";

export const KINDS: ReadonlyArray<{ kind: DestinationKind; label: string; secret: string; where: string }> = [
  {
    kind: "wordpress",
    label: "WordPress",
    secret: "Application password",
    where: "In WordPress: Users → Profile → Application Passwords; add one named “Byline”.",
  },
  {
    kind: "ghost",
    label: "Ghost",
    secret: "Admin API key",
    where: "In Ghost: Settings → Integrations → Add custom integration; copy its Admin API key (id:secret).",
  },
];

export function kindInfo(kind: DestinationKind): (typeof KINDS)[number] {
  return KINDS.find((k) => k.kind === kind) ?? KINDS[0];
}

/** What the destination's secret is called, in a sentence ("application password"). */
export function secretName(kind: DestinationKind): string {
  return kind === "ghost" ? "Admin API key" : "application password";
}

const PLACES: Record<SecretPlace, string> = {
  keychain: "in the keychain",
  session: "for this session only (no keychain on this computer)",
  missing: "not stored: asked when sending",
};

/** Where a destination's secret is kept, in words. */
export function secretPlaceWords(place: SecretPlace): string {
  return PLACES[place];
}

/** A destination's address without its scheme, for lists ("news.example.org/blog"). */
export function shortAddress(d: Pick<Destination, "url">): string {
  return d.url.replace(/^https?:\/\//, "").replace(/\/+$/, "");
}

/** Items not done with: waiting, leaving, refused or changed on the site (the badge's count). */
export const UNSENT: readonly OutboxState[] = ["queued", "sending", "failed", "changed"];
/** Items moving by themselves: the outbox is read again every second while one is open. */
export const MOVING: readonly OutboxState[] = ["queued", "sending"];

export const STATE_LABELS: Record<OutboxState, string> = {
  queued: "Queued",
  sending: "Sending",
  sent: "Sent",
  failed: "Failed",
  changed: "Changed on the server",
  cancelled: "Cancelled",
};

/** A date and time for a reader, in local time ("Tue 4 Mar, 14:05"; the year when not this one). */
export function readableTime(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: d.getFullYear() === now.getFullYear() ? undefined : "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
}

/** The line under an item's state: what it waits for, how far it is, when it went, or why not. */
export function stateDetail(item: OutboxItem, now: Date = new Date()): string | null {
  switch (item.state) {
    case "queued":
      if (item.error !== null && item.nextAttempt !== null) return `waiting for the network, next try ${readableTime(item.nextAttempt, now)}`;
      if (item.holdUntil !== null && Date.parse(item.holdUntil) > now.getTime()) return `held until ${readableTime(item.holdUntil, now)}`;
      return "waiting its turn";
    case "sending":
      return item.progress?.label ?? null;
    case "sent":
      return item.finished ? readableTime(item.finished, now) : null;
    case "changed":
      return `you last sent it ${item.lastSent ? readableTime(item.lastSent, now) : "earlier"}; the site says it was changed ${item.remoteModified ? readableTime(item.remoteModified, now) : "since"}`;
    case "cancelled":
      return item.finished ? readableTime(item.finished, now) : null;
    case "failed":
      return null;
  }
}

const pad = (n: number): string => String(n).padStart(2, "0");

/**
 * A `datetime-local` value ("2025-03-04T14:05") read as local time, as RFC 3339 with the local
 * offset ("2025-03-04T14:05:00+01:00"); null when it is not a date and time.
 */
export function localToRfc3339(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? "0"].map(Number);
  const date = new Date(y, mo - 1, d, h, mi, s);
  // A time that does not exist (31 February, a clock skipped forward) is not silently moved.
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d || date.getHours() !== h || date.getMinutes() !== mi) return null;
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const abs = Math.abs(offset);
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The `datetime-local` value of a moment, in local time (the embargo field's `min`). */
export function toLocalInput(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
