/**
 * `AppError`: a core error (`{kind, message}` over IPC) rethrown as an Error that also names the
 * command that failed, so the UI can branch on `kind` (e.g. "conflict") and logs say where.
 */
import type { ErrorKind } from "./types";

const KINDS: readonly string[] = ["not_found", "conflict", "invalid_document", "invalid_input", "library", "io"];

export class AppError extends Error {
  readonly kind: ErrorKind | "unknown";
  readonly command: string;

  constructor(kind: ErrorKind | "unknown", message: string, command: string) {
    super(message);
    this.name = "AppError";
    this.kind = kind;
    this.command = command;
  }

  /** Turns whatever a command rejected with into an AppError. */
  static from(raw: unknown, command: string): AppError {
    if (raw instanceof AppError) return raw;
    if (typeof raw === "object" && raw !== null && "kind" in raw && "message" in raw) {
      const { kind, message } = raw as { kind: unknown; message: unknown };
      const k = typeof kind === "string" && KINDS.includes(kind) ? (kind as ErrorKind) : "unknown";
      return new AppError(k, String(message), command);
    }
    if (raw instanceof Error) return new AppError("unknown", raw.message, command);
    return new AppError("unknown", String(raw), command);
  }
}

export function isConflict(err: unknown): boolean {
  return err instanceof AppError && err.kind === "conflict";
}
