/**
 * The fake core's publishing: destinations (WordPress and Ghost sites) held in memory and the
 * outbox, whose items move on timers as the fake's clock advances (Vitest's fake timers drive it):
 * queued → sending (one step per photo, then the post) → sent, at `<url>/<slug>/`. What a site does
 * is "read" from its address, like the fake's photos from their names:
 * - "bad": Test connection fails with a clear message;
 * - "offline": the site cannot be reached; items stay queued with the core's message and the next attempt;
 * - "refuse": the site refuses the post with its own message (HTML, as some sites answer);
 * - "edited": the post was changed on the site since Byline last sent it (the item carries the
 *   post's address; Overwrite sends it).
 * A sent item with status "publish" marks its story published (a new revision), as the core does.
 * A destination's name holding "nokeychain" is on a computer without a keychain (its secret is
 * kept for the session); `forgetSecret` makes a secret "missing" (asked for when sending).
 */
import { AppError } from "./errors";
import { trimLikeCore } from "./fakeCore";
import { FakeImport } from "./fakeImport";
import type { ConnectionReport, Destination, NewDestination, OutboxItem, SendRequest } from "./types";

/** How long the fake waits between two steps of a send, and before trying an unreachable site again. */
export const FAKE_SEND_STEP_MS = 500;
export const FAKE_RETRY_MS = 30_000;

/** The site's own refusal, as a WordPress site may send it: HTML, to be shown as text. */
export const FAKE_REFUSAL = "<h1>Error</h1><p>Sorry, you are not allowed to create posts as this user.</p>";

type Held = { destination: Destination; secret: string | null };
type Entry = { item: OutboxItem; overwrite: boolean; photos: number };

/** The host of an address, for messages ("news.example.org"). */
function host(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The core's rule for addresses: https, or plain http to this computer only. */
function checkedUrl(raw: string): string {
  const text = trimLikeCore(raw).replace(/\/+$/, "");
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AppError("invalid_input", `“${text}” is not a web address (https://news.example.org)`, "add_destination");
  }
  const local = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) {
    throw new AppError("invalid_input", "Byline sends over https; plain http only to this computer", "add_destination");
  }
  return text;
}

export abstract class FakePublish extends FakeImport {
  protected readonly destinations = new Map<string, Held>();
  /** Oldest first; listed newest first. */
  private readonly outbox: Entry[] = [];
  private nextOutboxId = 1;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Tests may change how long each step of a send takes. */
  sendStepMs = FAKE_SEND_STEP_MS;

  listDestinations(): Promise<Destination[]> {
    return this.call("list_destinations", {}, () => [...this.destinations.values()].map((d) => d.destination));
  }

  addDestination(destination: NewDestination): Promise<Destination> {
    return this.call("add_destination", { destination }, () => {
      const name = trimLikeCore(destination.name);
      if (name === "") throw new AppError("invalid_input", "a destination needs a name", "add_destination");
      if (this.destinations.has(name)) throw new AppError("invalid_input", `there is already a destination named “${name}”`, "add_destination");
      const url = checkedUrl(destination.url);
      const user = destination.kind === "wordpress" ? trimLikeCore(destination.user ?? "") : "";
      if (destination.kind === "wordpress" && user === "") {
        throw new AppError("invalid_input", "WordPress needs the user the application password belongs to", "add_destination");
      }
      const secret = trimLikeCore(destination.secret);
      if (secret === "") throw new AppError("invalid_input", `the ${destination.kind === "ghost" ? "Admin API key" : "application password"} is empty`, "add_destination");
      if (destination.kind === "ghost" && !/^[0-9a-f]+:[0-9a-f]+$/i.test(secret)) {
        throw new AppError("invalid_input", "a Ghost Admin API key looks like id:secret (Settings → Integrations)", "add_destination");
      }
      const d: Destination = { name, kind: destination.kind, url, user: user === "" ? null : user, secret: name.includes("nokeychain") ? "session" : "keychain" };
      this.destinations.set(name, { destination: d, secret });
      return d;
    });
  }

  removeDestination(name: string): Promise<void> {
    return this.call("remove_destination", { name }, () => {
      if (!this.destinations.delete(name)) throw new AppError("not_found", `no destination named “${name}”`, "remove_destination");
    });
  }

