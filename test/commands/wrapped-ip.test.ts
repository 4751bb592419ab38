// snapshot against a stand-in `ip` first on PATH (it hands everything but `route` to
// the real one): garbage from ip is a failed part with the reason, not "Routes 0" and
// "no findings"; an ip whose child keeps stdout open no longer holds the timeout.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const BIN = path.resolve(import.meta.dirname, "../../bin/dualhome.js");
const REAL_IP = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"].find(
  (p) => spawnSync(p, ["-V"]).status === 0,
);
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A PATH whose `ip` runs `routeScript` for any `… route …` and the real ip otherwise. */
function wrappedPath(routeScript: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "dh-wrapped-ip-"));
  dirs.push(dir);
  writeFileSync(
    path.join(dir, "ip"),
    `#!/bin/sh\ncase " $* " in *" route "*) ${routeScript} ;; esac\nexec ${REAL_IP} "$@"\n`,
    { mode: 0o755 },
  );
  return `${dir}:${process.env.PATH ?? ""}`;
}

/** Whether a process runs (a zombie waiting to be reaped does not). */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

function snapshot(pathEnv: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, "snapshot", ...args], {
    encoding: "utf8",
    env: { ...process.env, PATH: pathEnv, NO_COLOR: "1" },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!REAL_IP)("a stand-in ip", () => {
  it("garbage for the routes is a failed part with the reason", () => {
    const p = wrappedPath(`echo '["garbage", 42, {"nonsense": true}]'; exit 0`);
    const j = JSON.parse(snapshot(p, "--json").stdout);
    expect(j.parts.routes.ok).toBe(false);
    expect(j.parts.routes.error).toMatch(
      /^nothing in the output could be read \(3 unreadable entries; first: /,
    );
    const t = snapshot(p);
    expect(t.stdout).toMatch(/^ {2}routes: FAILED: nothing in the output could be read/m);
    expect(t.stdout).not.toMatch(/^Routes \(0/m);
  });

  it("an ip that leaves a child holding stdout fails the part at the timeout, and ends the child", () => {
    // Before: the 10 s timeout waited for the sleeper's 630 s.
    const p = wrappedPath('sleep 630 & echo $! >> "$(dirname "$0")/sleepers"; sleep 630; exit 0');
    const r = snapshot(p, "--json");
    expect(r.code, r.stderr).toBe(2);
    const j = JSON.parse(r.stdout);
    expect(j.parts.routes).toMatchObject({ ok: false, error: "ip did not answer within 10 s" });
    const sleepers = readFileSync(path.join(p.split(":")[0] as string, "sleepers"), "utf8")
      .trim()
      .split("\n");
    expect(sleepers.length).toBeGreaterThan(0);
    for (const pid of sleepers) expect(running(Number(pid)), `sleeper ${pid}`).toBe(false);
  }, 60_000);
});
