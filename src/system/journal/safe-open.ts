// Files that root must be able to trust: the state directory, the journal, the
// watchdog log. A directory or file another user can change would let them make
// root run a command or write through a link, so each one is checked (owner,
// mode, never a link) and refused with one line saying how to fix it, never
// chmodded behind the operator's back. POSIX only: on Windows `owner` is null.
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  realpathSync,
  type Stats,
} from "node:fs";
import path from "node:path";

/** Who must own what we trust; `strict` (root) adds the mode and parent checks. */
export interface Owner {
  euid: number;
  strict: boolean;
}

/** This process, or null where there are no uids (Windows). */
export function processOwner(): Owner | null {
  const euid = process.geteuid?.();
  return euid === undefined ? null : { euid, strict: euid === 0 };
}

export class UnsafePathError extends Error {}

/** What a path is, for the message, and what to do when it is refused. */
export interface Subject {
  label: string;
  remedy: string;
}

const WRITABLE_BY_OTHERS = 0o022;
const STICKY = 0o1000;
// Undefined on Windows, where no check below runs.
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const NONBLOCK = constants.O_NONBLOCK ?? 0;

const whoText = (o: Owner) => (o.euid === 0 ? "root" : `you (uid ${o.euid})`);
const modeText = (st: Stats) => `0${(st.mode & 0o7777).toString(8)}`;

function refuse(s: Subject, p: string, why: string): never {
  throw new UnsafePathError(`${s.label} ${p} ${why}: ${s.remedy}`);
}

function lstatOrNull(p: string): Stats | null {
  try {
    return lstatSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

function checkOwned(s: Subject, p: string, st: Stats, o: Owner, kind: "directory" | "file"): void {
  if (st.uid !== o.euid) refuse(s, p, `is owned by uid ${st.uid}, not ${whoText(o)}`);
  if (o.strict && (st.mode & WRITABLE_BY_OTHERS) !== 0)
    refuse(s, p, `is writable by group or others (mode ${modeText(st)})`);
  if (o.strict && kind === "file" && st.nlink !== 1) refuse(s, p, `has ${st.nlink} hard links`);
}

/** Root: every parent must be root's (or ours) and not writable by others, unless sticky (/tmp). */
function checkParents(s: Subject, dir: string, o: Owner): void {
  let p = realpathSync(path.dirname(path.resolve(dir)));
  for (;;) {
    const st = lstatSync(p);
    if (st.uid !== 0 && st.uid !== o.euid) refuse(s, dir, `is inside ${p}, which uid ${st.uid} owns`);
    if ((st.mode & WRITABLE_BY_OTHERS) !== 0 && (st.mode & STICKY) === 0)
      refuse(s, dir, `is inside ${p}, which group or others can write (mode ${modeText(st)})`);
    const up = path.dirname(p);
    if (up === p) return;
    p = up;
  }
}

/** Checks an existing directory (never a link); false when there is none. */
export function checkDir(dir: string, o: Owner | null, s: Subject): boolean {
  if (o === null) return true;
  const st = lstatOrNull(dir);
  if (st === null) return false;
  if (st.isSymbolicLink()) refuse(s, dir, "is a symbolic link");
  if (!st.isDirectory()) refuse(s, dir, "is not a directory");
  checkOwned(s, dir, st, o, "directory");
  if (o.strict) checkParents(s, dir, o);
  return true;
}

/** Creates `dir` and its missing parents one at a time (0700), checking each one made, then `dir`. */
export function ensureDir(dir: string, o: Owner | null, s: Subject): void {
  if (o === null) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return;
  }
  const abs = path.resolve(dir);
  const missing: string[] = [];
  for (let p = abs; lstatOrNull(p) === null; p = path.dirname(p)) missing.unshift(p);
  for (const p of missing) {
    try {
      mkdirSync(p, { mode: 0o700 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const st = lstatSync(p);
    if (st.isSymbolicLink() || !st.isDirectory())
      refuse(s, p, "appeared as something else while being created");
    if (st.uid !== o.euid) refuse(s, p, `is owned by uid ${st.uid}, not ${whoText(o)}`);
  }
  checkDir(abs, o, s);
}

/**
 * Opens a file without following a link and checks what was opened (a regular
 * file, ours, not writable by others for root). `append` creates it (0600);
 * `read` returns null when there is none.
 */
export function openOwned(file: string, how: "append" | "read", o: Owner | null, s: Subject): number | null {
  const flags =
    how === "append"
      ? constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | NOFOLLOW | NONBLOCK
      : constants.O_RDONLY | NOFOLLOW | NONBLOCK;
  let fd: number;
  try {
    fd = openSync(file, flags, 0o600);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (how === "read" && code === "ENOENT") return null;
    // Linux and macOS say ELOOP for O_NOFOLLOW on a link, FreeBSD EMLINK.
    if (o !== null && (code === "ELOOP" || code === "EMLINK"))
      refuse(s, file, "is a symbolic link (not followed)");
    throw e;
  }
  if (o === null) return fd;
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) refuse(s, file, "is not a regular file");
    checkOwned(s, file, st, o, "file");
    return fd;
  } catch (e) {
    closeQuietly(fd);
    throw e;
  }
}

export function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // nothing more to do with a descriptor we are giving up
  }
}
