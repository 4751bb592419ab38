// Where dualhome keeps what must outlive a run: the change journal that `undo`
// and the rollback watchdog read. One directory per user (root under sudo).
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { OsKind } from "../core/model.js";

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * DUALHOME_STATE_DIR, else the XDG state directory ($XDG_STATE_HOME/dualhome or
 * ~/.local/state/dualhome), on Windows %LOCALAPPDATA%\dualhome.
 */
export function stateDir(os: OsKind | "unsupported", env: Env, home: string): string {
  const own = env.DUALHOME_STATE_DIR?.trim();
  if (own) return own;
  if (os === "windows") {
    const local = env.LOCALAPPDATA?.trim() || path.win32.join(home, "AppData", "Local");
    return path.win32.join(local, "dualhome");
  }
  // The XDG spec says a relative XDG_STATE_HOME is invalid and must be ignored.
  const xdg = env.XDG_STATE_HOME?.trim();
  if (xdg && path.posix.isAbsolute(xdg)) return path.posix.join(xdg, "dualhome");
  return path.posix.join(home, ".local", "state", "dualhome");
}

export function journalPathIn(dir: string, os: OsKind | "unsupported"): string {
  return (os === "windows" ? path.win32 : path.posix).join(dir, "journal.jsonl");
}

/** Creates the directory (owner only: the journal names hosts, users and sessions). */
export function ensureStateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}
