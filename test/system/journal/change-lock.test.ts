// The change lock: one holder at a time, a dead holder's lock broken, a live
// one waited for and then refused in one line, never a symlink followed.
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ChangeLockBusy, fileChangeLock } from "../../../src/system/journal/change-lock.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function dir(): string {
  const d = mkdtempSync(path.join(tmpdir(), "dh-lock-"));
  dirs.push(d);
  return d;
}
/** Time that moves only when the lock sleeps: a wait is counted, never timed. */
function fakeTime() {
  let now = Date.now();
  const sleep = async (ms: number) => {
    now += ms;
  };
  return { now: () => now, sleep };
}

describe("fileChangeLock", () => {
  it("holds a file with its pid while fn runs, mode 0600, and removes it after, also when fn throws", async () => {
    const d = dir();
    const lock = fileChangeLock(d, { pid: 4242 });
    const seen = await lock.hold(async () => readFileSync(path.join(d, "change.lock"), "utf8"));
    expect(seen).toMatch(/^4242 [0-9a-f]{16}\n$/);
    expect(existsSync(path.join(d, "change.lock"))).toBe(false);
    await expect(lock.hold(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(existsSync(path.join(d, "change.lock"))).toBe(false);
  });

  it("a second holder waits for the first; when the wait is over, it is refused naming the holder's pid", async () => {
    const d = dir();
    const t = fakeTime();
    const other = fileChangeLock(d, { pid: 111, alive: () => true, waitMs: 1000, ...t });
    await other.hold(async () => {
      const me = fileChangeLock(d, { pid: 222, alive: () => true, waitMs: 1000, ...t });
      const err = await me.hold(async () => "ran").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ChangeLockBusy);
      expect((err as Error).message).toBe("another dualhome change is in progress (pid 111): try again");
    });
    expect(t.now()).toBeGreaterThanOrEqual(1000);
  });

  it("serializes holders in one process: the second runs after the first released", async () => {
    const d = dir();
    const order: string[] = [];
    const a = fileChangeLock(d, { pid: 1, alive: () => true, pollMs: 5 });
    const b = fileChangeLock(d, { pid: 2, alive: () => true, pollMs: 5 });
    let release = () => {};
    const first = a.hold(async () => {
      order.push("a in");
      await new Promise<void>((r) => {
        release = r;
      });
      order.push("a out");
    });
    const second = b.hold(async () => order.push("b in"));
    await new Promise((r) => setTimeout(r, 30));
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(["a in", "a out", "b in"]);
  });

  it("a lock left by a dead process (kill -9) is broken", async () => {
    const d = dir();
    writeFileSync(path.join(d, "change.lock"), "999999 deadbeefdeadbeef\n");
    const lock = fileChangeLock(d, { pid: 5, alive: (p) => p !== 999999 });
    expect(await lock.hold(async () => "ran")).toBe("ran");
    expect(existsSync(path.join(d, "change.lock"))).toBe(false);
  });

  it("a lock older than any apply (left before a reboot, its pid now another program's) is broken", async () => {
    const d = dir();
    const file = path.join(d, "change.lock");
    writeFileSync(file, "1 deadbeefdeadbeef\n");
    utimesSync(file, new Date(Date.now() - 600_000), new Date(Date.now() - 600_000));
    const lock = fileChangeLock(d, { pid: 5, alive: () => true });
    expect(await lock.hold(async () => "ran")).toBe("ran");
  });

  it("a symlink in its place is neither followed nor broken: refused, the target untouched", async () => {
    const d = dir();
    const target = path.join(d, "target");
    writeFileSync(target, "precious\n");
    symlinkSync(target, path.join(d, "change.lock"));
    const t = fakeTime();
    const lock = fileChangeLock(d, { pid: 5, waitMs: 200, ...t });
    await expect(lock.hold(async () => "ran")).rejects.toThrow(
      "another dualhome change is in progress (pid unknown)",
    );
    expect(readFileSync(target, "utf8")).toBe("precious\n");
  });
});