  testDestination(name: string, secret: string | null): Promise<ConnectionReport> {
    return this.call("test_destination", { name, secret }, () => {
      const held = this.destination(name, "test_destination");
      const d = held.destination;
      if (held.secret === null && (secret === null || trimLikeCore(secret) === "")) {
        return { ok: false, message: `Byline needs the ${secretName(d)} of ${d.name} to connect.` };
      }
      if (d.url.includes("bad")) {
        return { ok: false, message: `${host(d.url)} refused to sign in (401 Unauthorized): the user name or ${secretName(d)} is wrong.` };
      }
      if (d.url.includes("offline")) return { ok: false, message: `Could not reach ${host(d.url)}: connection refused.` };
      return { ok: true, message: d.kind === "wordpress" ? `Connected to ${host(d.url)} as ${d.user ?? ""}.` : `Connected to ${host(d.url)} through its Admin API.` };
    });
  }

  provideSecret(destination: string, secret: string): Promise<void> {
    return this.call("provide_secret", { destination, secret }, () => {
      const held = this.destination(destination, "provide_secret");
      if (trimLikeCore(secret) === "") throw new AppError("invalid_input", `the ${secretName(held.destination)} is empty`, "provide_secret");
      held.secret = trimLikeCore(secret);
      if (held.destination.secret === "missing") held.destination = { ...held.destination, secret: "session" };
    });
  }

  /** Forgets a destination's secret, as after a restart without a keychain (tests). */
  forgetSecret(name: string): void {
    const held = this.destinations.get(name);
    if (!held) return;
    held.secret = null;
    held.destination = { ...held.destination, secret: "missing" };
  }

  sendStory(request: SendRequest): Promise<OutboxItem> {
    return this.call("send_story", { request }, () => {
      const story = [...this.stories.values()].find((s) => !s.deleted && (s.story.id === request.story || s.story.slug === request.story))?.story;
      if (!story) throw new AppError("not_found", `no story with id ${request.story}`, "send_story");
      const held = this.destination(request.destination, "send_story");
      if (held.secret === null) {
        throw new AppError("invalid_input", `Byline needs the ${secretName(held.destination)} of ${held.destination.name} to send`, "send_story");
      }
      if (request.holdUntil !== null && Number.isNaN(Date.parse(request.holdUntil))) {
        throw new AppError("invalid_input", `“${request.holdUntil}” is not a date and time (RFC 3339)`, "send_story");
      }
      // Sending again replaces an item of the same story and site still waiting.
      const waiting = this.outbox.findIndex((e) => e.item.storyId === story.id && e.item.destination === held.destination.name && e.item.state === "queued");
      if (waiting >= 0) this.outbox.splice(waiting, 1);
      const item: OutboxItem = {
        id: this.nextOutboxId++,
        storyId: story.id,
        slug: story.slug,
        headline: story.headline,
        destination: held.destination.name,
        status: request.status,
        revision: story.revision,
        state: "queued",
        queued: this.now().toISOString(),
        holdUntil: request.holdUntil,
        nextAttempt: null,
        attempts: 0,
        progress: null,
        remoteUrl: null,
        error: null,
        lastSent: null,
        remoteModified: null,
        finished: null,
      };
      this.outbox.push({ item, overwrite: false, photos: story.photos.length });
      this.schedule();
      return item;
    });
  }

  listOutbox(): Promise<OutboxItem[]> {
    return this.call("list_outbox", {}, () => [...this.outbox].reverse().map((e) => e.item));
  }

  retryOutbox(id: number, overwrite: boolean): Promise<OutboxItem> {
    return this.call("retry_outbox", { id, overwrite }, () => {
      const entry = this.entry(id, "retry_outbox");
      const { state } = entry.item;
      if (state !== "failed" && state !== "queued" && state !== "changed") {
        throw new AppError("invalid_input", `item ${id} is ${state}: only an item not sent yet can be tried again`, "retry_outbox");
      }
      entry.overwrite = overwrite;
      entry.item = { ...entry.item, state: "queued", error: null, nextAttempt: null, progress: null };
      this.schedule();
      return entry.item;
    });
  }

  cancelOutbox(id: number): Promise<OutboxItem> {
    return this.call("cancel_outbox", { id }, () => {
      const entry = this.entry(id, "cancel_outbox");
      const { state } = entry.item;
      if (state === "sent" || state === "cancelled" || state === "sending") {
        throw new AppError("invalid_input", `item ${id} is ${state}: only an item waiting can be cancelled`, "cancel_outbox");
      }
      entry.item = { ...entry.item, state: "cancelled", nextAttempt: null, progress: null, finished: this.now().toISOString() };
      this.schedule();
      return entry.item;
    });
  }

  /** How many times the editor said the journalist was typing (not a recorded call: it comes
   * about once a second while keys go in). */
  typingNoted = 0;

  noteTyping(): Promise<void> {
    this.typingNoted += 1;
    return Promise.resolve();
  }

