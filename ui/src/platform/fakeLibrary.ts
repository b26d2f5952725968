/**
 * The fake core's library as a whole: its settings (base URL, credit template, agency table, checked
 * like the core, all or nothing), its size, how it opened (health), and its backups: back up now,
 * restore (after a safety backup) and the recovery of a damaged library.
 */
import { AppError } from "./errors";
import { ALPHANUMERIC, clone, creditLine, trimLikeCore, type Stored } from "./fakeCore";
import { FakeExport } from "./fakeExport";
import type { Agency, Backup, LibraryHealth, LibraryInfo, LibrarySettings, LibraryState } from "./types";
// The workspace's version, as the core reports it (written by scripts/licences.mjs from Cargo).
import { version } from "../generated/version.json";

/** Letters and digits only, lower-cased: how the core compares spellings (its `squash`). */
const squash = (s: string): string =>
  [...s]
    .filter((c) => ALPHANUMERIC.test(c))
    .map((c) => c.toLowerCase())
    .join("");

/** Orders strings as Rust does: by code point (JS's `<` compares UTF-16 units). */
function byCodePoint(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i].codePointAt(0) ?? 0) - (y[i].codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** Longest agency name the core takes, in characters. */
const MAX_AGENCY_NAME_CHARS = 100;

/**
 * The core's check of an edited agency table (`agency_rows`), returning the table as it would be
 * read back (`group_agencies`); a refusal is an AppError with the core's message.
 */
export function checkAgencies(agencies: Agency[]): Agency[] {
  const refuse = (message: string) => new AppError("invalid_input", message, "set_library_settings");
  const owner = new Map<string, string>();
  const rows: Array<{ spelling: string; name: string }> = [];
  for (const a of agencies) {
    const name = trimLikeCore(a.name);
    if (squash(name) === "") {
      const spelt = a.spellings.join(", ");
      throw refuse(trimLikeCore(spelt) === "" ? "an agency needs a name" : `the agency spelt ${spelt} needs a name to print`);
    }
    if ([...name].length > MAX_AGENCY_NAME_CHARS) throw refuse(`the agency name \`${name}\` is longer than ${MAX_AGENCY_NAME_CHARS} characters`);
    for (const spelling of [name, ...a.spellings.map(trimLikeCore)]) {
      const key = squash(spelling);
      if (key === "") continue;
      const other = owner.get(key);
      if (other !== undefined && other !== name) throw refuse(`“${spelling}” cannot print as both ${other} and ${name}; keep it under one agency`);
      owner.set(key, name);
      // Spellings differing only in case are one row (the table ignores case).
      if (!rows.some((r) => r.spelling.toLowerCase() === spelling.toLowerCase())) rows.push({ spelling, name });
    }
  }
  const out: Agency[] = [];
  for (const { spelling, name } of rows) {
    let agency = out.find((a) => a.name === name);
    if (!agency) out.push((agency = { name, spellings: [] }));
    if (spelling.toLowerCase() !== name.toLowerCase()) agency.spellings.push(spelling);
  }
  for (const a of out) a.spellings.sort((x, y) => byCodePoint(x.toLowerCase(), y.toLowerCase()));
  return out.sort((x, y) => byCodePoint(x.name.toLowerCase(), y.name.toLowerCase()));
}

/** A backup in the fake: what the library held when it was made; `good` false = fails its check. */
type FakeBackup = { backup: Backup; stories: Map<string, Stored>; settings: LibrarySettings; good: boolean };

/** Where the fake's library "lives" (its health and backups name it). */
const FAKE_LIBRARY_PATH = "(in memory)";

export abstract class FakeLibrary extends FakeExport {
  /** The library's backups, newest first. */
  private readonly backupList: FakeBackup[] = [];
  private lastBackupMillis = 0;

  librarySettings(): Promise<LibrarySettings> {
    return this.call("library_settings", {}, () => this.settings);
  }

  /**
   * Checks like the core: an http(s) base URL or none; a template with `{credit}` in it; every
   * agency named, and no spelling printing as two agencies.
   */
  setLibrarySettings(settings: LibrarySettings): Promise<LibrarySettings> {
    return this.call("set_library_settings", { settings }, () => {
      const base = settings.baseUrl?.trim() ?? "";
      if (base !== "") {
        const lower = base.toLowerCase();
        const rest = lower.startsWith("https://") ? lower.slice(8) : lower.startsWith("http://") ? lower.slice(7) : null;
        const ok = rest !== null && rest !== "" && !rest.startsWith("/") && !/[\s\p{Cc}"<>\\]/u.test(base);
        if (!ok) {
          throw new AppError(
            "invalid_input",
            `the base URL \`${[...base].slice(0, 80).join("")}\` is refused: it must start with https:// or http:// and hold no spaces`,
            "set_library_settings",
          );
        }
      }
      const template = settings.creditTemplate;
      if (!template.includes("{credit}")) {
        throw new AppError("invalid_input", `the credit template \`${template}\` has no {credit} placeholder`, "set_library_settings");
      }
      const agencies = checkAgencies(settings.agencies);
      this.settings = { baseUrl: base === "" ? null : base.replace(/\/+$/, ""), creditTemplate: template, agencies };
      for (const { story } of this.stories.values()) for (const u of story.photos) u.creditLine = creditLine(u.credit, template);
      return this.settings;
    });
  }

  libraryInfo(): Promise<LibraryInfo> {
    return this.call("library_info", {}, () => ({
      path: "(in memory)",
      stories: [...this.stories.values()].filter((e) => !e.deleted).length,
      version,
    }));
  }

  // ------------------------------------------------------------------------------ health and backups

  private health(): LibraryHealth {
    const damaged = this.state !== "ok";
    const backups = damaged ? this.backupList.map((b) => b.backup) : [];
    const good = damaged ? (this.backupList.find((b) => b.good)?.backup ?? null) : null;
    return {
      state: this.state,
      path: FAKE_LIBRARY_PATH,
      message: this.healthMessage,
      afterUncleanShutdown: this.afterUncleanShutdown,
      backups,
      newestGoodBackup: good,
    };
  }

  /** Test hook: the library is found damaged (read-only) or cannot be opened at all. */
  damage(state: Exclude<LibraryState, "ok">, message = "the library is damaged: database disk image is malformed"): void {
    this.state = state;
    this.healthMessage = message;
  }

  /** Test hook: a backup that no longer passes its check (a recovery from it fails). */
  spoilBackup(file: string): void {
    const b = this.backupList.find((x) => x.backup.file === file);
    if (b) b.good = false;
  }

  /** Makes a backup of what the library holds now (also a test hook; `at` backdates it). */
  makeBackup(reason: string, at: Date = this.now()): Backup {
    const millis = Math.max(at.getTime(), this.lastBackupMillis + 1);
    this.lastBackupMillis = Math.max(this.lastBackupMillis, millis);
    const stories = new Map([...this.stories].map(([id, e]) => [id, clone(e)]));
    const bytes = JSON.stringify([...stories.values()]).length + 4096;
    const backup: Backup = { file: `${FAKE_LIBRARY_PATH}/backups/backup-${millis}-${reason}.sqlite`, made: new Date(millis).toISOString(), bytes, reason };
    this.backupList.push({ backup, stories, settings: clone(this.settings), good: true });
    this.backupList.sort((a, b) => b.backup.made.localeCompare(a.backup.made));
    return backup;
  }

  private findBackup(file: string, command: string): FakeBackup {
    const b = this.backupList.find((x) => x.backup.file === file);
    if (!b) throw new AppError("invalid_input", "that backup is not one of this library's backups", command);
    if (!b.good) throw new AppError("library", `${file} is not a Byline library (left untouched): integrity check failed`, command);
    return b;
  }

  /** The library's content becomes the backup's. */
  private putBack(b: FakeBackup): void {
    this.stories.clear();
    for (const [id, e] of b.stories) this.stories.set(id, clone(e));
    this.settings = clone(b.settings);
  }

  libraryHealth(): Promise<LibraryHealth> {
    return this.call("library_health", {}, () => this.health());
  }

  listBackups(): Promise<Backup[]> {
    return this.call("list_backups", {}, () => this.backupList.map((b) => b.backup));
  }

  backupNow(): Promise<Backup> {
    return this.call("backup_now", {}, () => this.makeBackup("manual"));
  }

  /** Like the core: checks the backup, backs up what is there now, then puts the backup back. */
  restoreBackup(file: string): Promise<Backup> {
    return this.call("restore_backup", { file }, () => {
      const b = this.findBackup(file, "restore_backup");
      const safety = this.makeBackup("before-restore");
      this.putBack(b);
      return safety;
    });
  }

  /** Like the core: only a damaged library; the damaged one is "kept aside", the backup put back. */
  recoverLibrary(file: string): Promise<LibraryHealth> {
    return this.call("recover_library", { file }, () => {
      if (this.state === "ok") throw new AppError("unknown", "the library is not damaged; restore a backup instead", "recover_library");
      const b = this.findBackup(file, "recover_library");
      this.putBack(b);
      this.state = "ok";
      this.afterUncleanShutdown = false;
      this.healthMessage = `Restored the backup of ${b.backup.made.slice(0, 10)}. The damaged library was kept in ${FAKE_LIBRARY_PATH}/damaged-${this.now().getTime()}.`;
      return this.health();
    });
  }
}
