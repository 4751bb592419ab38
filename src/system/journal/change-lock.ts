// One change at a time per state directory: "check what is pending, journal the
// intent, apply, journal the result" runs under this lock, so two terminals, or
// the TUI and the CLI, never interleave their changes in the journal or on the
// table. Node has no flock/fcntl, and a native addon is not worth a dependency,
// so the lock is a file made with O_EXCL (atomic on local filesystems) holding
// the holder's pid and a token. A holder killed with -9 leaves the file behind:
// a lock whose pid is dead is stale and is broken by renaming it away and
// checking that what was renamed is still the stale one (so two breakers never
// remove each other's fresh lock). A lock older than any apply takes (5 min) is
// stale too: the state directory outlives a reboot, and its pid may by then be
// another program's. Held for the apply only, never during a confirmation or a
// countdown; the watchdog never takes it (its revert is due).
import { randomBytes } from "node:crypto";
import {
  closeSync,
  constants,
  fstatSync,
  linkSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  unlinkSync,
} from "node:fs";
import path from "node:path";
import { faultText, writeAll } from "./write-fault.js";

export interface ChangeLock {
  /** Runs `fn` holding the lock; throws ChangeLockBusy when another holder keeps it past the wait. */
  hold<T>(fn: () => Promise<T>): Promise<T>;
}

export class ChangeLockBusy extends Error {
  constructor(readonly pid: number | null) {
    super(`another dualhome change is in progress (pid ${pid ?? "unknown"}): try again`);
  }
}

interface FileLockOptions {
  /** How long to wait for another holder (default 10 s: an apply takes well under that). */
  waitMs?: number;
  pollMs?: number;
  pid?: number;
  /** Past this age a lock is stale whoever holds it (default 5 min). */
  staleMs?: number;
  /** Whether pid runs; default process.kill(pid, 0), where EPERM still means alive. */
  alive?: (pid: number) => boolean;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** "pid token" from a lock file, or null when it is gone or unreadable (a symlink, a holder mid-write). */
function readLock(file: string): { pid: number; text: string; mtimeMs: number } | null {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | NOFOLLOW);
  } catch {
    return null;
  }
  try {
    const buf = Buffer.alloc(128);
    const text = buf.subarray(0, readSync(fd, buf, 0, buf.length, 0)).toString("utf8");
    const pid = Number(/^(\d+) /.exec(text)?.[1]);
    return Number.isSafeInteger(pid) && pid > 0 ? { pid, text, mtimeMs: fstatSync(fd).mtimeMs } : null;
  } finally {
    closeSync(fd);
  }
}

export function fileChangeLock(dir: string, o: FileLockOptions = {}): ChangeLock {
  const file = path.join(dir, "change.lock");
  const pid = o.pid ?? process.pid;
  const alive = o.alive ?? pidAlive;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = o.now ?? Date.now;

  function tryTake(text: string): boolean {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    let fd: number;
    try {
      fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw new Error(`cannot take the change lock ${file}: ${(e as Error).message}`);
    }
    try {
      writeAll(fd, Buffer.from(text));
    } catch (e) {
      // An empty lock would hold up every later change: take it back out.
      closeSync(fd);
      unlinkSync(file);
      throw new Error(`cannot take the change lock ${file}: ${faultText(e)}`);
    }
    closeSync(fd);
    return true;
  }

  /** Removes the lock when its holder is dead; true when it did (or the file is gone). */
  function breakStale(seen: { pid: number; text: string }): boolean {
    const aside = `${file}.stale-${pid}-${randomBytes(4).toString("hex")}`;
    try {
      renameSync(file, aside);
    } catch {
      return true;
    }
    const moved = readLock(aside);
    if (moved && moved.text !== seen.text) {
      // A fresh lock taken after we looked: give it back (link fails if yet another one is there).
      try {
        linkSync(aside, file);
      } catch {
        // that newer one holds now
      }
    }
    unlinkSync(aside);
    return true;
  }

  return {
    async hold(fn) {
      const text = `${pid} ${randomBytes(8).toString("hex")}\n`;
      const deadline = now() + (o.waitMs ?? 10_000);
      let holder: number | null = null;
      while (!tryTake(text)) {
        const seen = readLock(file);
        holder = seen?.pid ?? null;
        const stale =
          seen && (now() - seen.mtimeMs > (o.staleMs ?? 300_000) || (seen.pid !== pid && !alive(seen.pid)));
        if (seen && stale && breakStale(seen)) continue;
        if (now() >= deadline) throw new ChangeLockBusy(holder);
        await sleep(o.pollMs ?? 100);
      }
      try {
        return await fn();
      } finally {
        if (readLock(file)?.text === text) unlinkSync(file);
      }
    },
  };
}

/** No lock: the demo and tests with a journal in memory, where one process is all there is. */
export const noChangeLock: ChangeLock = { hold: (fn) => fn() };