  private destination(name: string, command: string): Held {
    const held = this.destinations.get(name);
    if (!held) throw new AppError("not_found", `no destination named “${name}”`, command);
    return held;
  }

  private entry(id: number, command: string): Entry {
    const entry = this.outbox.find((e) => e.item.id === id);
    if (!entry) throw new AppError("not_found", `no outbox item ${id}`, command);
    return entry;
  }

  /** When an item is next due to move, or null when it waits for the journalist. */
  private dueAt(e: Entry, now: number): number | null {
    const { item } = e;
    if (item.state === "sending") return now + this.sendStepMs;
    if (item.state !== "queued") return null;
    const hold = item.holdUntil === null ? 0 : Date.parse(item.holdUntil);
    const retry = item.nextAttempt === null ? 0 : Date.parse(item.nextAttempt);
    return Math.max(now + this.sendStepMs, hold, retry);
  }

  /** One timer for the earliest item due. */
  private schedule(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const now = this.now().getTime();
    const due = this.outbox.map((e) => this.dueAt(e, now)).filter((t): t is number => t !== null);
    if (due.length === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.stepOutbox();
      this.schedule();
    }, Math.max(0, Math.min(...due) - now));
  }

  /** Moves every item that is due one step along. */
  private stepOutbox(): void {
    const now = this.now();
    const at = now.getTime();
    for (const e of this.outbox) {
      const due = this.dueAt(e, at - this.sendStepMs);
      if (due === null || due > at) continue;
      if (e.item.state === "queued") this.start(e, now);
      else this.advance(e, now);
    }
  }

  /** A queued item's turn: the site is reached (or not), and its first step is taken. */
  private start(e: Entry, now: Date): void {
    const held = this.destinations.get(e.item.destination);
    const item = { ...e.item, attempts: e.item.attempts + 1 };
    if (!held) {
      e.item = { ...item, state: "failed", error: `the destination ${item.destination} was removed` };
      return;
    }
    const url = held.destination.url;
    if (url.includes("offline")) {
      const next = new Date(now.getTime() + FAKE_RETRY_MS).toISOString();
      e.item = { ...item, nextAttempt: next, error: unreachable(url) };
      return;
    }
    if (url.includes("refuse")) {
      e.item = { ...item, state: "failed", error: FAKE_REFUSAL, nextAttempt: null };
      return;
    }
    if (url.includes("edited") && !e.overwrite) {
      const before = this.outbox.filter((o) => o.item.state === "sent" && o.item.storyId === item.storyId && o.item.destination === item.destination);
      const lastSent = before.at(-1)?.item.finished ?? new Date(now.getTime() - 2 * 86_400_000).toISOString();
      // Like the core: the post's address, to look at it before overwriting.
      const remoteUrl = `${url.replace(/\/+$/, "")}/${item.slug}/`;
      e.item = { ...item, state: "changed", lastSent, remoteModified: new Date(now.getTime() - 3_600_000).toISOString(), remoteUrl, error: null, nextAttempt: null };
      return;
    }
    e.item = { ...item, state: "sending", error: null, nextAttempt: null, progress: progressAt(0, e.photos) };
  }

  /** A sending item's next photo, then its post, then done. */
  private advance(e: Entry, now: Date): void {
    const p = e.item.progress ?? progressAt(0, e.photos);
    const done = p.done + 1;
    if (done < p.total) {
      e.item = { ...e.item, progress: progressAt(done, e.photos) };
      return;
    }
    const held = this.destinations.get(e.item.destination);
    const base = (held?.destination.url ?? "").replace(/\/+$/, "");
    e.item = { ...e.item, state: "sent", progress: null, remoteUrl: `${base}/${e.item.slug}/`, finished: now.toISOString() };
    // Like the core: published on the site, the story is published (a new revision); a draft send leaves it alone.
    if (e.item.status === "publish") this.markPublished(e.item.storyId);
  }
}

/**
 * Why a site could not be reached, in the core's words (no time in it: the row shows the next try).
 */
export function unreachable(url: string): string {
  let name = url;
  try {
    name = new URL(url).hostname; // the core names the host without its port
  } catch {
    // not an address: named as written
  }
  return `could not reach ${name}: connection refused (is the site up?); Byline tries again by itself`;
}

/** The progress of a send with `photos` photos after `done` steps (each photo, then the post). */
function progressAt(done: number, photos: number): { done: number; total: number; label: string } {
  const total = photos + 1;
  const label = done < photos ? `Uploading photo ${done + 1} of ${photos}` : "Sending the post";
  return { done, total, label };
}

function secretName(d: Destination): string {
  return d.kind === "ghost" ? "Admin API key" : "application password";
}
