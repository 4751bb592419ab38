// Where dualhome keeps what must outlive a run: the change journal that `undo`
// and the rollback watchdog read. One directory per user; root's is its own
// (/var/lib/dualhome), never the invoking user's $HOME or $XDG_STATE_HOME, which
// follow that user under `sudo -E` and would let them write what root runs.
import path from "node:path";
import type { OsKind } from "../../core/model.js";
import { ensureDir, type Owner, processOwner, type Subject } from "./safe-open.js";

export type Env = Readonly<Record<string, string | undefined>>;

/** Root's state directory on Linux (and other POSIX systems but macOS, whose place is /var/db). */
const ROOT_STATE_DIR = "/var/lib/dualhome";

/**
 * DUALHOME_STATE_DIR, else for root /var/lib/dualhome, else the XDG state directory
 * ($XDG_STATE_HOME/dualhome or ~/.local/state/dualhome), on Windows %LOCALAPPDATA%\dualhome.
 */
export function stateDir(
  os: OsKind | "unsupported",
  env: Env,
  home: string,
  euid: number | null = processOwner()?.euid ?? null,
): string {
  const own = env.DUALHOME_STATE_DIR?.trim();
  if (own) return own;
  if (os === "windows") {
    const local = env.LOCALAPPDATA?.trim() || path.win32.join(home, "AppData", "Local");
    return path.win32.join(local, "dualhome");
  }
  if (euid === 0) return os === "darwin" ? "/var/db/dualhome" : ROOT_STATE_DIR;
  // The XDG spec says a relative XDG_STATE_HOME is invalid and must be ignored.
  const xdg = env.XDG_STATE_HOME?.trim();
  if (xdg && path.posix.isAbsolute(xdg)) return path.posix.join(xdg, "dualhome");
  return path.posix.join(home, ".local", "state", "dualhome");
}

export function journalPathIn(dir: string, os: OsKind | "unsupported"): string {
  return (os === "windows" ? path.win32 : path.posix).join(dir, "journal.jsonl");
}

/** How a refused state directory or a file in it is named, and what fixes it. */
export function stateSubject(o: Owner | null, what = "state directory"): Subject {
  const owned = o?.euid === 0 ? "a root-owned directory" : "a directory you own";
  return { label: what, remedy: `remove it or set DUALHOME_STATE_DIR to ${owned}` };
}

/** Creates the directory (owner only: the journal names hosts, users and sessions), checking it. */
export function ensureStateDir(dir: string, o: Owner | null = processOwner()): void {
  ensureDir(dir, o, stateSubject(o));
}
